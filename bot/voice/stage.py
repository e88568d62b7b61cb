"""The voice stage in front of the engine (the durable transcription worker is bot/voice/worker.py).

A voice note is recorded with its message like any other; with speech to text configured, the stage records a
`VoiceJob` in the same transaction instead of handing the note to the engine. The worker (any replica) claims
the job under a lease, fetches the audio from the channel, decodes it (PyAV) and transcribes it, then reads it
answers. A transcript that clearly names one of the question's options is chosen at once ("Anda memilih: …" on
top of the next question); free text where the question asks for it (story, place, date) is used and read back
on top of the next question; "salah"/"kembali" next restores the conversation as it was (voicejob.before). Any
other transcript is read back first: "Kami dengar: … Benar?"; only "ya" makes it the text of a turn (with the
audio attached as evidence); "tidak" asks to repeat or type. Only notes that carry words stay attached: a short
option answer is not evidence. At the evidence question a voice note is recorded as an evidence job: a short one
naming an option ("lanjut", "satu", "tidak ada") is that answer; anything else (unheard, failed, longer) goes to the
engine as a file, as without speech to text. A job whose process died is taken again once its
lease is over; one that keeps failing hands the voice note to the engine as before, and the citizen is told.
Everything the stage knows between messages is in the database (voicejob, voicemode), never in memory.

Mode suara: with a speech synthesiser available, it is on from a citizen's first voice answer (unless they turned
it off), and "suara" / "mode suara" turns it on ("mode teks" off): each turn's replies are then also spoken, one voice
note after them (a reply marked SPEAK, which bot/voice/tts.VoiceSender turns into audio).

Kept whole (~440 lines): the read-back, the undo and mode suara are one state machine over the same job and mode
rows; split, each half would need the other's private steps.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from bot.core.messages import Inbound, Media, Option, Reply
from bot.voice.settings import VoiceSettings
from flows.engine import MENU, Turn
from flows.matching import clean, match_label, match_words, parse_number
from flows.ports import FlowServices
from flows.state import ConversationState
from models import voice_store
from models.db import Session
from models.voice import VoiceJob, VoiceMode

log = logging.getLogger("laporbot.voice")

SPEECH_KINDS = frozenset({"voice", "audio"})
SPEAK = "voice.speak"  # prompt_id of a reply that is to be spoken (a voice note), not written
YES, NO = "voice.yes", "voice.no"
FREE_TEXT = frozenset({"text", "location", "date"})  # questions whose spoken answer is used and read back at once
YES_SPEAK = "voice.yes_speak"  # "yes, and read the questions to me": confirms and turns mode suara on
VOICE_MODES = "voice_modes"  # session.info: the batch's citizens' voice modes (None: none stored), read once
LEASE = timedelta(seconds=300)  # a transcription running longer than this is presumed lost with its process
POLL_SECONDS = 1.0
_EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0f\u200d\u20e3]")
MAX_ACTIVE_JOBS = 3  # voice notes of one citizen being heard at once; more are kept as files (the STT costs CPU)
# A voice note sent where the question asks for files is evidence unless it is a short spoken answer naming an
# option ("lanjut", "satu", "tidak ada"): at most this long and this many words; anything longer stays evidence.
EVIDENCE_ANSWER_SECONDS = 5.0
EVIDENCE_ANSWER_WORDS = 4
DONE = "done"  # the option that moves on from the evidence question


def speech_of(msg: Inbound) -> Media | None:
    """The voice note or audio file in a message, if any."""
    return next((m for m in msg.media if m.kind in SPEECH_KINDS), None)


def prompt_id(job_id: int | None) -> str:
    """The read-back's prompt id: its buttons answer this job only."""
    return f"voice{job_id}"


@dataclass
class Words:
    """The stage's vocabulary from the catalog (every locale)."""

    answers: dict[str, frozenset[str]]
    mode_on: frozenset[str]
    mode_off: frozenset[str]
    fillers: frozenset[str] = frozenset()
    undo: frozenset[str] = frozenset()  # "salah", "kembali": a spoken answer used at once is put back
    numbers: tuple[frozenset[str], ...] = ()  # number.1 … number.10 in every locale
    done: frozenset[str] = frozenset()  # "sudah", "lanjut", "tidak ada": nothing (more) to send as evidence

    @classmethod
    def load(cls, catalog: Any) -> Words:
        """Read the words once."""

        def words(key: str) -> frozenset[str]:
            found: set[str] = set()
            for locale in catalog.locales:
                found.update(clean(w) for w in (catalog.maybe(key, locale) or "").split("|") if w.strip())
            return frozenset(found)

        return cls({"yes": words("common.yes.words"), "no": words("common.no.words")},
                   words("voice.mode.on.words"), words("voice.mode.off.words"), words("voice.fillers"),
                   words("voice.undo.words") | words("command.back.words"),
                   tuple(words(f"number.{n}") for n in range(1, 11)),
                   words("lexicon.done.words") | words("voice.evidence.done.words"))

    def undoes(self, text: str | None) -> bool:
        """Whether a message asks to take back the answer just used ("salah", "kembali", "bukan itu")."""
        return bool(text) and clean(text or "") in self.undo

    def option(self, text: str, options: Sequence[Option], expects: str) -> Option | None:
        """The one option a short spoken answer clearly names, else None (then it is read back).

        Clearly: yes/no words at a yes/no question ("tidak", "sudah", "tidak ada" for "Lanjut" at the evidence
        question, where a "no" means no files), an option's number ("dua", "yang kedua", "2"), or an option's
        label said whole or its first words ("kesehatan" for "Kesehatan", "tidak tahu"). Never a guess between
        options that resemble it: anything else is free text, read back before it counts.
        """
        said = self.answer(text)
        if not clean(said) or len(clean(said).split()) > 6:
            return None
        by_id = {o.id: o for o in options}
        if expects == "yesno":
            found = self.yes_no(text)
            if found in by_id:
                return by_id[found]
        if expects == "media" and DONE in by_id and (clean(said) in self.done or self.yes_no(text) == "no"):
            return by_id[DONE]
        number = parse_number(said, self.numbers)
        if number is not None:
            return options[number - 1] if 1 <= number <= len(options) else None
        label = match_label(said, {o.id: [o.label] for o in options}, strict=True, typos=False)
        if label is None:
            heard = " ".join(clean(said).split())
            starts = {o.id for o in options if " ".join(clean(o.label).split()).startswith(heard + " ")}
            label = starts.pop() if len(starts) == 1 and len(heard) >= 4 else None
        return by_id.get(label) if label is not None else None

    def answer(self, text: str) -> str:
        """A short spoken answer without its fillers: "yang kedua" → "kedua", "nomor tiga" → "tiga"."""
        tokens = clean(text).split()
        if not 1 < len(tokens) <= 3:
            return text
        rest = [t for t in tokens if t not in self.fillers]
        return rest[0] if len(rest) == 1 and rest != tokens else text

    def yes_no(self, text: str | None) -> str | None:
        """'yes', 'no' or None for a short answer."""
        if not text or len(text.split()) > 3:
            return None
        whole = match_words(clean(text), self.answers)
        if whole is not None:
            return whole
        each = {match_words(token, self.answers) for token in clean(text).split()}  # "iya benar", "tidak, salah"
        return each.pop() if len(each) == 1 else None


class VoiceStage:
    """The engine (as the pipeline holds it) with voice notes heard and prompts spoken; the rest is the inner one's."""

    def __init__(self, inner: Any, settings: VoiceSettings, *, transcribing: bool, speaking: bool,
                 wake: Callable[[], None] | None = None) -> None:
        self.inner = inner
        self.settings = settings
        self.transcribing = transcribing
        self.speaking = speaking
        self.wake = wake or (lambda: None)
        self.words = Words.load(inner.catalog)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def _text(self, key: str, locale: str, **values: Any) -> str:
        return str(self.inner.catalog.text(key, locale, **values))

    async def handle(self, state: ConversationState, msg: Inbound, services: FlowServices) -> Turn:
        """One turn: a read-back answered, a voice note queued for hearing, mode suara; else the inner engine."""
        session: Session | None = getattr(services, "session", None)
        citizen_id: int | None = getattr(services, "citizen_id", None)
        if session is None or citizen_id is None:  # the pure engine (tools): nothing stored to act on
            return await self.inner.handle(state, msg, services)
        locale = state.locale or "id"
        if not (self.transcribing or self.speaking):  # no voice here: only the honest word on voice notes
            turn: Turn = await self.inner.handle(state, msg, services)
            if speech_of(msg) is not None and not self._evidence_step(state):
                turn.replies.insert(0, Reply(self._text("voice.no_stt", locale)))
            return turn
        mode = await self._mode(session, citizen_id) if self.speaking else None
        turn = await self._turn(session, citizen_id, state, msg, services, mode, locale)
        if self.speaking:
            mode = await self._mode(session, citizen_id)  # the turn may have chosen it
        if self.speaking and mode is not None and mode.mode == "on" and turn.replies:
            spoken = self.spoken(turn.replies, turn.state.locale or locale)
            if spoken:
                turn.replies.append(Reply(spoken, prompt_id=SPEAK))
        return turn

    async def prepare_batch(self, session: Session, turns: Sequence[tuple[int, int]], now: datetime) -> Any:
        """The inner stages' batch reads, and (when speaking) the batch's voice modes in one query, not two a turn."""
        inner = getattr(self.inner, "prepare_batch", None)
        found = await inner(session, turns, now) if inner is not None else None
        if self.speaking and turns:
            ids = list(dict.fromkeys(citizen_id for citizen_id, _ in turns))
            stored = await voice_store.modes_of(session, ids)
            session.info[VOICE_MODES] = {citizen_id: stored.get(citizen_id) for citizen_id in ids}
        return found

    @staticmethod
    async def _mode(session: Session, citizen_id: int) -> VoiceMode | None:
        """The citizen's voice mode: as read for the batch (and kept up to date by _chosen), else from the table."""
        known = session.info.get(VOICE_MODES)
        if known is not None and citizen_id in known:
            return known[citizen_id]  # type: ignore[no-any-return]
        return await session.get(VoiceMode, citizen_id)

    @staticmethod
    def _chosen(session: Session, mode: VoiceMode) -> None:
        """A mode set in this turn: stored with it, and what later reads of this batch see."""
        session.add(mode)
        known = session.info.get(VOICE_MODES)
        if known is not None:
            known[mode.citizen_id] = mode

    async def _turn(self, session: Session, citizen_id: int, state: ConversationState, msg: Inbound,
                    services: FlowServices, mode: VoiceMode | None, locale: str) -> Turn:
        now = services.now()
        switch = self._mode_switch(msg)
        if switch is not None:
            return await self._set_mode(session, citizen_id, state, msg, services, mode, switch, now)
        inbound_id = getattr(services, "inbound_id", None)
        evidence = self._evidence_step(state)  # a voice note here is evidence, unless heard as a short answer
        speech = speech_of(msg) if not msg.text and (self.transcribing or not evidence) else None
        if speech is not None and inbound_id is not None:
            done = await voice_store.job_of_inbound(session, inbound_id)
            if done is not None:  # the worker gave up on it, or kept it as evidence: the note goes on as today
                turn = await self.inner.handle(state, msg, services)
                if done.status == "failed":  # and we say so
                    turn.replies.insert(0, Reply(self._text("voice.failed", locale)))
                return turn
        if self.transcribing and speech is None and (msg.choice_id == "nav.back" or (
                not msg.choice_id and not msg.media and not msg.location and self.words.undoes(msg.text))):
            taken = await self.undoable(session, citizen_id, state)
            if taken is not None:  # "salah" / "kembali" right after a spoken answer was used: put it back
                return await self._undo(session, state, msg, services, taken, now)
        heard = await voice_store.latest_job(session, citizen_id, "heard") if self.transcribing else None
        if heard is not None and speech is None:
            answer = self._confirmation(msg, heard)
            if answer == "yes":
                heard.status, heard.updated_at = "used", now
                session.add(heard)
                return await self._use(session, citizen_id, state, msg, services, heard, mode, now)
            if answer == "no":
                heard.status, heard.updated_at = "rejected", now
                session.add(heard)
                return Turn(state.copy(), [Reply(self._text("voice.repeat", locale))])
            heard.status, heard.updated_at = "dropped", now  # answered otherwise: the read-back no longer counts
            session.add(heard)
        if speech is not None and inbound_id is not None and self.transcribing \
                and await self._active_jobs(session, citizen_id) < MAX_ACTIVE_JOBS:
            session.add(VoiceJob(
                citizen_id=citizen_id, inbound_id=inbound_id, channel=msg.channel, chat_id=msg.user_id,
                file_ref=speech.ref, kind=speech.kind, mime=speech.mime, size=speech.size, name=speech.name,
                locale=locale, status="queued", evidence=evidence, created_at=now, updated_at=now))
            self.wake()
            log.info("voice note queued for transcription", extra={"inbound_id": inbound_id})
            return Turn(state.copy(), [])  # the read-back comes from the worker
        turn = await self.inner.handle(state, msg, services)
        if speech is not None and not self.transcribing:  # nothing hears voice notes here: kept, said honestly
            turn.replies.insert(0, Reply(self._text("voice.no_stt", locale)))
        return turn

    @staticmethod
    async def _active_jobs(session: Session, citizen_id: int) -> int:
        """How many of the citizen's voice notes are waiting to be heard (a flood is kept as files, not heard)."""
        return await voice_store.active_jobs(session, citizen_id)

    def _evidence_step(self, state: ConversationState) -> bool:
        """Whether the question asks for files (then a voice note is evidence, not an answer to hear)."""
        flow = self.inner.flows.get(state.flow or "") if hasattr(self.inner, "flows") else None
        if flow is None or state.overlay or not flow.has_step(state.step):
            return False
        return bool(flow.step(state.step).expects == "media")

    def _confirmation(self, msg: Inbound, job: VoiceJob) -> str | None:
        if msg.choice_id in (YES, YES_SPEAK, NO):
            if msg.prompt_id and msg.prompt_id != prompt_id(job.id):
                return None
            return "no" if msg.choice_id == NO else "yes"
        if msg.choice_id or msg.command or msg.location or msg.media:
            return None
        return self.words.yes_no(msg.text)

    async def _use(self, session: Session, citizen_id: int, state: ConversationState, msg: Inbound,
                   services: FlowServices, job: VoiceJob, mode: VoiceMode | None, now: datetime,
                   answer: Inbound | None = None) -> Turn:
        """The transcript as the text of this turn (or `answer`, the option it named).

        The audio is kept as evidence when it carries words (the story, a place, a long answer); a short option
        answer ("tidak", "dua") is not attached to the complaint: it says nothing an officer needs to hear.
        """
        switch = self._mode_switch(Inbound(msg.channel, msg.user_id, msg.message_id, text=job.transcript))
        if switch is not None:  # "mode suara" said aloud
            return await self._set_mode(session, citizen_id, state, msg, services, mode, switch, now)
        if msg.choice_id == YES_SPEAK and self.speaking:
            mode = mode or VoiceMode(citizen_id=citizen_id)
            mode.mode, mode.updated_at = "on", now
            self._chosen(session, mode)
        st = state.copy()
        flow = self.inner.flows.get(st.flow or "") if hasattr(self.inner, "flows") else None
        if flow is not None and flow.keeps_draft and not st.overlay and (answer is None or answer.choice_id is None):
            kept = st.answers.setdefault("attachments", [])
            if all(a.get("ref") != job.file_ref for a in kept):
                kept.append({"kind": job.kind, "ref": job.file_ref, "mime": job.mime, "size": job.size,
                             "name": job.name})
        spoken = answer or Inbound(msg.channel, msg.user_id, msg.message_id,
                                   text=self.words.answer(job.transcript or ""), locale_hint=msg.locale_hint)
        turn: Turn = await self.inner.handle(st, spoken, services)
        if msg.choice_id == YES_SPEAK and self.speaking:
            turn.replies.insert(0, Reply(self._text("voice.mode.on", turn.state.locale or "id")))
        return turn

    async def take_heard(self, session: Session, citizen_id: int, state: ConversationState,
                         services: FlowServices, job: VoiceJob, now: datetime) -> Turn | None:
        """A transcript used at once, without a read-back turn of its own; None: read it back first.

        An option the question offered, clearly named ("dua", "kemarin", "tidak" at a yes/no question), is chosen
        and the next question starts with "Anda memilih: …". Free text where the question asks for it (the story,
        the place, a date) is used and read back at the top of the next question ("Kami dengar: "…". Kalau salah,
        katakan "salah"."). Either way "salah" or "kembali" next puts the conversation back as it was
        (`before`), and the summary before sending reads everything back once more.
        """
        text = (job.transcript or "").strip()
        base = Inbound(job.channel, job.chat_id, f"voice:{job.id}")
        mode = await self._mode(session, citizen_id) if self.speaking else None
        if self._mode_switch(Inbound(job.channel, job.chat_id, "", text=text)) is not None:
            return await self._use(session, citizen_id, state, base, services, job, mode, now)  # "mode suara"
        question = await self.question(session, citizen_id, state)
        if not text or question is None or state.overlay:
            return None
        locale = state.locale or job.locale
        option = self.words.option(text, question.options, question.expects)
        if option is not None:
            answer = Inbound(base.channel, base.user_id, base.message_id, choice_id=option.id,
                             prompt_id=question.prompt_id)
            said = self._text("voice.chosen", locale, label=_EMOJI.sub("", option.label).strip())
        elif question.expects in FREE_TEXT:
            answer = Inbound(base.channel, base.user_id, base.message_id, text=text)
            said = self._text("voice.heard", locale, transcript=text)
        else:
            return None
        before = state.to_json()
        turn = await self._use(session, citizen_id, state, base, services, job, mode, now, answer)
        ended = state.flow not in (None, MENU) and turn.state.flow in (None, MENU)  # sent, cancelled, finished
        if not ended:  # never undo past a flow's end (a complaint sent stays sent)
            job.before = {"state": before, "seq": turn.state.prompt_seq}
        elif option is not None:  # done (the complaint sent): nothing to take back, so no "kalau salah"
            said = self._text("voice.chosen.done", locale, label=_EMOJI.sub("", option.label).strip())
        turn.replies = headed(said, [r for r in turn.replies if r.prompt_id != SPEAK])
        return turn

    async def question(self, session: Session, citizen_id: int, state: ConversationState) -> Reply | None:
        """The question the citizen was last sent and may be answering now (its options as they heard them)."""
        for payload in await voice_store.sent_payloads(session, citizen_id, limit=8):
            if payload.get("prompt_id") == str(state.prompt_seq):
                return Reply.from_json(payload)
        return None

    async def undoable(self, session: Session, citizen_id: int, state: ConversationState) -> VoiceJob | None:
        """The spoken answer used at once that the conversation has not moved past, if any."""
        job = await voice_store.latest_job(session, citizen_id, "used")
        if job is None or not job.before or job.before.get("seq") != state.prompt_seq or state.overlay:
            return None
        return job

    async def _undo(self, session: Session, state: ConversationState, msg: Inbound, services: FlowServices,
                    job: VoiceJob, now: datetime) -> Turn:
        """The conversation as it was before the spoken answer (its voice note still kept), the question again."""
        job.status, job.updated_at = "undone", now
        session.add(job)
        restored = ConversationState.from_json(dict((job.before or {})["state"]))
        kept = state.answers.get("attachments")
        if kept and restored.flow == state.flow:
            restored.answers["attachments"] = kept  # the recording stays evidence even when the words were wrong
        restored.updated_at = state.updated_at
        again = Inbound(msg.channel, msg.user_id, msg.message_id, choice_id="nav.retry")
        turn: Turn = await self.inner.handle(restored, again, services)
        turn.replies = headed(self._text("voice.undone", restored.locale or "id", transcript=job.transcript or ""),
                              turn.replies)
        return turn

    def _mode_switch(self, msg: Inbound) -> str | None:
        if not self.speaking or not msg.text or msg.choice_id or msg.media:
            return None
        text = clean(msg.text)
        if text in self.words.mode_on:
            return "on"
        if text in self.words.mode_off:
            return "off"
        return None

    async def _set_mode(self, session: Session, citizen_id: int, state: ConversationState, msg: Inbound,
                        services: FlowServices, mode: VoiceMode | None, switch: str, now: datetime) -> Turn:
        """Mode suara on or off, then the current question again."""
        mode = mode or VoiceMode(citizen_id=citizen_id)
        mode.mode, mode.updated_at = switch, now
        self._chosen(session, mode)
        again = Inbound(msg.channel, msg.user_id, msg.message_id, choice_id="nav.retry")
        turn = await self.inner.handle(state, again, services) if state.flow else Turn(state.copy(), [])
        if not state.flow:
            turn = await self.inner.handle(state, Inbound(msg.channel, msg.user_id, msg.message_id, command="menu"),
                                           services)
        turn.replies.insert(0, Reply(self._text(f"voice.mode.{switch}", state.locale or "id")))
        return turn

    async def start(self, state: ConversationState, flow_id: str, services: FlowServices,
                    preset: Mapping[str, Any] | None = None) -> Turn:
        """A flow the bot starts: the inner engine's, spoken in mode suara."""
        turn: Turn = await self.inner.start(state, flow_id, services, preset)
        session: Session | None = getattr(services, "session", None)
        citizen_id: int | None = getattr(services, "citizen_id", None)
        if self.speaking and session is not None and citizen_id is not None and turn.replies:
            mode = await self._mode(session, citizen_id)
            if mode is not None and mode.mode == "on":
                spoken = self.spoken(turn.replies, turn.state.locale or "id")
                if spoken:
                    turn.replies.append(Reply(spoken, prompt_id=SPEAK))
        return turn

    def spoken(self, replies: Sequence[Reply], locale: str) -> str:
        """What to say for a turn's replies: their text without emoji, options read out with their numbers."""
        catalog = self.inner.catalog
        parts: list[str] = []
        for reply in replies:
            if reply.prompt_id == SPEAK:
                continue
            text = " ".join(_EMOJI.sub("", reply.text).split())
            if text:
                parts.append(text)
            for number, option in enumerate(reply.options, 1):
                word = (catalog.maybe(f"number.{number}", locale) or str(number)).split("|")[0]
                parts.append(f"{word}: {_EMOJI.sub('', option.label).strip()}.")
        return "\n".join(parts)


def headed(line: str, replies: Sequence[Reply]) -> list[Reply]:
    """The replies with a line on top of the first (one message: what was understood, then the next question)."""
    if not replies:
        return [Reply(line)]
    return [replace(replies[0], text=f"{line}\n{replies[0].text}"), *replies[1:]]
