"""Text made storable at the channel boundary: what a citizen sends must fit every database we run on.

A NUL breaks PostgreSQL text columns, a lone surrogate cannot be encoded as UTF-8 (SQLite, asyncpg), and
other C0 control characters only ever come from broken or hostile clients. One function cleans them all,
applied by every adapter to every text it takes in (message text, captions, place names, button data).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from bot.core.messages import Inbound

REPLACEMENT = "\ufffd"  # what an unpaired surrogate becomes: visible, storable, and clearly "something was here"
# C0 controls and DEL, except tab and newline (people type those); NUL is among them. CR is kept out too:
# a lone "\r" would hide text in logs and terminals, and "\r\n" pairs are turned into "\n" first.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")


def safe_text(value: str) -> str:
    """The text without NUL and other control characters (tab and newline kept), lone surrogates replaced, NFC."""
    if value.isascii() and value.isprintable():  # the common case: nothing to do, and cheap to tell
        return value
    if "\r" in value:
        value = value.replace("\r\n", "\n")
    value = _CONTROLS.sub("", value)
    if _SURROGATES.search(value):
        # A valid pair was already joined by the JSON decoder, so any surrogate left here is unpaired.
        value = _SURROGATES.sub(REPLACEMENT, value)
    return unicodedata.normalize("NFC", value)


def safe_optional(value: str | None) -> str | None:
    """safe_text for an optional value."""
    return None if value is None else safe_text(value)


def safe_inbound(msg: Inbound) -> Inbound:
    """Every text of an Inbound made storable (for adapters that build Inbound from raw input)."""
    location = msg.location
    if location is not None:
        location = replace(location, name=safe_optional(location.name), address=safe_optional(location.address))
    media = tuple(replace(m, ref=safe_text(m.ref), mime=safe_optional(m.mime), name=safe_optional(m.name))
                  for m in msg.media)
    return replace(msg, user_id=safe_text(msg.user_id), message_id=safe_text(msg.message_id),
                   text=safe_optional(msg.text), choice_id=safe_optional(msg.choice_id),
                   prompt_id=safe_optional(msg.prompt_id), command=safe_optional(msg.command),
                   locale_hint=safe_optional(msg.locale_hint), display_name=safe_optional(msg.display_name),
                   phone=safe_optional(msg.phone), location=location, media=media)
