"""What every admin feature stands on (`AdminBase`): the admin file and texts, the write transaction that records
the admin's update, each complaint's case and SLA clock (kept by a complaint hook and a status listener), the
cards, texts and prompts queued for admin chats, the audit trail, and a case as its card shows it."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.admin.config import AdminConfig, AdminDirectory
from bot.admin.ports import Parts
from bot.admin.sla import AdminSettings, clock_for, set_clock, sync_case
from bot.admin.updates import record_update
from bot.core.i18n import Catalog
from models import admin_store, store
from models.admin import AdminAudit, AdminCard, AdminCase, AdminOutbox, AdminPrompt, InfoRequest
from models.db import Session, after_commit
from models.tables import Attachment, Citizen, Complaint, StatusChange
from models.voice import transcripts

log = logging.getLogger("laporbot.admin")

MEDIA_KINDS = {"photo": "photo", "document": "document", "voice": "voice", "audio": "audio", "video": "video"}
_STATUS_CASES = "laporbot.admin.status_cases"  # session.info key: (transaction, complaint id -> case) for on_status
_STATUS_CASES_AT_ONCE = 500  # complaints whose cases one on_status query reads at most


class Signer:
    """Callback data `adm:<code>:<a>:<b>:<sig>`: a short HMAC so crafted button data is refused."""

    PREFIX = "adm:"

    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    def make(self, code: str, a: int, b: int) -> str:
        """Signed data for one button."""
        body = f"adm:{code}:{a}:{b}"
        return f"{body}:{self._sig(body)}"

    def parse(self, data: str) -> tuple[str, int, int] | None:
        """(code, a, b) of genuine data, None for anything forged or malformed."""
        body, _, sig = data.rpartition(":")
        if not hmac.compare_digest(sig.encode(), self._sig(body).encode()):
            return None
        parts = body.split(":")
        if len(parts) != 4 or parts[0] != "adm" or not parts[2].isdecimal() or not parts[3].isdecimal():
            return None
        return parts[1], int(parts[2]), int(parts[3])

    def _sig(self, body: str) -> str:
        digest = hmac.new(self._secret, body.encode(), hashlib.sha256).digest()[:6]
        return base64.urlsafe_b64encode(digest).decode()


@dataclass
class Outcome:
    """What an attempted action came to."""

    code: str  # done | prompted | refused | stale | lost | not_allowed | invalid | not_found
    complaint_id: int | None = None
    tracking_no: str | None = None
    status: str | None = None
    detail: str | None = None

    @property
    def ok(self) -> bool:
        """Whether the action was taken."""
        return self.code == "done"


@dataclass
class CaseView:
    """Everything a card shows about one case."""

    complaint: Complaint
    case: AdminCase
    citizen: Citizen | None
    attachments: list[Attachment] = field(default_factory=list)
    question: InfoRequest | None = None
    replies: int = 0
    last: StatusChange | None = None


def actor_of(user_id: int) -> str:
    """How an admin appears in the status history."""
    return f"admin:{user_id}"


class AdminBase:
    """The admin side of one laporbot process, the parts its features share (bot/admin/cases.py: AdminCore)."""

    def __init__(self, core: Parts, settings: AdminSettings) -> None:
        self.core = core
        self.settings = settings
        self.directory = AdminDirectory(settings.admins_file)
        self.signer = Signer(settings.secret)
        self.wake = asyncio.Event()  # set after a commit that queued admin messages

    # ------------------------------------------------------------------ basics

    @property
    def catalog(self) -> Catalog:
        """The shared message catalog."""
        return self.core.engine.catalog

    def config(self) -> AdminConfig:
        """The admin file as it is now."""
        return self.directory.current()

    def t(self, key: str, locale: str | None = None, /, **values: Any) -> str:
        """An admin-side text in the admins' language (or the given one)."""
        return self.catalog.text(key, locale or self.config().locale, **values)

    def now(self) -> datetime:
        """The current time from the process clock."""
        return self.core.clock.now()

    @asynccontextmanager
    async def write(self) -> AsyncIterator[Session]:
        """A write transaction that first records the admin update being handled (see handling_update).

        The update goes into the inbound log in the same transaction as the action's effects (the audit row,
        the status change, the question to the citizen…): both commit, or neither. A redelivered update finds
        its row and raises DuplicateUpdate before anything is done, so the action happens once.
        """
        async with self.core.db.write() as session:
            await record_update(session, self.now())
            yield session

    def agency_name(self, code: str | None) -> str:
        """An agency's display name (its code when unknown)."""
        if not code:
            return self.t("admin.card.no_agency")
        return self.core.agencies.name(code) or code

    def reason_label(self, code: str, locale: str) -> str:
        """A rejection reason in a language."""
        found = self.catalog.maybe(f"admin.reason.{code}", locale)
        if found is not None:
            return found
        reason = self.config().reason(code)
        return reason.label if reason and reason.label else code

    def kick_after_commit(self, session: Session) -> None:
        """Wake the admin sender once this transaction commits."""
        after_commit(session, self.wake.set)

    # ------------------------------------------------------------------ hooks

    async def on_complaint(self, session: Session, complaint: Complaint) -> None:
        """A new complaint: its case and clock, and its cards queued for the right chats."""
        now = self.now()
        case = AdminCase(complaint_id=complaint.id or 0, status_seen=complaint.status, created_at=now, updated_at=now)
        kind, since = clock_for(complaint.status, case, complaint, now)
        set_clock(case, kind, since, self.settings, complaint)
        session.add(case)
        await self.queue_cards(session, complaint, self.config().targets(complaint.agency_code), attachments=True)
        self.kick_after_commit(session)

    async def on_status(self, session: Session, complaint: Complaint, old: str, new: str) -> None:
        """Any status change: the case's clock follows, its cards get a new version.

        A transaction that changes many complaints (a forwarding worker records a whole batch) reads their
        cases with one query, the first time, instead of one query per change.
        """
        case = await self._case_for_status(session, complaint.id or 0)
        if case is not None and sync_case(case, complaint, self.settings, complaint.updated_at or self.now()):
            session.add(case)
            self.kick_after_commit(session)

    async def _case_for_status(self, session: Session, complaint_id: int) -> AdminCase | None:
        """The case of a complaint whose status changes, read along with those of the transaction's others.

        Cases found are remembered for the transaction (the same objects a new query would return). A
        complaint without a case is asked about again on its next change: its case may be made later in
        the same transaction (on_complaint runs after the forwarding hook's first status change).
        """
        transaction = session.sync_session.get_transaction()
        memo = session.info.get(_STATUS_CASES)
        if memo is None or memo[0] is not transaction:
            memo = session.info[_STATUS_CASES] = (transaction, {})
        known: dict[int, AdminCase | None] = memo[1]
        found = known.get(complaint_id)
        if found is not None:
            return found
        if complaint_id in known:  # had none: read it alone, as before batching
            found = known[complaint_id] = await self.case_of(session, complaint_id)
            return found
        wanted = [complaint_id]
        for item in session.identity_map.values():
            if len(wanted) >= _STATUS_CASES_AT_ONCE:
                break
            if isinstance(item, Complaint) and item.id is not None and item.id not in known and item.id != complaint_id:
                wanted.append(item.id)
        known.update(dict.fromkeys(wanted))
        for case in await admin_store.cases_of(session, wanted):
            known[case.complaint_id] = case
        return known[complaint_id]

    async def case_of(self, session: Session, complaint_id: int) -> AdminCase | None:
        """A complaint's case row, if it has one."""
        return await admin_store.case_of(session, complaint_id)

    async def ensure_case(self, session: Session, complaint: Complaint) -> AdminCase:
        """The case row, created for complaints filed before the admin side existed."""
        case = await self.case_of(session, complaint.id or 0)
        if case is None:
            now = self.now()
            case = AdminCase(complaint_id=complaint.id or 0, status_seen=complaint.status, created_at=now,
                             updated_at=now)
            kind, since = clock_for(complaint.status, case, complaint, complaint.updated_at or now)
            set_clock(case, kind, since, self.settings, complaint)
            session.add(case)
            await session.flush()
        return case

    # ------------------------------------------------------------------ queueing messages to admins

    async def queue_cards(self, session: Session, complaint: Complaint, targets: Sequence[tuple[int, str]],
                          *, attachments: bool) -> list[AdminCard]:
        """Cards (and the complaint's Telegram files after each) for these chats."""
        now = self.now()
        files: list[Attachment] = []
        if attachments:
            files = [a for a in await store.attachments_of(session, [complaint.id or 0])
                     if a.channel == "telegram" and a.kind in MEDIA_KINDS]
        # --- voice: what was heard in each voice note (bot/voice/), shown beside it on the admin's copy ---
        heard = await transcripts(session, [a.file_ref for a in files if a.kind in ("voice", "audio")])
        cards = []
        for chat, audience in dict.fromkeys(targets):
            card = AdminCard(complaint_id=complaint.id or 0, chat_id=str(chat), audience=audience, created_at=now)
            session.add(card)
            await session.flush()
            session.add(AdminOutbox(chat_id=str(chat), complaint_id=complaint.id, card_id=card.id, kind="card",
                                    created_at=now))
            for number, item in enumerate(files, start=1):
                caption = self.t("admin.card.attachment", tracking_no=complaint.tracking_no, n=number,
                                 total=len(files))
                if item.file_ref in heard:  # --- voice: the transcript beside the audio ---
                    caption += "\n" + self.t("voice.admin.transcript", text=heard[item.file_ref][:900])
                session.add(AdminOutbox(chat_id=str(chat), complaint_id=complaint.id, kind=MEDIA_KINDS[item.kind],
                                        payload={"file": item.file_ref, "caption": caption, "mime": item.mime,
                                                 "name": item.name}, created_at=now))
            cards.append(card)
        return cards

    def queue_text(self, session: Session, chat_id: int | str, text: str, *, complaint_id: int | None = None,
                   buttons: list[list[tuple[str, str]]] | None = None) -> AdminOutbox:
        """A text (with optional buttons) to one admin chat."""
        payload: dict[str, Any] = {"text": text}
        if buttons:
            payload["buttons"] = [[list(b) for b in row] for row in buttons]
        row = AdminOutbox(chat_id=str(chat_id), complaint_id=complaint_id, kind="text", payload=payload,
                          created_at=self.now())
        session.add(row)
        return row

    async def case_chats(self, session: Session, complaint_id: int) -> list[str]:
        """The chats holding an active card of the case, in the order they got it."""
        return await admin_store.case_chats(session, complaint_id)

    async def prompt(self, session: Session, *, chat_id: int | str, kind: str, user_id: int, text: str,
                     complaint_id: int | None = None, version: int = 0, options: Sequence[tuple[str, str]] = (),
                     force_reply: bool = False) -> AdminPrompt:
        """Ask an admin: a menu of options (buttons) or a force-reply for typed text."""
        found = AdminPrompt(complaint_id=complaint_id, chat_id=str(chat_id), kind=kind, version=version,
                            created_by=str(user_id), options=[list(o) for o in options], created_at=self.now())
        session.add(found)
        await session.flush()
        payload: dict[str, Any] = {"text": text, "force_reply": force_reply}
        if options:
            buttons = [[label, self.signer.make("m", found.id or 0, index)] for index, (_, label) in enumerate(options)]
            payload["buttons"] = [buttons[i:i + 2] for i in range(0, len(buttons), 2)]
        session.add(AdminOutbox(chat_id=str(chat_id), complaint_id=complaint_id, prompt_id=found.id, kind="text",
                                payload=payload, created_at=self.now()))
        self.kick_after_commit(session)
        return found

    # ------------------------------------------------------------------ audit

    def audit(self, session: Session, *, user_id: int | None, chat_id: int | None, action: str,
              complaint_id: int | None, outcome: str, reason: str | None = None) -> None:
        """Record an attempt; refusals are also logged (ids and codes only, never text)."""
        session.add(AdminAudit(at=self.now(), user_id=str(user_id), chat_id=str(chat_id) if chat_id else None,
                               action=action[:32], complaint_id=complaint_id, outcome=outcome,
                               reason=reason[:64] if reason else None))
        extra = {"user_id": user_id, "chat_id": chat_id, "action": action, "complaint_id": complaint_id,
                 "outcome": outcome, "reason": reason}
        if outcome in ("done", "prompted"):
            log.info("admin action", extra=extra)
        else:
            log.warning("admin action refused", extra=extra)

    async def audit_alone(self, **values: Any) -> None:
        """Record an attempt in its own transaction (refusals that touch nothing else)."""
        async with self.write() as session:
            self.audit(session, **values)

    # ------------------------------------------------------------------ finding cases

    async def by_tracking(self, session: Session, number: str) -> Complaint | None:
        """A complaint by its tracking number (as typed: case and a leading # do not matter)."""
        cleaned = number.strip().lstrip("#").upper()
        if not cleaned:
            return None
        return await store.complaint_by_tracking(session, cleaned)

    async def view(self, session: Session, complaint_id: int) -> CaseView | None:
        """What a card shows."""
        complaint = await session.get(Complaint, complaint_id)
        if complaint is None:
            return None
        case = await self.case_of(session, complaint_id)
        if case is None:  # read-only here: a case as it would be, written by the next write (reconcile)
            now = self.now()
            case = AdminCase(complaint_id=complaint_id, status_seen=complaint.status, created_at=now, updated_at=now)
            set_clock(case, *clock_for(complaint.status, case, complaint, complaint.updated_at or now), self.settings,
                      complaint)
        citizen = await session.get(Citizen, complaint.citizen_id)
        files = await store.attachments_of(session, [complaint_id])
        question = await admin_store.last_question(session, complaint_id)
        replies = await admin_store.reply_count(session, complaint_id)
        last = await store.last_status_change(session, complaint_id)
        return CaseView(complaint, case, citizen, files, question, replies, last)
