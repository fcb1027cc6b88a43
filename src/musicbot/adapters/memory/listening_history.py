"""`InMemoryListeningHistory`: the `ListeningHistory` port in memory, bounded per guild, gone at restart.

Stands in until the SQL adapter exists. Songs are compared by `SongKey` (artist and core title), so two uploads
of the same song count as one.
"""

from __future__ import annotations

from collections import Counter, OrderedDict, deque
from datetime import datetime

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
        plays = list(self._guilds.get(guild_id, ()))
        seeds = {song_key(track) for track in tracks}
        counts: Counter[SongKey] = Counter()
        latest: dict[SongKey, tuple[int, Track]] = {}
        for index, (_, key) in enumerate(plays):
            if key not in seeds:
                continue
            for other in range(max(0, index - self._window), min(len(plays), index + self._window + 1)):
                record, other_key = plays[other]
                if other_key not in seeds:
                    counts[other_key] += 1
                    if other > latest.get(other_key, (-1, record.track))[0]:
                        latest[other_key] = (other, record.track)
        return self._top(counts, latest, limit)

    async def played_by(self, guild_id: GuildId, users: frozenset[UserId], limit: int) -> list[tuple[Track, int]]:
        counts: Counter[SongKey] = Counter()
        latest: dict[SongKey, tuple[int, Track]] = {}
        for index, (record, key) in enumerate(self._guilds.get(guild_id, ())):
            if not users or record.user_id in users:
                counts[key] += 1
                latest[key] = (index, record.track)
        return self._top(counts, latest, limit)

    async def forget_guild(self, guild_id: GuildId) -> None:
        self._guilds.pop(guild_id, None)

    @staticmethod
    def _top(counts: Counter[SongKey], latest: dict[SongKey, tuple[int, Track]], limit: int) -> list[tuple[Track, int]]:
        """Most often first; among equals, the most recently played first."""
        ordered = sorted(counts, key=lambda key: (-counts[key], -latest[key][0]))
        return [(latest[key][1], counts[key]) for key in ordered[: max(limit, 0)]]
