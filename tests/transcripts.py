"""Conversation transcripts: plain text specs of citizen lines and bot lines, run against the real bot.

    # comment                      @user budi          switch citizen
    > text                         citizen types       >[id] label   presses a button
    >@ -8.58, 116.52               shares a location   >+photo ref   sends a photo (voice, document…)
    >/batal                        a command           >=            the previous message again (same id)
    >! stale [id]                  presses a button from an old question
    ! advance 2h                   move the clock      @locale en    the channel's language hint
    @ops                           run with the guard stages in front (emergency numbers; no rate limit):
                                   tests/flows/test_transcripts.py builds the harness so; the server always has them
    < text                         expected bot text   <   [id] label   an option it offers
    <-                             the next reply of the same turn
    = complaints 1                 a count             = complaint 1 status=submitted   fields of one
    @channels terminal telegram    (a header) the channels it runs on, when not all three; a comment says why

The same file runs on the engine directly (tests/harness.py) and through the real server and channel
adapters (tests/channel_harness.py). The bot's text must be identical everywhere; options are compared by
id, and their labels by the channel's documented rendering of the transcript's label (`shows`).
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from bot.core.labels import shorten, simple_messages
from bot.core.messages import Option, Reply
from flows.engine import Engine
from handlers.telegram.adapter import BUTTON_LABEL
from models.tables import Complaint

ROOT = Path(__file__).resolve().parent.parent

UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}
COMMANDS = {"batal": "cancel", "kembali": "back", "bantuan": "help", "menu": "menu", "bahasa": "language",
            "start": "start", "status": "status"}
CHANNELS = ("terminal", "telegram", "whatsapp")
OPTION_LINE = re.compile(r"^<   \[([^\]]+)\] (.*)$")

# The channels' limits on what shows an option (Telegram Bot API: InlineKeyboardButton; Meta: "Interactive
# reply buttons" and "Interactive list" message references).
TELEGRAM_BUTTON = BUTTON_LABEL
WHATSAPP_BUTTON = 20
WHATSAPP_ROW = 24
WHATSAPP_DESCRIPTION = 72
ELLIPSIS = "…"
KINDS = {"inline": "Telegram button", "button": "WhatsApp button", "row": "WhatsApp list row",
         "menu": "WhatsApp numbered menu"}


@dataclass(frozen=True, slots=True)
class Shown(Option):
    """An option as a channel showed it: `label` is the text on the button, row or menu line.

    kind: "inline" (a Telegram inline button), "button" / "row" (a WhatsApp reply button / list row),
    "menu" (a line of WhatsApp's numbered menu: `id` is its number, the only id a citizen sees there).
    """

    kind: str = "label"


def _cut_of(label: str, shown: str, limit: int) -> bool:
    """Whether `shown` is `label` as it is when it fits, else cut short within `limit` and marked with "…"."""
    label = " ".join(label.split())
    if len(label) <= limit:
        return shown == label
    return 1 < len(shown) <= limit and shown.endswith(ELLIPSIS) and label.startswith(shown[:-1].rstrip())


def _whatsapp_title(label: str, shown: str, limit: int) -> bool:
    """Whether `shown` is a WhatsApp title for `label` (see `shows`)."""
    whole = " ".join(label.split())
    if not 0 < len(shown) <= limit:
        return False
    numbered = re.fullmatch(r"(.+) ([2-9]|[1-9]\d+)", shown)  # a title repeated in one message: " 2", " 3"…
    for title in (shown, *([numbered.group(1)] if numbered else [])):
        if title == whole or _cut_of(whole, title, limit):
            return True
        if len(whole) > limit and not title.endswith(ELLIPSIS):
            return True  # the option's short form
    return False


def shows(label: str, option: Option) -> bool:
    """Whether a channel showed the transcript's label as its documented rendering of that label.

    - the engine, the terminal, WhatsApp's numbered menu: the label itself;
    - Telegram: the label, cut at a word to 48 characters (an inline button's text; the message then lists the
      whole labels, which tests/channel_harness.py compares instead);
    - WhatsApp reply button: the label if it fits in 20 characters, else a 20-character title: the label cut
      with "…", or the option's short form (declared with the flow, whole words, no "…"); a title that would
      repeat an earlier one of the same message gets " 2", " 3"… (Meta refuses duplicate titles);
    - WhatsApp list row: the same within 24 characters; a row whose title is not the whole label carries the
      label as its description (cut with "…" beyond 72 characters).
    """
    kind = getattr(option, "kind", "label")
    shown = option.label
    if kind in ("label", "menu"):
        return shown == label
    if kind == "inline":
        return shown == shorten(label, TELEGRAM_BUTTON)
    if not _whatsapp_title(label, shown, WHATSAPP_BUTTON if kind == "button" else WHATSAPP_ROW):
        return False
    if kind == "button" or shown == " ".join(label.split()):
        return True  # a row showing the whole label: the description, if any, is the option's own
    return option.description is not None and _cut_of(label, option.description, WHATSAPP_DESCRIPTION)


def _option_line(option: Option) -> str:
    """How an option reads in a transcript; one a channel showed differently also says how and where."""
    kind = getattr(option, "kind", "label")
    if kind == "label":
        return f"<   [{option.id}] {option.label}"
    extra = f" | {option.description}" if option.description else ""
    return f"<   [{option.id}] {option.label}{extra}   ({KINDS.get(kind, kind)})"


def render(replies: list[Reply], expected: list[str] | None = None) -> list[str]:
    """The bot lines for a turn's replies.

    With the transcript's lines for the turn, an option is written as the transcript has it when it is
    the same option (the same id at the same place; on WhatsApp's numbered menu the same number) shown
    as the channel shows that label (`shows`); otherwise as the channel showed it, so a diff shows both.
    """
    blocks: list[list[tuple[str, str]]] = [[]]
    for line in expected or []:
        if line == "<-":
            blocks.append([])
        elif found := OPTION_LINE.match(line):
            blocks[-1].append((found.group(1), found.group(2)))
    lines: list[str] = []
    for index, reply in enumerate(replies):
        if index:
            lines.append("<-")
        if reply.simple:  # simple mode: the plain numbered messages every channel sends (bot/core/labels.py)
            for part_no, part in enumerate(simple_messages(reply)):
                lines += (["<-"] if part_no else []) + [f"< {line}".rstrip() for line in part.split("\n")]
            continue
        lines += [f"< {line}".rstrip() for line in reply.text.split("\n")]
        wanted = blocks[index] if index < len(blocks) else []
        for position, option in enumerate(reply.options):
            want = wanted[position] if position < len(wanted) else None
            kind = getattr(option, "kind", "label")
            same_id = want is not None and (option.id == str(position + 1) if kind == "menu" else option.id == want[0])
            if want is not None and same_id and shows(want[1], option):
                lines.append(f"<   [{want[0]}] {want[1]}")
            else:
                lines.append(_option_line(option))
    return lines or ["< (no reply)"]


def national(path: Path) -> bool:
    """Whether a transcript runs as a deployment with no kabupaten of its own (its `@national` line)."""
    return "@national" in path.read_text(encoding="utf-8").splitlines()


def channels(path: Path) -> tuple[str, ...]:
    """The channels a transcript runs on: its `@channels` header line, else all."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("@channels "):
            named = tuple(line.split()[1:])
            unknown = set(named) - set(CHANNELS)
            assert not unknown, f"{path.name}: unknown channels {sorted(unknown)}"
            return named
    return CHANNELS


Check = Callable[[str, Any], Awaitable[None]]
Event = Callable[[str, str, Any], Awaitable[list[Reply] | None]]


async def run(path: Path, harness: Any, *, checks: Check | None = None, events: Event | None = None) -> str:
    """Play a transcript; return it as it should read, with the bot's actual lines.

    checks: what "= …" lines assert (default: `check`); events: what other "! …" lines do, given the line,
    the citizen and the harness, returning the bot's replies, or None when the line is not one the bot
    answers (tests/surveys/test_survey_transcripts.py's lines).
    """
    out: list[str] = []
    user, locale = "warga", None
    lines = [raw.rstrip() for raw in path.read_text(encoding="utf-8").splitlines()]
    for index, line in enumerate(lines):
        if line.startswith("<"):
            continue  # expected bot lines are regenerated below each citizen line
        out.append(line)
        if line.startswith("@user "):
            user = line.split(maxsplit=1)[1]
        elif line.startswith("@locale "):
            locale = line.split(maxsplit=1)[1]
        elif line.startswith("! advance "):
            amount = line.split()[2]
            harness.clock.advance(timedelta(**{UNITS[amount[-1]]: float(amount[:-1])}))
        elif line.startswith("= "):
            await (checks or check)(line[2:], harness)
        elif line.startswith((">", "! ")):
            expected = bot_lines(lines, index + 1)
            if line.startswith(">"):
                replies = await send(line[1:], harness, user, locale)
            else:
                assert events is not None, f"{path.name}: {line!r} means nothing here"
                answered = await events(line, user, harness)
                if answered is None:
                    continue
                replies = answered
            out += render(replies, expected)
            offered = [(m.group(1), m.group(2)) for m in map(OPTION_LINE.match, expected) if m]
            if offered and hasattr(harness, "offered"):
                harness.offered(user, offered)  # what a citizen reads on screen (WhatsApp's numbered menus)
    return "\n".join(out) + "\n"


def bot_lines(lines: list[str], start: int) -> list[str]:
    """The transcript's bot lines from `start` up to the next non-bot line."""
    found: list[str] = []
    for line in lines[start:]:
        if not line.startswith("<"):
            break
        found.append(line)
    return found


async def send(spec: str, harness: Any, user: str, locale: str | None) -> list[Reply]:
    """Turn one citizen line into a message."""
    if spec == "=":
        return await harness.resend(user)
    if spec.startswith("! stale ["):
        return await harness.send(user, choice=spec[len("! stale ["):spec.index("]")], stale=True, locale=locale)
    if spec.startswith("["):
        return await harness.send(user, choice=spec[1:spec.index("]")], locale=locale)
    if spec.startswith("@"):
        lat, lon = (float(x) for x in spec[1:].split(","))
        return await harness.send(user, location=(lat, lon), locale=locale)
    if spec.startswith("+"):
        kind, ref = spec[1:].split(maxsplit=1)
        return await harness.send(user, media=(kind, ref), locale=locale)
    if spec.startswith("/"):
        head, _, rest = spec[1:].partition(" ")
        return await harness.send(user, rest or None, command=COMMANDS.get(head, head), locale=locale)
    return await harness.send(user, spec[1:] if spec.startswith(" ") else spec, locale=locale)


async def check(spec: str, harness: Any) -> None:
    """Assert on stored complaints: "complaints N" or "complaint N field=value …"."""
    words = spec.split()
    complaints = await harness.complaints()
    if words[0] == "complaints":
        assert len(complaints) == int(words[1]), f"expected {words[1]} complaints, found {len(complaints)}"
        return
    assert words[0] == "complaint", f"unknown assertion {spec!r}"
    complaint: Complaint = complaints[int(words[1]) - 1]
    for pair in re.findall(r'(\w+)=("[^"]*"|\S+)', " ".join(words[2:])):
        field, expected = pair[0], pair[1].strip('"')
        actual = getattr(complaint, field)
        assert str(actual) == expected, f"complaint {words[1]}.{field}: expected {expected!r}, got {actual!r}"


def survey_engine(path: Path) -> Engine | None:
    """The flows with the agency surveys a transcript's "! surveys <file>" lines load (None when it has none),
    checked as `laporbot run` checks LAPORBOT_SURVEYS_DIR at start."""
    from bot.core.i18n import default_catalog
    from bot.surveys.custom_loader import read_file
    from flows.custom_survey import parse_survey, register
    from flows.library import engine_with

    files = [ROOT / line.split(maxsplit=2)[2] for line in path.read_text(encoding="utf-8").splitlines()
             if line.startswith("! surveys ")]
    if not files:
        return None
    base = default_catalog()
    loaded = register([parse_survey(read_file(file), base, file.name) for file in files])
    engine = engine_with(loaded.flows, (loaded.messages,), base)
    assert engine.lint() == [], engine.lint()
    return engine
