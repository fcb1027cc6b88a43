"""Skip by vote when others are listening; the song's requester, DJs and server managers skip at once.

Votes needed: ceil(listeners × ratio), at least one, where listeners are the humans in the bot's channel.
Only votes of people still listening count, a second vote by the same person counts once, and the votes are
dropped when the song changes.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass

from musicbot.application.guild.sessions import GuildSessions
from musicbot.application.playback.registry import PlayerRegistry
from musicbot.application.playback.voice_rules import Accepted, Caller, Permission, VoiceRules, proceed
from musicbot.domain.errors import NothingPlaying
from musicbot.domain.ids import GuildId, UserId
from musicbot.domain.song import Song


class SkipReason(enum.StrEnum):
    REQUESTER = "requester"
    DJ = "dj"
    MANAGER = "manager"
    VOTES = "votes"


@dataclass(frozen=True, slots=True, kw_only=True)
class VoteSkipCommand:
    guild_id: GuildId
    caller: Caller
    listeners: frozenset[UserId]  # the humans in the bot's voice channel now (bots excluded)


@dataclass(frozen=True, slots=True, kw_only=True)
class VoteSkipResult:
    song: Song  # the song voted on, or skipped
    skipped: bool
    now_playing: Song | None  # after a skip
    votes: int
    needed: int
    reason: SkipReason | None  # why it was skipped


def votes_needed(listeners: int, ratio: float) -> int:
    # Rounded first: 10 × 0.3 is 3.0000000000000004 in floating point, and needs 3 votes, not 4.
    return max(math.ceil(round(listeners * ratio, 9)), 1)


class VoteSkip:
    def __init__(self, *, registry: PlayerRegistry, sessions: GuildSessions, ratio: float) -> None:
        if not 0 < ratio <= 1:
            raise ValueError("the vote ratio is a share of listeners, above 0 and at most 1")
        self._registry = registry
        self._rules = VoiceRules(registry)
        self._sessions = sessions
        self._ratio = ratio

    async def execute(self, command: VoteSkipCommand, *, accepted: Accepted = proceed) -> VoteSkipResult:
        self._rules.authorize(Permission.CONTROL, command.guild_id, command.caller)
        await accepted()
        player = self._registry.get(command.guild_id)
        song = player.current
        if song is None:
            raise NothingPlaying
        voter = command.caller.user_id
        listeners = command.listeners | {voter}
        needed = votes_needed(len(listeners), self._ratio)
        reason = _skips_at_once(command.caller, song)
        votes = 0
        if reason is None:
            ballot = self._sessions.get(command.guild_id).ballot_for(song.id)
            ballot.voters.add(voter)
            votes = len(ballot.voters & listeners)
            if votes < needed:
                return VoteSkipResult(
                    song=song, skipped=False, now_playing=song, votes=votes, needed=needed, reason=None
                )
            reason = SkipReason.VOTES
        skipped, now_playing = await player.skip()
        session = self._sessions.find(command.guild_id)
        if session is not None:
            session.ballot = None
        return VoteSkipResult(
            song=skipped, skipped=True, now_playing=now_playing, votes=votes, needed=needed, reason=reason
        )


def _skips_at_once(caller: Caller, song: Song) -> SkipReason | None:
    if caller.user_id == song.requester:
        return SkipReason.REQUESTER
    if caller.is_dj:
        return SkipReason.DJ
    if caller.is_manager:
        return SkipReason.MANAGER
    return None
