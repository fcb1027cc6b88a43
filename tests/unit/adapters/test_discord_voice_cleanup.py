"""`MusicVoiceClient.cleanup` unregisters the guild's voice client only when it is that client."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from musicbot.adapters.discord_voice.link import MusicVoiceClient

GUILD = 42


class Registry:
    """discord.py's `ConnectionState` as far as voice clients go: one per guild."""

    def __init__(self) -> None:
        self.clients: dict[int, Any] = {}

    def _remove_voice_client(self, guild_id: int) -> None:
        self.clients.pop(guild_id, None)


def client_of(registry: Registry) -> MusicVoiceClient:
    voice = MusicVoiceClient.__new__(MusicVoiceClient)  # no connection state: only the registration is under test
    voice.client = SimpleNamespace(_connection=registry)  # type: ignore[assignment]
    voice.channel = SimpleNamespace(  # type: ignore[assignment]
        guild=_Guild(registry), _get_voice_client_key=lambda: (GUILD, "guild_id")
    )
    return voice


class _Guild:
    def __init__(self, registry: Registry) -> None:
        self._registry = registry

    @property
    def voice_client(self) -> Any:
        return self._registry.clients.get(GUILD)


def test_a_client_still_registered_is_unregistered() -> None:
    registry = Registry()
    voice = client_of(registry)
    registry.clients[GUILD] = voice
    voice.cleanup()
    assert GUILD not in registry.clients


def test_an_older_clients_cleanup_leaves_the_newer_one_registered() -> None:
    registry = Registry()
    older, newer = client_of(registry), client_of(registry)
    registry.clients[GUILD] = newer  # joined while the older one was being abandoned
    older.cleanup()
    assert registry.clients[GUILD] is newer
    newer.cleanup()
    assert GUILD not in registry.clients
