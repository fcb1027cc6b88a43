"""One kept-alive HTTP/1.1 connection to Discord's API for the frame deferrals (`callback_connections.py` keeps
them): a request written at once, its answer's status line and headers read, and the body only when its length
is given. Anything unusual ends the connection rather than being parsed: a body without a Content-Length
(chunked or until close), `Connection: close`, HTTP/1.0, an informational answer (none was asked), bytes past
the answer."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass

_HEAD_LIMIT = 16 * 1024  # an answer's status line and headers, at most
BODY_KEPT = 200  # bytes of a refusal's body kept for the log


class CallbackError(ConnectionError):
    """The request got no answer: the connection failed, closed or timed out."""


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    body: bytes  # the first `BODY_KEPT` bytes (for a refusal's log line)


class CallbackConnection(asyncio.Protocol):
    """`on_idle` is called when it can carry the next request, `on_lost` when it closed."""

    def __init__(
        self, on_idle: Callable[[CallbackConnection], None], on_lost: Callable[[CallbackConnection], None]
    ) -> None:
        self._on_idle, self._on_lost = on_idle, on_lost
        self.transport: asyncio.Transport | None = None
        self.idle_since = 0.0
        self._future: asyncio.Future[Answer] | None = None
        self._timer: asyncio.TimerHandle | None = None
        self._buffer = bytearray()
        self._status = 0
        self._length: int | None = None  # of the body once the head is read
        self._keep = False

    # --- asyncio -------------------------------------------------------------------------------------------
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def connection_lost(self, error: Exception | None) -> None:
        self._on_lost(self)
        self._fail(CallbackError(f"the connection closed: {error!r}" if error else "the connection closed"))

    def data_received(self, data: bytes) -> None:
        if self._future is None:
            self.close()  # nothing was asked
            return
        self._buffer += data
        if self._length is None and not self._read_head():
            return
        assert self._length is not None
        if len(self._buffer) < self._length:
            return
        answer, extra = (
            Answer(self._status, bytes(self._buffer[: min(self._length, BODY_KEPT)])),
            self._buffer[self._length :],
        )
        self._finish(answer, keep=self._keep and not extra)

    # --- a request -----------------------------------------------------------------------------------------
    def send(self, request: bytes, future: asyncio.Future[Answer], timeout: float) -> None:
        """`request` written now; `future` gets its answer, or `CallbackError` (at the latest after `timeout` s)."""
        transport = self.transport
        if transport is None or transport.is_closing():  # closed by the server, before it was asked
            future.set_exception(CallbackError("the connection closed"))
            return
        self._future, self._buffer, self._status, self._length, self._keep = future, bytearray(), 0, None, False
        self._timer = asyncio.get_running_loop().call_later(timeout, self._time_out)
        transport.write(request)

    @property
    def closed(self) -> bool:
        return self.transport is None or self.transport.is_closing()

    def close(self) -> None:
        if self.transport is not None:
            self.transport.close()

    def _read_head(self) -> bool:
        """True once the status line and headers are read and the body's length known; anything unusual ends the
        request here (and the connection with it)."""
        end = self._buffer.find(b"\r\n\r\n")
        if end < 0:
            if len(self._buffer) > _HEAD_LIMIT:
                self._give_up(CallbackError("an answer's headers were too long"))
            return False
        status_line, *lines = bytes(self._buffer[:end]).decode("latin-1").split("\r\n")
        del self._buffer[: end + 4]
        version, _, rest = status_line.partition(" ")
        if not rest[:3].isdigit() or not version.startswith("HTTP/1.") or rest[:1] == "1":
            self._give_up(CallbackError(f"not an HTTP/1.1 answer: {status_line[:80]!r}"))  # 1xx: none was asked
            return False
        self._status = int(rest[:3])
        headers = {name.strip().lower(): value.strip().lower() for name, _, value in (h.partition(":") for h in lines)}
        length = headers.get("content-length", "")
        if self._status in (204, 304):
            self._length = 0
        elif length.isdigit() and "transfer-encoding" not in headers:
            self._length = int(length)
        else:  # chunked, or a body until the connection closes: the status is all we need; the connection goes
            self._finish(Answer(self._status, bytes(self._buffer[:BODY_KEPT])), keep=False)
            return False
        self._keep = version == "HTTP/1.1" and headers.get("connection") != "close"
        return True

    def _finish(self, answer: Answer, *, keep: bool) -> None:
        if (future := self._settle()) is not None:
            future.set_result(answer)
        if keep:
            self._on_idle(self)
        else:
            self.close()

    def _fail(self, error: Exception) -> None:
        if (future := self._settle()) is not None:
            future.set_exception(error)

    def _settle(self) -> asyncio.Future[Answer] | None:
        """The request under way, now ended (its timer stopped): its future, unless that was already done."""
        future, self._future = self._future, None
        if self._timer is not None:
            self._timer.cancel()
        return future if future is not None and not future.done() else None

    def _give_up(self, error: Exception) -> None:
        self._fail(error)
        self.close()

    def _time_out(self) -> None:
        self._give_up(CallbackError("no answer in time"))
