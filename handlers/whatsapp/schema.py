"""The WhatsApp Cloud API webhook shapes we read, checked on arrival: a malformed part is named and skipped.

Each level is checked on its own (entry, change, contact, message, status), so one malformed message spoils
only itself and its neighbours in the same POST are still handled. Only the fields the bot uses are
declared (msgspec ignores the rest), with the types Meta documents. Texts are made storable here.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, TypeVar

import msgspec

from bot.core.text_safety import safe_optional, safe_text

T = TypeVar("T")
# Ids are stored in 128-character columns (inboundmessage.channel_message_id, citizen.channel_user_id): a longer
# one could never be recorded, not even as failed, and Meta would deliver it again for ever.
Id = Annotated[str, msgspec.Meta(max_length=128)]


class _Struct(msgspec.Struct, forbid_unknown_fields=False):
    """Unknown fields ignored."""


class Body(_Struct):
    """The POST body."""

    entry: list[Any] = []


class Entry(_Struct):
    """One business account's changes."""

    changes: list[Any] = []


class Change(_Struct):
    """One subscribed field's change; ours is "messages"."""

    field: str = "messages"
    value: Any = None


class Metadata(_Struct):
    """Which of the app's business numbers the change is for."""

    phone_number_id: str | None = None


class Value(_Struct):
    """A messages change."""

    metadata: Metadata | None = None
    contacts: list[Any] = []
    messages: list[Any] = []
    statuses: list[Any] = []


class Profile(_Struct):
    """A contact's profile."""

    name: str | None = None


class Contact(_Struct):
    """Who sent the messages of a change."""

    wa_id: Id | None = None
    user_id: Id | None = None
    profile: Profile | None = None


class Text(_Struct):
    """A typed message."""

    body: str = ""


class ReplyButton(_Struct):
    """A pressed reply button or list row."""

    id: str = ""


class Interactive(_Struct):
    """An answer to an interactive message."""

    type: str | None = None
    button_reply: ReplyButton | None = None
    list_reply: ReplyButton | None = None


class TemplateButton(_Struct):
    """A quick-reply button of a template message."""

    payload: str | None = None
    text: str | None = None


class Location(_Struct):
    """A shared point."""

    latitude: float
    longitude: float
    name: str | None = None
    address: str | None = None


class MediaItem(_Struct):
    """An image, document, audio, video or sticker."""

    id: str | None = None
    mime_type: str | None = None
    file_size: int | str | None = None
    filename: str | None = None
    caption: str | None = None
    voice: bool | None = None


class Reaction(_Struct):
    """An emoji reaction ("" when removed)."""

    emoji: str | None = None


class Message(_Struct):
    """One inbound message; only its type's part is read."""

    id: Id
    type: str = "unknown"
    from_: Id | None = msgspec.field(default=None, name="from")
    from_user_id: Id | None = None
    text: Text | None = None
    interactive: Interactive | None = None
    button: TemplateButton | None = None
    location: Location | None = None
    image: MediaItem | None = None
    document: MediaItem | None = None
    audio: MediaItem | None = None
    video: MediaItem | None = None
    sticker: MediaItem | None = None
    reaction: Reaction | None = None


class Status(_Struct):
    """A delivery report for a message we sent."""

    id: str
    status: str = ""
    recipient_id: str | None = None
    recipient_user_id: str | None = None
    timestamp: str | int | None = None
    errors: list[Any] = []


class Malformed(ValueError):
    """A body or a part of it without the documented shape (the reason names no content)."""


def decode_body(raw: bytes) -> dict[str, Any]:
    """The JSON of a webhook POST; raise Malformed for what is not JSON, not an object, or nested too deep."""
    try:
        body = msgspec.json.decode(raw)
    except msgspec.DecodeError:
        body = _loads_lenient(raw)  # standard JSON msgspec refuses: a lone surrogate escape, repaired later
    except RecursionError:  # the decoder stops at Python's recursion limit: nothing real is nested that deep
        raise Malformed("nested too deep") from None
    if not isinstance(body, dict):
        raise Malformed("not a JSON object")
    return body


def _loads_lenient(raw: bytes) -> Any:
    try:
        return json.loads(raw, parse_constant=_no_constant)
    except (ValueError, TypeError):
        raise Malformed("not JSON") from None
    except RecursionError:
        raise Malformed("nested too deep") from None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def check(obj: Any, kind: type[T]) -> T:
    """One part of the body as its struct; raise Malformed when it does not fit."""
    try:
        return msgspec.convert(obj, kind)
    except msgspec.ValidationError as error:
        # msgspec names the path and the expected type, never the value: safe to log
        raise Malformed(str(error)[:200]) from None
    except RecursionError:
        raise Malformed("nested too deep") from None


def clean_message(message: Message) -> Message:
    """Every text of a message that the bot keeps, made storable."""
    message.id = safe_text(message.id)
    message.type = safe_text(message.type)
    message.from_ = safe_optional(message.from_)
    message.from_user_id = safe_optional(message.from_user_id)
    if message.text is not None:
        message.text.body = safe_text(message.text.body)
    if message.interactive is not None:
        for reply in (message.interactive.button_reply, message.interactive.list_reply):
            if reply is not None:
                reply.id = safe_text(reply.id)
    if message.button is not None:
        message.button.payload = safe_optional(message.button.payload)
        message.button.text = safe_optional(message.button.text)
    if message.location is not None:
        message.location.name = safe_optional(message.location.name)
        message.location.address = safe_optional(message.location.address)
    for media in (message.image, message.document, message.audio, message.video, message.sticker):
        if media is not None:
            media.id = safe_optional(media.id)
            media.caption = safe_optional(media.caption)
            media.filename = safe_optional(media.filename)
            media.mime_type = safe_optional(media.mime_type)
    if message.reaction is not None:
        message.reaction.emoji = safe_optional(message.reaction.emoji)
    return message


def clean_contact(contact: Contact) -> Contact:
    """A contact's identity and name, made storable."""
    contact.wa_id = safe_optional(contact.wa_id)
    contact.user_id = safe_optional(contact.user_id)
    if contact.profile is not None:
        contact.profile.name = safe_optional(contact.profile.name)
    return contact
