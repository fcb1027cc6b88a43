"""Many guilds through the one shared sender, and nothing left behind when guilds stop, leave or the bot closes."""

from __future__ import annotations

import asyncio
import gc
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from musicbot.adapters.audio.spawn import SPAWNERS
from musicbot.adapters.discord_voice import VoiceEngine
from musicbot.application.playback.ports import PlaybackRequest
from musicbot.domain.ids import GuildId
from tests.integration.test_discord_voice_fakes import FakeVoiceConnection, until
from tests.support.media import make_tone
from tests.support.playback_ends import Ends
from tests.support.processes import child_pids, open_fds

GUILDS = 100


@pytest.fixture(scope="module")
def tone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_tone(tmp_path_factory.mktemp("scale-media") / "tone.ogg", frequency=440, seconds=1.5)


@pytest.fixture
def frozen_heap() -> Iterator[None]:
    """What the bot should do once started (see the report): the objects alive now leave the collector's view.

    A full collection holds the GIL for its whole length: over the thousands of objects this test session has
    piled up it takes ~100 ms, and every thread waits, the sender too. Frozen, it only looks at newer objects.
    """
    gc.collect()
    gc.freeze()
    yield
    gc.unfreeze()


def watcher_threads() -> list[threading.Thread]:
    """asyncio's ThreadedChildWatcher: one thread per child process, gone soon after the child exits."""
    return [thread for thread in threading.enumerate() if thread.name.startswith("waitpid-")]


def spawner_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name.startswith("ffmpeg-spawn")]


def new_threads(before: set[threading.Thread]) -> set[threading.Thread]:
    """Threads started since `before`, but the spawner's pool (SPAWNERS threads, started as spawns overlap)."""
    return set(threading.enumerate()) - before - set(spawner_threads())


def sender_threads() -> int:
    return sum(1 for thread in threading.enumerate() if thread.name == "voice-sender")


@pytest.mark.usefixtures("frozen_heap")
async def test_a_hundred_guilds_stream_copying_at_once_keep_their_slots(tone: Path) -> None:
    engine = VoiceEngine()
    guilds = [GuildId(number) for number in range(1, GUILDS + 1)]
    connections = {guild: FakeVoiceConnection() for guild in guilds}
    ends = {guild: Ends() for guild in guilds}
    for guild in guilds:
        engine.attach(guild, connections[guild])
    request = PlaybackRequest(stream_url=str(tone), duration=1.5)
    try:
        await asyncio.gather(*(engine.play(guild, request, ends[guild]) for guild in guilds))

        assert await asyncio.gather(*(end.wait() for end in ends.values())) == [None] * GUILDS
        await until(lambda: all(connection.settled() for connection in connections.values()))
        # Every guild got every packet of its song. How late they were is measured by bench/voice_streams.py,
        # not asserted here: a test machine's load is not ours to control.
        assert {len(connection.audio()) for connection in connections.values()} == {76}
        stats = [engine.stats(guild) for guild in guilds]
        assert all(lane is not None and lane.send_errors == 0 for lane in stats)
    finally:
        await engine.aclose()
    assert not child_pids()
    assert sender_threads() == 0


async def test_play_stop_and_leave_cycles_leave_nothing_behind(tone: Path) -> None:
    engine = VoiceEngine()
    engine.attach(GuildId(1), FakeVoiceConnection())
    await engine.play(GuildId(1), PlaybackRequest(stream_url=str(tone)), Ends())  # warm-up: the thread, the loop
    await engine.stop(GuildId(1))
    # Other tests' threads may still be winding down: only what this test starts must be gone at the end.
    await until(lambda: not child_pids() and not watcher_threads())
    fds, threads = open_fds(), set(threading.enumerate())

    request = PlaybackRequest(stream_url=str(tone), duration=2.0)
    for cycle in range(20):
        guild = GuildId(cycle % 3 + 1)
        engine.attach(guild, FakeVoiceConnection())
        await engine.play(guild, request, Ends())
        await engine.preload(guild, request)
        await engine.set_volume(guild, 0.5)
        if cycle % 2:
            await engine.stop(guild)
        else:
            await engine.detach(guild)
    for guild in (GuildId(1), GuildId(2), GuildId(3)):
        await engine.detach(guild)

    await until(lambda: engine.task_count == 0)
    assert not child_pids()  # a preload given up mid-spawn too: reaped before its cancellation went on
    # asyncio's child watcher threads and pipe transports go a moment after the process they watched. The
    # spawner's pool may have started its second thread meanwhile (two spawns at once): it stays, and no more.
    await until(lambda: open_fds() <= fds and not new_threads(threads), within=5.0)
    assert len(spawner_threads()) <= SPAWNERS
    await engine.aclose()
    assert sender_threads() == 0


async def test_a_preload_given_up_at_any_moment_of_its_start_leaves_every_later_ffmpeg_reapable(tone: Path) -> None:
    """A stop() that gives up a preload while its FFmpeg's pipes were being connected left the loop's selector
    stale, and the next FFmpeg whose pipe got that descriptor could never be reaped: a stop() waiting for ever
    with no timer pending (a CI run's 120 s timeout). Given up 0 to 4 ms after it began, in steps of 0.1 ms:
    FFmpeg's start takes about that long, so some stop lands between its pipes (the old code hung in ~100)."""
    engine = VoiceEngine()
    guild = GuildId(1)
    engine.attach(guild, FakeVoiceConnection())
    request = PlaybackRequest(stream_url=str(tone), duration=1.5)  # within 3 s of the end: preloads start at once
    try:
        for step in range(400):
            async with asyncio.timeout(20):  # a hang detector, not a speed limit: a step takes milliseconds
                await engine.preload(guild, request)
                await asyncio.sleep(step % 40 / 10_000)
                await engine.stop(guild)
                if step % 10 == 0:  # a song played and stopped: FFmpegs whose pipes must be polled to be reaped
                    await engine.play(guild, request, Ends())
                    await engine.stop(guild)
        assert not child_pids()
    finally:
        await engine.aclose()


async def test_aclose_in_the_middle_of_everything_reaps_every_ffmpeg(tmp_path: Path) -> None:
    # Said to last 2 s, so each preload's FFmpeg starts at once (within 3 s of the end), but 20 s long (10 s past
    # its length are let through): no song ends before aclose(), however slowly ten plays start under load.
    tone = make_tone(tmp_path / "long.ogg", frequency=440, seconds=20.0)
    engine = VoiceEngine()
    ends = [Ends() for _ in range(10)]
    for number, end in enumerate(ends, start=1):
        engine.attach(GuildId(number), FakeVoiceConnection())
        await engine.play(GuildId(number), PlaybackRequest(stream_url=str(tone), duration=2.0), end)
        await engine.preload(GuildId(number), PlaybackRequest(stream_url=str(tone), duration=2.0, title="next"))
    await asyncio.sleep(0.2)
    await engine.aclose()
    await engine.aclose()
    assert not child_pids()
    assert engine.task_count == 0
    assert all(end.reasons == [] for end in ends)
