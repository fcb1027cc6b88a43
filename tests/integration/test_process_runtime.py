"""One runtime for every process, over the real container: the parts start in order and all close, in reverse,
even when one of them fails to close."""

from __future__ import annotations

import asyncio
from pathlib import Path

from musicbot.domain.ids import ChannelId, GuildId
from musicbot.entrypoints.console.operations_commands import ConsoleStatus
from musicbot.entrypoints.container import Container
from musicbot.entrypoints.operations import build_operations
from musicbot.entrypoints.runtime import process_runtime
from musicbot.entrypoints.settings import Settings
from musicbot.entrypoints.spotify_accounts import build_spotify_accounts
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
    registry = container.registry()
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
    assert container.storage().available
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
