"""The SKM poster's wa.me link on WhatsApp: its prefilled text starts the unit's survey, as t.me/…?start= does.

Through the real webhook (in-process server) and the fake Graph API.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlmodel import select

from bot.core.clock import FixedClock
from bot.core.messages import Inbound
from bot.surveys.config import SurveyConfig
from bot.surveys.qr import whatsapp_link
from bot.surveys.units import whatsapp_start_payload
from handlers.whatsapp.channel import survey_link
from models.db import Database
from models.tables import Citizen, Conversation
from tests.fakes.graph_api import FakeGraphAPI, button_reply, text_message
from tests.handlers.test_whatsapp_channel import Rig, body_text, choices, running_rig
from tests.handlers.test_whatsapp_channel import graph as graph  # the fixture

UNIT = "puskesmas_selong"
POSTER_TEXT = parse_qs(urlsplit(whatsapp_link("0811-0000-0000", UNIT)).query)["text"][0]


@pytest.fixture
async def rig(db: Database, clock: FixedClock, graph: FakeGraphAPI) -> AsyncIterator[Rig]:
    """The WhatsApp channel in-process."""
    async with running_rig(db, clock, graph) as built:
        yield built


def _shown(sent: list[dict[str, Any]]) -> list[tuple[str, list[str]]]:
    """What a citizen saw, without the recipient: each message's text and the ids it offers."""
    return [(body_text(m), choices(m) if m["type"] == "interactive" else []) for m in sent]


async def _flow(rig: Rig, wa_id: str) -> tuple[str | None, str | None, dict[str, Any]]:
    async with rig.core.db.read() as session:
        citizen = (await session.exec(select(Citizen).where(Citizen.channel_user_id == wa_id))).one()
        conversation = (await session.exec(select(Conversation).where(
            Conversation.citizen_id == citizen.id))).one()
    return conversation.flow, conversation.step, conversation.state


def test_the_poster_link_carries_the_keyword_and_the_unit() -> None:
    """The QR code's wa.me text is what the channel recognises."""
    assert POSTER_TEXT == f"SKM {UNIT}"
    assert whatsapp_start_payload(POSTER_TEXT) == f"skm_{UNIT}"


async def test_the_poster_text_starts_the_units_survey_as_the_telegram_deep_link_does(rig: Rig) -> None:
    """Sent unchanged, the prefilled text opens Puskesmas Selong's SKM exactly as "/start skm_…" does."""
    by_poster = await rig.send(text_message(POSTER_TEXT, wa_id="6281100000001", wamid=rig.wamid()))
    by_command = await rig.send(text_message(f"/start skm_{UNIT}", wa_id="6281100000002", wamid=rig.wamid()))
    assert _shown(by_poster) == _shown(by_command)
    (intro,) = by_poster
    assert "Survei Kepuasan Masyarakat untuk Puskesmas Selong" in body_text(intro)
    assert [c.split("|")[-1] for c in choices(intro)] == ["start", "later"]
    flow, step, state = await _flow(rig, "6281100000001")
    assert flow is not None and flow.startswith("skm") and step == "intro"
    assert state["answers"]["link"]["unit"] == UNIT
    # Pressing "Isi sekarang" asks the first of the nine questions.
    start = next(c for c in choices(intro) if c.endswith("|start"))
    (first,) = await rig.send(button_reply(start, "Isi sekarang", wa_id="6281100000001", wamid=rig.wamid()))
    assert "kesesuaian persyaratan pelayanan" in body_text(first)


@pytest.mark.parametrize("typed", ["skm puskesmas_selong", "SKM  PUSKESMAS_SELONG ", "  Skm\tPuskesmas_Selong",
                                   "SKM: puskesmas_selong", "SKM puskesmas_selong."])
async def test_small_edits_to_the_poster_text_still_start_the_survey(rig: Rig, typed: str) -> None:
    """Case, extra spaces, a colon or a full stop: still that unit's survey."""
    (intro,) = await rig.send(text_message(typed, wa_id="6281100000003", wamid=rig.wamid()))
    assert "Survei Kepuasan Masyarakat untuk Puskesmas Selong" in body_text(intro)
    assert (await _flow(rig, "6281100000003"))[2]["answers"]["link"]["unit"] == UNIT


async def test_an_unknown_unit_or_other_words_are_no_deep_link(rig: Rig) -> None:
    """"SKM" before something that is no unit code, or more words, is left to the flows as typed text."""
    unknown = Inbound("whatsapp", "62811", "w1", text="SKM jelek")
    sentence = Inbound("whatsapp", "62811", "w2", text="skm puskesmas selong bagus")
    pressed = Inbound("whatsapp", "62811", "w3", choice_id="x", text=f"SKM {UNIT}")
    for msg in (unknown, sentence, pressed):
        assert survey_link(msg, SurveyConfig()) is msg
    assert survey_link(Inbound("whatsapp", "62811", "w4", text=f"SKM {UNIT}"), SurveyConfig()).command == "start"
    (welcome,) = await rig.send(text_message("SKM jelek", wa_id="6281100000004", wamid=rig.wamid()))
    assert "Survei Kepuasan Masyarakat untuk" not in body_text(welcome)
    flow, _, _ = await _flow(rig, "6281100000004")
    assert flow is None or not flow.startswith("skm")
