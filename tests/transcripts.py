"""Conversation transcripts: plain text specs of citizen lines and bot lines, run against the real bot.

    # comment                      @user budi          switch citizen
    > text                         citizen types       >[id] label   presses a button
    >@ -8.58, 116.52               shares a location   >+photo ref   sends a photo (voice, document…)
    >/batal                        a command           >=            the previous message again (same id)
    >! stale [id]                  presses a button from an old question
    ! advance 2h                   move the clock      @locale en    the channel's language hint
    @ops                           the abuse checks in front (emergency numbers; no rate limit)
    < text                         expected bot text   <   [id] label   an option it offers
    <-                             the next reply of the same turn
    = complaints 1                 a count             = complaint 1 status=submitted   fields of one
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

from bot.abuse import GuardedEngine, OpsSettings
from bot.labels import simple_messages
from bot.messages import Reply
from models.tables import Complaint
from tests.harness import ChatHarness

UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}
COMMANDS = {"batal": "cancel", "kembali": "back", "bantuan": "help", "menu": "menu", "bahasa": "language",
            "start": "start", "status": "status"}


def render(replies: list[Reply]) -> list[str]:
    """The bot lines for a turn's replies."""
    lines: list[str] = []
    for index, reply in enumerate(replies):
        if index:
            lines.append("<-")
        if reply.simple:  # simple mode: the plain numbered messages every channel sends (bot/labels.py)
            for part_no, part in enumerate(simple_messages(reply)):
                lines += (["<-"] if part_no else []) + [f"< {line}".rstrip() for line in part.split("\n")]
            continue
        lines += [f"< {line}".rstrip() for line in reply.text.split("\n")]
        lines += [f"<   [{o.id}] {o.label}" for o in reply.options]
    return lines or ["< (no reply)"]


async def run(path: Path, harness: ChatHarness) -> str:
    """Play a transcript; return it as it should read, with the bot's actual lines."""
    out: list[str] = []
    user, locale = "warga", None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.rstrip()
        if line.startswith("<"):
            continue  # expected bot lines are regenerated below each citizen line
        out.append(line)
        if line.startswith("@user "):
            user = line.split(maxsplit=1)[1]
        elif line == "@ops":  # the abuse checks in front (emergency numbers), without the rate limit
            harness.inbox.engine = GuardedEngine(harness.inbox.engine, OpsSettings(rate_limit=0))  # type: ignore[arg-type]
        elif line.startswith("@locale "):
            locale = line.split(maxsplit=1)[1]
        elif line.startswith("! advance "):
            amount = line.split()[2]
            harness.clock.advance(timedelta(**{UNITS[amount[-1]]: float(amount[:-1])}))
        elif line.startswith("= "):
            await check(line[2:], harness)
        elif line.startswith(">"):
            out += render(await send(line[1:], harness, user, locale))
    return "\n".join(out) + "\n"


async def send(spec: str, harness: ChatHarness, user: str, locale: str | None) -> list[Reply]:
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


async def check(spec: str, harness: ChatHarness) -> None:
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
