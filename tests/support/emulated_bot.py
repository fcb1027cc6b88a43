"""`python -m tests.support.emulated_bot API_URL GATEWAY_URL`: the real `musicbot run` (its signal handling,
logging, operations server, exit code), with discord.py pointed at the Discord emulator first. The emulator's
CA comes through SSL_CERT_FILE, the token through DISCORD_TOKEN, everything else through MUSICBOT_* variables."""

from __future__ import annotations

import sys

import discord.gateway
import discord.http
import yarl

from musicbot.entrypoints.cli import main

if __name__ == "__main__":
    api_url, gateway_url = sys.argv[1:3]
    discord.http.Route.BASE = api_url
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway_url)
    sys.exit(main(["run"]))
