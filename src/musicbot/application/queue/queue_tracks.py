"""`QueueTracks`: queue recommended (light) tracks; each is resolved by the preparer when its turn comes."""

from __future__ import annotations

from dataclasses import dataclass

from musicbot.application.errors import NoVoiceChannel
from musicbot.application.playback.preparation import SongPreparer
from musicbot.application.playback.registry import PlayerRegistry
from musicbot.application.playback.voice_rules import Accepted, Caller, Permission, VoiceRules, proceed
from musicbot.domain.errors import QueueFull
from musicbot.domain.ids import GuildId
from musicbot.domain.track import Track


@dataclass(frozen=True, slots=True, kw_only=True)
class QueueTracksCommand:
    guild_id: GuildId
    caller: Caller  # who asks (the requester): the use-case applies the voice rules to them, and joins their
    # voice channel when the bot is not connected yet
    tracks: tuple[Track, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class QueueTracksResult:
    queued: int
    position: int  # of the first one; 0: it started playing at once
    left_out: int  # the queue had no room for them


class QueueTracks:
    def __init__(self, *, registry: PlayerRegistry, preparer: SongPreparer) -> None:
        self._registry = registry
        self._rules = VoiceRules(registry)
        self._preparer = preparer

    async def execute(self, command: QueueTracksCommand, *, accepted: Accepted = proceed) -> QueueTracksResult:
        self._rules.authorize(Permission.REQUEST, command.guild_id, command.caller)
        await accepted()
        if not command.tracks:
            raise ValueError("nothing to queue")
        player = self._registry.find(command.guild_id)
        if player is None or player.closed:
            if command.caller.voice_channel_id is None:
                raise NoVoiceChannel
            player, _ = await self._registry.join(command.guild_id, command.caller.voice_channel_id)
        room = player.tracklist.room
        if room < 1:
            raise QueueFull(player.tracklist.max_size)
        songs = [self._preparer.song_for(track, command.caller.user_id) for track in command.tracks[:room]]
        position = await player.enqueue_many(songs)
        return QueueTracksResult(queued=len(songs), position=position, left_out=len(command.tracks) - len(songs))
