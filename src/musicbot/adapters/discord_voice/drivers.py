"""What wakes the sender every 5 ms: a thread of its own (the default) or a task on the event loop.

Measured on 2 cores with 400 stream-copy guilds and real `VoiceClient` packet building (bench/voice_streams.py):
the thread p99 4 ms (max 12), the task p99 7 ms (max 22). The difference that decides: an event loop blocked
by a blocking call (40 ms a second) leaves the thread on time (p99 3.5 ms, no gap) but delays every guild
with the task (p99 37 ms, 60 ms gaps). Neither survives what holds the GIL itself: a handler computing for
40 ms (every `send_audio_packet` frees and retakes the GIL, so the thread queues behind it) or a full garbage
collection over a big heap (2M objects: p99 141 ms); hence `gc.freeze()` after start-up (p99 10 ms then).

The thread touches no asyncio object: it calls `send_audio_packet` and `is_connected` as discord.py's own
`AudioPlayer` thread does, and hands everything else to the loop with `call_soon_threadsafe`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time

from musicbot.adapters.discord_voice.priority import raise_priority
from musicbot.adapters.discord_voice.sender import MAX_DEBT, PHASES, TICK, Note, PacketSender

log = logging.getLogger(__name__)


def _run_notes(notes: list[Note]) -> None:
    for note in notes:
        try:
            note()
        except Exception:
            log.exception("a voice sender note failed")


class _Clock:
    """The tick schedule: deadlines TICK apart; a debt above MAX_DEBT is written off, not paid in a burst."""

    def __init__(self, sender: PacketSender) -> None:
        self.sender = sender
        self.next = time.perf_counter()

    def restart(self) -> None:
        self.next = time.perf_counter()

    def due(self) -> float:
        """The deadline to serve now, after any sleep the caller did (`delay()` <= 0)."""
        behind = time.perf_counter() - self.next
        if behind > MAX_DEBT:
            missed = int(behind / TICK)
            self.sender.timing.skipped_slots += missed
            self.next += missed * TICK
        deadline = self.next
        self.next += TICK
        return deadline

    def delay(self) -> float:
        return self.next - time.perf_counter()


class ThreadDriver:
    def __init__(self, sender: PacketSender, loop: asyncio.AbstractEventLoop) -> None:
        self._sender = sender
        self._loop = loop
        self._wakeup = threading.Event()
        self._closing = False
        self.priority = ""  # what scheduling the thread got (priority.py), once it started
        self._thread = threading.Thread(target=self._run, name="voice-sender", daemon=True)
        self._thread.start()

    def poke(self) -> None:
        """Something may play now: start ticking if idle. Safe from any thread."""
        self._wakeup.set()

    def alive(self) -> bool:
        return self._thread.is_alive() and not self._closing

    async def aclose(self) -> None:
        self._closing = True
        self._wakeup.set()
        await asyncio.to_thread(self._thread.join)

    def _run(self) -> None:
        self.priority = raise_priority()
        log.info("the voice sender's thread runs at %s scheduling", self.priority)
        clock = _Clock(self._sender)
        while not self._closing:
            # Cleared before a whole round of phases: a lane that starts after this wakes us through poke(),
            # one that started before is seen busy in its phase this round.
            self._wakeup.clear()
            busy = False
            for _ in range(PHASES):
                delay = clock.delay()
                if delay > 0:
                    time.sleep(delay)
                notes, phase_busy = self._tick(clock.due())
                busy = busy or phase_busy
                if notes:
                    self._deliver(notes)
            # `_closing` looked at again: an `aclose()` between the loop's test and `clear()` above had its
            # wake-up cleared, and the thread waited for ever (the engine's `aclose` with it).
            if not busy and not self._closing:
                self._wakeup.wait()  # nothing plays anywhere: no ticks until play() pokes
                clock.restart()

    def _tick(self, deadline: float) -> tuple[list[Note], bool]:
        try:
            return self._sender.tick(deadline)
        except Exception:  # the sender must outlive any bug in one tick
            log.exception("a voice sender tick failed")
            return [], True

    def _deliver(self, notes: list[Note]) -> None:
        with contextlib.suppress(RuntimeError):  # the loop closed under us: nobody is left to tell
            self._loop.call_soon_threadsafe(_run_notes, notes)


class TaskDriver:
    def __init__(self, sender: PacketSender, loop: asyncio.AbstractEventLoop) -> None:
        self._sender = sender
        self._wakeup = asyncio.Event()
        self._task = loop.create_task(self._run(), name="voice-sender")

    def poke(self) -> None:
        """Event loop only."""
        self._wakeup.set()

    def alive(self) -> bool:
        return not self._task.done()

    async def aclose(self) -> None:
        self._task.cancel()
        await asyncio.wait({self._task})

    async def _run(self) -> None:
        clock = _Clock(self._sender)
        while True:
            self._wakeup.clear()
            busy = False
            for _ in range(PHASES):
                delay = clock.delay()
                # Even when late: a turn of the loop between ticks lets the readers refill.
                await asyncio.sleep(max(delay, 0))
                try:
                    notes, phase_busy = self._sender.tick(clock.due())
                except Exception:
                    log.exception("a voice sender tick failed")
                    notes, phase_busy = [], True
                busy = busy or phase_busy
                _run_notes(notes)
            if not busy:
                await self._wakeup.wait()
                clock.restart()


Driver = ThreadDriver | TaskDriver
