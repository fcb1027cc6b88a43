"""The rule state of each guild's voice session: who voted to skip which song (`SkipVote`), and since when the
bot has been idle or alone (`IdleTimers`), the rules being the domain's. A session begins when the bot is seen
in a voice channel and is forgotten when it leaves."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from musicbot.application.support.clock import Clock
from musicbot.domain.idle import IdleTimers
from musicbot.domain.ids import GuildId, SongId
from musicbot.domain.skip_vote import SkipVote


@dataclass(slots=True, kw_only=True)
class GuildSession(IdleTimers):
    started_at: datetime
    ballot: SkipVote | None = None

    def ballot_for(self, song_id: SongId) -> SkipVote:
        """The vote on `song_id`; the votes for any other song are dropped (the song changed)."""
        if self.ballot is None or self.ballot.song_id != song_id:
            self.ballot = SkipVote(song_id)
        return self.ballot


class GuildSessions:
    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._sessions: dict[GuildId, GuildSession] = {}

    def __len__(self) -> int:
        return len(self._sessions)

    def __iter__(self) -> Iterator[GuildId]:
        return iter(list(self._sessions))

    def __contains__(self, guild_id: object) -> bool:
        return guild_id in self._sessions

    def get(self, guild_id: GuildId) -> GuildSession:
        """The guild's session, begun now when it has none (idle: nothing plays yet)."""
        session = self._sessions.get(guild_id)
        if session is None:
            now = self._clock.now()
            session = self._sessions[guild_id] = GuildSession(started_at=now, idle_since=now)
        return session

    def find(self, guild_id: GuildId) -> GuildSession | None:
        return self._sessions.get(guild_id)

    def forget(self, guild_id: GuildId) -> None:
        self._sessions.pop(guild_id, None)
