"""WhatsApp Cloud API webhooks: verify challenge, signature check, and JSON -> Inbound / StatusEvent."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from bot.core.messages import Inbound, Location, Media, MediaKind
from handlers.whatsapp import schema

_T = TypeVar("_T")

CHANNEL = "whatsapp"
ID_SEPARATOR = "|"  # reply ids we send are "{prompt_id}|{option_id}"

_MEDIA_KINDS: dict[str, MediaKind] = {
    "image": "photo",
    "document": "document",
    "video": "video",
    "sticker": "sticker",
}
# Notices about the account, not something the citizen said: answering them would be noise.
_IGNORED_TYPES = frozenset({"system"})
# WhatsApp has no bot commands, but people used to Telegram type them: "/status LPR-…" works the same here.
COMMANDS = {"start": "start", "batal": "cancel", "cancel": "cancel", "bantuan": "help", "help": "help",
            "status": "status", "cek": "status", "bahasa": "language", "language": "language", "menu": "menu",
            "kembali": "back", "back": "back"}


@dataclass(frozen=True, slots=True)
class Contact:
    """Who sent a batch: WhatsApp's contacts[] entry (wa_id is the phone number, when shared)."""

    user_id: str | None
    wa_id: str | None
    display_name: str | None = None


@dataclass(frozen=True, slots=True)
class StatusEvent:
    """A delivery report for a message we sent: sent, delivered, read or failed."""

    message_id: str
    status: str
    recipient: str
    timestamp: int
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def error_code(self) -> int | None:
        """The first error code of a failed message (131047 = the 24-hour window is closed)."""
        for error in self.errors:
            code = error.get("code")
            if isinstance(code, int):
                return code
        return None


@dataclass(frozen=True, slots=True)
class WebhookBatch:
    """Everything one webhook POST carried."""

    inbound: list[Inbound] = field(default_factory=list)
    statuses: list[StatusEvent] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    malformed: list[str] = field(default_factory=list, compare=False)  # why parts were skipped (no content)


def verify_challenge(params: Mapping[str, str], verify_token: str) -> str | None:
    """The hub.challenge to echo when Meta's subscription check carries our token, else None."""
    if params.get("hub.mode") != "subscribe" or not verify_token:
        return None
    offered = params.get("hub.verify_token") or ""
    if not hmac.compare_digest(offered.encode(), verify_token.encode()):
        return None
    return params.get("hub.challenge")


def valid_signature(raw_body: bytes, header: str | None, app_secret: str) -> bool:
    """Whether X-Hub-Signature-256 is the HMAC-SHA256 of the raw body under our app secret."""
    if not header or not app_secret:
        return False
    scheme, _, received = header.strip().partition("=")
    if scheme != "sha256" or not received:
        return False
    expected = hmac.new(app_secret.encode(), raw_body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), received.strip().lower().encode())


def split_reply_id(raw: str) -> tuple[str | None, str]:
    """Split a reply id we sent into (prompt_id, option_id); a plain id has no prompt."""
    prompt_id, sep, option_id = raw.rpartition(ID_SEPARATOR)
    if not sep or not prompt_id or not option_id:
        return None, raw
    return prompt_id, option_id


def parse_webhook(body: Mapping[str, Any] | bytes, phone_number_id: str | None = None) -> WebhookBatch:
    """Parse a messages webhook into channel-neutral Inbound messages and delivery statuses.

    Each part is checked against the shapes we read (handlers/whatsapp/schema.py): a malformed part is
    counted in `malformed` and skipped, never an exception, and its neighbours are still handled. Raw bytes
    that are not a JSON object are one malformed body. With phone_number_id, changes addressed to the
    app's other business numbers are left out: one app's webhook carries every number it serves.
    """
    batch = WebhookBatch()
    try:
        data = schema.decode_body(body) if isinstance(body, bytes) else body
        envelope = schema.check(data, schema.Body)
    except schema.Malformed as error:
        batch.malformed.append(str(error))
        return batch
    for value in _values(envelope, batch):
        metadata = value.metadata
        if phone_number_id is not None and metadata is not None and metadata.phone_number_id \
                and metadata.phone_number_id != phone_number_id:
            continue
        contacts = [_contact(c) for c in _each(value.contacts, schema.Contact, batch)]
        batch.contacts.extend(contacts)
        for message in _each(value.messages, schema.Message, batch):
            inbound = _inbound(schema.clean_message(message), contacts)
            if inbound is not None:
                batch.inbound.append(inbound)
        for status in _each(value.statuses, schema.Status, batch):
            if status.id:
                batch.statuses.append(_status(status))
    return batch


def _each(items: list[Any], kind: type[_T], batch: WebhookBatch) -> Iterator[_T]:
    """Each item that has the shape; the others counted as malformed (a plain string among them is junk)."""
    for item in items:
        try:
            yield schema.check(item, kind)
        except schema.Malformed as error:
            batch.malformed.append(str(error))


def _values(body: schema.Body, batch: WebhookBatch) -> Iterator[schema.Value]:
    """Each change value of the messages field (other subscribed fields are not ours)."""
    for entry in _each(body.entry, schema.Entry, batch):
        for change in _each(entry.changes, schema.Change, batch):
            if change.field == "messages":
                yield from _each([change.value], schema.Value, batch)


def _contact(raw: schema.Contact) -> Contact:
    raw = schema.clean_contact(raw)
    return Contact(user_id=raw.user_id, wa_id=raw.wa_id, display_name=raw.profile.name if raw.profile else None)


def _sender(message: schema.Message, contacts: list[Contact]) -> Contact | None:
    """The contact entry for a message's sender; a lone contact is the sender."""
    wa_id, user_id = message.from_, message.from_user_id
    for contact in contacts:
        if (wa_id and contact.wa_id == wa_id) or (user_id and contact.user_id == user_id):
            return contact
    return contacts[0] if len(contacts) == 1 else None


def _inbound(message: schema.Message, contacts: list[Contact]) -> Inbound | None:
    kind = message.type or "unknown"
    if kind in _IGNORED_TYPES or not message.id:
        return None
    sender = _sender(message, contacts)
    wa_id = message.from_ or (sender.wa_id if sender else None)
    # The business-scoped user id survives usernames hiding the phone number, so it is the key.
    user_id = message.from_user_id or (sender.user_id if sender else None) or wa_id
    if not user_id:
        return None
    fields = _content(kind, message)
    if fields is None:
        return None
    return Inbound(
        channel=CHANNEL,
        user_id=user_id,
        message_id=message.id,
        display_name=sender.display_name if sender else None,
        phone=wa_id or None,
        **fields,
    )


def _content(kind: str, message: schema.Message) -> dict[str, Any] | None:
    """The Inbound fields for one message type; None for a message that carries nothing."""
    if kind == "text":
        return _text(message.text.body if message.text else "")
    if kind == "interactive":
        data = message.interactive
        reply = getattr(data, data.type, None) if data and data.type in ("button_reply", "list_reply") else None
        if isinstance(reply, schema.ReplyButton):
            return _choice(reply.id)
        return {"unsupported": "interactive"}  # e.g. a Flow reply (nfm_reply): we send no Flows
    if kind == "button":  # a quick-reply button on a template message
        button = message.button or schema.TemplateButton()
        if button.payload:
            return _choice(button.payload)
        return {"text": button.text or ""}
    if kind == "location":
        loc = message.location
        if loc is None:
            return {"unsupported": "location"}
        return {"location": Location(lat=loc.latitude, lon=loc.longitude, name=loc.name, address=loc.address)}
    if kind in _MEDIA_KINDS or kind == "audio":
        return _media(kind, getattr(message, kind, None) or schema.MediaItem())
    if kind == "reaction":
        # An emoji reaction answers the way typing it would (a thumbs-up is a yes); which message
        # was reacted to is ignored. Removing a reaction sends an empty emoji: nothing to answer.
        emoji = message.reaction.emoji if message.reaction else None
        return {"text": emoji} if emoji else None
    # contacts carry other people's phone numbers: name the type only, copy nothing.
    return {"unsupported": kind}


def _text(body: str) -> dict[str, Any]:
    """A typed message; "/batal" or "/status LPR-…" become the command Telegram users know."""
    if body.startswith("/"):
        head, _, rest = body[1:].partition(" ")
        command = COMMANDS.get(head.lower())
        if command:
            return {"command": command, "text": rest.strip() or None}
    return {"text": body}


def _choice(raw_id: str) -> dict[str, Any]:
    prompt_id, option_id = split_reply_id(raw_id)
    return {"choice_id": option_id, "prompt_id": prompt_id}


def _media(kind: str, data: schema.MediaItem) -> dict[str, Any]:
    if not data.id:
        return {"unsupported": kind}
    media_kind: MediaKind = _MEDIA_KINDS.get(kind) or ("voice" if data.voice else "audio")
    size = data.file_size
    media = Media(
        kind=media_kind,
        ref=data.id,
        mime=data.mime_type,
        size=int(size) if isinstance(size, int | str) and str(size).isdecimal() else None,
        name=data.filename if kind == "document" else None,
    )
    return {"media": (media,), "text": data.caption or None}


def _status(raw: schema.Status) -> StatusEvent:
    # Failed statuses may omit contacts; prefer the BSUID so it matches Inbound.user_id.
    recipient = raw.recipient_user_id or raw.recipient_id or ""
    try:
        timestamp = int(raw.timestamp or 0)
    except (TypeError, ValueError):
        timestamp = 0
    errors = [dict(e) for e in raw.errors if isinstance(e, Mapping)]
    return StatusEvent(
        message_id=raw.id,
        status=raw.status,
        recipient=recipient,
        timestamp=timestamp,
        errors=errors,
    )
