"""The sender's thread ends when the engine closes it, whenever the close comes."""

from __future__ import annotations

import asyncio
import threading

from musicbot.adapters.discord_voice.drivers import ThreadDriver
from musicbot.adapters.discord_voice.sender import PacketSender
from tests.unit.adapters.test_discord_voice_sender import Hooks


class _CloseBeforeClear(threading.Event):
    """The thread's wake-up, with `aclose()` (the closing flag, then a wake-up) landing just after the thread
    looked at the flag and just before it cleared its wake-up: the interleaving that hung a CI run's `aclose`."""

    def __init__(self, driver: ThreadDriver) -> None:
        super().__init__()
        self.driver = driver
        self.clears = 0

    def clear(self) -> None:
        self.clears += 1
        if self.clears == 1:
            self.driver._closing = True
            self.set()
        super().clear()


class _Driver(ThreadDriver):
    def _run(self) -> None:
        self._wakeup = self.wakeup = _CloseBeforeClear(self)
        super()._run()


async def test_a_close_between_the_threads_look_and_its_clear_still_ends_the_thread() -> None:
    driver = _Driver(PacketSender(Hooks(), reconnect_timeout=1.0), asyncio.get_running_loop())
    await asyncio.to_thread(driver._thread.join, 5.0)
    assert not driver._thread.is_alive()
    assert driver.wakeup.clears == 1
