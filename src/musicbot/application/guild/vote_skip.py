"""Skip by vote when others are listening: the rules are the domain's (`domain/skip_vote.py`); this use-case
authorizes the caller, keeps the vote in the guild's session and skips under the player's lock."""

from __future__ import annotations

from dataclasses import dataclass

from musicbot.application.guild.sessions import GuildSessions
from musicbot.application.playback.registry import PlayerRegistry
from musicbot.application.playback.voice_rules import Accepted, Caller, Permission, VoiceRules, proceed
from musicbot.domain.errors import NothingPlaying
from musicbot.domain.ids import GuildId, UserId
from musicbot.domain.skip_vote import SkipReason, SkipRule, skips_at_once
from musicbot.domain.song import Song

__all__ = ["SkipReason", "VoteSkip", "VoteSkipCommand", "VoteSkipResult"]


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


class VoteSkip:
    def __init__(self, *, registry: PlayerRegistry, sessions: GuildSessions, ratio: float) -> None:
        self._registry = registry
        self._rules = VoiceRules(registry)
        self._sessions = sessions
        self._rule = SkipRule(ratio)

    async def execute(self, command: VoteSkipCommand, *, accepted: Accepted = proceed) -> VoteSkipResult:
        self._rules.authorize(Permission.CONTROL, command.guild_id, command.caller)
        await accepted()
        player = self._registry.get(command.guild_id)
        song = player.current
        if song is None:
            raise NothingPlaying
        caller = command.caller
        reason = skips_at_once(caller.user_id, song, is_dj=caller.is_dj, is_manager=caller.is_manager)
        listening = command.listeners | {caller.user_id}
        needed = self._rule.needed(len(listening))
        votes = 0
        if reason is None:
            votes = self._sessions.get(command.guild_id).ballot_for(song.id).cast(caller.user_id, listening)
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
