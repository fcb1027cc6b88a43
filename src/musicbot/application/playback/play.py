import time
from dataclasses import dataclass

from musicbot.application.errors import NoVoiceChannel, PlayerClosed
from musicbot.application.monitoring.metrics import Metrics
from musicbot.application.playback.preparation import SongPreparer
from musicbot.application.playback.registry import PlayerRegistry
from musicbot.application.playback.voice_rules import Accepted, Caller, Permission, VoiceRules, proceed
from musicbot.application.support.requests import clean_request
from musicbot.domain.errors import QueueFull
from musicbot.domain.ids import GuildId
from musicbot.domain.song import Song


@dataclass(frozen=True, slots=True, kw_only=True)
class PlayCommand:
    guild_id: GuildId
    caller: Caller  # who asks (the requester): the use-case applies the voice rules to them, and joins their
    # voice channel when the bot is not connected yet
    query: str
    play_next: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class PlayResult:
    song: Song
    position: int  # 0: it started playing at once

    @property
    def started(self) -> bool:
        return self.position == 0


class PlaySong:
    """Resolve a URL or search words, then play at once when idle or queue it."""

    def __init__(
        self,
        *,
        registry: PlayerRegistry,
        preparer: SongPreparer,
        max_query_length: int,
        metrics: Metrics,
    ) -> None:
        self._registry = registry
        self._rules = VoiceRules(registry)
        self._preparer = preparer
        self._max_query_length = max_query_length
        self._metrics = metrics

    async def execute(self, command: PlayCommand, *, accepted: Accepted = proceed) -> PlayResult:
        self._rules.authorize(Permission.REQUEST, command.guild_id, command.caller)
        await accepted()
        started = time.perf_counter()
        query = clean_request(
            command.query,
            max_length=self._max_query_length,
            missing="tell me what to play: a link or some search words",
        )
        existing = self._registry.find(command.guild_id)
        channel_id = command.caller.voice_channel_id
        if existing is None and channel_id is None:
            raise NoVoiceChannel
        if existing is not None and existing.tracklist.room < 1:
            raise QueueFull(existing.tracklist.max_size)
        # Resolve before joining or queueing: a bad request changes nothing.
        song = self._preparer.new_song(query, command.caller.user_id)
        await self._preparer.prepare(song)
        player = existing
        if player is None or player.closed:
            if channel_id is None:
                raise PlayerClosed  # the bot left while the request resolved, and there is no channel to rejoin
            player, _ = await self._registry.join(command.guild_id, channel_id)
        position = await player.enqueue(song, play_next=command.play_next)
        if position == 0:
            # The output returned once the song's first packet was ready (or its wait for it ran out).
            self._metrics.first_audio(time.perf_counter() - started)
        return PlayResult(song=song, position=position)
