"""Where a typed place is looked for first (StoreServices.resolve_place): the deployment's own kabupaten, or the one
the story named where the deployment has none or that one lies inside it (issue 17, item 2)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.conversation.services import StoreServices
from bot.core.clock import FixedClock
from bot.core.i18n import Catalog
from flows.ports import FlowConfig
from tests.harness import shipped_agencies, shipped_places


def services(region: str | None) -> StoreServices:
    """The port as a deployment of `region` builds it; resolve_place touches no storage."""
    return StoreServices(session=None, catalog=Catalog.load(), config=FlowConfig(region=region),  # type: ignore[arg-type]
                         clock=FixedClock(datetime(2026, 12, 2, 9, tzinfo=UTC)), agencies=shipped_agencies(),
                         places=shipped_places(), citizen_id=1, inbound_id=None, channel="telegram",
                         new_tracking_no=lambda: "LPR-TEST", locale="id")


@pytest.mark.parametrize(("region", "text", "story", "found"), [
    # a kabupaten's own channel keeps its own first, whatever the story seemed to name elsewhere
    ("52.03", "pasar selong", "64.03", "52.03.07"),
    ("52.03", "pasar selong", None, "52.03.07"),
    # a national channel looks in the story's kabupaten first: Subang's Desa Sukamulya, not a list of five
    (None, "desa sukamulya", "32.13", "32.13.07.2012"),
    # a province's channel too, the story's kabupaten lying inside it
    ("32", "desa sukamulya", "32.13", "32.13.07.2012"),
])
def test_the_place_typed_is_looked_for_near_first(region: str | None, text: str, story: str | None,
                                                  found: str) -> None:
    result = services(region).resolve_place(text, story)
    assert result.best is not None and result.best.code == found


def test_with_nothing_near_a_shared_name_is_asked_about() -> None:
    result = services(None).resolve_place("desa sukamulya")
    assert result.best is None and len(result.options) > 1
