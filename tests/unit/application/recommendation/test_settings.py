"""Recommendation settings refuse values that cannot work."""

from __future__ import annotations

import pytest

from musicbot.application.recommendation.settings import RecommendationSettings


@pytest.mark.parametrize(
    "fields",
    [
        {"rate_limit": 0},
        {"source_timeout": 0.0},
        {"exclude_recent": -1},
        {"burst": 11},
        {"burst_window": 61.0},
        {"radio_no_repeat": 0},
    ],
)
def test_settings_that_cannot_work_are_refused(fields: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        RecommendationSettings(**fields)  # type: ignore[arg-type]


def test_the_defaults_work_and_nothing_recent_may_be_excluded() -> None:
    assert RecommendationSettings(exclude_recent=0).exclude_recent == 0
