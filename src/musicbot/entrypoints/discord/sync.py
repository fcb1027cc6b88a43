"""Slash command sync: only when the definitions changed, so a restart costs no rate-limited call to Discord.

The fingerprint is the SHA-256 of the canonical JSON of what `tree.sync()` would send, with the application
it is for; it is kept in the data directory after each successful global sync.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import discord
import structlog
from discord import app_commands

log = structlog.get_logger(__name__)

FINGERPRINT_FILE = "discord-commands.sha256"


def command_payload(tree: app_commands.CommandTree[Any]) -> list[dict[str, Any]]:
    """The global commands as Discord receives them, in a stable order."""
    payload = [command.to_dict(tree) for command in tree._get_all_commands()]
    return sorted(payload, key=lambda command: (command.get("type", 1), command["name"]))


def fingerprint(tree: app_commands.CommandTree[Any], application_id: int) -> str:
    canonical = json.dumps(
        {"application_id": application_id, "commands": command_payload(tree)},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


class CommandSync:
    def __init__(self, tree: app_commands.CommandTree[Any], data_dir: Path) -> None:
        self._tree = tree
        self.path = data_dir / FINGERPRINT_FILE

    def stored(self) -> str | None:
        try:
            return self.path.read_text(encoding="ascii").strip() or None
        except (OSError, UnicodeDecodeError):
            return None

    async def sync_if_changed(self, application_id: int) -> bool:
        """Sync the global commands when they differ from the last sync; True when a sync was sent."""
        current = fingerprint(self._tree, application_id)
        if current == self.stored():
            log.info("slash commands unchanged: no sync")
            return False
        await self.sync(application_id)
        return True

    async def sync(self, application_id: int, *, guild_id: int | None = None) -> int:
        """Sync now: globally (and remember it), or to one guild (copies of the global commands, at once)."""
        if guild_id is not None:
            guild = discord.Object(id=guild_id)
            self._tree.copy_global_to(guild=guild)
            synced = await self._tree.sync(guild=guild)
            log.info("slash commands synced to a guild", guild_id=guild_id, count=len(synced))
            return len(synced)
        synced = await self._tree.sync()
        self._store(fingerprint(self._tree, application_id))
        log.info("slash commands synced", count=len(synced))
        return len(synced)

    def _store(self, value: str) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_suffix(".tmp")
        partial.write_text(value + "\n", encoding="ascii")
        os.replace(partial, self.path)  # never a half-written fingerprint
