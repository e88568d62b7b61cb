"""Reply -> WhatsApp Cloud API message bodies, within Meta's length and count limits."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.core.i18n import Catalog, or_list
from bot.core.labels import shorten, simple_messages
from bot.core.messages import Option, Reply

from .payload import ID_SEPARATOR

# Limits from Meta's "Interactive reply buttons" and "Interactive list" message references.
TEXT_LIMIT = 4096
BUTTON_BODY_LIMIT = 1024
LOCATION_BODY_LIMIT = 1024  # Meta's "Location request messages": body text only, no header or footer
LIST_BODY_LIMIT = 4096
BUTTON_TITLE_LIMIT = 20
LIST_BUTTON_LIMIT = 20
ROW_TITLE_LIMIT = 24
ROW_DESCRIPTION_LIMIT = 72
MAX_BUTTONS = 3
MAX_ROWS = 10


def render(reply: Reply, to: str, catalog: Catalog, locale: str) -> list[dict[str, Any]]:
    """Render one Reply as the Graph API message bodies to send to `to`, in order."""
    if reply.simple:
        # Simple mode: plain numbered text, one question per message; "2" or "dua" answers it.
        return [_text(to, chunk) for part in simple_messages(reply) for chunk in split_text(part)]
    hint = _nav_hint(reply.nav, catalog, locale)
    options = reply.options
    if not options:
        body = _join(reply.text, hint)
        if reply.expects == "location" and reply.text.strip() and len(body) <= LOCATION_BODY_LIMIT:
            # A "Send location" button, as Telegram's location keyboard; typing a place still works.
            return [_envelope(to, "interactive", {"type": "location_request_message", "body": {"text": body},
                                                  "action": {"name": "send_location"}})]
        return [_text(to, chunk) for chunk in split_text(body)]
    if len(options) > MAX_ROWS:
        # Too many for a list: a numbered menu; matching.py reads "2", "no 2" or "2️⃣" back.
        menu = "\n".join(f"{n}. {option.label}" for n, option in enumerate(options, start=1))
        menu_hint = catalog.text("whatsapp.menu_hint", locale)
        return [_text(to, chunk) for chunk in split_text(_join(reply.text, menu, menu_hint, hint))]
    if len(options) <= MAX_BUTTONS:
        limit, action = BUTTON_BODY_LIMIT, _buttons(reply)
        kind = "button"
    else:
        limit, action = LIST_BODY_LIMIT, _list(reply, catalog, locale)
        kind = "list"
    body = _join(reply.text, hint)
    messages: list[dict[str, Any]] = []
    if not reply.text.strip() or len(body) > limit:
        # The interactive body is capped: the full text goes first, the buttons follow it.
        messages = [_text(to, chunk) for chunk in split_text(reply.text)]
        body = _join(catalog.text("whatsapp.choose_prompt", locale), hint)
    messages.append(_envelope(to, "interactive", {"type": kind, "body": {"text": body}, "action": action}))
    return messages


def template(
    name: str, language: str, params: Sequence[str] = (), to: str | None = None
) -> dict[str, Any]:
    """A template message body: the only kind Meta delivers outside the 24-hour window."""
    spec: dict[str, Any] = {"name": name, "language": {"code": language}}
    if params:
        parameters = [{"type": "text", "text": str(value)} for value in params]
        spec["components"] = [{"type": "body", "parameters": parameters}]
    body: dict[str, Any] = {"messaging_product": "whatsapp", "recipient_type": "individual"}
    if to is not None:
        body["to"] = to
    body |= {"type": "template", "template": spec}
    return body


def mark_read(message_id: str, typing: bool = False) -> dict[str, Any]:
    """A mark-as-read body (blue ticks), optionally showing the typing indicator too."""
    body: dict[str, Any] = {"messaging_product": "whatsapp", "status": "read", "message_id": message_id}
    if typing:
        body["typing_indicator"] = {"type": "text"}
    return body


def reply_id(prompt_id: str | None, option_id: str) -> str:
    """The id a button or row carries back: the prompt lets the core spot a stale press."""
    return f"{prompt_id}{ID_SEPARATOR}{option_id}" if prompt_id else option_id


def split_text(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """Split text into chunks of at most `limit` characters, at a line break or space when possible."""
    chunks: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        window = rest[: limit + 1]  # one more: a break right after the limit is a clean cut
        cut = window.rfind("\n")
        if cut < limit // 2:  # a line break far back would leave a stub; a space cuts closer
            cut = max(cut, window.rfind(" "))
        if cut <= 0:
            chunk, rest = rest[:limit], rest[limit:]
        else:
            chunk, rest = rest[:cut], rest[cut + 1 :]
        if chunk.strip():
            chunks.append(chunk.rstrip())
        rest = rest.lstrip("\n")
    if rest.strip():
        chunks.append(rest)
    return chunks


def _buttons(reply: Reply) -> dict[str, Any]:
    titles = _titles(reply.options, BUTTON_TITLE_LIMIT)
    return {
        "buttons": [
            {"type": "reply", "reply": {"id": reply_id(reply.prompt_id, option.id), "title": title}}
            for option, title in zip(reply.options, titles, strict=True)
        ]
    }


def _list(reply: Reply, catalog: Catalog, locale: str) -> dict[str, Any]:
    titles = _titles(reply.options, ROW_TITLE_LIMIT)
    rows: list[dict[str, Any]] = []
    for option, title in zip(reply.options, titles, strict=True):
        row: dict[str, Any] = {"id": reply_id(reply.prompt_id, option.id), "title": title}
        # A shortened title loses meaning: the description row shows the whole label.
        description = option.label if title != option.label.strip() else option.description
        if description:
            row["description"] = shorten(description, ROW_DESCRIPTION_LIMIT)
        rows.append(row)
    button = shorten(catalog.text("whatsapp.list_button", locale), LIST_BUTTON_LIMIT)
    return {"button": button, "sections": [{"rows": rows}]}


def _titles(options: Sequence[Option], limit: int) -> list[str]:
    """Titles that fit `limit` and are unique, as Meta rejects duplicate button titles."""
    seen: set[str] = set()
    titles: list[str] = []
    for option in options:
        source = option.label.strip()
        if len(source) > limit and option.short:
            source = option.short.strip()
        title = shorten(source, limit)
        number = 2
        while title.casefold() in seen:
            suffix = f" {number}"
            title = shorten(source, limit - len(suffix)) + suffix
            number += 1
        seen.add(title.casefold())
        titles.append(title)
    return titles


def _nav_hint(nav: Sequence[Option], catalog: Catalog, locale: str) -> str | None:
    """One line naming the words that go back/cancel/help: WhatsApp has no room for nav buttons."""
    if not nav:
        return None
    words = [f"*{option.label.strip().lower()}*" for option in nav]  # *x* is bold on WhatsApp
    joined = or_list(words, locale)  # an unknown locale's list is joined in Indonesian
    return catalog.text("whatsapp.nav_hint", locale, words=joined)


def _join(*parts: str | None) -> str:
    return "\n\n".join(part.strip() for part in parts if part and part.strip())


def _text(to: str, body: str) -> dict[str, Any]:
    return _envelope(to, "text", {"preview_url": False, "body": body})


def _envelope(to: str, kind: str, content: dict[str, Any]) -> dict[str, Any]:
    return {"messaging_product": "whatsapp", "recipient_type": "individual", "to": to, "type": kind,
            kind: content}
