"""Pointing the discord.py of this process at the emulator: the only three things the client needs changed."""

from __future__ import annotations

from collections.abc import Callable

import discord.gateway
import discord.http
import yarl

from tests.support.discord_emulator.tls import EmulatorTls


def point_discord_py_at(api_url: str, gateway_url: str, tls: EmulatorTls) -> Callable[[], None]:
    """`Route.BASE` (REST, interaction callbacks and webhooks), `DiscordWebSocket.DEFAULT_GATEWAY` (a plain
    `Client` never asks `GET /gateway`) and trust in the emulator's CA (voice is always `wss://`).
    Returns the undo."""
    route_base = discord.http.Route.BASE
    default_gateway = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    discord.http.Route.BASE = api_url
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway_url)
    distrust = tls.trust_in_process()

    def undo() -> None:
        discord.http.Route.BASE = route_base
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = default_gateway
        distrust()

    return undo
