"""Text pieces shared by every presenter: song labels, progress bars."""

from __future__ import annotations

from musicbot.application.playback.now_playing import NowPlaying
from musicbot.application.support.timecode import format_duration
from musicbot.domain.song import Song


def song_label(song: Song) -> str:
    track = song.track
    who = f" — {track.artist}" if track.artist else ""
    return f"{track.title}{who} ({format_duration(track.duration)})"


def progress_bar(progress: float | None, width: int = 24) -> str:
    """`━━━━●────` for a known length; a live stream has no end to measure against."""
    if progress is None:
        return "●" + "─" * (width - 1) + " (live)"
    done = min(max(round(progress * (width - 1)), 0), width - 1)
    return "━" * done + "●" + "─" * (width - 1 - done)


def now_playing_text(view: NowPlaying) -> str:
    state = "⏸" if view.status == "paused" else "▶"
    timing = f"{format_duration(view.elapsed)} / {format_duration(view.duration)}"
    return (
        f"{state} {song_label(view.song)}\n"
        f"  {progress_bar(view.progress)} {timing}   volume {view.volume}% · repeat {view.repeat}"
    )


def songs(count: int) -> str:
    """`1 song`, `3 songs`."""
    return f"{count} song" if count == 1 else f"{count} songs"


def playlists(count: int) -> str:
    """`1 playlist`, `3 playlists`."""
    return f"{count} playlist" if count == 1 else f"{count} playlists"
