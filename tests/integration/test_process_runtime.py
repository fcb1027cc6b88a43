"""One runtime for every process, over the real container: the parts start in order and all close, in reverse,
even when one of them fails to close."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest

from musicbot.application.errors import PlaybackFailed
from musicbot.application.playback.join import JoinCommand
from musicbot.application.playback.voice_rules import Caller
from musicbot.application.playlists.create import CreatePlaylistCommand
from musicbot.application.playlists.list import ListPlaylistsQuery
from musicbot.domain.ids import ChannelId, GuildId, UserId
from musicbot.entrypoints.console.operations_commands import ConsoleStatus
from musicbot.entrypoints.container import Container
from musicbot.entrypoints.operations import build_operations
from musicbot.entrypoints.runtime import process_runtime
from musicbot.entrypoints.settings import Settings
from musicbot.entrypoints.spotify_accounts import build_spotify_accounts
from musicbot.entrypoints.web import OpsServer
from tests.fakes.events import RecordingEvents
from tests.fakes.voice import FakeVoiceGateway

GUILD, CHANNEL = GuildId(1), ChannelId(2)
BACKGROUND = {"loop-watch", "queue-checkpoints", "queue-saver"}


def background_tasks() -> set[str]:
    return {task.get_name() for task in asyncio.all_tasks() if not task.done()} & BACKGROUND


async def test_parts_start_in_order_and_all_close_though_one_fails(tmp_path: Path) -> None:
    settings = Settings(_env_file=None, data_dir=tmp_path, queue_checkpoint_seconds=60)  # type: ignore[call-arg]
    gateway = FakeVoiceGateway()
    container = Container(settings=settings, gateway=gateway, events=RecordingEvents())
    registry = container.players.registry()
    operations = build_operations(container, ConsoleStatus(registry))
    runtime = process_runtime(
        container, operations=operations, spotify=build_spotify_accounts(container), voice=gateway
    )
    names = runtime.names
    # The database is there before anything that writes, and closed after all of them; the players close first.
    assert names[0] == "shared state"
    assert names.index("loop watch") < names.index("storage") < names.index("resolver")
    assert names.index("storage") < names.index("lyrics client") < names.index("Spotify accounts")
    assert names[-1] == "players"

    await runtime.start()
    assert container.saved_queues.storage().available
    assert {"loop-watch", "queue-checkpoints"} <= background_tasks()
    await registry.join(GUILD, CHANNEL)
    assert gateway.is_connected(GUILD)

    async def broken() -> None:
        raise RuntimeError("the first part to close breaks")

    runtime.add("broken", close=broken)
    await runtime.aclose()
    assert len(registry) == 0
    assert not gateway.is_connected(GUILD)
    assert background_tasks() == set()


async def test_a_process_without_voice_is_built_from_the_same_root(tmp_path: Path) -> None:
    """A web or admin process: no audio output, no driver's events; storage, use-cases and the operations server
    work as in the bot, and a request to join a voice channel gets one clear error."""
    container = Container(settings=Settings(_env_file=None, data_dir=tmp_path))  # type: ignore[call-arg]
    operations = build_operations(container, ConsoleStatus(container.players.registry()))
    web = OpsServer(
        host="127.0.0.1",
        port=0,
        watch=operations.watch,
        readiness=operations.readiness,
        metrics=operations.metrics,
        status=lambda: {"process": "web"},
    )
    runtime = process_runtime(container, operations=operations, spotify=build_spotify_accounts(container), web=web)
    assert "players" not in runtime.names and "voice output" not in runtime.names
    await runtime.start()
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{web.port}") as client:
            ready = await client.get("/readyz")
            assert (ready.status_code, ready.json()["checked"]) == (200, ["database"])
        await container.saved_playlists.playlists().create.execute(
            CreatePlaylistCommand(guild_id=GUILD, name="road trip")
        )
        listed = await container.saved_playlists.playlists().list.execute(ListPlaylistsQuery(guild_id=GUILD))
        assert [playlist.name for playlist in listed.playlists] == ["road trip"]
        with pytest.raises(PlaybackFailed, match="no voice output"):
            await container.players.playback().join.execute(
                JoinCommand(guild_id=GUILD, caller=Caller(user_id=UserId(1), voice_channel_id=CHANNEL))
            )
    finally:
        await runtime.aclose()
    assert background_tasks() == set()
