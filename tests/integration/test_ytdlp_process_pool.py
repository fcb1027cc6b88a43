"""yt-dlp in worker processes: the same answers and the same errors as on threads, across worker replacements."""

from __future__ import annotations

import asyncio
import os
import sys
import threading
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from musicbot.adapters.net_guard import PRIVATE_REFUSED
from musicbot.adapters.ytdlp import YtDlpTrackResolver
from musicbot.adapters.ytdlp.process_pool import YtDlpProcessPool
from musicbot.application.errors import InvalidQuery, NoResults, TrackUnavailable
from musicbot.domain.track import SourceKind
from tests.conftest import MEDIA_SECONDS
from tests.fakes.clock import ManualClock
from tests.support.media_server import MediaServer

ROOT = Path(__file__).parents[2]


@pytest.fixture
async def pooled() -> AsyncIterator[YtDlpTrackResolver]:
    """Two worker processes, each replaced after two jobs."""
    resolver = YtDlpTrackResolver(
        clock=ManualClock(datetime.now(UTC)), timeout=20.0, allow_private_urls=True, processes=2, jobs_per_process=2
    )
    await resolver.warm_up()
    assert await resolver.wait_for_workers()  # until then requests run on the resolver's threads
    yield resolver
    resolver.close()


async def test_links_resolve_in_the_workers_even_as_they_are_replaced(
    pooled: YtDlpTrackResolver, media_server: MediaServer
) -> None:
    names = ["tone440.wav", "tone880.mp3", "tone660.ogg", "tone550.m4a"] * 2
    tracks = await asyncio.gather(*(pooled.resolve(media_server.url(f"/media/{name}?n={n}")) for n, name in
                                    enumerate(names)))  # fmt: skip
    assert [t.title for t in tracks] == [Path(name).stem for name in names]
    assert all(t.source is SourceKind.HTTP for t in tracks)
    assert all(t.duration == pytest.approx(MEDIA_SECONDS, abs=0.15) for t in tracks)  # probed in the worker
    assert pooled.worker_sets >= 2  # eight jobs for two workers of two jobs each: replaced at least once


async def test_errors_come_back_as_the_resolver_raises_them(
    pooled: YtDlpTrackResolver, media_server: MediaServer
) -> None:
    with pytest.raises(TrackUnavailable) as caught:
        await pooled.resolve(media_server.url("/status/503"))
    assert caught.value.reason == "the server answered HTTP 503 (service unavailable)"
    assert caught.value.transient is True  # what the preparer retries on
    with pytest.raises(NoResults) as empty:
        await pooled.resolve(media_server.url("/feed.rss"))
    assert empty.value.query == media_server.url("/feed.rss")
    with pytest.raises(InvalidQuery):
        await pooled.resolve("/etc/passwd")  # refused in this process, before any worker
    guarded = YtDlpTrackResolver(clock=ManualClock(datetime.now(UTC)), processes=1)
    try:
        with pytest.raises(InvalidQuery) as refused:  # the guard runs in the worker: its refusal comes back whole
            await guarded.resolve(media_server.url("/media/tone440.wav"))
        assert str(refused.value) == PRIVATE_REFUSED
    finally:
        guarded.close()


async def test_requests_given_up_on_leave_the_pool_working(
    pooled: YtDlpTrackResolver, media_server: MediaServer
) -> None:
    slow = [asyncio.create_task(pooled.resolve(media_server.url(f"/slow/tone440.wav?delay=3&n={n}"))) for n in range(4)]
    await asyncio.sleep(0.5)
    for task in slow:
        task.cancel()  # those running end with their request; a job not yet handed to a worker never starts
    assert all(isinstance(r, asyncio.CancelledError) for r in await asyncio.gather(*slow, return_exceptions=True))
    track = await asyncio.wait_for(pooled.resolve(media_server.url("/media/tone880.mp3")), timeout=40)
    assert track.title == "tone880"


async def test_requests_do_not_wait_for_the_workers_to_start(
    media_server: MediaServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Starting workers takes seconds on a busy machine (the fork server imports yt-dlp, each worker warms up):
    neither the warm-up (the bot's start) nor the first requests (a restarted bot's saved queues) wait for it."""
    release = threading.Event()
    launch = YtDlpProcessPool._launch

    def held(self: YtDlpProcessPool, executor: Any) -> None:
        release.wait(30)
        launch(self, executor)

    monkeypatch.setattr(YtDlpProcessPool, "_launch", held)
    resolver = YtDlpTrackResolver(clock=ManualClock(datetime.now(UTC)), allow_private_urls=True, processes=1)
    try:
        await resolver.warm_up()  # returns while the workers are still held back
        track = await resolver.resolve(media_server.url("/media/tone440.wav"))
        assert track.title == "tone440" and not resolver.workers_warm  # answered on a thread meanwhile
        release.set()
        assert await resolver.wait_for_workers()
        assert (await resolver.resolve(media_server.url("/media/tone880.mp3"))).title == "tone880"
    finally:
        release.set()
        resolver.close()


_KILLED_BOT = """
import asyncio, sys, time
from datetime import UTC, datetime
from musicbot.adapters.ytdlp import YtDlpTrackResolver
from tests.fakes.clock import ManualClock

async def main():
    resolver = YtDlpTrackResolver(clock=ManualClock(datetime.now(UTC)), processes=2)
    await resolver.warm_up()
    assert await resolver.wait_for_workers()
    print(*resolver._pool._executor._processes, flush=True)
    await asyncio.sleep(120)

asyncio.run(main())
"""


def _gone(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] == "Z"  # a zombie has ended, its parent has not reaped it yet


async def test_workers_end_with_a_bot_killed_outright() -> None:
    """SIGKILL (the OOM killer, a cluster child killed) closes nothing: the workers, children of the fork server,
    must notice the bot is gone themselves rather than wait on its queues for ever (~100 MB each)."""
    bot = await asyncio.create_subprocess_exec(
        sys.executable, "-c", _KILLED_BOT, stdout=asyncio.subprocess.PIPE, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'src'}"},
    )  # fmt: skip
    assert bot.stdout is not None
    workers = [int(pid) for pid in (await asyncio.wait_for(bot.stdout.readline(), timeout=60)).split()]
    assert len(workers) == 2 and not any(_gone(pid) for pid in workers)
    bot.kill()
    await bot.wait()
    for _ in range(100):
        if all(_gone(pid) for pid in workers):
            break
        await asyncio.sleep(0.1)
    assert all(_gone(pid) for pid in workers), "the workers outlived their bot"
