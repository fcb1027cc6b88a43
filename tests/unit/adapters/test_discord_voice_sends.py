"""Every frame discord.py's limiter lets go on a gateway connection is reported, on each new connection too."""

from __future__ import annotations

from types import SimpleNamespace

import discord
from discord.gateway import GatewayRatelimiter, KeepAliveHandler

from musicbot.adapters.discord_voice.sends import MeteredRatelimiter, meter_gateway_sends


def websocket(shard_id: int | None) -> SimpleNamespace:
    limiter = GatewayRatelimiter(count=3, per=60.0)
    limiter.shard_id = shard_id
    return SimpleNamespace(_rate_limiter=limiter)


async def test_each_new_connections_sends_are_reported_and_still_limited_as_discord_py_does() -> None:
    client = discord.Client(intents=discord.Intents.none())
    sent: list[int | None] = []
    assert meter_gateway_sends(client, sent.append)

    first = websocket(None)
    client._connection._update_references(first)  # what discord.py does with each websocket it opens
    await first._rate_limiter.block()
    await first._rate_limiter.block()
    assert sent == [None, None]
    assert isinstance(first._rate_limiter, MeteredRatelimiter)
    assert first._rate_limiter.remaining == 1  # discord.py's own count goes on as before

    reconnected = websocket(3)
    client._connection._update_references(reconnected)
    await reconnected._rate_limiter.block()
    assert sent == [None, None, 3]

    later: list[int | None] = []
    assert meter_gateway_sends(client, later.append)  # a gateway built later on the same client gets the counts
    await reconnected._rate_limiter.block()
    assert (sent, later) == ([None, None, 3], [3])


async def test_a_heartbeat_notes_its_send_time_before_it_goes() -> None:
    """discord.py's heartbeat thread notes the time only after the loop sent the heartbeat: an ack read first
    measured the previous heartbeat's time ("41.3s behind"). Now the time is noted on the loop, before the send."""
    noted: list[float] = []

    async def send_heartbeat(data: object) -> None:  # what discord.py's socket write sees
        noted.append(keep_alive._last_send)

    ws = SimpleNamespace(_rate_limiter=GatewayRatelimiter(), send_heartbeat=send_heartbeat, _max_heartbeat_timeout=60)
    ws.thread_id, ws._keep_alive = 0, None
    keep_alive = KeepAliveHandler(ws=ws, interval=41.25)
    ws._keep_alive = keep_alive
    keep_alive._last_send -= 41.25  # the previous heartbeat
    previous = keep_alive._last_send
    client = discord.Client(intents=discord.Intents.none())
    meter_gateway_sends(client, lambda shard: None)
    client._connection._update_references(ws)

    await ws.send_heartbeat({"op": 1, "d": 7})
    keep_alive.ack()  # read on the loop before the heartbeat thread runs again
    assert len(noted) == 1 and noted[0] > previous  # noted before the socket write
    assert keep_alive.latency < keep_alive.interval / 2  # not the heartbeat interval
