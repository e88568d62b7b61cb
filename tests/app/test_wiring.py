"""The composition root (bot/wiring.py): the declared turn pipeline, counted senders, finished survey flows."""

from __future__ import annotations

from pathlib import Path

from bot.app import section_of
from bot.conversation.guards import Counted, Duplicate, Emergency, Erasure, OpsSettings, RateLimit
from bot.conversation.inclusive import InclusiveEngine
from bot.core.clock import FixedClock
from bot.core.messages import Reply
from bot.ops.metrics import CountingSender, sample
from bot.outbox.delivery import Deliverer
from bot.settings import Settings
from bot.surveys.config import SurveyConfig
from bot.understanding.place_directory import NoPlaces
from bot.voice.stage import VoiceStage
from bot.wiring import Pipeline, build_core, engine_for, read_sections, turn_pipeline
from flows import skm
from flows.engine import Engine
from flows.library import default_engine
from models.db import Database
from models.surveys import UNSUR_COLUMNS
from tests.harness import shipped_agencies

EXAMPLE = Path(__file__).resolve().parents[2] / "bot" / "data" / "survey.example.yaml"


class _Sender:
    """A sender that keeps what it was given."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    async def send(self, chat_id: str, reply: Reply) -> str | None:
        """Keep the reply's text."""
        self.sent.append((chat_id, reply.text))
        return "1"


def _layers(outer: object) -> list[object]:
    """The pipeline from the outside in: the voice stage, the guards, simple mode, the engine."""
    voice = outer
    assert isinstance(voice, VoiceStage)
    guards = voice.inner
    assert isinstance(guards, Pipeline)
    inclusive = guards.engine
    assert isinstance(inclusive, InclusiveEngine)
    return [voice, *guards.stages, inclusive, inclusive.inner]


def test_turn_pipeline_is_declared_in_order() -> None:
    """Voice; counted, emergency numbers, rate limit, erasure, duplicates; simple mode; then the engine (no guard
    stages without ops settings)."""
    engine = default_engine()
    pipeline = turn_pipeline(engine, OpsSettings())
    assert [type(s) for s in _layers(pipeline)] == [VoiceStage, Counted, Emergency, RateLimit, Erasure, Duplicate,
                                                     InclusiveEngine, Engine]
    assert _layers(pipeline)[-1] is engine and pipeline.catalog is engine.catalog
    assert [type(s) for s in _layers(turn_pipeline(engine, None))] == [VoiceStage, InclusiveEngine, Engine]


async def test_a_sender_is_counted_from_the_moment_it_is_added(db: Database, clock: FixedClock) -> None:
    """The outbox wraps every sender as a channel adds it: nothing is instrumented afterwards."""
    deliverer = Deliverer(db, {}, clock, wrap=CountingSender)
    sender = _Sender()
    deliverer.add_sender("unitchan", sender)
    wrapped = deliverer.senders["unitchan"]
    assert isinstance(wrapped, CountingSender) and wrapped.inner is sender
    before = sample("laporbot_replies_sent_total", {"channel": "unitchan"}) or 0
    await wrapped.send("c1", Reply("halo"))
    assert sender.sent == [("c1", "halo")]
    assert sample("laporbot_replies_sent_total", {"channel": "unitchan"}) == before + 1


async def test_build_core_wires_pipeline_and_counted_senders(db: Database, clock: FixedClock) -> None:
    """build_core with ops gives the inbox the guard stages and counts the senders it was given."""
    sender = _Sender()
    core = await build_core(Settings(database_url=db.url), clock=clock, agencies=shipped_agencies(),
                            places=NoPlaces(), senders={"unitchan": sender}, migrate=False, ops=OpsSettings())
    try:
        layers = _layers(core.inbox.engine)
        assert [type(s) for s in layers[1:-2]] == [Counted, Emergency, RateLimit, Erasure, Duplicate]
        assert layers[0] is core.pipeline and layers[-1] is core.engine
        assert isinstance(core.deliverer.senders["unitchan"], CountingSender)
        assert core.inbox.on_claimed == core.ledger.add
    finally:
        await core.close()


def test_engine_gets_the_agency_surveys_as_finished_flows(tmp_path: Path) -> None:
    """LAPORBOT_SURVEYS_DIR is read by the wiring; the engine only receives the flows and their words."""
    (tmp_path / "posyandu.yaml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    settings = Settings.from_env({"LAPORBOT_SURVEYS_DIR": str(tmp_path)})
    engine = engine_for(section_of(read_sections(settings), SurveyConfig, checked=True))
    assert "posyandu" in engine.flows and "posyandu" not in default_engine().flows
    assert engine.catalog.has("posyandu.thanks.prompt", "id")


def test_stored_unsur_columns_are_the_questionnaire_s() -> None:
    """models/ names the nine columns itself (it imports nothing of flows/); they must stay the same."""
    assert UNSUR_COLUMNS == skm.UNSUR_IDS
