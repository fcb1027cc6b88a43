"""One table from exception type to the short, friendly message a user sees (console and Discord alike)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from musicbot.application.errors import (
    AlreadyPaused,
    InvalidQuery,
    InvalidSeek,
    NoResults,
    NotConnected,
    NotPaused,
    NoVoiceChannel,
    PlaybackFailed,
    PlayerClosed,
    TrackUnavailable,
)
from musicbot.application.guild.music_channel import UseMusicChannel
from musicbot.application.playback.voice_rules import NotAllowed, NotInBotChannel
from musicbot.application.recommendation.errors import NotAMusicRequest
from musicbot.application.storage_errors import (
    InvalidPlaylistFile,
    NoActivePlaylist,
    StorageUnavailable,
    TooManyPlaylists,
)
from musicbot.domain.errors import (
    DuplicatePlaylist,
    InvalidPlaylistName,
    InvalidPosition,
    InvalidVolume,
    MusicBotError,
    NothingPlaying,
    PlaylistFull,
    PlaylistNotFound,
    QueueFull,
)
from musicbot.entrypoints.formatting import songs

UNEXPECTED = "Something went wrong on my side. It has been logged; please try again."


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return UNEXPECTED
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


# Most specific first: the first matching type wins.
_TABLE: list[tuple[type[BaseException], Callable[[Any], str]]] = [
    (NotAMusicRequest, lambda e: e.question),
    (NoResults, lambda e: f"I found nothing for “{e.query}”. Try other words or a link."),
    (TrackUnavailable, lambda e: _sentence(f"I can't play that: {e.reason}")),
    (InvalidQuery, lambda e: _sentence(str(e))),
    (NothingPlaying, lambda _: "Nothing is playing right now."),
    (AlreadyPaused, lambda _: "It is already paused; use resume to continue."),
    (NotPaused, lambda _: "It is not paused."),
    (NotConnected, lambda _: "I'm not in a voice channel. Use play or join from a voice channel."),
    (NoVoiceChannel, lambda _: "Join a voice channel first, then ask me again."),
    (NotInBotChannel, lambda _: "Join my voice channel to control me."),
    (NotAllowed, lambda e: _sentence(e.reason)),
    (UseMusicChannel, lambda e: f"Please use <#{e.channel_id}> for my commands."),
    (QueueFull, lambda e: f"The queue is full ({songs(e.limit)}). Remove some or wait a bit."),
    (InvalidPosition, lambda e: _sentence(str(e))),
    (InvalidVolume, lambda _: "Volume goes from 0 to 200 %."),
    (InvalidSeek, lambda e: _sentence(e.reason)),
    (PlaybackFailed, lambda e: _sentence(f"Playback failed: {e}")),
    (PlayerClosed, lambda _: "I just left the voice channel; ask again to start over."),
    (DuplicatePlaylist, lambda e: f"A playlist named “{e.name}” already exists. Pick another name."),
    (InvalidPlaylistName, lambda e: _sentence(f"Bad playlist name: {e}")),
    (PlaylistFull, lambda e: f"That playlist is full ({songs(e.limit)}). Remove some or start another one."),
    (TooManyPlaylists, lambda e: f"This server has {e.limit} playlists, the most it can keep. Delete one first."),
    (InvalidPlaylistFile, lambda e: _sentence(f"I can't import that file: {e.reason}")),
    (StorageUnavailable, lambda e: _sentence(e.reason)),
    (MusicBotError, lambda e: _sentence(str(e))),
]


# Messages naming a command: `/create` on Discord, `create` at the console (`prefix`).
_NAMING_COMMANDS: list[tuple[type[BaseException], Callable[[Any, str], str]]] = [
    (NoActivePlaylist, lambda _, p: f"No playlist is active yet: make one with {p}create, then pick it with {p}use."),
    (PlaylistNotFound, lambda e, p: f"There is no playlist named “{e.name}”. See them all with {p}playlists."),
]


def friendly_error(error: BaseException, *, command_prefix: str = "/") -> str:
    """The message for `error`; commands it names are written `{command_prefix}name` (console: no slash)."""
    for kind, naming in _NAMING_COMMANDS:
        if isinstance(error, kind):
            return naming(error, command_prefix)
    for kind, render in _TABLE:
        if isinstance(error, kind):
            return render(error)
    return UNEXPECTED
