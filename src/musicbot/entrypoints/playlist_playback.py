"""Saved playlists as both drivers say them: what `/use` and a bare `/play` (console: `use`, `play`) did
(`PlayPlaylist` in the application does it), and `/remove`'s refusal of an empty playlist."""

from __future__ import annotations

from musicbot.application.playlists.play import PlaylistPlayback
from musicbot.application.playlists.remove import RemoveFromPlaylistCommand, RemoveFromPlaylistResult
from musicbot.domain.errors import InvalidPosition, MusicBotError
from musicbot.entrypoints.formatting import songs
from musicbot.entrypoints.services import PlaylistServices


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
