"""`InMemoryListeningHistory`: the `ListeningHistory` port in memory, bounded per guild, gone at restart.

A fake for tests and benchmarks (the bot reads history from its storage: `StoredListeningHistory`). Songs are
compared by `SongKey` (artist and core title), so two uploads of the same song count as one.
"""

from __future__ import annotations

from collections import OrderedDict, deque
from datetime import datetime

from musicbot.application.recommendation.play_counts import played_by, played_together
from musicbot.application.recommendation.ports import Play
from musicbot.application.recommendation.songs import SongKey, song_key
from musicbot.domain.ids import GuildId, UserId
from musicbot.domain.track import Track


class InMemoryListeningHistory:
    """The last `per_guild` plays of at most `max_guilds` guilds (the least recently active is forgotten first).

    "Played together" means within `together_window` plays of each other in the guild's sequence.
    """

    def __init__(self, *, per_guild: int = 2000, max_guilds: int = 10_000, together_window: int = 3) -> None:
        if per_guild < 1 or max_guilds < 1 or together_window < 1:
            raise ValueError("per_guild, max_guilds and together_window must be at least 1")
        self._per_guild = per_guild
        self._max_guilds = max_guilds
        self._window = together_window
        self._guilds: OrderedDict[GuildId, deque[tuple[Play, SongKey]]] = OrderedDict()

    def __len__(self) -> int:
        """Guilds with a history."""
        return len(self._guilds)

    def plays(self, guild_id: GuildId) -> int:
        return len(self._guilds.get(guild_id, ()))

    async def record(self, guild_id: GuildId, user_id: UserId, track: Track, at: datetime) -> None:
        plays = self._guilds.get(guild_id)
        if plays is None:
            plays = self._guilds[guild_id] = deque(maxlen=self._per_guild)
            if len(self._guilds) > self._max_guilds:
                self._guilds.popitem(last=False)
        else:
            self._guilds.move_to_end(guild_id)
        light = track.without_stream()
        plays.append((Play(guild_id=guild_id, user_id=user_id, track=light, played_at=at), song_key(light)))

    async def recent(self, guild_id: GuildId, limit: int) -> list[Play]:
        plays = self._guilds.get(guild_id, deque())
        return [record for record, _ in list(plays)[-limit:][::-1]] if limit > 0 else []

    async def played_together(self, guild_id: GuildId, tracks: list[Track], limit: int) -> list[tuple[Track, int]]:
        seeds = {song_key(track) for track in tracks}
        return played_together(list(self._guilds.get(guild_id, ())), seeds, window=self._window, limit=limit)

    async def played_by(self, guild_id: GuildId, users: frozenset[UserId], limit: int) -> list[tuple[Track, int]]:
        return played_by(self._guilds.get(guild_id, ()), users, limit=limit)

    async def forget_guild(self, guild_id: GuildId) -> None:
        self._guilds.pop(guild_id, None)
