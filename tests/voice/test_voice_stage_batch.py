"""The voice stage reads a batch's voice modes once, and a mode chosen in a turn is what the rest of the batch sees."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import event

from bot.core.i18n import default_catalog
from bot.core.messages import Inbound, Reply
from bot.voice.settings import VoiceSettings
from bot.voice.stage import SPEAK, VoiceStage
from flows.engine import Turn
from flows.state import ConversationState
from models.db import Database
from models.tables import Citizen

NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)


class Flows:
    """The engine as the voice stage sees it: one question, asked again whatever the answer."""

    catalog = default_catalog()
    flows: dict[str, Any] = {}

    async def handle(self, state: ConversationState, msg: Inbound, services: Any) -> Turn:
        return Turn(state.copy(), [Reply("Apa yang terjadi?")])


class Services:
    """The part of a turn's services the voice stage reads."""

    def __init__(self, session: Any, citizen_id: int) -> None:
        self.session, self.citizen_id, self.inbound_id = session, citizen_id, None

    def now(self) -> datetime:
        return NOW


async def test_a_batch_reads_the_voice_modes_once_and_sees_a_mode_chosen_in_it(db: Database) -> None:
    stage = VoiceStage(Flows(), VoiceSettings(), transcribing=False, speaking=True)
    async with db.write() as session:
        citizens = [Citizen(channel="telegram", channel_user_id=str(n), created_at=NOW) for n in (1, 2)]
        session.add_all(citizens)
        await session.flush()
    ids = [c.id or 0 for c in citizens]
    reads = 0

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        nonlocal reads
        reads += statement.lstrip().upper().startswith("SELECT") and "voicemode" in statement.lower()

    event.listen(db.engine.sync_engine, "before_cursor_execute", count)
    try:
        async with db.write() as session:
            await stage.prepare_batch(session, [(ids[0], 1), (ids[1], 2), (ids[0], 3)], NOW)
            plain = await stage.handle(ConversationState(), Inbound("telegram", "2", "m2", text="jalan rusak"),
                                       Services(session, ids[1]))
            chosen = await stage.handle(ConversationState(), Inbound("telegram", "1", "m1", text="mode suara"),
                                        Services(session, ids[0]))
            after = await stage.handle(ConversationState(), Inbound("telegram", "1", "m3", text="jalan rusak"),
                                       Services(session, ids[0]))
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", count)
    assert reads == 1, "one read of the voice modes for the whole batch, not two per turn"
    assert [r.prompt_id for r in plain.replies] == [None], "no mode: written only"
    assert chosen.replies[-1].prompt_id == SPEAK, "mode suara chosen: the question is spoken at once"
    assert after.replies[-1].prompt_id == SPEAK, "and the citizen's next turn in the same batch is spoken too"
