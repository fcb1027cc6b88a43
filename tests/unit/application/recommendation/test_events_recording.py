"""`RecommendationEvents` records plays itself only when nothing else records them in the same history."""

from __future__ import annotations

import pytest

from musicbot.application.recommendation.events import RecommendationEvents
from tests.unit.application.recommendation.test_radio import BOB, GUILD, SEED, build


@pytest.mark.parametrize(("record_plays", "recorded"), [(True, 1), (False, 0)])
async def test_a_started_song_is_recorded_only_when_asked(record_plays: bool, recorded: int) -> None:
    world = build()
    events = RecommendationEvents(
        world.inner, history=world.history, radio=lambda: world.radio, clock=world.clock, record_plays=record_plays
    )

    await events.song_started(GUILD, world.preparer.song_for(SEED, BOB))

    assert world.history.plays(GUILD) == recorded
    assert [event.title for event in world.inner.of_kind("song_started")] == [SEED.title]
