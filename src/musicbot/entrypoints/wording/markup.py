"""`Markup`: how a driver renders the pieces of a sentence; `PLAIN`, the console's (text as it is)."""

from __future__ import annotations

from typing import Protocol

from musicbot.application.support.timecode import format_duration
from musicbot.domain.song import Song
from musicbot.domain.track import Track
from musicbot.entrypoints.formatting import song_label


class Markup(Protocol):
    def song(self, song: Song) -> str:
        """A song's title (on Discord, a link to its page)."""
        ...

    def song_line(self, song: Song) -> str:
        """A song's title, artist and length."""
        ...

    def track(self, track: Track) -> str:
        """A saved or picked track's title, artist and length (when known)."""
        ...

    def name(self, name: str) -> str:
        """A playlist's name inside a sentence."""
        ...

    def strong(self, text: str) -> str:
        """Words given weight: a playlist's title in a list, the title of a playlist loading."""
        ...

    def command(self, name: str) -> str:
        """How to write command `name` in this driver (`/add` on Discord, `add` at the console)."""
        ...

    def voice_channel(self, channel_id: int) -> str:
        """The voice channel the bot went to."""
        ...


def track_text(track: Track) -> str:
    who = f" — {track.artist}" if track.artist else ""
    length = f" ({format_duration(track.duration)})" if track.duration is not None else ""
    return f"{track.title}{who}{length}"


class PlainMarkup:
    """The console's: a terminal shows text as it is; it has one voice channel and no slash."""

    def song(self, song: Song) -> str:
        return song.track.title

    def song_line(self, song: Song) -> str:
        return song_label(song)

    def track(self, track: Track) -> str:
        return track_text(track)

    def name(self, name: str) -> str:
        return f"“{name}”"

    def strong(self, text: str) -> str:
        return text

    def command(self, name: str) -> str:
        return name

    def voice_channel(self, channel_id: int) -> str:
        return "the voice channel"


PLAIN = PlainMarkup()
