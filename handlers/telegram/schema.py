"""The Telegram update shapes we read, checked on arrival: a malformed update is named, never a crash.

Only the fields the bot uses are declared (msgspec ignores the rest), each with the type the Bot API
documents. An update that does not fit is acknowledged and skipped by the caller: Telegram would only
deliver it again. Every text we keep is made storable (bot/core/text_safety.py) here, at the boundary.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

import msgspec

from bot.core.text_safety import safe_optional

log = logging.getLogger("laporbot.telegram")


class _Struct(msgspec.Struct, forbid_unknown_fields=False, omit_defaults=True):
    """Unknown fields ignored; absent ones left out again when re-encoded."""


class User(_Struct):
    """The sender (`from`)."""

    id: int
    first_name: str | None = None
    last_name: str | None = None
    language_code: str | None = None
    is_bot: bool | None = None


class Chat(_Struct):
    """Where the message was sent."""

    id: int
    type: str | None = None


class PhotoSize(_Struct):
    """One size of a photo."""

    file_id: str
    file_size: int | None = None


class File(_Struct):
    """A document, voice note, audio or video."""

    file_id: str
    mime_type: str | None = None
    file_size: int | None = None
    file_name: str | None = None


class Location(_Struct):
    """A shared point."""

    latitude: float
    longitude: float


class Venue(_Struct):
    """A named place around a location."""

    title: str | None = None
    address: str | None = None


class ReplyTo(_Struct):
    """The message a message answers (admins answer the bot's prompts this way)."""

    message_id: int
    from_: User | None = msgspec.field(default=None, name="from")


class Message(_Struct):
    """A message; the content kinds we do not read are only seen as present."""

    message_id: int
    chat: Chat
    from_: User | None = msgspec.field(default=None, name="from")
    date: int | None = None
    text: str | None = None
    caption: str | None = None
    location: Location | None = None
    venue: Venue | None = None
    photo: list[PhotoSize] | None = None
    document: File | None = None
    voice: File | None = None
    audio: File | None = None
    video: File | None = None
    media_group_id: str | None = None
    reply_to_message: ReplyTo | None = None
    # Present or not is all we look at (explained as unsupported); contacts carry someone's phone number.
    sticker: dict[str, Any] | None = None
    contact: dict[str, Any] | None = None
    poll: dict[str, Any] | None = None
    dice: dict[str, Any] | None = None
    animation: dict[str, Any] | None = None
    video_note: dict[str, Any] | None = None
    game: dict[str, Any] | None = None
    entities: list[dict[str, Any]] | None = None


class CallbackMessage(_Struct):
    """The message whose keyboard was pressed (may be "inaccessible": then only its chat and id)."""

    message_id: int
    chat: Chat


class CallbackQuery(_Struct):
    """A pressed inline button."""

    id: str
    from_: User = msgspec.field(name="from")
    message: CallbackMessage | None = None
    data: str | None = None


class Update(_Struct):
    """One Bot API update: the kinds we subscribe to."""

    update_id: int
    message: Message | None = None
    edited_message: Message | None = None
    callback_query: CallbackQuery | None = None


class _UpdateId(msgspec.Struct, forbid_unknown_fields=False):
    update_id: int


class GetUpdates(msgspec.Struct, forbid_unknown_fields=False):
    """getUpdates' answer, each update kept raw so that one malformed update spoils only itself."""

    ok: bool
    result: list[msgspec.Raw]


_DECODER = msgspec.json.Decoder(Update)
_ENVELOPE = msgspec.json.Decoder(GetUpdates)
_ID_DECODER = msgspec.json.Decoder(_UpdateId)
_FIRST_ID = re.compile(rb'"update_id"\s*:\s*(-?\d{1,19})')


class Malformed(ValueError):
    """An update that does not have the shape the Bot API documents (the reason names no content)."""


def loads_lenient(raw: bytes | str) -> Any:
    """JSON that msgspec refuses but the standard allows (a lone surrogate escape such as "\\udfff"), or Malformed.

    Such text is what text_safety then repairs, so that its sender is answered rather than ignored.
    """
    try:
        return json.loads(raw, parse_constant=_no_constant)
    except (ValueError, TypeError):
        raise Malformed("not JSON") from None
    except RecursionError:  # nested deeper than any real update: refused before it can cost anything more
        raise Malformed("nested too deep") from None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def decode_update(raw: bytes | str) -> Update:
    """Check one update's JSON; raise Malformed (never RecursionError, never a TypeError) when it does not fit."""
    try:
        return _clean(_DECODER.decode(raw))
    except msgspec.ValidationError as error:
        raise Malformed(_reason(error)) from None
    except msgspec.DecodeError:
        return convert_update(loads_lenient(raw))
    except RecursionError:  # nested deeper than the decoder goes: no real update is
        raise Malformed("nested too deep") from None


def decode_updates(body: bytes) -> list[tuple[int | None, Update | Malformed]]:
    """getUpdates' answer as (update_id, the checked update or why it is malformed), each update on its own.

    Raises Malformed when the answer as a whole cannot be read (then the caller asks for one update at a time).
    """
    try:
        answer = _ENVELOPE.decode(body)
        raws: list[Any] = list(answer.result)
        ok = answer.ok
    except (msgspec.DecodeError, msgspec.ValidationError, RecursionError):
        loaded = loads_lenient(body)
        if not isinstance(loaded, dict) or not isinstance(loaded.get("result"), list):
            raise Malformed("not a getUpdates answer") from None
        ok, raws = loaded.get("ok") is True, loaded["result"]
    if not ok:
        raise Malformed("getUpdates answered ok=false")
    found: list[tuple[int | None, Update | Malformed]] = []
    for raw in raws:
        if isinstance(raw, msgspec.Raw):
            update_id = update_id_of(bytes(raw))
            decode = decode_update
        else:
            update_id = raw.get("update_id") if isinstance(raw, dict) else None
            update_id = update_id if isinstance(update_id, int) and not isinstance(update_id, bool) else None
            decode = convert_update  # type: ignore[assignment]
        try:
            found.append((update_id, decode(raw)))
        except Malformed as error:
            found.append((update_id, error))
    return found


def convert_update(obj: Any) -> Update:
    """Check an already decoded update (a dict), as decode_update does."""
    try:
        return _clean(msgspec.convert(obj, Update))
    except msgspec.ValidationError as error:
        raise Malformed(_reason(error)) from None
    except RecursionError:
        raise Malformed("nested too deep") from None


def update_id_of(raw: bytes) -> int | None:
    """The update_id of an update that may be malformed, so that polling can confirm it and move on."""
    try:
        return _ID_DECODER.decode(raw).update_id
    except (msgspec.ValidationError, msgspec.DecodeError, RecursionError):
        found = _FIRST_ID.search(raw[:4096])  # the Bot API writes update_id first
        return int(found.group(1)) if found else None


def first_update_id(body: bytes) -> int | None:
    """The first update_id in a getUpdates answer that could not be decoded whole."""
    found = _FIRST_ID.search(body[:65536])
    return int(found.group(1)) if found else None


def to_dict(update: Update) -> dict[str, Any]:
    """The checked update as plain JSON data (the field names of the Bot API), for code that reads dicts."""
    data: dict[str, Any] = msgspec.to_builtins(update)
    return data


def _reason(error: Exception) -> str:
    # msgspec names the path and the expected type ("Expected `int`, got `str` - at `$.message.chat.id`"),
    # never the value: safe to log.
    return str(error)[:200]


def _clean_user(user: User | None) -> None:
    if user is not None:
        user.first_name = safe_optional(user.first_name)
        user.language_code = safe_optional(user.language_code)


def _clean(update: Update) -> Update:
    """Every text the bot keeps, made storable."""
    for msg in (update.message, update.edited_message):
        if msg is None:
            continue
        msg.text = safe_optional(msg.text)
        msg.caption = safe_optional(msg.caption)
        _clean_user(msg.from_)
        if msg.venue is not None:
            msg.venue.title = safe_optional(msg.venue.title)
            msg.venue.address = safe_optional(msg.venue.address)
        for item in (msg.document, msg.voice, msg.audio, msg.video):
            if item is not None:
                item.file_name = safe_optional(item.file_name)
                item.mime_type = safe_optional(item.mime_type)
                item.file_id = safe_optional(item.file_id) or ""
        for size in msg.photo or ():
            size.file_id = safe_optional(size.file_id) or ""
        msg.media_group_id = safe_optional(msg.media_group_id)
    query = update.callback_query
    if query is not None:
        query.data = safe_optional(query.data)
        query.id = safe_optional(query.id) or ""
        _clean_user(query.from_)
    return update
