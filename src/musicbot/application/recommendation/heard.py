"""`PlayerQueueHeard`: what a guild's player just played, plays now and has queued (the `RecentlyHeard` port)."""

from __future__ import annotations

from musicbot.application.playback.registry import PlayerRegistry
from musicbot.domain.ids import GuildId
from musicbot.domain.track import Track


class PlayerQueueHeard:
    def __init__(self, registry: PlayerRegistry, *, history: int = 20) -> None:
        self._registry = registry
        self._history = history

    def tracks(self, guild_id: GuildId) -> list[Track]:
        player = self._registry.find(guild_id)
        if player is None:
            return []
        tracklist = player.tracklist
        songs = list(tracklist.history[-self._history :]) if self._history else []
        if tracklist.current is not None:
            songs.append(tracklist.current)
        songs.extend(tracklist.upcoming)
        return [song.track for song in songs]
