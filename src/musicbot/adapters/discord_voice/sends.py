"""Every frame discord.py sends on a gateway connection, told to that connection's join queue as it goes.

discord.py 2.7.1 sends every gateway frame but heartbeats through the connection's `GatewayRatelimiter.block()`
(110 a window, `gateway.py`): the identify or resume, presence updates, member requests, and each voice state
update (op 4), including those discord.py sends by itself: the leave after a join attempt timed out
(`VoiceConnectionState._wrap_connect`) and the leave and join of its voice reconnects. The join queue counted
only the joins it let go, so those other sends filled discord.py's window behind its back and discord.py held
joins the queue had let go, with their timeouts running. Here each connection's limiter is swapped for a
subclass that behaves the same and calls `on_send(shard_id)` once it lets a frame go. A new connection (a
reconnect) gets a new limiter from discord.py: the swap is made when discord.py registers the new websocket with
its state (`ConnectionState._update_references`, before the HELLO is read and the identify or resume sent).

The heartbeats, which discord.py sends past its limiter, are stamped here too (`stamp_heartbeats`): discord.py's
heartbeat thread notes a heartbeat's time only once the loop has sent it and the thread gets the GIL back; on a
busy process the loop often reads the HEARTBEAT_ACK first and takes the previous heartbeat's time, one heartbeat
interval earlier, as the send: "Can't keep up, shard ID None websocket is 41.3s behind" and a latency of 41 s on
/metrics, for a heartbeat acknowledged within a millisecond (the emulator's trace of a 100-server burst).

Every read and write of discord.py's private attributes for this is in this module; when a later discord.py has
none of them, the sends are not metered (a warning says so) and the join queue falls back on its headroom and on
`Client.is_ws_ratelimited`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

import discord
from discord.gateway import GatewayRatelimiter

log = logging.getLogger(__name__)

OnSend = Callable[[int | None], None]  # the shard id of the connection (None: an unsharded client)


class MeteredRatelimiter(GatewayRatelimiter):
    """discord.py's limiter, unchanged, that also reports each frame it lets go."""

    def __init__(self, previous: GatewayRatelimiter, on_send: OnSend) -> None:
        super().__init__(count=previous.max, per=previous.per)
        self.remaining, self.window, self.shard_id = previous.remaining, previous.window, previous.shard_id
        self.lock = previous.lock  # a send waiting on the old one keeps its place
        self._on_send = on_send

    async def block(self) -> None:
        await super().block()
        try:
            self._on_send(self.shard_id)
        except Exception:  # counting must never stop a send
            log.exception("counting a gateway send failed")


class _Reporter:
    """What the metered limiters of one client call: the last gateway built on the client gets the counts."""

    def __init__(self, on_send: OnSend) -> None:
        self.on_send = on_send

    def __call__(self, shard_id: int | None) -> None:
        self.on_send(shard_id)


def meter_gateway_sends(client: discord.Client, on_send: OnSend) -> bool:
    """Report every gateway send of `client` (each shard's too) from now on; False when this discord.py offers
    no way to (nothing is changed then)."""
    state: Any = getattr(client, "_connection", None)
    register = getattr(state, "_update_references", None)
    if register is None:
        log.warning("this discord.py has no ConnectionState._update_references: gateway sends are not counted")
        return False
    reporter = getattr(register, "_reporter", None)
    if isinstance(reporter, _Reporter):  # metered already: the counts go to the newer gateway
        reporter.on_send = on_send
        return True
    reporter = _Reporter(on_send)

    def update_references(ws: Any) -> None:
        meter(ws, reporter)
        register(ws)

    update_references._reporter = reporter  # type: ignore[attr-defined]
    state._update_references = update_references
    for ws in _websockets(client):  # connections already open (the bot started before the gateway was built)
        meter(ws, reporter)
    return True


def meter(ws: Any, on_send: OnSend) -> None:
    """Swap `ws`'s limiter for a metered copy of it (once)."""
    limiter = getattr(ws, "_rate_limiter", None)
    if isinstance(limiter, GatewayRatelimiter) and not isinstance(limiter, MeteredRatelimiter):
        ws._rate_limiter = MeteredRatelimiter(limiter, on_send)
    elif limiter is None:
        log.warning("this discord.py's gateway websocket has no _rate_limiter: its sends are not counted")
    stamp_heartbeats(ws)


def stamp_heartbeats(ws: Any) -> None:
    """Make `ws`'s heartbeats note their send time on the loop, just before they go (once)."""
    send = getattr(ws, "send_heartbeat", None)
    if send is None or getattr(send, "stamps", False):
        return

    async def send_heartbeat(data: Any) -> None:
        keep_alive = getattr(ws, "_keep_alive", None)
        if keep_alive is not None and hasattr(keep_alive, "_last_send"):
            keep_alive._last_send = time.perf_counter()  # the clock discord.py's ack() measures with
        await send(data)

    send_heartbeat.stamps = True  # type: ignore[attr-defined]
    ws.send_heartbeat = send_heartbeat


def _websockets(client: discord.Client) -> list[Any]:
    if isinstance(client, discord.AutoShardedClient):
        return [shard._parent.ws for shard in client.shards.values() if getattr(shard._parent, "ws", None)]
    ws = getattr(client, "ws", None)
    return [ws] if ws is not None else []
