"""`PlayPlaylist`: `/use` and a bare `/play` (console: `use`, `play`): a saved playlist into the player.

Two steps in a row: read the playlist (activating it for `use`), then queue its light tracks, each resolved when
its turn comes. The caller is checked first and the playlist read next, so a refusal or a missing playlist is
said before anything changes or the bot joins voice.
"""

from __future__ import annotations

from dataclasses import dataclass

from musicbot.application.playback.registry import PlayerRegistry
from musicbot.application.playback.voice_rules import Accepted, Caller, Permission, VoiceRules, proceed
from musicbot.application.playlists.show import ShowPlaylist, ShowPlaylistQuery
from musicbot.application.playlists.use import UsePlaylist, UsePlaylistCommand
from musicbot.application.queue.queue_tracks import QueueTracks, QueueTracksCommand, QueueTracksResult
from musicbot.domain.ids import GuildId
from musicbot.domain.track import Track

WHOLE = 100_000  # a page size no playlist reaches (the largest allowed is 100,000 songs)


@dataclass(frozen=True, slots=True, kw_only=True)
class PlayPlaylistCommand:
    guild_id: GuildId
    caller: Caller
    # None: queue the active playlist. A name: make it the active one, and queue it when the caller is in voice.
    name: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaylistPlayback:
    name: str
    tracks: int  # in the playlist
    activated: bool  # it became the active playlist just now
    queued: QueueTracksResult | None  # None: nothing was queued (the playlist is empty, or nobody is in voice)


class PlayPlaylist:
    def __init__(
        self, *, registry: PlayerRegistry, use: UsePlaylist, show: ShowPlaylist, queue_tracks: QueueTracks
    ) -> None:
        self._rules = VoiceRules(registry)
        self._use = use
        self._show = show
        self._queue_tracks = queue_tracks

    async def execute(self, command: PlayPlaylistCommand, *, accepted: Accepted = proceed) -> PlaylistPlayback:
        caller = command.caller
        if command.name is None:  # `NoActivePlaylist` when there is none
            self._rules.authorize(Permission.REQUEST, command.guild_id, caller)
            await accepted()
            page = await self._show.execute(ShowPlaylistQuery(guild_id=command.guild_id, page_size=WHOLE))
            tracks = tuple(entry.track for entry in page.entries)
            return await self._queue(command, page.name, tracks, activated=False)
        if caller.voice_channel_id is not None:  # out of voice, `use` only makes it active: no rule to pass
            self._rules.authorize(Permission.REQUEST, command.guild_id, caller)
        await accepted()
        result = await self._use.execute(UsePlaylistCommand(guild_id=command.guild_id, name=command.name))
        if caller.voice_channel_id is None:
            return PlaylistPlayback(name=result.name, tracks=len(result.tracks), activated=True, queued=None)
        return await self._queue(command, result.name, result.tracks, activated=True)

    async def _queue(
        self, command: PlayPlaylistCommand, name: str, tracks: tuple[Track, ...], *, activated: bool
    ) -> PlaylistPlayback:
        if not tracks:
            return PlaylistPlayback(name=name, tracks=0, activated=activated, queued=None)
        queued = await self._queue_tracks.execute(
            QueueTracksCommand(
                guild_id=command.guild_id,
                caller=command.caller,
                tracks=tracks,
            )
        )
        return PlaylistPlayback(name=name, tracks=len(tracks), activated=activated, queued=queued)
