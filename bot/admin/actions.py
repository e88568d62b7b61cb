"""Admins' actions on a case: authorised from the admin file at the moment they are taken, then claimed with one
atomic `UPDATE admincase SET version = v + 1 WHERE version = v` (of two admins pressing at once, one wins and the
other is told); each recorded in the status history with who and when, the citizen told in their language. Menus
(reject reasons, agencies to dispose to) and force-replies (questions, follow-ups) come first where input is needed.
"""

from __future__ import annotations

from bot.admin.cards import Outcome, actor_of
from bot.admin.config import AdminConfig
from bot.admin.questions import Questions
from bot.admin.sla import PRE_VERIFY
from bot.core.messages import Reply
from models import admin_store, store
from models.admin import AdminCase, AdminPrompt, InfoRequest
from models.db import Session
from models.tables import Complaint

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


class Actions(Questions):
    """What admins do to cases (asking a question opens one: Questions)."""

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
            complaint = await store.lock_complaint(session, complaint_id)  # locked as the status poller locks

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
                if not await admin_store.use_prompt(session, prompt_id, now):
                    return refuse("lost")
            if not await admin_store.claim_case_version(session, case.id, case.version, now):
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

    async def _perform(self, session: Session, complaint: Complaint, case: AdminCase, action: str, actor: str,
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
            for card in await admin_store.active_cards(session, complaint.id or 0):
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
            return await admin_store.open_prompt(session, str(chat_id), str(message_id))

    async def answer_prompt(self, *, user_id: int, chat_id: int, found: AdminPrompt, text: str) -> Outcome:
        """An admin's typed reply to a prompt: the question for the citizen, the follow-up, or an agency name."""
        if found.complaint_id is None:
            return Outcome("invalid")
        if found.kind == "find":
            async with self.write() as session:
                await admin_store.use_prompt(session, found.id, self.now(), once=False)
            return await self.agency_menu(user_id=user_id, chat_id=chat_id, complaint_id=found.complaint_id,
                                          version=found.version, text=text)
        return await self.act(user_id=user_id, chat_id=chat_id, action=found.kind, complaint_id=found.complaint_id,
                              text=text, prompt_id=found.id)
