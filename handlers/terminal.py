"""The terminal channel: the same flows in a shell, for people (numbered options) and scripts (JSON lines)."""

from __future__ import annotations

import asyncio
import json
import sys
import uuid
from typing import IO, TYPE_CHECKING, Any, Protocol

from bot.core.labels import shorten, simple_messages
from bot.core.messages import Inbound, Location, Media, Option, Reply
from bot.core.text_safety import safe_inbound
from bot.outbox.delivery import SendError
from models.db import shown_url, sqlite_file

if TYPE_CHECKING:
    from bot.conversation.inbox import Inbox
    from bot.outbox.delivery import Deliverer
    from bot.settings import Settings
    from flows.engine import Engine


class Parts(Protocol):
    """What the terminal chat uses of the process (bot.app.Core has them)."""

    settings: Settings
    engine: Engine
    inbox: Inbox
    deliverer: Deliverer


CHANNEL = "terminal"
JSON_LABEL = 60  # labels in JSON lines are cut at a word; the whole label is then the "description"
MEDIA_KINDS = ("photo", "document", "voice", "audio", "video")


class TerminalSender:
    """Writes replies to a stream: readable for people, or one JSON object per reply."""

    def __init__(self, out: IO[str], *, jsonl: bool) -> None:
        self.out = out
        self.jsonl = jsonl
        # The options (and navigation) of the latest reply shown: what a scripted {"choice"} may name.
        # None until something has been shown this session (a resumed conversation's options are unknown).
        self.offered: list[dict[str, str]] | None = None

    async def send(self, chat_id: str, reply: Reply) -> str | None:
        """Print one reply."""
        self.offered = [{"id": o.id, "label": o.label} for o in (*reply.options, *reply.nav)]
        try:
            self.out.write(render_json(reply) if self.jsonl else render_text(reply))
            self.out.write("\n")
        except OSError as error:  # a closed pipe: the script went away
            raise SendError("terminal closed", permanent=True) from error
        return None


def render_text(reply: Reply) -> str:
    """A reply as a person reads it in a terminal: text, then numbered options."""
    if reply.simple:
        return "\n\n".join(simple_messages(reply))
    lines = [reply.text]
    lines += [f"  {i}. {o.label}" for i, o in enumerate(reply.options, 1)]
    if reply.nav:
        lines.append("  (" + " · ".join(o.label.lower() for o in reply.nav) + ")")
    return "\n".join(lines)


def render_json(reply: Reply) -> str:
    """A reply as one JSON line: {"text", "options": [{"id", "label"[, "description"]}], "nav", "expects"}.

    A label longer than JSON_LABEL is cut at a word and the whole label goes in "description"; in simple mode
    "text" is the plain numbered text (its messages joined by a blank line) and "simple" is true.
    """
    data: dict[str, Any] = {
        "text": "\n\n".join(simple_messages(reply)) if reply.simple else reply.text,
        "options": [_json_option(o) for o in reply.options],
        "nav": [_json_option(o) for o in reply.nav],
        "expects": reply.expects,
    }
    if reply.simple:
        data["simple"] = True
    return json.dumps(data, ensure_ascii=False)


def _json_option(option: Option) -> dict[str, str]:
    label = shorten(option.label, JSON_LABEL)
    whole = " ".join(option.label.split())
    return {"id": option.id, "label": label} if label == whole else {"id": option.id, "label": label,
                                                                      "description": whole}


def parse_text_line(line: str, user: str) -> Inbound:
    """A typed line: text, "/batal"-style commands, "/lokasi lat,lon", "/foto path" and the like."""
    message_id = uuid.uuid4().hex
    stripped = line.strip()
    if stripped.startswith("/"):
        head, _, rest = stripped[1:].partition(" ")
        head = head.lower()
        if head in ("lokasi", "location"):
            try:
                lat, lon = (float(x) for x in rest.replace(" ", "").split(","))
            except ValueError:
                return Inbound(CHANNEL, user, message_id, text=stripped)
            return Inbound(CHANNEL, user, message_id, location=Location(lat, lon))
        kinds = {"foto": "photo", "photo": "photo", "dokumen": "document", "document": "document",
                 "suara": "voice", "voice": "voice", "video": "video"}
        if head in kinds and rest:
            return Inbound(CHANNEL, user, message_id, media=(Media(kinds[head], rest.strip()),))  # type: ignore[arg-type]
        commands = {"batal": "cancel", "cancel": "cancel", "kembali": "back", "back": "back",
                    "bantuan": "help", "help": "help", "menu": "menu", "bahasa": "language",
                    "language": "language", "start": "start", "status": "status"}
        if head in commands:
            return Inbound(CHANNEL, user, message_id, command=commands[head], text=rest or None)
    return Inbound(CHANNEL, user, message_id, text=line.rstrip("\n"))


def parse_json_line(line: str, user: str) -> Inbound:
    """One scripted input: {"text"} | {"choice"} | {"location": [lat, lon]} | {"media", "kind"}."""
    data: Any = json.loads(line)
    if not isinstance(data, dict):
        raise ValueError("each line must be a JSON object")
    message_id = str(data.get("id") or uuid.uuid4().hex)
    if "choice" in data:
        return Inbound(CHANNEL, user, message_id, choice_id=str(data["choice"]))
    if "location" in data:
        lat, lon = data["location"]
        return Inbound(CHANNEL, user, message_id, location=Location(float(lat), float(lon)))
    if "media" in data:
        kind = data.get("kind", "photo")
        if kind not in MEDIA_KINDS:
            raise ValueError(f"kind must be one of {', '.join(MEDIA_KINDS)}")
        return Inbound(CHANNEL, user, message_id, text=data.get("text"),
                       media=(Media(kind, str(data["media"])),))
    if "command" in data:
        return Inbound(CHANNEL, user, message_id, command=str(data["command"]), text=data.get("text"))
    return Inbound(CHANNEL, user, message_id, text=str(data.get("text", "")))


def data_location(url: str) -> str:
    """Where the data lives, for people: the SQLite file's full path, or the server URL without its password."""
    path = sqlite_file(url)
    return str(path.resolve()) if path is not None else shown_url(url)


def greeting(core: Parts, locale: str = "id") -> str:
    """The one line before the terminal chat: how to connect Telegram / WhatsApp, where the data is kept."""
    return core.engine.catalog.text("terminal.greeting", locale, telegram="TELEGRAM_BOT_TOKEN",
                                    whatsapp="WHATSAPP_PHONE_NUMBER_ID + WHATSAPP_ACCESS_TOKEN + WHATSAPP_APP_SECRET",
                                    data=data_location(core.settings.database_url))


async def chat(core: Parts, *, user: str, jsonl: bool, stdin: IO[str] | None = None,
               stdout: IO[str] | None = None) -> None:
    """Run the conversation loop until end of input."""
    inp = stdin or sys.stdin
    out = stdout or sys.stdout
    sender = TerminalSender(out, jsonl=jsonl)
    core.deliverer.add_sender(CHANNEL, sender)
    await core.deliverer.deliver_pending(CHANNEL)
    if not jsonl:
        out.write(greeting(core) + "\n")
        out.flush()
        first = await core.inbox.handle(Inbound(CHANNEL, user, uuid.uuid4().hex, command="start"))
        await core.deliverer.deliver(first.outgoing_ids)
        out.flush()
    loop = asyncio.get_running_loop()
    while True:
        if not jsonl:
            out.write("> ")
            out.flush()
        line = await loop.run_in_executor(None, inp.readline)
        if not line:
            break
        if not line.strip() and jsonl:
            continue
        try:
            # made storable here, like every channel's input (bot/core/text_safety.py)
            msg = safe_inbound(parse_json_line(line, user) if jsonl else parse_text_line(line, user))
        except (ValueError, TypeError, RecursionError) as error:  # JSONDecodeError is a ValueError
            out.write(json.dumps({"error": str(error)}) + "\n" if jsonl else f"! {error}\n")
            out.flush()
            continue
        if msg.choice_id is not None and sender.offered is not None \
                and msg.choice_id not in {o["id"] for o in sender.offered}:
            # Not handled at all: the conversation stays on the question the script is answering.
            out.write(json.dumps({"error": "unknown option", "options": sender.offered}, ensure_ascii=False) + "\n")
            out.flush()
            continue
        handled = await core.inbox.handle(msg)
        await core.deliverer.deliver(handled.outgoing_ids)
        out.flush()
