from __future__ import annotations

from pathlib import Path
from typing import Any

import discord
import pytest
from discord import app_commands

from musicbot.entrypoints.discord.sync import FINGERPRINT_FILE, CommandSync, fingerprint

APP = 1234


class CountingTree(app_commands.CommandTree[discord.Client]):
    """A tree whose sync is counted instead of sent to Discord."""

    def __init__(self) -> None:
        super().__init__(discord.Client(intents=discord.Intents.none()))
        self.syncs: list[int | None] = []

    async def sync(self, *, guild: discord.abc.Snowflake | None = None) -> list[Any]:
        self.syncs.append(guild.id if guild is not None else None)
        return [object()] * len(self._get_all_commands(guild=guild))


def tree_with(*names: str, description: str = "does things") -> CountingTree:
    tree = CountingTree()
    for name in names:

        async def callback(interaction: discord.Interaction[Any]) -> None: ...

        tree.add_command(app_commands.Command(name=name, description=description, callback=callback))
    return tree


def test_the_fingerprint_follows_the_definitions_not_their_order() -> None:
    assert fingerprint(tree_with("play", "skip"), APP) == fingerprint(tree_with("skip", "play"), APP)
    assert fingerprint(tree_with("play"), APP) != fingerprint(tree_with("play", "skip"), APP)
    assert fingerprint(tree_with("play"), APP) != fingerprint(tree_with("play", description="other"), APP)
    assert fingerprint(tree_with("play"), APP) != fingerprint(tree_with("play"), APP + 1)


async def test_first_start_syncs_and_remembers_it_in_the_data_dir(tmp_path: Path) -> None:
    tree = tree_with("play", "skip")
    sync = CommandSync(tree, tmp_path / "data")

    assert await sync.sync_if_changed(APP)

    assert tree.syncs == [None]
    assert (tmp_path / "data" / FINGERPRINT_FILE).read_text().strip() == fingerprint(tree, APP)


async def test_unchanged_definitions_are_not_synced_again(tmp_path: Path) -> None:
    await CommandSync(tree_with("play", "skip"), tmp_path).sync_if_changed(APP)
    restarted = tree_with("play", "skip")

    assert not await CommandSync(restarted, tmp_path).sync_if_changed(APP)
    assert restarted.syncs == []


async def test_changed_definitions_are_synced(tmp_path: Path) -> None:
    await CommandSync(tree_with("play"), tmp_path).sync_if_changed(APP)
    changed = tree_with("play", "skip")

    assert await CommandSync(changed, tmp_path).sync_if_changed(APP)
    assert changed.syncs == [None]
    assert await CommandSync(tree_with("play", "skip"), tmp_path).sync_if_changed(APP) is False


async def test_another_application_is_synced_even_with_the_same_commands(tmp_path: Path) -> None:
    await CommandSync(tree_with("play"), tmp_path).sync_if_changed(APP)
    assert await CommandSync(tree_with("play"), tmp_path).sync_if_changed(APP + 1)


async def test_a_failed_sync_is_not_remembered(tmp_path: Path) -> None:
    class FailingTree(CountingTree):
        async def sync(self, *, guild: discord.abc.Snowflake | None = None) -> list[Any]:
            raise RuntimeError("Discord is away")

    failing = FailingTree()
    with pytest.raises(RuntimeError):
        await CommandSync(failing, tmp_path).sync_if_changed(APP)
    assert not (tmp_path / FINGERPRINT_FILE).exists()


async def test_a_garbled_fingerprint_file_means_sync(tmp_path: Path) -> None:
    (tmp_path / FINGERPRINT_FILE).write_bytes(b"\xff\xfe")
    assert await CommandSync(tree_with("play"), tmp_path).sync_if_changed(APP)


async def test_a_guild_sync_copies_the_commands_there_and_leaves_the_global_record(tmp_path: Path) -> None:
    tree = tree_with("play", "skip")
    sync = CommandSync(tree, tmp_path)

    assert await sync.sync(APP, guild_id=42) == 2

    assert tree.syncs == [42]
    assert not (tmp_path / FINGERPRINT_FILE).exists()
