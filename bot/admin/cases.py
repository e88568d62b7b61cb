"""The admin side of a complaint, independent of Telegram: cases, cards to post, actions, info requests.

- A new complaint gets an AdminCase (card version + SLA clock) and cards queued for the right chats, in
  the transaction that stores it (a complaint hook), so no case is ever without its alert.
- Every status change, whoever makes it, moves the case's clock and version (a status listener; the
  scheduler reconciles changes made around StatusChanger, such as the citizen's feedback).
- Actions are authorised from the admin file at the moment they are taken, then claimed with one
  atomic `UPDATE admincase SET version = v + 1 WHERE version = v`: of two admins pressing at once,
  one wins and the other is told. Each is recorded in the status history with who and when, and the
  citizen is told in their language.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import logging
import time
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import event, func, or_, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.admin.config import AdminConfig, AdminDirectory
from bot.admin.sla import FINISHED, PRE_VERIFY, AdminSettings, clock_for, set_clock, sync_case
from bot.core.i18n import Catalog
from bot.core.messages import Reply
from models import store
from models.admin import AdminAudit, AdminCard, AdminCase, AdminOutbox, AdminPrompt, InfoReply, InfoRequest
from models.tables import Attachment, Citizen, Complaint, InboundMessage, StatusChange

if TYPE_CHECKING:
    from bot.app import Core

log = logging.getLogger("laporbot.admin")

# The admin update (channel, channel message id, Telegram user id) being handled in this task, until the first
# write transaction records it (AdminCore.write).
_UPDATE: ContextVar[tuple[str, str, int] | None] = ContextVar("admin_update", default=None)


class DuplicateUpdate(Exception):
    """This admin update was handled before (the channel delivered it again): nothing is done twice."""


@contextmanager
def handling_update(channel: str, message_id: str, user_id: int | None) -> Iterator[None]:
    """While handling one admin update: the next AdminCore.write() records it in the inbound log, once."""
    token = _UPDATE.set((channel, message_id, user_id) if user_id is not None else None)
    try:
        yield
    finally:
        _UPDATE.reset(token)


async def seen_update(session: AsyncSession, channel: str, message_id: str) -> bool:
    """Whether this channel message id is in the inbound log already."""
    found = await session.exec(select(InboundMessage.id).where(
        InboundMessage.channel == channel, InboundMessage.channel_message_id == message_id))
    return found.first() is not None


async def _record_update(session: AsyncSession, now: datetime) -> None:
    """Record the pending admin update (if any) as handled; DuplicateUpdate when it was recorded before."""
    pending = _UPDATE.get()
    if pending is None:
        return
    channel, message_id, user_id = pending
    # The admin's own row, like a citizen's (no name kept: an id is all the log needs).
    citizen_id = (await session.execute(store._insert(session, Citizen).values(
        channel=channel, channel_user_id=str(user_id), created_at=now, last_inbound_at=now,
    ).on_conflict_do_update(index_elements=["channel", "channel_user_id"], set_={"last_inbound_at": now})
        .returning(Citizen.__table__.c.id))).scalar_one()  # type: ignore[attr-defined]
    # No message text in the payload: what the admin typed lives in the case (notes, questions) or nowhere.
    recorded = (await session.execute(store._insert(session, InboundMessage).values(
        channel=channel, channel_message_id=message_id, citizen_id=citizen_id, payload={"admin": True},
        status="handled", received_at=now, handled_at=now,
    ).on_conflict_do_nothing(index_elements=["channel", "channel_message_id"])
        .returning(InboundMessage.__table__.c.id))).scalar_one_or_none()  # type: ignore[attr-defined]
    if recorded is None:
        raise DuplicateUpdate(message_id)
    _UPDATE.set(None)  # recorded: later transactions of the same update do not record it again

OPEN = PRE_VERIFY | {"verified", "dispositioned", "in_progress", "on_hold", "reopened"}
#: The statuses each action may be taken in.
ALLOWED: dict[str, frozenset[str]] = {
    "verify": PRE_VERIFY | {"on_hold"},
    "dispose": OPEN,
    "ask": OPEN | {"responded"},
    "respond": frozenset({"verified", "dispositioned", "in_progress", "on_hold", "reopened"}),
    "done": frozenset({"verified", "dispositioned", "in_progress", "reopened"}),
    "reject": OPEN,
    "hold": OPEN - {"on_hold"},
}
ACTIONS = tuple(ALLOWED)
#: One-letter action codes in callback data (64 bytes at most).
CODES = {"verify": "v", "dispose": "d", "ask": "a", "respond": "r", "done": "s", "reject": "x", "hold": "h"}
BY_CODE = {v: k for k, v in CODES.items()}
MEDIA_KINDS = {"photo": "photo", "document": "document", "voice": "voice", "audio": "audio", "video": "video"}
QUESTION_WINDOW = timedelta(days=14)  # an unanswered question stops capturing the citizen's messages after this
ALBUM_WINDOW = timedelta(minutes=2)  # an album's other photos arrive as separate messages right after the first
CACHE_SECONDS = 1.0
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
        if len(parts) != 4 or parts[0] != "adm" or not parts[2].isdigit() or not parts[3].isdigit():
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


class AdminCore:
    """The admin side of one laporbot process."""

    def __init__(self, core: Core, settings: AdminSettings) -> None:
        self.core = core
        self.settings = settings
        self.directory = AdminDirectory(settings.admins_file)
        self.signer = Signer(settings.secret)
        self.wake = asyncio.Event()  # set after a commit that queued admin messages
        # Per channel: who has an open question, and when that was read (a one-second cache).
        self._open: dict[str, tuple[set[str], float]] = {}
        self._reading: dict[str, asyncio.Task[set[str]]] = {}
        self._generation = 0

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
    async def write(self) -> AsyncIterator[AsyncSession]:
        """A write transaction that first records the admin update being handled (see handling_update).

        The update goes into the inbound log in the same transaction as the action's effects (the audit row,
        the status change, the question to the citizen…): both commit, or neither. A redelivered update finds
        its row and raises DuplicateUpdate before anything is done, so the action happens once.
        """
        async with self.core.db.write() as session:
            await _record_update(session, self.now())
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

    def kick_after_commit(self, session: AsyncSession) -> None:
        """Wake the admin sender once this transaction commits."""
        event.listen(session.sync_session, "after_commit", lambda _session: self.wake.set(), once=True)

    # ------------------------------------------------------------------ hooks

    async def on_complaint(self, session: AsyncSession, complaint: Complaint) -> None:
        """A new complaint: its case and clock, and its cards queued for the right chats."""
        now = self.now()
        case = AdminCase(complaint_id=complaint.id or 0, status_seen=complaint.status, created_at=now, updated_at=now)
        kind, since = clock_for(complaint.status, case, complaint, now)
        set_clock(case, kind, since, self.settings, complaint)
        session.add(case)
        await self.queue_cards(session, complaint, self.config().targets(complaint.agency_code), attachments=True)
        self.kick_after_commit(session)

    async def on_status(self, session: AsyncSession, complaint: Complaint, old: str, new: str) -> None:
        """Any status change: the case's clock follows, its cards get a new version.

        A transaction that changes many complaints (a forwarding worker records a whole batch) reads their
        cases with one query, the first time, instead of one query per change.
        """
        case = await self._case_for_status(session, complaint.id or 0)
        if case is not None and sync_case(case, complaint, self.settings, complaint.updated_at or self.now()):
            session.add(case)
            self.kick_after_commit(session)

    async def _case_for_status(self, session: AsyncSession, complaint_id: int) -> AdminCase | None:
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
        for case in (await session.exec(select(AdminCase).where(col(AdminCase.complaint_id).in_(wanted)))).all():
            known[case.complaint_id] = case
        return known[complaint_id]

    async def case_of(self, session: AsyncSession, complaint_id: int) -> AdminCase | None:
        """A complaint's case row, if it has one."""
        return (await session.exec(select(AdminCase).where(AdminCase.complaint_id == complaint_id))).first()

    async def ensure_case(self, session: AsyncSession, complaint: Complaint) -> AdminCase:
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

    async def queue_cards(self, session: AsyncSession, complaint: Complaint, targets: Sequence[tuple[int, str]],
                          *, attachments: bool) -> list[AdminCard]:
        """Cards (and the complaint's Telegram files after each) for these chats."""
        now = self.now()
        files: list[Attachment] = []
        if attachments:
            files = [a for a in (await session.exec(select(Attachment).where(
                Attachment.complaint_id == complaint.id).order_by(col(Attachment.id)))).all()
                if a.channel == "telegram" and a.kind in MEDIA_KINDS]
        heard = await _transcripts(session, files)  # --- voice: what was heard in each voice note ---
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

    def queue_text(self, session: AsyncSession, chat_id: int | str, text: str, *, complaint_id: int | None = None,
                   buttons: list[list[tuple[str, str]]] | None = None) -> AdminOutbox:
        """A text (with optional buttons) to one admin chat."""
        payload: dict[str, Any] = {"text": text}
        if buttons:
            payload["buttons"] = [[list(b) for b in row] for row in buttons]
        row = AdminOutbox(chat_id=str(chat_id), complaint_id=complaint_id, kind="text", payload=payload,
                          created_at=self.now())
        session.add(row)
        return row

    async def case_chats(self, session: AsyncSession, complaint_id: int) -> list[str]:
        """The chats holding an active card of the case, in the order they got it."""
        rows = (await session.exec(select(AdminCard.chat_id).where(
            AdminCard.complaint_id == complaint_id, col(AdminCard.active).is_(True),
            AdminCard.audience != "view").order_by(col(AdminCard.id)))).all()
        return list(dict.fromkeys(rows))

    async def prompt(self, session: AsyncSession, *, chat_id: int | str, kind: str, user_id: int, text: str,
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

    def audit(self, session: AsyncSession, *, user_id: int | None, chat_id: int | None, action: str,
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

    async def by_tracking(self, session: AsyncSession, number: str) -> Complaint | None:
        """A complaint by its tracking number (as typed: case and a leading # do not matter)."""
        cleaned = number.strip().lstrip("#").upper()
        if not cleaned:
            return None
        return (await session.exec(select(Complaint).where(Complaint.tracking_no == cleaned))).first()

    async def view(self, session: AsyncSession, complaint_id: int) -> CaseView | None:
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
        files = list((await session.exec(select(Attachment).where(Attachment.complaint_id == complaint_id)
                                         .order_by(col(Attachment.id)))).all())
        question = (await session.exec(select(InfoRequest).where(
            InfoRequest.complaint_id == complaint_id).order_by(col(InfoRequest.id).desc()))).first()
        replies = (await session.exec(select(func.count()).select_from(InfoReply).where(
            InfoReply.complaint_id == complaint_id))).one()
        last = (await session.exec(select(StatusChange).where(StatusChange.complaint_id == complaint_id)
                                   .order_by(col(StatusChange.id).desc()))).first()
        return CaseView(complaint, case, citizen, files, question, int(replies), last)

    # ------------------------------------------------------------------ actions

    def check(self, config: AdminConfig, user_id: int, complaint: Complaint, case: AdminCase, action: str,
              version: int | None) -> str | None:
        """Why an action cannot be taken now (refused, stale, not_allowed), or None; authorisation first."""
        if not config.can_act(user_id, complaint.agency_code):
            return "refused"
        if version is not None and case.version != version:
            return "stale"  # pressed on an older card (a replay, or another admin acted first)
        if complaint.status not in ALLOWED[action]:
            return "not_allowed"
        return None

    async def begin(self, *, user_id: int, chat_id: int, action: str, complaint_id: int,
                    version: int | None) -> Outcome:
        """A button that needs more input first: the menu (dispose, reject) or the force-reply (ask, respond)."""
        config = self.config()
        async with self.write() as session:
            complaint = await session.get(Complaint, complaint_id)
            if complaint is None:
                self.audit(session, user_id=user_id, chat_id=chat_id, action=action, complaint_id=complaint_id,
                           outcome="not_found")
                return Outcome("not_found", complaint_id)
            case = await self.ensure_case(session, complaint)
            problem = self.check(config, user_id, complaint, case, action, version)
            if problem is not None:
                self.audit(session, user_id=user_id, chat_id=chat_id, action=action, complaint_id=complaint_id,
                           outcome=problem)
                return Outcome(problem, complaint_id, complaint.tracking_no, complaint.status)
            number = complaint.tracking_no
            if action == "dispose":
                options = [(code, self.agency_name(code)) for code in config.agencies()
                           if code != complaint.agency_code][:20]
                options.append(("*", self.t("admin.prompt.dispose_other")))
                await self.prompt(session, chat_id=chat_id, kind="dispose", user_id=user_id, complaint_id=complaint_id,
                                  version=case.version, text=self.t("admin.prompt.dispose", tracking_no=number),
                                  options=options)
            elif action == "reject":
                options = [(r.code, self.reason_label(r.code, config.locale)) for r in config.reasons]
                await self.prompt(session, chat_id=chat_id, kind="reject", user_id=user_id, complaint_id=complaint_id,
                                  version=case.version, text=self.t("admin.prompt.reject", tracking_no=number),
                                  options=options)
            else:
                await self.prompt(session, chat_id=chat_id, kind=action, user_id=user_id, complaint_id=complaint_id,
                                  version=case.version, text=self.t(f"admin.prompt.{action}", tracking_no=number),
                                  force_reply=True)
            self.audit(session, user_id=user_id, chat_id=chat_id, action=action, complaint_id=complaint_id,
                       outcome="prompted")
            return Outcome("prompted", complaint_id, number, complaint.status)

    async def act(self, *, user_id: int, chat_id: int | None, action: str, complaint_id: int,
                  version: int | None = None, text: str | None = None, reason: str | None = None,
                  agency: str | None = None, prompt_id: int | None = None) -> Outcome:
        """Take one action on a case, authorised now; `version` (from a card or menu) must still be current."""
        config = self.config()
        now = self.now()
        actor = actor_of(user_id)
        async with self.write() as session:
            query = select(Complaint).where(Complaint.id == complaint_id)
            if store.is_postgres(session):
                query = query.with_for_update()  # the same lock order as the forwarding status poller
            complaint = (await session.exec(query)).first()

            def refuse(code: str, detail: str | None = None) -> Outcome:
                self.audit(session, user_id=user_id, chat_id=chat_id, action=action, complaint_id=complaint_id,
                           outcome=code, reason=detail)
                return Outcome(code, complaint_id, complaint.tracking_no if complaint else None,
                               complaint.status if complaint else None, detail)

            if complaint is None:
                return refuse("not_found")
            case = await self.ensure_case(session, complaint)
            problem = self.check(config, user_id, complaint, case, action, version)
            if problem is not None:
                return refuse(problem)
            invalid = self._invalid(config, complaint, action, text, reason, agency)
            if invalid is not None:
                return refuse("invalid", invalid)
            if prompt_id is not None:
                # A prompt answers once: the second press on the same menu (or reply) loses.
                used = await session.execute(update(AdminPrompt).where(
                    col(AdminPrompt.id) == prompt_id, col(AdminPrompt.used_at).is_(None)).values(used_at=now))
                if used.rowcount != 1:  # type: ignore[attr-defined]
                    return refuse("lost")
            claimed = await session.execute(update(AdminCase).where(
                col(AdminCase.id) == case.id, col(AdminCase.version) == case.version).values(
                version=case.version + 1, updated_at=now))
            if claimed.rowcount != 1:  # type: ignore[attr-defined]
                return refuse("lost")
            await session.refresh(case)
            locale = await self.core.inbox.citizen_locale(session, complaint.citizen_id)
            await self._perform(session, complaint, case, action, actor, locale, text, reason, agency)
            self.audit(session, user_id=user_id, chat_id=chat_id, action=action, complaint_id=complaint_id,
                       outcome="done", reason=reason or agency)
            self.kick_after_commit(session)
            return Outcome("done", complaint_id, complaint.tracking_no, complaint.status)

    def _invalid(self, config: AdminConfig, complaint: Complaint, action: str, text: str | None, reason: str | None,
                 agency: str | None) -> str | None:
        if action in ("ask", "respond") and not (text or "").strip():
            return "empty_text"
        if action == "reject" and (reason is None or config.reason(reason) is None):
            return "unknown_reason"
        if action == "dispose":
            if not agency:
                return "no_agency"
            if agency == complaint.agency_code:
                return "same_agency"
            if self.core.agencies.name(agency) is None and agency not in config.agencies():
                return "unknown_agency"
        return None

    async def _perform(self, session: AsyncSession, complaint: Complaint, case: AdminCase, action: str, actor: str,
                       locale: str, text: str | None, reason: str | None, agency: str | None) -> None:
        status = self.core.status
        inbox = self.core.inbox
        now = self.now()
        cat = self.catalog
        if action == "verify":
            await status.change(session, complaint, "verified", actor=actor, at=now)
        elif action == "hold":
            await status.change(session, complaint, "on_hold", note=(text or "").strip() or None, actor=actor, at=now)
        elif action == "reject":
            note = self.reason_label(reason or "", locale)
            if text and text.strip():
                note = f"{note}: {text.strip()}"
            await status.change(session, complaint, "rejected", note=note, actor=actor, at=now)
        elif action == "dispose":
            assert agency is not None
            complaint.agency_code = agency
            target = "verified" if complaint.status in PRE_VERIFY else complaint.status
            note = cat.text("admin.note.disposed", locale, agency=self.agency_name(agency))
            await status.change(session, complaint, target, note=note, actor=actor, at=now)
            cards = (await session.exec(select(AdminCard).where(
                AdminCard.complaint_id == complaint.id, col(AdminCard.active).is_(True),
                AdminCard.audience != "view"))).all()
            for card in cards:
                card.active = False  # the last edit shows where the case went, without buttons
                session.add(card)
            await self.queue_cards(session, complaint, self.config().targets(agency), attachments=True)
        elif action == "ask":
            question = (text or "").strip()
            session.add(InfoRequest(complaint_id=complaint.id or 0, citizen_id=complaint.citizen_id, asked_by=actor,
                                    asked_at=now, question=question))
            await status.change(session, complaint, complaint.status, actor=actor, at=now, notify=False,
                                note=cat.text("admin.note.asked", locale, question=question))
            await inbox.notify(session, complaint.citizen_id, [Reply(cat.text(
                "admin.citizen.question", locale, tracking_no=complaint.tracking_no, question=question))])
            self._forget_open_questions()  # this process captures the answer from now on
        elif action == "respond":
            answer = (text or "").strip()
            if case.responded_at is None:
                case.responded_at = now  # the first follow-up stops the follow-up clock
                session.add(case)
            await status.change(session, complaint, "in_progress", note=answer, actor=actor, at=now, notify=False)
            await inbox.notify(session, complaint.citizen_id, [Reply(cat.text(
                "admin.citizen.response", locale, tracking_no=complaint.tracking_no,
                agency=self.agency_name(complaint.agency_code), text=answer))])
        elif action == "done":
            # --- feedback (bot/surveys/feedback.py): "responded" asks the citizen whether the problem is solved ---
            from bot.surveys.feedback import request_feedback

            await status.change(session, complaint, "responded", actor=actor, at=now, notify=False)
            await request_feedback(inbox, session, complaint.id or 0)
        else:  # pragma: no cover - ALLOWED guards the names
            raise ValueError(action)

    async def choose(self, *, user_id: int, chat_id: int, prompt_id: int, index: int) -> Outcome:
        """A press on a menu the bot offered (a reason to reject, an agency to dispose to)."""
        async with self.core.db.read() as session:
            found = await session.get(AdminPrompt, prompt_id)
        if found is None or found.chat_id != str(chat_id) or found.complaint_id is None \
                or not 0 <= index < len(found.options):
            await self.audit_alone(user_id=user_id, chat_id=chat_id, action="menu", complaint_id=None,
                                   outcome="invalid", reason="unknown_menu")
            return Outcome("invalid")
        code = str(found.options[index][0])
        if found.used_at is not None:
            await self.audit_alone(user_id=user_id, chat_id=chat_id, action=found.kind,
                                   complaint_id=found.complaint_id, outcome="lost")
            return Outcome("lost", found.complaint_id)
        if found.kind == "dispose" and code == "*":
            return await self.ask_agency(user_id=user_id, chat_id=chat_id, source=found)
        action = "dispose" if found.kind == "dispose" else "reject"
        return await self.act(user_id=user_id, chat_id=chat_id, action=action, complaint_id=found.complaint_id,
                              version=found.version, reason=code if action == "reject" else None,
                              agency=code if action == "dispose" else None, prompt_id=found.id)

    async def ask_agency(self, *, user_id: int, chat_id: int, source: AdminPrompt) -> Outcome:
        """"Another agency": ask for its name or code as typed text."""
        config = self.config()
        async with self.write() as session:
            complaint = await session.get(Complaint, source.complaint_id)
            if complaint is None or not config.can_act(user_id, complaint.agency_code):
                self.audit(session, user_id=user_id, chat_id=chat_id, action="dispose",
                           complaint_id=source.complaint_id, outcome="refused")
                return Outcome("refused", source.complaint_id)
            await self.prompt(session, chat_id=chat_id, kind="find", user_id=user_id, complaint_id=complaint.id,
                              version=source.version, force_reply=True,
                              text=self.t("admin.prompt.find", tracking_no=complaint.tracking_no))
            return Outcome("prompted", complaint.id, complaint.tracking_no, complaint.status)

    async def agency_menu(self, *, user_id: int, chat_id: int, complaint_id: int, version: int,
                          text: str) -> Outcome:
        """Agencies matching what an admin typed, as a dispose menu."""
        config = self.config()
        found = self.core.agencies.match(text, None)
        async with self.write() as session:
            complaint = await session.get(Complaint, complaint_id)
            if complaint is None or not config.can_act(user_id, complaint.agency_code):
                self.audit(session, user_id=user_id, chat_id=chat_id, action="dispose", complaint_id=complaint_id,
                           outcome="refused")
                return Outcome("refused", complaint_id)
            options = [(c.code, c.name) for c in found if c.code != complaint.agency_code]
            if not options:
                return Outcome("invalid", complaint_id, complaint.tracking_no, detail="no_match")
            await self.prompt(session, chat_id=chat_id, kind="dispose", user_id=user_id, complaint_id=complaint_id,
                              version=version, options=options,
                              text=self.t("admin.prompt.dispose", tracking_no=complaint.tracking_no))
            return Outcome("prompted", complaint_id, complaint.tracking_no, complaint.status)

    async def typed_prompt(self, chat_id: int, message_id: int) -> AdminPrompt | None:
        """The unused force-reply prompt a message in this chat answers, if any."""
        async with self.core.db.read() as session:
            return (await session.exec(select(AdminPrompt).where(
                AdminPrompt.chat_id == str(chat_id), AdminPrompt.message_id == str(message_id),
                col(AdminPrompt.used_at).is_(None)))).first()

    async def answer_prompt(self, *, user_id: int, chat_id: int, found: AdminPrompt, text: str) -> Outcome:
        """An admin's typed reply to a prompt: the question for the citizen, the follow-up, or an agency name."""
        if found.complaint_id is None:
            return Outcome("invalid")
        if found.kind == "find":
            async with self.write() as session:
                await session.execute(update(AdminPrompt).where(col(AdminPrompt.id) == found.id)
                                      .values(used_at=self.now()))
            return await self.agency_menu(user_id=user_id, chat_id=chat_id, complaint_id=found.complaint_id,
                                          version=found.version, text=text)
        return await self.act(user_id=user_id, chat_id=chat_id, action=found.kind, complaint_id=found.complaint_id,
                              text=text, prompt_id=found.id)

    # ------------------------------------------------------------------ the citizen's answers

    async def citizens_with_questions(self, channel: str = "telegram") -> set[str]:
        """Channel user ids of citizens whose next message answers an admin (cached for a second).

        Every inbound message asks this first, so one read serves all callers that ask at the same time.
        """
        cached = self._open.get(channel)
        if cached is not None and time.monotonic() - cached[1] < CACHE_SECONDS:
            return cached[0]
        reading = self._reading.get(channel)
        if reading is None or reading.done():
            reading = self._reading[channel] = asyncio.ensure_future(self._read_open_questions(channel))
        return set(await asyncio.shield(reading))

    def _forget_open_questions(self) -> None:
        self._generation += 1  # a read already under way must not store what it found
        self._open.clear()
        self._reading.clear()

    async def _read_open_questions(self, channel: str) -> set[str]:
        started, generation = time.monotonic(), self._generation
        now = self.now()
        async with self.core.db.read() as session:
            rows = (await session.exec(
                select(Citizen.channel_user_id).join(InfoRequest, col(InfoRequest.citizen_id) == col(Citizen.id))
                .join(Complaint, col(Complaint.id) == col(InfoRequest.complaint_id))
                .where(Citizen.channel == channel, col(Complaint.status).not_in(FINISHED),
                       col(InfoRequest.asked_at) >= now - QUESTION_WINDOW,
                       # Just answered: an album's other photos, or Telegram redelivering the answer.
                       or_(col(InfoRequest.answered_at).is_(None),
                           col(InfoRequest.answered_at) >= now - ALBUM_WINDOW)))).all()
        found = set(rows)
        if generation == self._generation:
            self._open[channel] = (found, started)
        return found

    async def record_answer(self, *, user_id: str, update_key: str, kind: str, text: str | None,
                            file_ref: str | None, media_group: str | None, channel: str = "telegram") -> Outcome | None:
        """The citizen's answer to an open question: stored with the case, relayed to its chats; None if none open.

        Files are relayed by their Telegram file id; from another channel (WhatsApp media ids mean nothing to
        Telegram) the answer is stored with the case and the chats are told in text.
        """
        now = self.now()
        async with self.core.db.write() as session:
            seen = (await session.exec(select(InfoReply.complaint_id)
                                       .where(InfoReply.update_key == update_key))).first()
            if seen is not None:
                return Outcome("done", seen)  # a redelivered update: recorded before
            citizen = (await session.exec(select(Citizen).where(
                Citizen.channel == channel, Citizen.channel_user_id == user_id))).first()
            if citizen is None:
                return None
            request = await self._open_request(session, citizen.id or 0, media_group, now)
            if request is None:
                return None
            complaint = await session.get(Complaint, request.complaint_id)
            if complaint is None:
                return None
            first = request.answered_at is None
            session.add(InfoReply(request_id=request.id or 0, complaint_id=complaint.id or 0, update_key=update_key,
                                  kind=kind, text=text, file_ref=file_ref, received_at=now))
            if file_ref and kind in MEDIA_KINDS:
                session.add(Attachment(complaint_id=complaint.id or 0, channel=channel, kind=kind,
                                       file_ref=file_ref[:255]))
            if first:
                request.answered_at = now
                request.media_group = media_group
                session.add(request)
            case = await self.ensure_case(session, complaint)
            case.version += 1
            case.updated_at = now
            session.add(case)
            header = self.t("admin.answer.header", tracking_no=complaint.tracking_no)
            for chat in await self.case_chats(session, complaint.id or 0):
                if kind in MEDIA_KINDS and file_ref and channel == "telegram":
                    caption = f"{header}\n{text}" if text else header
                    session.add(AdminOutbox(chat_id=chat, complaint_id=complaint.id, kind=kind, created_at=now,
                                            payload={"file": file_ref, "caption": caption[:1000]}))
                else:
                    key = f"admin.answer.kind.{kind}"
                    label = self.t(key if self.catalog.has(key) else "admin.answer.kind.file")
                    body = (text or label) if kind == "text" else f"{label}\n{text}" if text else label
                    self.queue_text(session, chat, f"{header}\n{body}", complaint_id=complaint.id)
            if first:
                locale = await self.core.inbox.citizen_locale(session, complaint.citizen_id)
                await self.core.inbox.notify(session, complaint.citizen_id, [Reply(self.catalog.text(
                    "admin.citizen.answer_received", locale, tracking_no=complaint.tracking_no))])
            self.kick_after_commit(session)
            log.info("citizen answered an admin", extra={"complaint_id": complaint.id, "kind": kind})
            return Outcome("done", complaint.id, complaint.tracking_no, complaint.status)

    async def _open_request(self, session: AsyncSession, citizen_id: int, media_group: str | None,
                            now: datetime) -> InfoRequest | None:
        query = (select(InfoRequest).join(Complaint, col(Complaint.id) == col(InfoRequest.complaint_id))
                 .where(InfoRequest.citizen_id == citizen_id, col(Complaint.status).not_in(FINISHED),
                        col(InfoRequest.asked_at) >= now - QUESTION_WINDOW))
        pending = (await session.exec(query.where(col(InfoRequest.answered_at).is_(None))
                                      .order_by(col(InfoRequest.id).desc()))).first()
        if pending is not None:
            return pending
        if media_group:
            return (await session.exec(query.where(InfoRequest.media_group == media_group,
                                                   col(InfoRequest.answered_at) >= now - ALBUM_WINDOW)
                                       .order_by(col(InfoRequest.id).desc()))).first()
        return None


def install(core: Core, settings: AdminSettings | None = None) -> AdminCore:
    """Wire the admin side into a Core (once): the complaint hook and the status listener."""
    found = admin_of(core)
    if found is not None:
        return found
    admin = AdminCore(core, settings or AdminSettings.from_settings(core.settings))

    async def hook(session: AsyncSession, complaint: Complaint) -> None:
        await admin.on_complaint(session, complaint)

    hook.laporbot_admin = admin  # type: ignore[attr-defined]
    core.hooks.append(hook)
    core.status.listeners.append(admin.on_status)
    return admin


def admin_of(core: Core) -> AdminCore | None:
    """The AdminCore installed in a Core, if any."""
    for hook in core.hooks:
        found = getattr(hook, "laporbot_admin", None)
        if isinstance(found, AdminCore):
            return found
    return None


# --- voice: a voice note's transcript (bot/voice/) shown beside it on the admin's copy ---
async def _transcripts(session: AsyncSession, files: Sequence[Attachment]) -> dict[str, str]:
    """The transcript of each voice note among these files, by file reference, where one was heard."""
    from models.voice import VoiceJob

    refs = [a.file_ref for a in files if a.kind in ("voice", "audio")]
    if not refs:
        return {}
    rows = (await session.exec(select(VoiceJob.file_ref, VoiceJob.transcript).where(
        col(VoiceJob.file_ref).in_(refs), col(VoiceJob.transcript).is_not(None)).order_by(col(VoiceJob.id)))).all()
    return {ref: text for ref, text in rows if text}
# --- end voice ---

