"""The durable transcription worker: claims voice jobs under a lease, hears them, and answers through the turn
pipeline (the stage in front of the engine is bot/voice/stage.py)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from bot.conversation.inbox import save_state
from bot.core.messages import Inbound, Option, Reply
from bot.voice.audio import AudioError, decode
from bot.voice.settings import VoiceSettings
from bot.voice.stage import (
    EVIDENCE_ANSWER_SECONDS,
    EVIDENCE_ANSWER_WORDS,
    LEASE,
    NO,
    POLL_SECONDS,
    SPEAK,
    YES,
    YES_SPEAK,
    VoiceStage,
    prompt_id,
)
from bot.voice.stt import SttError, Transcriber
from flows.engine import Turn
from flows.matching import clean
from flows.state import ConversationState
from models import store, voice_store, workqueue
from models.db import Session
from models.tables import InboundMessage
from models.voice import VOICE_JOBS, VoiceJob, VoiceMode

log = logging.getLogger("laporbot.voice")


def readback(catalog: Any, job: VoiceJob, locale: str, *, offer_speech: bool = False) -> Reply:
    """'Kami dengar: … Benar?' with yes/no buttons for this job (and "yes, read the questions to me" on offer)."""
    options = [Option(YES, catalog.text("voice.readback.yes", locale))]
    if offer_speech:  # mode suara is offered to citizens who send voice notes, right where they answer
        options.append(Option(YES_SPEAK, catalog.text("voice.readback.yes_speak", locale)))
    options.append(Option(NO, catalog.text("voice.readback.no", locale)))
    return Reply(catalog.text("voice.readback", locale, transcript=job.transcript or ""), tuple(options), "yesno",
                 prompt_id(job.id))


# --------------------------------------------------------------------------- the worker


Fetch = Callable[[VoiceJob], Any]  # async: the audio bytes of a job's file (None when the channel has it no more)


class VoiceWorker:
    """Claims queued transcription jobs (any replica), runs them, and answers the citizen."""

    def __init__(self, core: Any, settings: VoiceSettings, transcriber: Transcriber, fetch: Fetch,
                 stage: VoiceStage, *, concurrency: int = 2, woken: asyncio.Event | None = None) -> None:
        self.core = core
        self.settings = settings
        self.transcriber = transcriber
        self.fetch = fetch
        self.stage = stage
        self.concurrency = concurrency
        self.woken = woken or asyncio.Event()  # the stage rings it (bot/voice/wiring.py: one bell for both)
        self._running: set[asyncio.Task[None]] = set()

    def wake(self) -> None:
        """A job was recorded: look soon (it is seen once its turn has committed)."""
        self.woken.set()

    async def run(self, stop: asyncio.Event) -> None:
        """Until stop: claim and run jobs, at most `concurrency` at once."""
        try:
            while not stop.is_set():
                job = await self.claim() if len(self._running) < self.concurrency else None
                if job is not None:
                    task = asyncio.create_task(self.run_job(job))
                    self._running.add(task)
                    task.add_done_callback(self._running.discard)
                    task.add_done_callback(lambda _: self.woken.set())  # a slot is free: look again at once
                    continue
                self.woken.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(_first(self.woken, stop), POLL_SECONDS)
        finally:
            for task in list(self._running):
                task.cancel()
            await asyncio.gather(*self._running, return_exceptions=True)

    async def claim(self) -> VoiceJob | None:
        """The oldest job due (queued, or running with its lease over), now ours under a lease."""
        async with self.core.db.write() as session:
            claimed = await workqueue.claim(session, VOICE_JOBS, now=self.core.clock.now(), lease=LEASE)
            job = await session.get(VoiceJob, claimed[0][0]) if claimed else None
            if job is not None:
                session.expunge(job)
            return job

    async def run_job(self, job: VoiceJob) -> None:
        """Fetch, decode, transcribe, answer; a failure is retried later, then given up on kindly."""
        notice = asyncio.create_task(self._notice_later(job))
        try:
            data = await self.fetch(job)
            if data is None:
                raise AudioError("file gone")
            pcm = await asyncio.to_thread(decode, data, max_seconds=self.settings.stt_max_seconds)
            text = await self.transcriber.transcribe(pcm, self.settings.stt_language)
        except asyncio.CancelledError:
            raise
        except AudioError as error:  # not audio we can hear: trying again will not help
            notice.cancel()
            await self._give_up(job, f"audio: {error}")
            return
        except Exception as error:  # transcriber or channel away (SttError, FetchError, ...): later, or give up
            notice.cancel()
            reason = str(error) if isinstance(error, SttError) else type(error).__name__
            if job.attempts >= self.settings.stt_attempts:
                await self._give_up(job, reason)
            else:
                await self._retry(job, reason)
            return
        finally:
            notice.cancel()
        await self._heard(job, text, pcm.seconds)

    async def _notice_later(self, job: VoiceJob) -> None:
        """'Sedang mendengarkan…' once the transcript has taken longer than LAPORBOT_STT_NOTICE_SECONDS."""
        await asyncio.sleep(self.settings.stt_notice_seconds)
        now = self.core.clock.now()
        async with self.core.db.write() as session:
            found = await session.get(VoiceJob, job.id)
            if found is None or found.status != "running" or found.notified or found.lease_until != job.lease_until:
                return
            found.notified = True
            session.add(found)
            locale = await store.conversation_locale(session, job.citizen_id) or job.locale
            replies = [Reply(self.stage._text("voice.listening", locale))]
            rows = store.queue_replies(session, channel=job.channel, chat_id=job.chat_id, citizen_id=job.citizen_id,
                                       inbound_id=job.inbound_id, replies=await self._spoken(session, job, replies,
                                                                                             locale), now=now)
            await session.flush()
            ids = [r.id for r in rows if r.id is not None]
        await self.core.deliverer.deliver(ids, chat=(job.channel, job.chat_id))

    async def _spoken(self, session: Session, job: VoiceJob, replies: list[Reply], locale: str) -> list[Reply]:
        if self.stage.speaking:
            mode = await session.get(VoiceMode, job.citizen_id)
            if mode is not None and mode.mode == "on":
                return [*replies, Reply(self.stage.spoken(replies, locale), prompt_id=SPEAK)]
        return replies

    async def _retry(self, job: VoiceJob, reason: str) -> None:
        log.warning("transcription failed; will retry", extra={"job": job.id, "attempts": job.attempts,
                                                               "reason": reason})
        async with self.core.db.write() as session:
            await workqueue.retry(session, VOICE_JOBS, [job.id], now=self.core.clock.now(),
                                  delay=workqueue.backoff(job.attempts, cap=60), reason=reason, until=job.lease_until)
        self.wake()

    async def _give_up(self, job: VoiceJob, reason: str) -> None:
        """The voice note goes to the engine as it would without speech to text, with a kind word."""
        log.warning("transcription given up", extra={"job": job.id, "attempts": job.attempts, "reason": reason})
        await self._turn(job, "failed", None, reason)

    async def _heard(self, job: VoiceJob, text: str, seconds: float) -> None:
        """Read the transcript back, or (a spoken "ya"/"tidak" to an earlier read-back) answer that one."""
        await self._turn(job, "heard" if text.strip() else "unheard", text.strip(), None, seconds)

    async def _turn(self, job: VoiceJob, status: str, text: str | None, reason: str | None,
                    seconds: float | None = None) -> None:
        now = self.core.clock.now()
        inbox = self.core.inbox
        async with self.core.db.write() as session:
            conversation = await store.lock_conversation(session, job.citizen_id, now)
            found = await session.get(VoiceJob, job.id, with_for_update=True)
            if found is None or found.status != "running" or found.lease_until != job.lease_until:
                return  # our lease ran out and another replica has it now
            found.status, found.transcript, found.error, found.seconds, found.updated_at = (
                status, text, reason[:255] if reason else None, seconds, now)
            session.add(found)
            state = ConversationState.from_json(conversation.state)
            locale = state.locale or job.locale
            replies: list[Reply]
            if found.evidence and status != "failed":
                replies = await self._evidence(session, conversation, found, state, locale, now)
            elif status == "heard":
                earlier = await voice_store.latest_job(session, job.citizen_id, "heard", before_id=job.id)
                undo = self.stage.words.undoes(text) and await self.stage.undoable(
                    session, job.citizen_id, state) is not None
                if (earlier is not None and self.stage.words.yes_no(text) is not None) or undo:
                    # "ya" said aloud to the last read-back answers it; "salah" said aloud takes back the answer
                    # just used (this note is not read back itself)
                    found.status = "used" if not undo else found.status
                    turn = await self._engine_turn(session, found, state, Inbound(
                        job.channel, job.chat_id, f"voice:{job.id}", text=text))
                    found.status = "used"
                    save_state(conversation, turn.state, now)
                    replies = turn.replies
                else:
                    await voice_store.drop_heard(session, job.citizen_id, job.id, now)
                    replies = await self._speak_to_speakers(session, found, now, locale)
                    services = inbox._services(session, job.citizen_id, job.inbound_id, job.channel, state)
                    taken = await self.stage.take_heard(session, job.citizen_id, state, services, found, now)
                    if taken is not None:  # an option named, or free text read back with the next question
                        found.status = "used"
                        save_state(conversation, taken.state, now)
                        replies.extend(taken.replies)
                        locale = taken.state.locale or locale
                    else:
                        replies.append(readback(inbox.engine.catalog, found, locale))
                    replies = await self._spoken(session, found, replies, locale)
            elif status == "unheard":
                replies = await self._spoken(session, found, [Reply(self.stage._text("voice.unheard", locale))],
                                             locale)
            else:
                row = await session.get(InboundMessage, job.inbound_id)
                original = Inbound.from_json(row.payload) if row is not None else None
                if original is None:
                    return
                turn = await self._engine_turn(session, found, state, original)
                save_state(conversation, turn.state, now)
                replies = turn.replies
            rows = store.queue_replies(session, channel=job.channel, chat_id=job.chat_id, citizen_id=job.citizen_id,
                                       inbound_id=job.inbound_id, replies=replies, now=now)
            await session.flush()
            ids = [r.id for r in rows if r.id is not None]
        log.info("voice job done", extra={"job": job.id, "status": status, "replies": len(ids)})
        await self.core.deliverer.deliver(ids, chat=(job.channel, job.chat_id))

    async def _evidence(self, session: Session, conversation: Any, job: VoiceJob, state: ConversationState,
                        locale: str, now: datetime) -> list[Reply]:
        """A voice note sent at the evidence question, heard: a short answer that clearly names an option ("lanjut",
        "satu", "tidak ada") is that answer and is not attached; anything else (or the conversation moved on) is
        kept as evidence exactly as without speech to text (status "kept"), its transcript beside it."""
        text = job.transcript or ""
        stage = self.stage
        inbox = self.core.inbox
        if job.status == "heard" and stage.words.undoes(text) \
                and await stage.undoable(session, job.citizen_id, state) is not None:  # "salah" said aloud
            turn = await self._engine_turn(session, job, state, Inbound(job.channel, job.chat_id, f"voice:{job.id}",
                                                                        text=text))
            job.status = "used"
            save_state(conversation, turn.state, now)
            return turn.replies
        short = (job.status == "heard" and job.seconds is not None and job.seconds <= EVIDENCE_ANSWER_SECONDS
                 and len(clean(text).split()) <= EVIDENCE_ANSWER_WORDS and stage._evidence_step(state))
        if short:
            services = inbox._services(session, job.citizen_id, job.inbound_id, job.channel, state)
            taken = await stage.take_heard(session, job.citizen_id, state, services, job, now)
            if taken is not None:  # only an option can be named here: the media question takes no free text
                job.status = "used"
                save_state(conversation, taken.state, now)
                replies = await self._speak_to_speakers(session, job, now, locale)
                replies.extend(taken.replies)
                return await self._spoken(session, job, replies, taken.state.locale or locale)
        if job.status == "heard":
            job.status = "kept"
        row = await session.get(InboundMessage, job.inbound_id)
        original = Inbound.from_json(row.payload) if row is not None else None
        if original is None:
            return []
        turn = await self._engine_turn(session, job, state, original)  # the stage sees the job done: no notice
        save_state(conversation, turn.state, now)
        return turn.replies

    async def _speak_to_speakers(self, session: Session, job: VoiceJob, now: datetime,
                                 locale: str) -> list[Reply]:
        """A citizen who answers by voice hears the questions too (mode suara) from now on, unless they turned it
        off ("mode teks"): asking first would cost a blind citizen a message; saying how to stop costs nothing."""
        if not self.stage.speaking:
            return []
        mode = await session.get(VoiceMode, job.citizen_id)
        if mode is not None and mode.mode in ("on", "off"):
            return []
        mode = mode or VoiceMode(citizen_id=job.citizen_id)
        mode.mode, mode.updated_at = "on", now
        session.add(mode)
        return [Reply(self.stage._text("voice.mode.auto", locale))]

    async def _engine_turn(self, session: Session, job: VoiceJob, state: ConversationState,
                           msg: Inbound) -> Turn:
        """A turn of the whole pipeline (checks, this stage, the engine) for a message the worker stands in for."""
        inbox = self.core.inbox
        services = inbox._services(session, job.citizen_id, job.inbound_id, job.channel, state)
        turn: Turn = await inbox.engine.handle(state, msg, services)
        return turn


async def _first(*events: asyncio.Event) -> None:
    """Return when any of the events is set."""
    waits = [asyncio.create_task(e.wait()) for e in events]
    try:
        await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for w in waits:
            w.cancel()
