"""`JoinOrTakeUp`: a member calls the bot into their voice channel, and a queue saved for the guild while the bot
was out of voice (someone disconnected it, or its rejoin after a restart failed) is taken up there; otherwise
it is a plain join.

The join's rule comes first: a saved queue is taken up only where the caller may bring the bot."""

from __future__ import annotations

from dataclasses import dataclass

from musicbot.application.playback.join import JoinCommand, JoinResult, JoinVoice
from musicbot.application.playback.registry import PlayerRegistry
from musicbot.application.playback.voice_rules import Accepted, proceed
from musicbot.application.saved_queues.ports import SavedQueueLookup
from musicbot.application.saved_queues.resume import ResumeQueue, ResumeQueueCommand, ResumeQueueResult
from musicbot.domain.ids import ChannelId, GuildId


@dataclass(frozen=True, slots=True, kw_only=True)
class JoinOrTakeUpResult:
    joined: JoinResult
    taken_up: ResumeQueueResult | None = None  # the saved queue taken up in the caller's channel; None: a plain join


class JoinOrTakeUp:
    def __init__(
        self, *, registry: PlayerRegistry, join: JoinVoice, saved: SavedQueueLookup, resume: ResumeQueue
    ) -> None:
        self._registry = registry
        self._join = join
        self._saved = saved
        self._resume = resume

    async def execute(self, command: JoinCommand, *, accepted: Accepted = proceed) -> JoinOrTakeUpResult:
        channel_id = self._join.authorize(command)
        await accepted()
        taken_up = await self._take_up(command.guild_id, channel_id)
        if taken_up is not None:  # it was out of voice: it joined the caller's channel to take the queue up
            return JoinOrTakeUpResult(joined=JoinResult(channel_id=channel_id, moved=True), taken_up=taken_up)
        return JoinOrTakeUpResult(joined=await self._join.execute(command))

    async def _take_up(self, guild_id: GuildId, channel_id: ChannelId) -> ResumeQueueResult | None:
        player = self._registry.find(guild_id)
        if player is not None and not player.closed:
            return None  # in voice already: its queue is the one that counts
        snapshot = await self._saved.saved_queue(guild_id)
        if snapshot is None:
            return None
        result = await self._resume.execute(ResumeQueueCommand(snapshot=snapshot, voice_channel_id=channel_id))
        return result if result.resumed else None
