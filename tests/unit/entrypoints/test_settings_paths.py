"""Every change of a guild's settings goes through `GuildSettingsStore.update`, which announces it to the other
processes (Redis pub/sub): a path that saved through the repository itself (a web page, an admin command) would
leave the other processes with the old settings until they restart."""

from __future__ import annotations

from pathlib import Path

SRC = Path(__file__).parents[3] / "src" / "musicbot"
STORE = SRC / "application" / "guild" / "settings.py"


def test_only_the_store_saves_guild_settings() -> None:
    writers = [
        path.relative_to(SRC).as_posix()
        for path in SRC.rglob("*.py")
        if "guild_settings.save(" in path.read_text() and "adapters/sql" not in path.as_posix()
    ]
    assert writers == [STORE.relative_to(SRC).as_posix()]
