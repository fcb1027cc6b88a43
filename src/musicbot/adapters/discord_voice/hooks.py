"""What the event loop does when the sender reports: a song ended, a connection is lost or back, a source retires.

Every callback and FFmpeg shutdown runs in a task owned here, so `aclose` can wait for them and none is lost.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

import discord

from musicbot.adapters.discord_voice.lane import Lane, Playback
from musicbot.adapters.discord_voice.source import OpusSource
from musicbot.application.playback.ports import PlaybackEnded
from musicbot.domain.ids import GuildId

log = logging.getLogger(__name__)

LOST = "the voice connection was lost and did not come back"
_SPEAK_TIMEOUT = 2.0


class LoopHooks:
    """The `SenderHooks` of the engine; `on_ended(guild)` is told after a song's end was handed to its owner."""

    def __init__(self, on_ended: Callable[[GuildId], None]) -> None:
        self._on_ended = on_ended
        self._tasks: set[asyncio.Task[None]] = set()

    def __len__(self) -> int:
        return len(self._tasks)

    def ended(self, lane: Lane, playback: Playback, reason: str | None) -> None:
        with lane.lock:
            incoming, playback.incoming = playback.incoming, None
        if incoming is not None:
            self.retire(incoming)
        if not playback.cancelled:
            source = playback.source
            self.spawn(_call_on_end(playback.on_end, reason, playback.position, stalled=source.stalled))
            self._on_ended(lane.guild_id)

    def lost(self, lane: Lane, playback: Playback) -> None:
        with lane.lock:
            chain, link = [], lane.current
            while link is not None:
                chain.append(link)
                link = link.next
            if playback not in chain:
                return  # stopped or replaced meanwhile
            lane.current = None
        lane.lost = True
        log.warning("the voice connection of guild %s did not come back; its playback ends", lane.guild_id)
        for link in chain:
            # One on_end per play(): the lost one, and any queued behind it; not one whose end was told already.
            tell = not link.cancelled and (link is playback or not link.end_reported)
            link.next = None
            self.spawn(discard(link))
            if tell:
                self.spawn(_call_on_end(link.on_end, LOST, link.position))

    def idle(self, lane: Lane) -> None:
        if lane.current is None and lane.speaking:
            self.spawn(speak(lane, on=False))

    def reconnected(self, lane: Lane) -> None:
        lane.lost = False
        if lane.speaking:  # a new voice websocket does not know that we speak
            lane.speaking = False
            self.spawn(speak(lane, on=True))

    def retire(self, source: OpusSource) -> None:
        self.spawn(source.close())

    def spawn(self, coroutine: Coroutine[Any, Any, None]) -> None:
        task = asyncio.get_running_loop().create_task(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def drain(self, grace: float) -> None:
        """Wait for the tasks (but the caller's own) up to `grace` seconds, then cancel what is left."""
        current = asyncio.current_task()  # an on_end may be what called aclose(): never wait for ourselves
        pending = {task for task in self._tasks if task is not current}
        if not pending:
            return
        _, late = await asyncio.wait(pending, timeout=grace)
        for task in late:
            task.cancel()
        if late:
            await asyncio.wait(late)


async def discard(playback: Playback) -> None:
    """Stop a playback no lane reaches any more: its on_end is never called, its FFmpegs are reaped."""
    playback.cancelled = True
    closing = [playback.source.close()]
    if playback.incoming is not None:
        closing.append(playback.incoming.close())
    await asyncio.gather(*closing)
    if playback.next is not None:
        await discard(playback.next)


async def speak(lane: Lane, *, on: bool) -> None:
    """Tell Discord we (stop to) send audio: needed before the first packet (op 5 maps our SSRC to us)."""
    if lane.speaking == on:
        return
    lane.speaking = on
    try:
        async with asyncio.timeout(_SPEAK_TIMEOUT):
            await lane.connection.ws.speak(discord.SpeakingState.voice if on else discord.SpeakingState.none)
    except Exception as error:  # a websocket that is reconnecting: `reconnected` speaks again
        log.debug("speaking update in guild %s failed: %r", lane.guild_id, error)


async def _call_on_end(on_end: PlaybackEnded, reason: str | None, position: float, *, stalled: bool = False) -> None:
    try:
        await on_end(reason, position=position, stalled=stalled)
    except Exception:
        log.exception("an on_end callback of the Discord voice output failed")
