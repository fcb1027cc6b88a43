"""Saved playlists as both drivers use them: `/use` and a bare `/play` (console: `use`, `play`), and `/remove`.

Two use-cases in a row: one reads the playlist (activating it for `use`), the other queues its light tracks,
each resolved when its turn comes. Reading first means a missing playlist is said before the bot joins voice.
"""

from __future__ import annotations

from dataclasses import dataclass

from musicbot.application.playlists.remove import RemoveFromPlaylistCommand, RemoveFromPlaylistResult
from musicbot.application.playlists.show import ShowPlaylistQuery
from musicbot.application.playlists.use import UsePlaylistCommand
from musicbot.application.recommendation.queue_tracks import QueueTracksCommand, QueueTracksResult
from musicbot.domain.errors import InvalidPosition, MusicBotError
from musicbot.domain.ids import ChannelId, GuildId, UserId
from musicbot.domain.track import Track
from musicbot.entrypoints.formatting import songs
from musicbot.entrypoints.services import PlaylistServices

WHOLE = 100_000  # a page size no playlist reaches (the largest allowed is 100,000 songs)


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaylistPlayback:
    name: str
    tracks: int  # in the playlist
    activated: bool  # it became the active playlist just now
    queued: QueueTracksResult | None  # None: nothing was queued (the playlist is empty, or nobody is in voice)


async def use_playlist(
    services: PlaylistServices,
    *,
    guild_id: GuildId,
    user_id: UserId,
    name: str,
    voice_channel_id: ChannelId | None,
) -> PlaylistPlayback:
    """Make `name` the active playlist and, when the caller is in a voice channel, queue it."""
    result = await services.use.execute(UsePlaylistCommand(guild_id=guild_id, name=name))
    if voice_channel_id is None:
        return PlaylistPlayback(name=result.name, tracks=len(result.tracks), activated=True, queued=None)
    return await _queue(services, result.name, result.tracks, guild_id, user_id, voice_channel_id, activated=True)


async def play_active_playlist(
    services: PlaylistServices, *, guild_id: GuildId, user_id: UserId, voice_channel_id: ChannelId | None
) -> PlaylistPlayback:
    """Queue the active playlist (`NoActivePlaylist` when there is none)."""
    page = await services.show.execute(ShowPlaylistQuery(guild_id=guild_id, page_size=WHOLE))
    tracks = tuple(entry.track for entry in page.entries)
    return await _queue(services, page.name, tracks, guild_id, user_id, voice_channel_id, activated=False)


async def _queue(
    services: PlaylistServices,
    name: str,
    tracks: tuple[Track, ...],
    guild_id: GuildId,
    user_id: UserId,
    voice_channel_id: ChannelId | None,
    *,
    activated: bool,
) -> PlaylistPlayback:
    if not tracks:
        return PlaylistPlayback(name=name, tracks=0, activated=activated, queued=None)
    queued = await services.queue_tracks.execute(
        QueueTracksCommand(guild_id=guild_id, user_id=user_id, tracks=tracks, voice_channel_id=voice_channel_id)
    )
    return PlaylistPlayback(name=name, tracks=len(tracks), activated=activated, queued=queued)


async def remove_from_playlist(
    services: PlaylistServices, command: RemoveFromPlaylistCommand
) -> RemoveFromPlaylistResult:
    try:
        return await services.remove.execute(command)
    except InvalidPosition as error:
        if error.size:
            raise
        # The shared message says "the queue is empty": here it is a playlist.
        raise MusicBotError(f"“{(command.playlist or '').strip()}” is empty: there is no song to remove") from None


def queued_text(playback: PlaylistPlayback, *, add_hint: str, play_hint: str) -> str:
    """What happened, in plain words (no Markdown): the Discord presenter escapes and decorates it."""
    if playback.tracks == 0:
        if playback.activated:
            return f"“{playback.name}” is now the active playlist. It is empty: add songs with {add_hint}."
        return f"“{playback.name}” is empty: add songs with {add_hint}."
    queued = playback.queued
    if queued is None:
        return f"“{playback.name}” is now the active playlist ({songs(playback.tracks)}). {play_hint}"
    where = "playing now" if queued.position == 0 else f"from #{queued.position}"
    left_out = f"; {queued.left_out} left out (the queue is full)" if queued.left_out else ""
    return f"Queued “{playback.name}”: {songs(queued.queued)}, {where}{left_out}."
