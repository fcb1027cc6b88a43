"""Kept-alive HTTP/1.1 connections to Discord's API that carry the deferrals sent from gateway frames.

Profile finding (bench/ack_reference.py, 200 mixed commands at once on 2 cores, the callback's arrival read off
the loopback interface): with the deferral posted through aiohttp from the frame, the bot's event loop spent
about 60 µs per frame (the websocket frame, its JSON, the parser) and 100–170 µs per POST (aiohttp's request:
URL, headers, payload, timers, connector, the writer task; then its response), so the 200th deferral left
40–50 ms after its frame, all but a few ms of it in aiohttp. The deferral is one fixed request: a line, four
headers and an 11-byte body. Here it is written to an idle connection while the frame is being parsed
(`post()` returns with the request on its way) and the answer's status line and headers are all that is read:
about 20 µs per request in all.

Anything unusual in an answer closes its connection rather than being parsed (`callback_connection.py`); one the
server closed is dropped from the pool; a request lost with it fails its future (the command then defers itself,
and a deferral Discord took anyway comes back as 40060, counted as done: `replies.defer`). No proxy support: with
a proxy configured, `frame_answers.py` posts through discord.py's session instead.
"""

from __future__ import annotations

import asyncio
import socket
import ssl
import time
from typing import Any
from urllib.parse import urlsplit

import aiohappyeyeballs

from musicbot.entrypoints.discord.callback_connection import Answer, CallbackConnection, CallbackError

IDLE_FOR = 60.0  # seconds a connection is kept unused before it is closed
_ANSWER_TIMEOUT = 3.0  # later, Discord takes no first answer anyway
_ADDRESSES_FOR = 60.0  # seconds the API's addresses are kept once looked up
_EYEBALLS_DELAY = 0.25  # s before the next address is tried alongside (aiohttp's `happy_eyeballs_delay`)


def _succeeded(lookup: asyncio.Future[Any]) -> bool:
    return not lookup.cancelled() and lookup.exception() is None


def _default_tls() -> ssl.SSLContext:
    """Verified TLS as aiohttp's default (the system's CAs), HTTP/1.1 asked for."""
    context = ssl.create_default_context()
    context.set_alpn_protocols(["http/1.1"])
    return context


# Made at import, as aiohttp does: loading the system's CAs blocks for ~20 ms, and the pool is first made inside
# the first slash command's gateway frame, before its deferral is written.
_DEFAULT_TLS = _default_tls()


class CallbackConnections:
    """`post(path, body)` → a future of Discord's `Answer`; `aclose()` at the end. `base` is discord.py's
    `Route.BASE` ("https://discord.com/api/v10"); `path` is relative to it ("/interactions/…/callback")."""

    def __init__(
        self, base: str, user_agent: str, *, ssl_context: ssl.SSLContext | None = None, idle_for: float = IDLE_FOR
    ) -> None:
        url = urlsplit(base)
        if url.scheme not in ("http", "https") or not url.hostname:
            raise ValueError(f"not an http(s) URL: {base!r}")
        self.base = base
        self._tls = url.scheme == "https"
        self._host = url.hostname
        self._port = url.port or (443 if self._tls else 80)
        self._prefix = url.path.rstrip("/")
        self._ssl = (ssl_context or _DEFAULT_TLS) if self._tls else None
        default_port = self._port == (443 if self._tls else 80)
        self._head = (
            f"Host: {self._host if default_port else f'{self._host}:{self._port}'}\r\nUser-Agent: {user_agent}\r\n"
            "Content-Type: application/json\r\n"
        ).encode("latin-1")
        self._idle_for = idle_for
        self._idle: list[CallbackConnection] = []  # the most recently used last
        self._open: set[CallbackConnection] = set()
        self._opening: set[asyncio.Task[None]] = set()
        self._sweep: asyncio.TimerHandle | None = None
        self._lookup: asyncio.Future[list[Any]] | None = None
        self._looked_up_until = 0.0
        self._closed = False

    @property
    def connections(self) -> int:
        """Connections open now (idle or carrying a request)."""
        return len(self._open)

    def post(self, path: str, body: bytes, *, timeout: float = _ANSWER_TIMEOUT) -> asyncio.Future[Answer]:
        """Send `POST {base}{path}` with a JSON `body`: written before this returns when a connection is idle, else
        once a new one is open. The future fails with `CallbackError` when no answer comes."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Answer] = loop.create_future()
        if self._closed:
            future.set_exception(CallbackError("the connections are closed"))
            return future
        request = b"POST %s%s HTTP/1.1\r\n%sContent-Length: %d\r\n\r\n%s" % (
            self._prefix.encode(),
            path.encode(),
            self._head,
            len(body),
            body,
        )
        connection = self._take_idle()
        if connection is not None:
            connection.send(request, future, timeout)
        else:
            task = loop.create_task(self._open_and_send(request, future, timeout))
            self._opening.add(task)
            task.add_done_callback(self._opening.discard)
        return future

    async def aclose(self) -> None:
        self._closed = True
        if self._sweep is not None:
            self._sweep.cancel()
        for task in list(self._opening):
            task.cancel()
        for connection in list(self._open):
            connection.close()
        self._idle.clear()
        if self._opening:
            await asyncio.wait(set(self._opening))

    def _take_idle(self) -> CallbackConnection | None:
        expired = time.monotonic() - self._idle_for
        while self._idle:
            connection = self._idle.pop()
            if connection.idle_since >= expired and not connection.closed:
                return connection
            connection.close()
        return None

    async def _open_and_send(self, request: bytes, future: asyncio.Future[Answer], within: float) -> None:
        started = time.monotonic()
        try:
            async with asyncio.timeout(within):
                connection = await self._connect()
        except Exception as error:  # refused, unreachable, timed out, TLS; anything else fails the request too
            if not future.done():
                future.set_exception(CallbackError(f"could not connect: {error!r}"))
            return
        except asyncio.CancelledError:
            if not future.done():
                future.set_exception(CallbackError("the connections are closed"))
            raise
        if self._closed or future.done():
            connection.close()
            if not future.done():
                future.set_exception(CallbackError("the connections are closed"))
            return
        if not connection.closed:  # else its `connection_lost` has been and gone: `send` fails the request
            self._open.add(connection)
        connection.send(request, future, max(0.0, within - (time.monotonic() - started)))

    async def _connect(self) -> CallbackConnection:
        """A new connection to the API's addresses (looked up once a minute for all connections, not once each: a
        burst on a cold pool opens hundreds, and each lookup takes a thread of the loop's default executor)."""
        loop = asyncio.get_running_loop()
        now = time.monotonic()
        lookup = self._lookup
        if lookup is None or self._looked_up_until < now or (lookup.done() and not _succeeded(lookup)):
            lookup = self._lookup = asyncio.ensure_future(
                loop.getaddrinfo(self._host, self._port, type=socket.SOCK_STREAM)
            )
            self._looked_up_until = now + _ADDRESSES_FOR
        addresses = await asyncio.shield(lookup)
        # Tried staggered, as aiohttp does: an address that drops packets (IPv6 without a route) does not hold every
        # new connection until its timeout.
        sock = await aiohappyeyeballs.start_connection(addresses, happy_eyeballs_delay=_EYEBALLS_DELAY, interleave=1)
        try:
            _, connection = await loop.create_connection(
                lambda: CallbackConnection(self._release, self._forget),
                sock=sock,
                ssl=self._ssl,
                server_hostname=self._host if self._tls else None,
            )
        except BaseException:
            sock.close()
            raise
        return connection

    def _release(self, connection: CallbackConnection) -> None:
        if self._closed:
            connection.close()
            return
        connection.idle_since = time.monotonic()
        self._idle.append(connection)
        if self._sweep is None:
            self._sweep = asyncio.get_running_loop().call_later(self._idle_for, self._close_expired)

    def _close_expired(self) -> None:
        """Connections idle for `idle_for` closed (the least recently used are first in the list)."""
        self._sweep = None
        expired = time.monotonic() - self._idle_for
        while self._idle and self._idle[0].idle_since <= expired:
            self._idle.pop(0).close()
        if self._idle:
            delay = self._idle[0].idle_since + self._idle_for - time.monotonic()
            self._sweep = asyncio.get_running_loop().call_later(max(delay, 0.0), self._close_expired)

    def _forget(self, connection: CallbackConnection) -> None:
        self._open.discard(connection)
        if connection in self._idle:
            self._idle.remove(connection)
