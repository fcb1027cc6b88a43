"""The ⏯ and 🔁 buttons as use-cases: one press is one step, however many presses come at once."""

from __future__ import annotations

import asyncio

import pytest

from musicbot.application.guild.cycle_repeat import CycleRepeat
from musicbot.application.playback.common import ControlCommand
from musicbot.application.playback.toggle_pause import TogglePause
from musicbot.domain.errors import NothingPlaying
from musicbot.domain.player_state import PlayerStatus
from musicbot.domain.tracklist import RepeatMode
from tests.fakes.guild_settings import FakeSettingsStorage
from tests.unit.application.callers import HERE
from tests.unit.application.wiring import GUILD, App

PRESS = ControlCommand(guild_id=GUILD, caller=HERE)


async def test_a_toggle_pauses_then_resumes(app: App) -> None:
    await app.play("a")
    toggle = TogglePause(app.registry)

    first = await toggle.execute(PRESS)
    assert first.paused and app.player().state.status is PlayerStatus.PAUSED
    second = await toggle.execute(PRESS)
    assert not second.paused and app.player().state.status is PlayerStatus.PLAYING
    assert second.song.track.title == "a"


@pytest.mark.parametrize(("presses", "paused"), [(2, False), (3, True), (4, False)])
async def test_presses_at_once_each_flip_once(app: App, presses: int, paused: bool) -> None:
    """Read-then-act lost this race: every press read "playing" while the first pause waited on the output, and
    all but one failed with "already paused"."""
    await app.play("a")
    app.gateway.latency_turns = 3  # each pause/resume waits on the output, as a real one does
    toggle = TogglePause(app.registry)

    results = await asyncio.gather(*(toggle.execute(PRESS) for _ in range(presses)))

    assert [result.paused for result in results].count(True) == (presses + 1) // 2
    assert (app.player().state.status is PlayerStatus.PAUSED) is paused
    assert app.gateway.is_paused(GUILD) is paused
    assert app.gateway.calls_for(GUILD)[-presses:] == ["pause", "resume"] * (presses // 2) + ["pause"] * (presses % 2)


async def test_toggle_with_nothing_playing_says_so(app: App) -> None:
    await app.play("a")
    await app.finish()
    with pytest.raises(NothingPlaying):
        await TogglePause(app.registry).execute(PRESS)


async def test_cycle_goes_off_track_queue_off_and_is_saved(app: App) -> None:
    storage = FakeSettingsStorage()
    await app.play("a")
    cycle = CycleRepeat(app.registry, storage.store())

    modes = [(await cycle.execute(PRESS)).mode for _ in range(3)]

    assert modes == [RepeatMode.TRACK, RepeatMode.QUEUE, RepeatMode.OFF]
    assert app.player().tracklist.repeat is RepeatMode.OFF
    assert storage.repository.committed[GUILD].repeat is RepeatMode.OFF


@pytest.mark.parametrize(("presses", "mode"), [(2, RepeatMode.QUEUE), (3, RepeatMode.OFF), (4, RepeatMode.TRACK)])
async def test_cycles_at_once_each_move_one_step(app: App, presses: int, mode: RepeatMode) -> None:
    storage = FakeSettingsStorage()
    await app.play("a")
    cycle = CycleRepeat(app.registry, storage.store())

    results = await asyncio.gather(*(cycle.execute(PRESS) for _ in range(presses)))

    assert len({result.mode for result in results}) == min(presses, 3)  # each press saw its own step
    assert app.player().tracklist.repeat is mode
    assert storage.repository.committed[GUILD].repeat is mode  # the save ends where the player is
