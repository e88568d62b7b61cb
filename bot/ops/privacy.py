"""UU PDP (Law 27/2022 on personal data protection): a citizen's erasure by /hapusdata (retention: retention.py).

Erasure keeps every complaint (the agencies must still act on it) but de-identified: the citizen row is
pseudonymised, the raw messages and the bot's replies are blanked, the conversation is reset, reporter
names and phone numbers are dropped and NIKs, phone numbers and e-mail addresses are cut out of the
complaint text. It runs inside the turn's transaction, so it commits with the confirmation or not at all.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from bot.core.logs import scrub_personal
from bot.core.messages import Inbound, Option, Reply
from bot.core.scrub import REDACTED as CUT
from bot.core.scrub import scrub_text
from bot.ops import metrics
from bot.outbox.delivery import FORGET_CHAT
from flows.matching import clean, match_words
from flows.ports import FlowServices
from flows.state import ConversationState
from models import store
from models.db import Database, Session
from models.ops import Erasure, forget_guards
from models.privacy_store import erase_other_tables, reporters_of, scrub_rows_about
from models.tables import Citizen

log = logging.getLogger("laporbot.privacy")

OVERLAY = "hapusdata"  # the conversation waits for the citizen to confirm the erasure
YES, NO = "erase.yes", "erase.no"
COMMANDS = ("hapusdata", "deletedata", "hapus_data", "delete_data")


def pseudonym(citizen_id: int) -> str:
    """The identity left on an erased citizen's row: unique, and nobody's chat id."""
    return f"erased-{citizen_id}"


def asks_for_erasure(msg: Inbound, words: frozenset[str]) -> bool:
    """Whether a message is the /hapusdata command (or says it in words)."""
    if msg.command in COMMANDS:
        return True
    text = (msg.text or "").strip()
    if not text or msg.choice_id:
        return False
    if text.startswith("/"):
        return text[1:].split("@")[0].split()[0].lower() in COMMANDS if len(text) > 1 else False
    return " ".join(clean(text).split()) in words


@lru_cache(maxsize=16)  # read on every turn; a catalog does not change while it is loaded
def _words(catalog: Any, key: str) -> frozenset[str]:
    found: set[str] = set()
    for locale in catalog.locales:
        for word in (catalog.maybe(key, locale) or "").split("|"):
            if word.strip():
                found.add(" ".join(clean(word).split()) if key == "ops.erase.words" else word.strip())
    return frozenset(found)


async def erasure_turn(engine: Any, state: ConversationState, msg: Inbound, services: FlowServices) -> Any:
    """The turn when the citizen asks for or answers the erasure question; None for every other message."""
    catalog = engine.catalog
    locale = state.locale or catalog.locales[0]
    if asks_for_erasure(msg, _words(catalog, "ops.erase.words")):
        from flows.engine import Turn

        turn = Turn(state.copy())
        st = turn.state
        st.locale = locale
        st.overlay = OVERLAY
        st.prompt_seq += 1
        st.updated_at = services.now().isoformat()
        options = (Option(YES, catalog.text("ops.erase.opt.yes", locale)),
                   Option(NO, catalog.text("ops.erase.opt.no", locale)))
        turn.replies.append(Reply(catalog.text("ops.erase.ask", locale), options, "yesno", str(st.prompt_seq)))
        return turn
    if state.overlay != OVERLAY:
        return None
    answer = _answer(msg, catalog)
    st = state.copy()
    st.overlay = None
    if answer == "yes":
        from flows.engine import Turn

        session: Session = services.session  # type: ignore[attr-defined]
        erasure = await erase_citizen(session, services.citizen_id, actor="citizen",  # type: ignore[attr-defined]
                                      now=services.now())
        done = catalog.text("ops.erase.done", locale, complaints=erasure.complaints)
        # Marked so the outbox forgets the chat id (for WhatsApp, the phone number) once it is sent.
        return Turn(ConversationState(), [Reply(done, prompt_id=FORGET_CHAT)])
    if answer == "no":
        # Back to where the citizen was: the engine asks its question again.
        again = await engine.handle(st, Inbound(msg.channel, msg.user_id, msg.message_id, choice_id="nav.retry"),
                                    services)
        again.replies.insert(0, Reply(catalog.text("ops.erase.kept", locale)))
        return again
    return await engine.handle(st, msg, services)  # anything else: not a yes, so nothing is erased


def _answer(msg: Inbound, catalog: Any) -> str | None:
    if msg.choice_id in (YES, NO):
        return "yes" if msg.choice_id == YES else "no"
    if msg.text and not msg.command:
        return match_words(msg.text, {"yes": _words(catalog, "common.yes.words"),
                                      "no": _words(catalog, "common.no.words")})
    return None


@dataclass(frozen=True)
class ErasureResult:
    """What an erasure removed."""

    citizen_id: int
    complaints: int
    messages: int


async def erase_citizen(session: Session, citizen_id: int, *, actor: str, now: datetime) -> ErasureResult:
    """Remove a citizen's personal data in the caller's transaction; complaints stay, de-identified."""
    citizen = await session.get(Citizen, citizen_id)
    if citizen is None:
        return ErasureResult(citizen_id, 0, 0)
    alias = pseudonym(citizen_id)
    channel = citizen.channel
    complaint_ids = await store.citizen_complaint_ids(session, citizen_id)
    # Before anything is blanked: every table that can hold what the citizen or an admin wrote about them.
    await sweep_identity(session, citizen, complaint_ids)
    citizen.display_name, citizen.phone, citizen.channel_user_id = None, None, alias
    session.add(citizen)
    blank = {"channel": channel, "user_id": alias, "message_id": "erased", "erased": True}
    # Queued messages to them are dropped; sent ones keep their row (counts, receipts) without the text.
    messages = await store.blank_messages(session, citizen_id, inbound_payload=blank, chat_id=alias, now=now)
    # read afresh: the sweep changed these rows underneath any copy this session holds already
    complaints = await store.complaints_of_citizen(session, citizen_id)
    for complaint in complaints:
        complaint.reporter_name = None
        complaint.reporter_phone = None
        complaint.contact_consent = False
        complaint.title = scrub_personal(complaint.title)[:200]
        complaint.body = scrub_personal(complaint.body)
        if complaint.location_text:
            complaint.location_text = scrub_personal(complaint.location_text)
        complaint.updated_at = now
        session.add(complaint)
    await store.reset_conversation(session, citizen_id, now)
    await forget_guards(session, citizen_id)
    await _other_tables(session, citizen_id, [c.id for c in complaints if c.id is not None])
    session.add(Erasure(citizen_id=citizen_id, actor=actor, complaints=len(complaints), messages=messages, at=now))
    await session.flush()
    metrics.ERASURES.labels(actor).inc()
    log.info("personal data erased", extra={"citizen_id": citizen_id, "actor": actor,
                                            "complaints": len(complaints), "messages": messages})
    return ErasureResult(citizen_id, len(complaints), messages)


def _identity(citizen: Citizen, reporter_names: list[str], phones: list[str]) -> tuple[list[str], list[str]]:
    """The names and the literal identifiers (chat id, phone numbers) to cut out of texts about a citizen."""
    names = [n for n in (citizen.display_name, *reporter_names) if n]
    literals = [v for v in (citizen.channel_user_id, citizen.phone, *phones) if v and len(v.strip()) >= 3]
    return names, literals


def _scrub_all(value: Any, names: list[str], literals: list[re.Pattern[str]]) -> Any:
    """A text or JSON value with NIKs, phone numbers, e-mail, these names and literals replaced."""
    if isinstance(value, str):
        text = scrub_text(value, names) or ""
        for pattern in literals:
            text = pattern.sub(CUT, text)
        return text
    if isinstance(value, dict):
        return {k: _scrub_all(v, names, literals) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub_all(v, names, literals) for v in value]
    return value


async def sweep_identity(session: Session, citizen: Citizen, complaint_ids: list[int]) -> int:
    """Scrub every text/JSON column of every row about this citizen, in every table the metadata knows.

    Which rows are about the citizen: models/privacy_store.py. Identity columns of other people (an admin's
    chat id) never match the citizen's identifiers, so they are left as they are. Returns how many rows changed.
    """
    citizen_id = citizen.id or 0
    reporters = await reporters_of(session, citizen_id)
    names, literals = _identity(citizen, [n for n, _ in reporters if n], [p for _, p in reporters if p])
    patterns = [re.compile(rf"(?<![\w]){re.escape(v.strip())}(?![\w])", re.IGNORECASE) for v in literals]
    return await scrub_rows_about(session, citizen_id, complaint_ids, lambda value: _scrub_all(value, names, patterns))


async def _other_tables(session: Session, citizen_id: int, complaint_ids: list[int]) -> None:
    """Tables other features own: survey answers lose their link; free text (feedback comments, answers to
    admins' questions) loses NIKs, phone numbers and e-mail addresses; chat-only files are deleted."""
    await erase_other_tables(session, citizen_id, complaint_ids, scrub_personal)


async def erase_identity(db: Database, channel: str, user_id: str, now: datetime,
                         actor: str = "operator") -> ErasureResult | None:
    """An operator's erasure (a written request): by channel identity; None when there is no such citizen."""
    async with db.write() as session:
        citizen = await store.citizen_by_identity(session, channel, user_id)
        if citizen is None or citizen.id is None:
            return None
        return await erase_citizen(session, citizen.id, actor=actor, now=now)
