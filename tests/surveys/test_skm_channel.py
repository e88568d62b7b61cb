"""Channel survey indices (domain.md §5): satisfaction index, NPS, loyalty, ease and speed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.surveys.ikm import ChannelResponse, channel_survey


def test_channel_indices() -> None:
    responses = [
        ChannelResponse(satisfaction=5, recommend=10, use_again=True, ease=5, speed=2, gender="p"),
        ChannelResponse(satisfaction=4, recommend=9, use_again=True, ease=4, speed=3, gender="p",
                        disability="ya"),
        ChannelResponse(satisfaction=3, recommend=7, use_again=False, ease=4, gender="l"),
        ChannelResponse(satisfaction=2, recommend=3, disability="tidak"),
        ChannelResponse(use_again=True),
    ]
    result = channel_survey(responses)
    assert result.respondents == 5
    # Satisfaction: 4 answered (5, 4, 3, 2); 4 or 5 = 2 → 2/4 = 50.0 %
    assert result.satisfaction_index == Decimal("50.0")
    # Recommend: 4 answered (10, 9, 7, 3): promoters 2 (50 %), passive 1, detractor 1 (25 %) → NPS 25.0
    assert (result.promoters, result.passives, result.detractors) == (2, 1, 1)
    assert result.nps == Decimal("25.0")
    # Use again: True, True, False, True → 3/4 = 75.0 %
    assert result.loyalty == Decimal("75.0")
    # Ease (5 + 4 + 4) / 3 = 4.333… → 4.33; speed (2 + 3) / 2 = 2.50
    assert result.ease_mean == Decimal("4.33")
    assert result.speed_mean == Decimal("2.50")
    women = result.by_gender["p"]
    assert women.respondents == 2
    assert women.satisfaction_index == Decimal("100.0") and women.nps == Decimal("100.0")
    assert result.by_gender["l"].nps == Decimal("0.0")  # one passive: 0 % − 0 %
    assert result.by_gender["skip"].respondents == 2
    assert result.by_disability["ya"].respondents == 1
    assert result.by_disability["tidak"].nps == Decimal("-100.0")
    assert result.by_disability["tidak_jawab"].respondents == 0
    assert result.by_disability["tidak_jawab"].satisfaction_index is None


def test_nps_rounds_to_one_decimal() -> None:
    # 1 promoter, 2 passives out of 3 → 33.333… → 33.3
    result = channel_survey([ChannelResponse(recommend=9), ChannelResponse(recommend=8),
                             ChannelResponse(recommend=7)])
    assert result.nps == Decimal("33.3")


def test_empty_channel_survey() -> None:
    result = channel_survey([])
    assert result.respondents == 0
    assert result.satisfaction_index is None and result.nps is None and result.loyalty is None
    assert result.ease_mean is None and result.speed_mean is None


@pytest.mark.parametrize(
    "kwargs",
    [{"satisfaction": 0}, {"satisfaction": 6}, {"recommend": 11}, {"recommend": -1}, {"ease": True},
     {"speed": 2.5}, {"gender": "x"}, {"disability": "maybe"}],
)
def test_channel_response_validation(kwargs: dict) -> None:
    with pytest.raises(ValueError):
        ChannelResponse(**kwargs)
