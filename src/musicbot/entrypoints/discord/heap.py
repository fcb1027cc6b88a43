"""The process's memory once the bot is up: what is alive then lives as long as the bot, and what voice sessions
free goes back to the system."""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import ctypes.util
import gc
import sys
from collections.abc import AsyncIterator, Callable

from musicbot.entrypoints.discord.cycles import CyclePolicy

RELEASE_EVERY = 10.0  # seconds between two `release_free_memory` calls while the bot runs


def freeze_startup_heap() -> None:
    """Move every object alive now out of the collector's view.

    A full (generation 2) collection walks every tracked object and holds the GIL throughout. Once started the
    bot holds ~250,000 of them (yt-dlp's ~1,900 compiled extractors, discord.py's guild cache, the modules), so
    each full pass took ~140 ms, measured every few seconds under load: every command's acknowledgement and
    every guild's audio waited for it (docs/benchmarks.md). Frozen, a full pass only looks at newer objects.
    Reference counting still frees frozen objects; only cycles among them are never collected, which is fine
    for what lives as long as the process.
    """
    gc.collect()
    gc.freeze()


def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's `malloc_trim`, or None (musl, macOS, Windows have none)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None
    trim: Callable[[int], int] | None = getattr(libc, "malloc_trim", None)
    return trim


_MALLOC_TRIM = _malloc_trim()


def release_free_memory() -> bool:
    """Give the memory glibc's malloc holds free back to the system; True if some was.

    Each voice session allocates outside Python's own allocator (TLS and zlib state of the voice websocket,
    FFmpeg pipe buffers, Opus pages) and frees it when it ends, but glibc keeps freed memory that sits between
    live blocks: over 1,000 play/skip/leave cycles of 20 guilds RSS rose ~50 MB and levelled off there, nearly
    all of it free memory (`malloc_trim(0)` gave it back; bench/discord_bot.py). Neither MALLOC_ARENA_MAX nor
    the mmap/trim thresholds changed that; only an explicit trim, which returns the free pages inside the heaps
    too. ctypes releases the GIL during the call (0.3–28 ms measured); run it in a thread.
    """
    return bool(_MALLOC_TRIM(0)) if _MALLOC_TRIM is not None else False


def _nothing_plays() -> bool:
    return False


@contextlib.asynccontextmanager
async def releasing_free_memory(
    every: float = RELEASE_EVERY, *, on_air: Callable[[], bool] = _nothing_plays, policy: CyclePolicy | None = None
) -> AsyncIterator[None]:
    """While inside, every `every` seconds (and at once: the executor's thread is there from the start): a
    collection on the event loop (`cycles.CyclePolicy`: no full pass while `on_air()`), then
    `release_free_memory` off it.

    A guild's voice session ends as a web of objects pointing at each other, which only a full collection
    frees; without one, that memory waits for the collector's own schedule and misses the release. Once the
    heap is frozen (`freeze_startup_heap`) a full collection only walks the objects made since: ~1 ms when idle,
    tens of ms with a hundred voice sessions alive, hence none while a stream plays.
    On the loop, because finalisers may touch asyncio objects.
    """
    cycles = policy or CyclePolicy()

    async def release() -> None:
        while True:
            cycles.tick(on_air())
            await asyncio.to_thread(release_free_memory)
            await asyncio.sleep(every)

    task = asyncio.create_task(release(), name="release-free-memory")
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        cycles.stop()
