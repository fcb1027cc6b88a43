"""Every frame discord.py's limiter lets go on a gateway connection is reported, on each new connection too."""

from __future__ import annotations

from types import SimpleNamespace

import discord
from discord.gateway import GatewayRatelimiter

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
