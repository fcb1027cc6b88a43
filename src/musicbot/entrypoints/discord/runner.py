"""`musicbot run` and `musicbot sync-commands`: the bot built from settings, started, and shut down cleanly.

Failures a host can fix (no token, a token Discord refuses, no network) are one line on stderr and an exit
code, never a traceback.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
from collections.abc import Callable, Iterator
from typing import Any, TextIO

import aiohttp
import discord

from musicbot.adapters.discord_voice import DiscordVoiceGateway
from musicbot.adapters.discord_voice.joiner import JoinPolicy
from musicbot.application.playback.ports import VoiceGateway
from musicbot.entrypoints.child_watcher import watch_children_with_pidfd
from musicbot.entrypoints.composition.core import database_url
from musicbot.entrypoints.container import Container
from musicbot.entrypoints.discord.bot import MusicBot, ShardedMusicBot
from musicbot.entrypoints.discord.dependencies import BotServices
from musicbot.entrypoints.discord.heap import releasing_free_memory
from musicbot.entrypoints.discord.operations import (
    DiscordStatus,
    GatewayCheck,
    GatewayProbe,
    VoiceSenderCheck,
    sample_discord,
)
from musicbot.entrypoints.loop_priority import loop_priority
from musicbot.entrypoints.operations import ResolverWarmUp, build_operations
from musicbot.entrypoints.runtime import process_runtime
from musicbot.entrypoints.settings import Settings
from musicbot.entrypoints.shared_tasks import SharedTasks
from musicbot.entrypoints.spotify_accounts import build_spotify_accounts
from musicbot.entrypoints.storage import schema_problem, url_problem
from musicbot.entrypoints.web.assembly import ops_server

GatewayFactory = Callable[[discord.Client], VoiceGateway]

UNSET = "no Discord token: set DISCORD_TOKEN in the environment or in .env (see .env.example)"
REJECTED = "Discord rejected the token in DISCORD_TOKEN: copy it again from the Developer Portal (Bot → Reset Token)"
INTENT_REFUSED = (
    "Discord refused the Message Content intent: enable it in the Developer Portal (Bot → Privileged Gateway "
    "Intents) or set MUSICBOT_MESSAGE_CONTENT_INTENT=false"
)
EXIT_CONFIG, EXIT_UNREACHABLE = 2, 1


def discord_voice(settings: Settings) -> GatewayFactory:
    def make(client: discord.Client) -> VoiceGateway:
        policy = JoinPolicy(attempts=settings.voice_join_attempts, attempt_timeout=settings.voice_join_timeout)
        return DiscordVoiceGateway(client, ffmpeg_path=settings.ffmpeg_path, join_policy=policy)

    return make


def wire_from_container(
    settings: Settings, make_gateway: GatewayFactory, *, http: bool = False
) -> Callable[[MusicBot], BotServices]:
    """The production wiring: the container's use-cases over a voice output made for the bot, started and
    closed by one runtime. `http`: with the operations server (unless MUSICBOT_HTTP_PORT is 0)."""

    def wire(bot: MusicBot) -> BotServices:
        gateway = make_gateway(bot)
        container = Container(
            settings=settings, gateway=gateway, events=bot.events, text_channel_of=bot.events.channel_of
        )
        registry = container.players.registry()
        status = DiscordStatus(bot, registry)
        warm_up = ResolverWarmUp.of(container.song_sources.resolver())  # a burst right after start: in the workers
        operations = build_operations(
            container,
            status,
            checks=[GatewayCheck(bot), VoiceSenderCheck(gateway), warm_up],
            notes=[warm_up],
            probes=[GatewayProbe(bot)],
        )
        sample_discord(operations.metrics, bot, gateway)
        spotify = build_spotify_accounts(container)
        shared = container.core.shared()
        background = SharedTasks(shared, container.persistence.guild_settings(), status.as_json, registry=registry)
        web = ops_server(settings, operations, status=background.status, spotify=spotify) if http else None
        return BotServices(
            playback=container.players.playback(),
            rules=container.guild_rules.rules(),
            playlists=container.saved_playlists.playlists(),
            join=container.saved_queues.join(),
            runtime=process_runtime(
                container, operations=operations, spotify=spotify, voice=gateway, web=web, background=background
            ),
            storage=container.saved_queues.storage(),
            recommendations=container.recommending.recommendations(),
            listener=container.listener_extras.listener(),
            operations=operations,
            spotify=spotify,
            identify_gate=shared.identify_gate,
            status=background.status,
        )

    return wire


def build_bot(
    settings: Settings,
    *,
    make_gateway: GatewayFactory | None = None,
    prepare: bool = True,
    http: bool = False,
    **options: Any,
) -> MusicBot:
    """`http`: serve /livez, /readyz, /metrics and /api/status while the bot runs (`musicbot run`)."""
    wire = wire_from_container(settings, make_gateway or discord_voice(settings), http=http)
    kind = MusicBot if settings.shard_count is None else ShardedMusicBot
    return kind(settings=settings, wire=wire, prepare=prepare, **options)


def token_of(settings: Settings) -> str | None:
    token = settings.discord_token.get_secret_value().strip() if settings.discord_token else ""
    return token or None


async def serve(settings: Settings, *, make_gateway: GatewayFactory | None = None, err: TextIO | None = None) -> int:
    """Run the bot until SIGTERM/SIGINT; the exit code."""
    err = err or sys.stderr
    token = token_of(settings)
    if token is None:
        return _fail(err, UNSET, EXIT_CONFIG)
    if (problem := url_problem(database_url(settings))) is not None:
        return _fail(err, problem, EXIT_CONFIG)
    if settings.database_migrate == "check" and (behind := await schema_problem(database_url(settings))):
        return _fail(err, behind, EXIT_CONFIG)
    logging.getLogger("discord.client").setLevel(logging.WARNING)  # "logging in using static token" says nothing
    watch_children_with_pidfd()  # no thread per FFmpeg
    bot = build_bot(settings, make_gateway=make_gateway, freeze_heap=True, http=True)
    with _closing_on_signals(bot), loop_priority() as priority:
        logging.getLogger(__name__).info("the event loop's thread runs at %s", priority)
        try:
            async with bot, releasing_free_memory(on_air=lambda: len(bot.services.playback.registry) > 0):
                await bot.start(token)
        except discord.LoginFailure:
            return _fail(err, REJECTED, EXIT_CONFIG)
        except discord.PrivilegedIntentsRequired:
            return _fail(err, INTENT_REFUSED, EXIT_CONFIG)
        except discord.ConnectionClosed as error:
            return _fail(err, f"Discord closed the connection (code {error.code}): {error.reason}", EXIT_UNREACHABLE)
        except (discord.HTTPException, discord.GatewayNotFound, aiohttp.ClientError, OSError) as error:
            return _fail(err, f"could not reach Discord: {error}", EXIT_UNREACHABLE)
    return 0


async def sync_now(
    settings: Settings,
    guild_id: int | None = None,
    *,
    make_gateway: GatewayFactory | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Log in, sync the slash commands (globally, or to one guild at once), log out."""
    out, err = out or sys.stdout, err or sys.stderr
    token = token_of(settings)
    if token is None:
        return _fail(err, UNSET, EXIT_CONFIG)
    bot = build_bot(settings, make_gateway=make_gateway, prepare=False)
    try:
        async with bot:
            await bot.login(token)
            assert bot.application_id is not None  # login reads the application
            count = await bot.command_sync.sync(bot.application_id, guild_id=guild_id)
    except discord.LoginFailure:
        return _fail(err, REJECTED, EXIT_CONFIG)
    except (discord.HTTPException, aiohttp.ClientError, OSError) as error:
        return _fail(err, f"could not sync the commands: {error}", EXIT_UNREACHABLE)
    where = f"to guild {guild_id}" if guild_id is not None else "globally"
    print(f"Synced {count} slash commands {where}.", file=out)
    return 0


def _fail(err: TextIO, message: str, code: int) -> int:
    print(f"musicbot: {message}", file=err)
    return code


@contextlib.contextmanager
def _closing_on_signals(bot: MusicBot) -> Iterator[None]:
    loop = asyncio.get_running_loop()
    handled: list[signal.Signals] = []
    closing: set[asyncio.Task[None]] = set()

    def close() -> None:
        task = loop.create_task(bot.close())
        closing.add(task)
        task.add_done_callback(closing.discard)

    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError, RuntimeError):  # not on Windows, nor off the main thread
            loop.add_signal_handler(sig, close)
            handled.append(sig)
    try:
        yield
    finally:
        for sig in handled:
            loop.remove_signal_handler(sig)
