"""What discord.py is doing with a voice connection: up, being reconnected by itself, or let go of.

A voice websocket dropped abnormally (1006) or by a crashed voice server (4015) and a member disconnecting the
bot look alike on the gateway: the bot's voice state goes to no channel. What tells them apart is discord.py's
own `VoiceConnectionState` (2.7.1, `voice_state.py`):

- its reconnect after 1006 first sends "leave the channel" (op 4, no channel) and sets `_expecting_disconnect`,
  so the VOICE_STATE_UPDATE that follows is one it *expected*; a member's disconnect is not expected;
- before that leave, the voice websocket was already closed with a code other than 1000, 4014 and 4022 (Discord
  closes a kicked bot's websocket with 4014 after, not before, the voice state update).

`MusicVoiceClient` notes both when the leave arrives (its `on_voice_state_update` runs before the bot's own
`voice_state_update` listeners: discord.py schedules the voice client's handler first). Every read of
discord.py's private attributes is in this module and in `leaves` (the voice state updates it sends).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import select
import socket
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

import discord
from discord import voice_state

from musicbot.adapters.discord_voice import leaves

log = logging.getLogger(__name__)

# Close codes that mean the bot was disconnected on purpose (4014: kicked, moved, channel deleted; 4022: call
# terminated) or left by itself (1000). Anything else (1006 abnormal, 4015 server crashed, 4006 session no
# longer valid, 1001 going away...) is a drop that a reconnect repairs.
_DELIBERATE = frozenset({1000, 4014, 4022})
_DROP_MEMORY = 30.0  # seconds a drop still explains a leave that follows it (unless the connection came back)


T = TypeVar("T")
_POLL_TIMEOUT = 1000  # ms a reader waits for a datagram before it looks at its flags again (discord.py: 30 s)
_NO_SOCKET_WAIT = 0.05  # s a running reader waits for a socket to read (none yet, or closed)
_Reader: Any = getattr(voice_state, "SocketReader", None)


if _Reader is not None:

    class PollingSocketReader(_Reader):  # type: ignore[misc]
        """discord.py's voice socket reader (2.7.1), waiting with `poll()` instead of `select()`.

        `select()` cannot watch a descriptor numbered 1024 or more: it raises ValueError, and discord.py's reader
        retries at once, forever. A bot with ~200 voice connections (a UDP socket, a websocket and FFmpeg pipes
        each) opens sockets above 1024: their IP discovery never got its answer (the join timed out) while the
        reader spun, holding the GIL (~10 of 230 readers took 25-31 % of a 400-server process's samples)."""

        def _do_run(self) -> None:
            while not self._end.is_set():
                if not self._running.is_set():
                    self._running.wait()
                    continue
                udp = getattr(self.state, "socket", None)
                fd = udp.fileno() if isinstance(udp, socket.socket) else -1
                if fd < 0:  # no socket yet, or closed: wait for one instead of spinning
                    self._end.wait(_NO_SOCKET_WAIT)
                    continue
                poller = select.poll()
                poller.register(fd, select.POLLIN)
                if not poller.poll(_POLL_TIMEOUT):
                    continue
                try:
                    data = udp.recv(2048)  # type: ignore[union-attr]
                except OSError:  # closed meanwhile (POLLNVAL), or nothing after all
                    continue
                for callback in list(self._callbacks):
                    try:
                        callback(data)
                    except Exception:
                        log.exception("a voice socket listener failed")


class StateChanges:
    """discord.py's `VoiceConnectionState._state_event` (2.7.1), without its lost wake-up.

    discord.py waits for a connection state with `while state not in wanted: await sane_wait_for([event.wait()])`
    and announces each change with `event.set(); event.clear()`. `sane_wait_for` wraps `event.wait()` in a task,
    which registers with the event only when it first runs, a few loop turns after the state was looked at: a
    change made in between (the VOICE_SERVER_UPDATE handled just after the VOICE_STATE_UPDATE woke the waiter)
    was set and cleared before anyone listened, and the join waited for its whole timeout with both updates in
    hand ("Timed out connecting to voice", about one join of a 100-server burst on a loaded machine). Here
    `wait()` returns a future already registered when it is called, in the same step as the look at the state,
    so every later change wakes it. discord.py's `clear()` after each `set()` has nothing left to do."""

    def __init__(self) -> None:
        self._waiters: set[asyncio.Future[bool]] = set()

    def set(self) -> None:
        waiters, self._waiters = self._waiters, set()
        for waiter in waiters:
            if not waiter.done():
                waiter.set_result(True)

    def clear(self) -> None:
        """A change is announced to those waiting when it is made, never remembered: nothing to clear."""

    def is_set(self) -> bool:
        return False

    def wait(self) -> asyncio.Future[bool]:
        """Resolved at the next `set()`; awaitable, and `asyncio.ensure_future` keeps it as it is."""
        waiter = asyncio.get_running_loop().create_future()
        self._waiters.add(waiter)
        waiter.add_done_callback(self._waiters.discard)  # cancelled or timed out: not kept until the next change
        return waiter


def _with_polling_reader(create: Callable[[], T]) -> T:
    """`create()`, with discord.py's voice state starting a `PollingSocketReader` as its reader."""
    if _Reader is None:  # another discord.py: its own reader
        return create()
    setattr(voice_state, "SocketReader", PollingSocketReader)  # noqa: B010 (a module attribute, on purpose)
    try:
        return create()
    finally:
        setattr(voice_state, "SocketReader", _Reader)  # noqa: B010


class MusicVoiceClient(discord.VoiceClient):
    """discord.py's voice client, noting how each leave of the channel came about (see the module's notes)."""

    def __init__(self, client: discord.Client, channel: discord.abc.Connectable) -> None:
        super().__init__(client, channel)
        self.dropped_at: float | None = None  # monotonic time the voice websocket was last seen dropped
        self.last_close_code: int | None = None
        self.kicked = False  # the last leave was neither expected by discord.py nor explained by a drop
        self.left: bool | None = None  # the last voice state update this client sent was a leave (`leaves.track`)

    def create_connection_state(self) -> Any:
        state: Any = _with_polling_reader(super().create_connection_state)
        if isinstance(getattr(state, "_state_event", None), asyncio.Event):  # else another discord.py: as it is
            state._state_event = StateChanges()
        leaves.track(self, state)
        return state

    def cleanup(self) -> None:
        """discord.py's unregisters whichever client the guild has: only this one is (a client abandoned late, or
        discord.py's clean-up of a failed attempt, must not drop the newer connection that joined meanwhile)."""
        if self.guild.voice_client is self:
            super().cleanup()

    async def disconnect(self, *, force: bool = False) -> None:
        """discord.py's, but with no second leave in a row (a timed-out join's discord.py sent: `leaves`), and,
        once discord.py unregistered the client (its own disconnect did), a wait for Discord's word on the leave
        read from the client's events: the connection state no longer hears it (discord.py's wait for it ran to
        its timeout), and none comes where the bot is in no channel."""
        if not self.left and self.guild.voice_client is self:
            await super().disconnect(force=force)
            return
        self.stop()
        try:
            await self._connection.disconnect(force=force, wait=False)  # its leave unless just sent; its clean-up
            if force:
                await leaves.confirmed(self)
        finally:
            if self.guild.voice_client is self:  # not a newer client of the guild, registered meanwhile
                self.cleanup()

    def is_connected(self) -> bool:
        """Connected, and its voice websocket not dropped: after a drop discord.py still says "connected" until
        its reconnect starts (a random 0-2 s later), and audio sent meanwhile is lost (the engine holds it)."""
        return super().is_connected() and ws_close_code(self) is None

    async def on_voice_state_update(self, data: Any) -> None:
        if data.get("channel_id") is None:
            self.note_drop()
            expected = bool(getattr(self._connection, "_expecting_disconnect", False))
            self.kicked = not expected and not self.recently_dropped()
        else:
            self.kicked = False
        await super().on_voice_state_update(data)

    def stop(self) -> None:
        """discord.py calls this (its player's stop) in every disconnect that ends the client, after telling
        the socket reader to stop and before closing the UDP socket: wake the reader now (see `wake_reader`)."""
        super().stop()
        if _ending(self):
            wake_reader(self)

    def note_drop(self) -> None:
        """Remember the voice websocket's close code, when it closed for a reason a reconnect repairs."""
        code = ws_close_code(self)
        if code is not None and code not in _DELIBERATE:
            self.last_close_code, self.dropped_at = code, time.monotonic()

    def recovered(self) -> None:
        """The connection is up again: a later leave is judged on its own (a kick after a drop is a kick)."""
        self.dropped_at = None

    def recently_dropped(self) -> bool:
        return self.dropped_at is not None and time.monotonic() - self.dropped_at < _DROP_MEMORY


def ws_close_code(voice: discord.VoiceClient) -> int | None:
    """The close code of the voice websocket, None while it is open (or was never opened)."""
    ws = getattr(voice._connection, "ws", None)
    socket = getattr(ws, "ws", None)  # aiohttp's ClientWebSocketResponse
    if socket is None or not getattr(socket, "closed", False):
        return None
    # aiohttp's code first: discord.py's reconnect closes the dead socket again with 1000, which it records.
    code = socket.close_code or getattr(ws, "_close_code", None)
    return int(code) if code is not None else 1006


def _ending(voice: discord.VoiceClient) -> bool:
    """discord.py's disconnect has told this client's socket reader to stop (the client is being ended)."""
    reader = getattr(voice._connection, "_socket_reader", None)
    end = getattr(reader, "_end", None)
    return isinstance(end, threading.Event) and end.is_set()


def wake_reader(voice: discord.VoiceClient) -> None:
    """Shut the UDP socket of `voice` down so its socket-reader thread stops waiting and ends now.

    discord.py 2.7.1 stops the reader (a flag) and then closes the socket, but a reader waiting for a datagram
    does not notice a close: discord.py's kept waiting up to 30 s on the closed socket's descriptor (later
    reused by other sockets), one thread per failed or abandoned join; ours would wait up to a second. A
    shutdown wakes it; the close follows as before."""
    udp = getattr(voice._connection, "socket", None)
    if isinstance(udp, socket.socket) and udp.fileno() >= 0:
        with contextlib.suppress(OSError):
            udp.shutdown(socket.SHUT_RDWR)


def is_up(voice: discord.VoiceClient) -> bool:
    """Connected, with its voice websocket open: packets sent now reach the channel."""
    return discord.VoiceClient.is_connected(voice) and ws_close_code(voice) is None


async def abandon(voice: discord.VoiceProtocol, *, within: float) -> None:
    """Stop discord.py's own reconnect of `voice` and leave: its tasks would otherwise send a leave later and
    take a newer connection out of the channel. Never raises; the client is unregistered either way."""
    state = getattr(voice, "_connection", None)
    current = asyncio.current_task()
    for name in ("_runner", "_connector"):
        task = getattr(state, name, None)
        if task is not None and task is not current and not task.done():
            task.cancel()
            with contextlib.suppress(BaseException):
                await asyncio.wait({task}, timeout=1.0)
    try:
        async with asyncio.timeout(within):
            await voice.disconnect(force=True)
    except Exception:  # leaving must not fail: the connection is dropped either way
        log.info("leaving a voice connection did not finish cleanly", exc_info=True)
    with contextlib.suppress(Exception):
        voice.cleanup()
