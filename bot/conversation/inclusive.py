"""Inclusion in front of the engine: simple mode per citizen, and help first for women and children.

`InclusiveEngine` wraps the one engine (under the abuse checks) and keeps it channel-agnostic:

* **Simple mode.** "mode sederhana" / "simple" (words in `simple.po`) turns it on for the citizen
  (`citizen.simple_mode`), "mode biasa" off; the current question is asked again. Every reply to a citizen in
  simple mode is marked `Reply.simple`, and each channel adapter renders it as plain numbered text.
* **Violence against women or children** (words in `protect.po`): SAPA 129 and 112 first, once per complaint;
  the complaint is rahasia by default (the rahasia question states the default, the citizen may change it);
  the kabupaten's Dinas P3A / UPTD PPA is suggested first where the agency catalog has one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from bot.conversation.emergency import ViolenceWords, WordList, tokens_of
from bot.core.messages import Inbound, Reply
from flows.engine import Turn
from flows.ports import AgencyChoice, FlowServices, StoryReading
from flows.state import ConversationState
from models.store import SIMPLE_MODE
from models.tables import Citizen

COMPLAINT = "complaint"
SECRET_STEP = "ask_privacy"
PROTECT = "protect"  # answers key: this complaint tells of violence (the notice was given, rahasia by default)
P3A_KIND = "dp3a"  # Dinas Pemberdayaan Perempuan dan Perlindungan Anak in the agency catalog's codes
P3A_WORDS = "uptd ppa"  # how a deployment's own catalog may name it, if its codes differ


def p3a_for(services: Any, region: str | None) -> AgencyChoice | None:
    """The Dinas P3A / UPTD PPA of the region's kabupaten/kota (else its province), if the catalog has one."""
    parts = (region or "").split(".")
    for code in (".".join(parts[:2]) if len(parts) >= 2 else None, parts[0] or None):
        if code:
            name = services.agency_name(f"{code}-{P3A_KIND}")
            if name:
                return AgencyChoice(f"{code}-{P3A_KIND}", name, 100.0, code)
    found = [a for a in services.match_agency(P3A_WORDS, region) if a.score >= 85]
    return found[0] if found else None


async def simple_mode(session: Any, citizen_id: int | None) -> bool:
    """Whether the citizen chose simple mode: read with the batch's citizen upsert, else from their row."""
    if session is None or citizen_id is None:
        return False
    known = session.info.get(SIMPLE_MODE, {})
    if citizen_id in known:
        return bool(known[citizen_id])
    citizen = await session.get(Citizen, citizen_id)
    return bool(citizen is not None and citizen.simple_mode)


class _ProtectingServices:
    """The turn's services, except that a story of violence suggests the Dinas P3A first."""

    def __init__(self, inner: Any, violence: ViolenceWords) -> None:
        self._inner = inner
        self._violence = violence

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def suggest_agency(self, description: str, region: str | None) -> list[AgencyChoice]:
        """The usual suggestions, with the Dinas P3A first when the story tells of violence."""
        found = list(self._inner.suggest_agency(description, region))
        if not self._violence.match(description):
            return found
        p3a = p3a_for(self._inner, region)
        return found if p3a is None else [p3a, *(a for a in found if a.code != p3a.code)]

    def read_story(self, text: str) -> StoryReading:
        """The story as the inner services read it; one of violence that names its place gets that place's
        Dinas P3A as its agency (as the agency step would suggest it first)."""
        reading = self._inner.read_story(text)
        region = (reading.answers.get("location") or {}).get("region")
        if reading.kind != "story" or not region or not self._violence.match(text):
            return reading
        p3a = p3a_for(self._inner, region)
        if p3a is None:
            return reading
        return replace(reading, answers={**reading.answers, "agency": p3a.code},
                       confidence={**reading.confidence, "agency": max(reading.confidence.get("agency", 0.0), 0.8)})


class InclusiveEngine:
    """The engine with simple mode and protection for women and children; everything else is the engine's own."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        catalog = inner.catalog
        self.violence = ViolenceWords.from_catalog(catalog)
        self.simple_on = WordList.from_catalog(catalog, ("simple.on.words",))
        self.simple_off = WordList.from_catalog(catalog, ("simple.off.words",))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    async def handle(self, state: ConversationState, msg: Inbound, services: FlowServices) -> Turn:
        """One turn, with the simple-mode switch, the protection notice and the simple flag on the replies."""
        session = getattr(services, "session", None)
        citizen_id = getattr(services, "citizen_id", None)
        switch = self._switch(msg)
        if switch is not None and session is not None and citizen_id is not None:
            citizen = await session.get(Citizen, citizen_id)
            if citizen is not None:
                citizen.simple_mode = switch
                session.add(citizen)
                session.info.setdefault(SIMPLE_MODE, {})[citizen_id] = switch
        if switch is not None and session is not None:
            turn = await self._ask_again(state, msg, services)
            locale = turn.state.locale or self.inner.catalog.locales[0]
            turn.replies.insert(0, Reply(self.inner.catalog.text("simple.on" if switch else "simple.off", locale)))
        else:
            story = bool(msg.text) and not msg.command and not msg.choice_id and self.violence.match(msg.text or "")
            turn = await self.inner.handle(state, msg, _ProtectingServices(services, self.violence))
            self._protect(turn, story)
        if await simple_mode(session, citizen_id):
            turn.replies = [replace(r, simple=True) for r in turn.replies]
        return turn

    async def start(self, state: ConversationState, flow_id: str, services: FlowServices,
                    preset: Mapping[str, Any] | None = None) -> Turn:
        """A flow the bot starts (a survey): its replies in simple mode too, for a citizen who chose it."""
        turn = await self.inner.start(state, flow_id, services, preset)
        if await simple_mode(getattr(services, "session", None), getattr(services, "citizen_id", None)):
            turn.replies = [replace(r, simple=True) for r in turn.replies]
        return turn

    def _switch(self, msg: Inbound) -> bool | None:
        """True / False when the whole message asks for simple / normal mode, else None."""
        if not msg.text or msg.command or msg.choice_id or msg.media or len(msg.text) > 40:
            return None
        words = tuple(tokens_of(msg.text))
        for wanted, words_list in ((True, self.simple_on), (False, self.simple_off)):
            if (len(words) == 1 and words[0] in words_list.words) or words in words_list.phrases:
                return wanted
        return None

    async def _ask_again(self, state: ConversationState, msg: Inbound, services: FlowServices) -> Turn:
        """The question the citizen was at, asked again (the menu when there was none)."""
        at_question = state.flow is not None and state.step is not None and state.overlay is None
        base = {"channel": msg.channel, "user_id": msg.user_id, "message_id": msg.message_id,
                "locale_hint": msg.locale_hint}
        again = Inbound(**base, choice_id="nav.retry") if at_question else Inbound(**base, command="menu")
        return await self.inner.handle(state, again, services)

    def _protect(self, turn: Turn, story: bool) -> None:
        """SAPA 129 first once per complaint, rahasia by default, and the default said at the rahasia question."""
        st = turn.state
        locale = st.locale or self.inner.catalog.locales[0]
        in_complaint = st.flow == COMPLAINT
        if story and not (in_complaint and st.answers.get(PROTECT)):
            # Before anything else, and nothing that would alarm someone reading over a shoulder.
            turn.replies.insert(0, Reply(self.inner.catalog.text("protect.notice", locale)))
            if in_complaint:
                st.answers[PROTECT] = True
                st.answers.setdefault("is_secret", True)
        if in_complaint and st.step == SECRET_STEP and st.answers.get(PROTECT) and turn.replies:
            last = turn.replies[-1]
            if last.expects in ("yesno", "choice"):
                default = self.inner.catalog.text("protect.secret_default", locale)
                turn.replies[-1] = replace(last, text=f"{last.text}\n\n{default}")
