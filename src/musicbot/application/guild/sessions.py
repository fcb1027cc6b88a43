"""The rule state of one guild's voice session: who voted to skip which song, and since when the bot has been
idle or alone. A session begins when the bot is seen in a voice channel and is forgotten when it leaves."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from musicbot.application.support.clock import Clock
from musicbot.domain.ids import GuildId, SongId, UserId


@dataclass(slots=True)
class SkipBallot:
    """Votes to skip one song: a vote is a user, so voting twice counts once."""

    song_id: SongId
    voters: set[UserId] = field(default_factory=set)


@dataclass(slots=True, kw_only=True)
class GuildSession:
    started_at: datetime
    ballot: SkipBallot | None = None
    # A session starts idle (nothing plays yet) and with people around (someone called the bot in).
    idle_since: datetime | None = None
    alone_since: datetime | None = None

    def ballot_for(self, song_id: SongId) -> SkipBallot:
        """The ballot of `song_id`; the votes for any other song are dropped (the song changed)."""
        if self.ballot is None or self.ballot.song_id != song_id:
            self.ballot = SkipBallot(song_id)
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
        """The guild's session, begun now when it has none."""
        session = self._sessions.get(guild_id)
        if session is None:
            now = self._clock.now()
            session = self._sessions[guild_id] = GuildSession(started_at=now, idle_since=now)
        return session

    def find(self, guild_id: GuildId) -> GuildSession | None:
        return self._sessions.get(guild_id)

    def forget(self, guild_id: GuildId) -> None:
        self._sessions.pop(guild_id, None)
