"""The one engine: advances any declared flow by one inbound message, on any channel, with no I/O.

It stays one module (about 700 lines): `Engine` is one state machine whose methods call one another on the same
turn (commands, overlays, entering a step, passing filled slots, answers, re-asks), and what stands alone already
lives beside it: matching (flows/matching.py), words (lexicon.py), the named functions (registry.py), the flow
schema (schema.py) and the conversation state (state.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any

from bot.core.i18n import Catalog
from bot.core.messages import Inbound, Option, Reply
from flows.lexicon import core, lexicon, split_words
from flows.matching import Vocabulary, clean, match_label, match_words, parse_number
from flows.ports import FlowServices
from flows.registry import (
    ACTIONS,
    OPTION_PROVIDERS,
    VALIDATORS,
    VALUE_PROVIDERS,
    Answer,
    Invalid,
    Ok,
    Stay,
    StepContext,
)
from flows.schema import Flow, InvalidFlow, Step, check_words
from flows.state import ConversationState

MENU = "menu"
COMMANDS = ("cancel", "back", "help", "menu", "language", "agent")
NAV_IDS = {f"nav.{c}": c for c in (*COMMANDS, "retry")}
STUCK_AFTER = 3  # invalid answers in a row before help and the menu are offered
SIMPLE_AFTER = 2
CONFIDENT = 0.7  # a slot filled at least this surely (answers["_confidence"]) is not asked again
CONFIDENCE = "_confidence"


@dataclass
class Turn:
    """The result of one message: the new state to persist and the replies to send."""

    state: ConversationState
    replies: list[Reply] = field(default_factory=list)


class Engine:
    """Interprets flows. Holds only definitions and words; all state comes in and goes out."""

    def __init__(self, flows: Sequence[Flow], catalog: Catalog) -> None:
        self.flows = {f.id: f for f in flows}
        self.catalog = catalog
        if MENU not in self.flows:
            raise InvalidFlow("a 'menu' flow is required")
        for flow in flows:
            for step in flow.steps:
                for target in step.targets():
                    if target.startswith("@") and target[1:] not in self.flows:
                        raise InvalidFlow(f"{flow.id}.{step.id}: unknown flow {target}")
                for name, registry in ((step.validate, VALIDATORS), (step.action, ACTIONS),
                                       (step.options_from, OPTION_PROVIDERS), (step.values, VALUE_PROVIDERS)):
                    if name is not None and name not in registry:
                        raise InvalidFlow(f"{flow.id}.{step.id}: unknown function {name!r}")
        self._vocab = {
            c: self._words(f"command.{c}.words") for c in (*COMMANDS, "start", "status")
        }
        self._yes_no = Vocabulary({"yes": self._words("common.yes.words"), "no": self._words("common.no.words")})
        self._commands = Vocabulary(self._vocab)  # indexed once: every answer is checked for a command word
        self._numbers = [self._words(f"number.{i}") for i in range(1, 11)]
        self._number_leads = self._words("number.lead")  # "yang pertama", "nomor dua"

    def lint(self) -> list[str]:
        """Every word the flows and the engine need that some locale lacks."""
        engine_keys = [
            "common.welcome", "common.cancelled", "common.stale", "common.unsupported", "common.help",
            "common.simple_choice", "common.stuck", "common.language", "common.language_set",
            "common.draft_saved", "common.draft_expired", "common.resume", "common.media_saved",
            "common.opt.yes", "common.opt.no", "common.yes.words", "common.no.words",
            "menu.main.again", *(f"nav.{n}" for n in NAV_IDS.values()),
            *(f"command.{c}.words" for c in self._vocab),
            *(f"common.invalid.{e}" for e in ("choice", "yesno", "text", "date", "location", "media")),
            *(f"number.{i}" for i in range(1, 11)),
            *(f"language.{code}" for code in self.catalog.locales),
        ]
        return check_words(self.flows.values(), self.catalog, engine_keys)

    def _words(self, key: str) -> frozenset[str]:
        words: set[str] = set()
        for locale in self.catalog.locales:
            text = self.catalog.maybe(key, locale)
            if text:
                words.update(w.strip() for w in text.split("|") if w.strip())
        return frozenset(words)

    # ---- the turn ---------------------------------------------------------------------------

    async def handle(self, state: ConversationState, msg: Inbound, services: FlowServices) -> Turn:
        """Advance the conversation by one inbound message."""
        turn = Turn(state=state.copy())
        st = turn.state
        now = services.now()
        if st.locale is None:
            st.locale = self._first_locale(msg.locale_hint)
        ctx = StepContext(services=services, state=st, msg=msg)
        idle_since = _parse_time(st.updated_at)
        st.updated_at = now.isoformat()

        saved_at = _parse_time(st.draft.get("saved_at")) if st.draft else None
        if saved_at is not None and now - saved_at > services.config.draft_ttl:
            st.draft = None
            turn.replies.append(self._text("common.draft_expired", st, days=services.config.draft_ttl.days))
            if st.overlay == "resume":
                st.overlay = None
                st.flow = None

        command = self._command(msg, st)
        if await self._shadowed(ctx, command):
            command = None  # a command word that is one of the offered answers is that answer
        if command == "language" and st.overlay == "language" and not msg.command:
            command = None  # "english" while choosing a language is the answer, not the command again
        flow = self.flows.get(st.flow or "")
        if (command is None and flow is not None and flow.keeps_draft and st.answers and idle_since
                and now - idle_since > services.config.resume_after):
            # The citizen left mid-way and came back: ask before treating this message as an answer.
            self._stash_draft(st, now)
            st.overlay = "resume"
            turn.replies.append(await self._ask_resume(ctx))
            return turn

        if msg.unsupported and not (msg.text or msg.media or msg.location or msg.choice_id):
            key = f"common.unsupported.{msg.unsupported}"
            turn.replies.append(self._text(key if self.catalog.has(key) else "common.unsupported", st))
            turn.replies.extend(await self._reprompt(ctx))
            return turn

        if msg.choice_id and msg.prompt_id and msg.prompt_id != str(st.prompt_seq):
            turn.replies.append(self._text("common.stale", st))
            turn.replies.extend(await self._reprompt(ctx))
            return turn

        if command is not None:
            turn.replies.extend(await self._run_command(ctx, command, msg))
            return turn

        if st.overlay:
            turn.replies.extend(await self._answer_overlay(ctx))
            return turn

        if st.flow is None or not self.flows.get(st.flow) or not self.flows[st.flow].has_step(st.step):
            st.flow, st.step, st.answers, st.history = MENU, self.flows[MENU].start, {}, []
            if not (msg.choice_id or (msg.text and (self._menu_pick(ctx) or self._tells_story(ctx)))):
                turn.replies.append(await self._prompt(ctx, variant="welcome"))
                return turn
        turn.replies.extend(await self._answer(ctx, turn))
        return turn

    async def start(self, state: ConversationState, flow_id: str, services: FlowServices,
                    preset: Mapping[str, Any] | None = None) -> Turn:
        """Start a flow the bot initiates (a survey after a resolution); an unfinished complaint is kept."""
        turn = Turn(state=state.copy())
        st = turn.state
        st.locale = st.locale or self.catalog.locales[0]
        now = services.now()
        st.updated_at = now.isoformat()
        current = self.flows.get(st.flow or "")
        if current is not None and current.keeps_draft and st.answers:
            self._stash_draft(st, now)
        st.overlay = None
        ctx = StepContext(services=services, state=st, msg=Inbound("system", "", ""))
        turn.replies.extend(await self._start_flow(ctx, flow_id, fresh=True, preset=preset))
        return turn

    # ---- commands and side questions --------------------------------------------------------

    def _command(self, msg: Inbound, st: ConversationState, *, fuzzy: bool = False) -> str | None:
        if msg.command:
            return msg.command if msg.command in (*COMMANDS, "start", "status") else None
        if msg.choice_id in NAV_IDS:
            return NAV_IDS[msg.choice_id]
        if msg.choice_id or not msg.text or msg.media:
            return None
        text = msg.text.strip()
        if text == "0" and st.flow not in (None, MENU):
            return "back"
        if text == "?":
            return "help"
        # Exact command words always count; near misses ("btal") only where they are no answer to the
        # question, and never for an everyday word ("baik" is an answer at a rating question, not "balik").
        if fuzzy and lexicon(self.catalog).is_word(text):
            fuzzy = False
        found = match_words(text, self._commands, cutoff=85 if fuzzy else 101)
        return found if found in COMMANDS else None

    async def _shadowed(self, ctx: StepContext, command: str | None) -> bool:
        """Whether a typed command word is really an answer: "bantuan" where "Bantuan sosial" is offered.

        "/bantuan", the nav buttons and text at a side question (language, resume) stay commands.
        """
        st, msg = ctx.state, ctx.msg
        text = (msg.text or "").strip()
        if (command is None or msg.command or msg.choice_id or not text or text.startswith("/") or st.overlay
                or st.flow not in self.flows or not self.flows[st.flow].has_step(st.step)):
            return False
        flow = self.flows[st.flow]
        step = flow.step(st.step or flow.start)
        values = await VALUE_PROVIDERS[step.values](ctx) if step.values else {}
        options = await self._options(ctx, flow, step, values)
        return self._choice(msg, step, options, flow.id) is not None

    async def _run_command(self, ctx: StepContext, command: str, msg: Inbound) -> list[Reply]:
        st = ctx.state
        if command == "retry":
            st.invalid = 0
            return [await self._prompt(ctx)]
        if command == "help":
            return await self._help(ctx)
        if command == "language":
            st.overlay = "language"
            st.prompt_seq += 1
            options = tuple(Option(f"lang.{code}", self.catalog.text(f"language.{code}", code))
                            for code in self.catalog.locales)
            return [Reply(self.catalog.text("common.language", st.locale), options, "choice",
                          str(st.prompt_seq), self._nav(st))]
        if command == "agent":
            return await self._to_staff(ctx)
        if command == "status":
            replies = await self._start_flow(ctx, "status")
            if msg.text and msg.text.strip():
                follow = Inbound(msg.channel, msg.user_id, msg.message_id, text=msg.text)
                ctx.msg = follow
                return await self._answer(ctx, Turn(st))
            return replies
        if command == "start" and msg.text and msg.text.strip():
            return await self._deep_link(ctx, msg.text.strip())
        if command == "cancel":
            flow = self.flows.get(st.flow or "")
            replies = []
            if flow is not None and flow.id != MENU:
                replies.append(self._text("common.cancelled", st))
            if flow is not None and flow.keeps_draft:
                st.draft = None
            self._to_menu(st)
            return [*replies, await self._prompt(ctx, variant="again")]
        if command == "back" and st.overlay is None and st.flow and st.flow != MENU:
            if st.history:
                st.step = st.history.pop()
                st.invalid = 0
                st.prompt_seq += 1
                return [await self._prompt(ctx)]
            self._to_menu(st)
            return [await self._prompt(ctx, variant="again")]
        # menu, start, or back with nowhere to go: the main menu, keeping an unfinished complaint
        replies = []
        flow = self.flows.get(st.flow or "")
        if flow is not None and flow.keeps_draft and st.answers:
            self._stash_draft(st, ctx.services.now())
            replies.append(self._text("common.draft_saved", st))
        self._to_menu(st)
        variant = "welcome" if command == "start" else "again"
        return [*replies, await self._prompt(ctx, variant=variant)]

    async def _deep_link(self, ctx: StepContext, payload: str) -> list[Reply]:
        for flow in self.flows.values():
            start = flow.step(flow.start)
            if start.id == "deep_link" and start.validate:
                result = await VALIDATORS[start.validate](ctx, Answer(text=payload))
                if isinstance(result, Ok):
                    return await self._start_flow(ctx, flow.id, preset={start.save_as or "link": result.value})
        self._to_menu(ctx.state)
        return [await self._prompt(ctx, variant="welcome")]

    async def _answer_overlay(self, ctx: StepContext) -> list[Reply]:
        st, msg = ctx.state, ctx.msg
        if st.overlay == "language":
            codes = {f"lang.{c}": c for c in self.catalog.locales}
            choice = msg.choice_id if msg.choice_id in codes else None
            if choice is None and msg.text:
                number = parse_number(msg.text, self._numbers, self._number_leads)
                if number and 1 <= number <= len(codes):
                    choice = list(codes)[number - 1]
                else:
                    labels = {k: [self.catalog.text(f"language.{c}", loc) for loc in self.catalog.locales]
                              + [c] for k, c in codes.items()}
                    choice = match_label(msg.text, labels)
            if choice is None:
                return await self._run_command(ctx, "language", msg)
            st.locale = codes[choice]
            st.overlay = None
            return [self._text("common.language_set", st), *await self._reprompt(ctx)]
        if st.overlay == "resume":
            choice = self._pick(ctx, ("continue", "new"), {
                "continue": [self.catalog.text("common.resume.continue", loc) for loc in self.catalog.locales],
                "new": [self.catalog.text("common.resume.new", loc) for loc in self.catalog.locales],
            }, prefix="resume.")
            if choice is None:
                return [await self._ask_resume(ctx)]
            st.overlay = None
            draft = st.draft or {}
            st.draft = None
            if choice == "continue" and draft:
                st.flow, st.step = draft["flow"], draft["step"]
                st.answers, st.history = draft["answers"], draft["history"]
                st.editing = draft.get("editing", False)
                st.invalid = 0
                st.prompt_seq += 1
                return [await self._prompt(ctx)]
            return await self._start_flow(ctx, draft.get("flow", "complaint"), fresh=True)
        st.overlay = None
        return await self._reprompt(ctx)

    async def _ask_resume(self, ctx: StepContext) -> Reply:
        st = ctx.state
        st.prompt_seq += 1
        draft = st.draft or {}
        title = draft.get("answers", {}).get("title") or draft.get("answers", {}).get("body") or ""
        options = (
            Option("resume.continue", self.catalog.text("common.resume.continue", st.locale)),
            Option("resume.new", self.catalog.text("common.resume.new", st.locale)),
        )
        text = self.catalog.text("common.resume", st.locale, summary=_clip(title, 60))
        return Reply(text, options, "choice", str(st.prompt_seq))

    def _pick(self, ctx: StepContext, ids: Sequence[str], labels: Mapping[str, Sequence[str]],
              prefix: str = "") -> str | None:
        msg = ctx.msg
        if msg.choice_id and msg.choice_id.startswith(prefix) and msg.choice_id[len(prefix):] in ids:
            return msg.choice_id[len(prefix):]
        if not msg.text:
            return None
        number = parse_number(msg.text, self._numbers, self._number_leads)
        if number is not None:
            return ids[number - 1] if 1 <= number <= len(ids) else None
        return match_label(msg.text, labels)

    async def _help(self, ctx: StepContext) -> list[Reply]:
        st = ctx.state
        flow = self.flows.get(st.flow or "")
        text = None
        if flow is not None and flow.has_step(st.step):
            step = flow.step(st.step or "")
            if step.help:
                text = self.catalog.text(flow.key(step, "help"), st.locale)
        replies = [self._text("common.help", st)] if text is None else [Reply(text)]
        # Help is no answer: asked again and again it counts towards the way out, so it never traps.
        if st.flow not in (None, MENU):
            st.invalid += 1
        return [*replies, *await self._reprompt(ctx)]

    async def _to_staff(self, ctx: StepContext) -> list[Reply]:
        """Open a case for an officer with the conversation so far, keeping an unfinished complaint."""
        st = ctx.state
        answers = {k: v for k, v in st.answers.items() if not k.startswith("_")}
        number = await ctx.services.hand_to_staff(answers, f"{st.flow}.{st.step}")
        flow = self.flows.get(st.flow or "")
        if flow is not None and flow.keeps_draft and st.answers:
            self._stash_draft(st, ctx.services.now())
        self._to_menu(st)
        st.prompt_seq += 1
        if number is None:
            return [self._text("common.agent_failed", st), await self._prompt(ctx, variant="again")]
        return [self._text("common.agent_requested", st, tracking_no=number),
                await self._prompt(ctx, variant="again")]

    # ---- flows and steps --------------------------------------------------------------------

    def _to_menu(self, st: ConversationState) -> None:
        st.flow, st.step, st.answers, st.history = MENU, self.flows[MENU].start, {}, []
        st.invalid, st.editing, st.overlay = 0, False, None

    def _stash_draft(self, st: ConversationState, now: datetime) -> None:
        st.draft = {"flow": st.flow, "step": st.step, "answers": st.answers, "history": st.history,
                    "editing": st.editing, "saved_at": now.isoformat()}

    async def _start_flow(self, ctx: StepContext, flow_id: str, *, fresh: bool = False,
                          preset: Mapping[str, Any] | None = None) -> list[Reply]:
        st = ctx.state
        flow = self.flows[flow_id]
        if flow.keeps_draft and st.draft and st.draft.get("flow") == flow_id and not fresh:
            st.overlay = "resume"
            return [await self._ask_resume(ctx)]
        if flow.keeps_draft and fresh and st.draft and st.draft.get("flow") == flow_id:
            st.draft = None
        st.flow, st.answers, st.history, st.editing = flow_id, dict(preset or {}), [], False
        start = flow.step(flow.start)
        if start.id == "deep_link":  # a deep link's payload was checked already: skip its step
            return await self._enter(ctx, flow, self._next_of(flow, start, None, st))
        return await self._enter(ctx, flow, start)

    async def _enter(self, ctx: StepContext, flow: Flow, step: Step) -> list[Reply]:
        st = ctx.state
        step = self._past_filled(flow, step, st)
        st.step, st.invalid = step.id, 0
        st.prompt_seq += 1
        if flow.review == step.id:
            st.editing = False
        if not step.final:
            return [await self._prompt(ctx)]
        values = await ACTIONS[step.action](ctx) if step.action else {}
        text = self.catalog.text(flow.key(step, "prompt"), st.locale, **values)
        if flow.keeps_draft:
            st.draft = None
        self._to_menu(st)
        st.prompt_seq += 1
        return [Reply(text), await self._prompt(ctx, variant="again")]

    def _past_filled(self, flow: Flow, step: Step, st: ConversationState) -> Step:
        """The first step from here whose slot is not already confidently answered (never while editing)."""
        seen: set[str] = set()
        while step.skip_when_filled and not st.editing and step.id not in seen and self._filled(step, st):
            seen.add(step.id)
            nxt = step.next
            if isinstance(nxt, Mapping):
                nxt = nxt.get("filled", nxt.get("*"))
            if not isinstance(nxt, str) or nxt.startswith("@"):
                break
            step = flow.step(nxt)
        return step

    @staticmethod
    def _filled(step: Step, st: ConversationState) -> bool:
        slot = step.slot
        if slot is None or st.answers.get(slot) in (None, "", [], {}):
            return False
        return float((st.answers.get(CONFIDENCE) or {}).get(slot, 0.0)) >= CONFIDENT

    def _tells_story(self, ctx: StepContext) -> bool:
        """Whether the menu reads free text as a story and this text is one (or the wish to tell one)."""
        menu = self.flows[MENU]
        step = menu.step(menu.start)
        return bool(step.reads_story and ctx.msg.text and ctx.services.read_story(ctx.msg.text).kind != "none")

    async def _take_story(self, ctx: StepContext, flow: Flow, step: Step) -> list[Reply] | None:
        """Fill the slots a story tells (never over a surer answer), then go on; None if it is no story."""
        st = ctx.state
        reading = ctx.services.read_story(ctx.msg.text or "")
        if reading.kind == "none":
            return None
        target = self._next_of(flow, step, "story", st) if isinstance(step.next, Mapping) and "story" in step.next \
            else None
        handing_over = isinstance(target, str)
        answers: dict[str, Any] = {} if handing_over else st.answers
        answers.update(reading.fill(answers))
        if isinstance(target, str):
            return await self._start_flow(ctx, target, preset=answers)
        return await self._enter(ctx, flow, step)

    async def _options(self, ctx: StepContext, flow: Flow, step: Step,
                       values: Mapping[str, Any] | None = None) -> tuple[Option, ...]:
        loc = ctx.state.locale
        if step.options_from:
            return tuple(await OPTION_PROVIDERS[step.options_from](ctx))
        if step.expects == "yesno" and not step.options:
            return (Option("yes", self.catalog.text("common.opt.yes", loc)),
                    Option("no", self.catalog.text("common.opt.no", loc)))
        return tuple(
            Option(o, self.catalog.text(flow.key(step, f"opt.{o}"), loc, **(values or {})))
            for o in step.options
        )

    def _nav(self, st: ConversationState) -> tuple[Option, ...]:
        if st.flow in (None, MENU):
            return (Option("nav.help", self.catalog.text("nav.help", st.locale)),)
        return tuple(Option(f"nav.{n}", self.catalog.text(f"nav.{n}", st.locale))
                     for n in ("back", "cancel", "help"))

    async def _prompt(self, ctx: StepContext, variant: str = "prompt") -> Reply:
        st = ctx.state
        flow = self.flows[st.flow or MENU]
        step = flow.step(st.step or flow.start)
        values = await VALUE_PROVIDERS[step.values](ctx) if step.values else {}
        options = await self._options(ctx, flow, step, values)
        key = flow.key(step, "prompt") if variant == "prompt" else (
            "common.welcome" if variant == "welcome" else "menu.main.again")
        text = self.catalog.text(key, st.locale, **values)
        if st.invalid >= STUCK_AFTER and variant == "prompt":
            options = options + self._stuck_options(st)  # still lost (help asked again and again): a way out
        return Reply(text, options, step.expects, str(st.prompt_seq), self._nav(st))

    async def _reprompt(self, ctx: StepContext) -> list[Reply]:
        st = ctx.state
        if st.overlay == "language":
            return await self._run_command(ctx, "language", ctx.msg)
        if st.overlay == "resume":
            return [await self._ask_resume(ctx)]
        if st.flow is None or st.flow not in self.flows or not self.flows[st.flow].has_step(st.step):
            self._to_menu(st)
            st.prompt_seq += 1
            return [await self._prompt(ctx, variant="welcome")]
        return [await self._prompt(ctx)]

    def _menu_pick(self, ctx: StepContext) -> bool:
        menu = self.flows[MENU]
        step = menu.step(menu.start)
        text = ctx.msg.text or ""
        labels = {o: [self.catalog.text(menu.key(step, f"opt.{o}"), loc) for loc in self.catalog.locales]
                  for o in step.options}
        return (parse_number(text, self._numbers, self._number_leads) is not None
                or match_label(text, labels) is not None)

    async def _answer(self, ctx: StepContext, turn: Turn) -> list[Reply]:
        st, msg = ctx.state, ctx.msg
        flow = self.flows[st.flow or MENU]
        step = flow.step(st.step or flow.start)
        values = await VALUE_PROVIDERS[step.values](ctx) if step.values else {}
        options = await self._options(ctx, flow, step, values)
        shown = options + (self._stuck_options(st) if st.invalid >= STUCK_AFTER else ())
        replies: list[Reply] = []

        if msg.media and flow.keeps_draft:
            # Evidence is never thrown away: keep it with the complaint whatever the question was.
            kept = st.answers.setdefault("attachments", [])
            for media in msg.media:
                if all(a["ref"] != media.ref for a in kept):
                    kept.append({"kind": media.kind, "ref": media.ref, "mime": media.mime,
                                 "size": media.size, "name": media.name})
            if not step.accepts_media and not msg.text:
                return [self._text("common.media_saved", st, count=len(kept)), await self._prompt(ctx)]

        choice = self._choice(msg, step, shown, flow.id)
        if choice is not None and choice not in NAV_IDS and not msg.choice_id and step.reads_story and msg.text \
                and ctx.services.read_story(msg.text).kind == "story":
            # "lampu jalan baru dipasang sebulan sudah mati": a whole story that holds an option's word ("baru" of
            # "laporan baru") is the story, not that option; a word or two, or the wish to report, still picks it
            taken = await self._take_story(ctx, flow, step)
            if taken is not None:
                return taken
        if choice in NAV_IDS:
            return await self._run_command(ctx, NAV_IDS[choice], msg)
        if msg.choice_id and choice is None:
            return [self._text("common.stale", st), await self._prompt(ctx)]
        if step.expects in ("choice", "yesno") and choice is None and not step.validate:
            command = self._command(msg, st, fuzzy=True)
            if command is not None:
                return await self._run_command(ctx, command, msg)
            if step.reads_story and msg.text:
                taken = await self._take_story(ctx, flow, step)
                if taken is not None:
                    return taken
            return [await self._invalid(ctx, flow, step, options, None)]

        answer = Answer(choice=choice, text=msg.text, location=msg.location, media=msg.media)
        if step.validate:
            result = await VALIDATORS[step.validate](ctx, answer)
        elif step.expects == "yesno":
            result = Ok(choice == "yes", branch=choice)
        else:
            result = Ok(choice)
        if isinstance(result, Invalid):
            command = self._command(msg, st, fuzzy=True) if choice is None else None
            if command is not None:
                return await self._run_command(ctx, command, msg)
            return [await self._invalid(ctx, flow, step, options, result)]
        if isinstance(result, Stay):
            text = self.catalog.text(result.key, st.locale, **result.values)
            st.prompt_seq += 1
            prompt = await self._prompt(ctx)
            return [Reply(text, prompt.options, prompt.expects, prompt.prompt_id, prompt.nav)]
        assert isinstance(result, Ok)
        if step.save_as:
            st.answers[step.save_as] = result.value
        if step.slot and isinstance(st.answers.get(CONFIDENCE), dict):
            st.answers[CONFIDENCE].pop(step.slot, None)  # told by the citizen now: no longer a guess
        st.answers.update(result.extra)
        for key in step.clears.get(choice or "", ()):
            st.answers.pop(key, None)
        if step.edits:
            st.editing = True
        if result.note:
            replies.append(self._text(result.note, st, **result.note_values))
        target = self._next_of(flow, step, result.branch or choice, st)
        if target is None:
            return [*replies, await self._prompt(ctx)]
        if isinstance(target, str):
            st.history.append(step.id)
            return [*replies, *await self._start_flow(ctx, target)]
        if not (st.history and st.history[-1] == step.id) and target.id != step.id:
            st.history.append(step.id)
        return [*replies, *await self._enter(ctx, flow, target)]

    def _next_of(self, flow: Flow, step: Step, branch: str | None,
                 st: ConversationState) -> Step | str | None:
        nxt = step.next
        if isinstance(nxt, Mapping):
            nxt = nxt.get(branch or "", nxt.get("*"))
        if nxt is None:
            return None
        if nxt.startswith("@"):
            return nxt[1:]
        target = flow.step(nxt)
        order = [s.id for s in flow.steps]
        if (st.editing and flow.review and order.index(target.id) > order.index(step.id)
                and target.slot and target.slot in st.answers):
            return flow.step(flow.review)  # an edited answer goes straight back to the summary
        return target

    def _choice(self, msg: Inbound, step: Step, options: Sequence[Option], flow_id: str = "") -> str | None:
        ids = [o.id for o in options]
        if msg.choice_id:
            return msg.choice_id if msg.choice_id in ids or msg.choice_id in NAV_IDS else None
        if not msg.text or not options:
            return None
        number = parse_number(msg.text, self._numbers, self._number_leads)
        if number is not None and 1 <= number <= len(ids):
            return ids[number - 1]
        said = core(msg.text, self.catalog) or msg.text  # "Inggih pak" is "Inggih"
        if step.expects == "yesno" or {"yes", "no"} <= set(ids):  # "nggih", "ndak" wherever yes and no are offered
            found = match_words(msg.text, self._yes_no) or match_words(said, self._yes_no)
            if found is None:  # "ok siap", "iya betul": every word says the same
                each = {match_words(word, self._yes_no) for word in said.split()}
                found = each.pop() if len(each) == 1 else None
            if found:
                return found
        labels: dict[str, list[str]] = {}
        words: dict[str, list[str]] = {}
        lex = lexicon(self.catalog)
        for option in options:
            labels.setdefault(option.id, []).append(option.label)
            if option.short:
                labels[option.id].append(option.short)
            if option.description:
                labels[option.id].append(option.description)
            for locale in self.catalog.locales:
                plain, listed = lex.expand(split_words(self.catalog.maybe(f"option.{option.id}.synonyms", locale)))
                labels[option.id].extend(plain)
                words.setdefault(option.id, []).extend(listed)
                # A flow's own words for an option (the SKM scale) are matched as whole answers, never as
                # part of a longer one: "baik" is 3, but "dikelola dgn baik" is the label of 4.
                words[option.id].extend(split_words(self.catalog.maybe(f"{flow_id}.option.{option.id}.synonyms",
                                                                       locale)))
        strict = step.expects not in ("choice", "yesno", "media")
        # A command word ("balik", "bantuan") picks an option only by its words, never by resemblance:
        # "balik" is back, not the label "baik"; "bantuan" is the option "Bantuan sosial" when offered.
        command_word = match_words(msg.text, self._commands, cutoff=101) is not None
        found = match_label(msg.text, labels, strict=True, typos=not command_word)
        if found is None and any(words.values()):
            # Everyday words an option stands for ("iya" to send, "gak ada" for no photo): whole words only.
            found = (_word_owner(msg.text, words, fuzzy=not command_word)
                     or _word_owner(said, words, fuzzy=not command_word))
        if found is None and command_word and not strict:
            found = _containing(msg.text, options)  # at a free-text step a lone command word stays a command
        elif found is None and not strict:
            found = match_label(msg.text, labels) or (match_label(said, labels) if said != msg.text else None)
        return found

    def _stuck_options(self, st: ConversationState) -> tuple[Option, ...]:
        return tuple(Option(f"nav.{n}", self.catalog.text(f"nav.{n}", st.locale))
                     for n in ("retry", "help", "menu", "agent"))

    async def _invalid(self, ctx: StepContext, flow: Flow, step: Step, options: tuple[Option, ...],
                       result: Invalid | None) -> Reply:
        st = ctx.state
        st.invalid += 1
        nav = self._nav(st)
        prompt_id = str(st.prompt_seq)
        if st.invalid >= STUCK_AFTER:
            # Never a loop: after three misses, offer a way out beside the question itself.
            text = self.catalog.text("common.stuck", st.locale)
            return Reply(text, options + self._stuck_options(st), step.expects, prompt_id, nav)
        specific = result is not None and result.key is not None
        if st.invalid >= SIMPLE_AFTER and not specific:
            if options and step.expects in ("choice", "yesno"):
                lines = "\n".join(f"{i}. {o.label}" for i, o in enumerate(options, 1))
                text = self.catalog.text("common.simple_choice", st.locale, options=lines)
            else:
                text = (self.catalog.maybe(flow.key(step, "simple"), st.locale)
                        or self.catalog.text(f"common.invalid.{step.expects}", st.locale))
            return Reply(text, options, step.expects, prompt_id, nav)
        values = dict(result.values) if result else {}
        key = result.key if result and result.key else flow.key(step, "invalid")
        text = self.catalog.maybe(key, st.locale, **values) or self.catalog.text(
            f"common.invalid.{step.expects}", st.locale)
        return Reply(text, options, step.expects, prompt_id, nav)

    # ---- helpers ----------------------------------------------------------------------------

    def _text(self, key: str, st: ConversationState, **values: Any) -> Reply:
        return Reply(self.catalog.text(key, st.locale or "id", **values))

    def _first_locale(self, hint: str | None) -> str:
        if hint:
            code = hint.split("-")[0].lower()
            if code in self.catalog.locales:
                return code
        return self.catalog.locales[0]


def _parse_time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _tokens(text: str) -> list[str]:
    """The words of a text, lower-cased and without punctuation."""
    return clean(text).split()


@lru_cache(maxsize=4096)
def _said(word: str) -> str:
    """An option word as compared with an answer (the option words are few and asked about on every answer)."""
    return " ".join(_tokens(word))


def _containing(text: str, options: Sequence[Option]) -> str | None:
    """The one option whose label holds the text as whole words ("bantuan" in "Bantuan sosial")."""
    said = _tokens(text)
    found = set()
    for option in options:
        for label in (option.label, option.short or ""):
            words = _tokens(label)
            if said and any(words[i:i + len(said)] == said for i in range(len(words) - len(said) + 1)):
                found.add(option.id)
    return found.pop() if len(found) == 1 else None


def _word_owner(text: str, words: Mapping[str, Sequence[str]], *, fuzzy: bool = True) -> str | None:
    """The one option whose word list holds the text; a word two options share picks neither."""
    said, raw = " ".join(_tokens(text)), text.strip()
    # a text of no words (an invisible character, a lone dot) is no word of any option, nor is an emoji-only word
    exact = {o for o, ws in words.items() for w in ws if w == raw or (said and _said(w) == said)}
    if exact:
        return exact.pop() if len(exact) == 1 else None
    return match_words(text, {o: frozenset(ws) for o, ws in words.items() if ws}) if fuzzy else None


def _clip(text: str, size: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"
