"""Replies both drivers give for the listeners' commands (the same words on Discord and at the console)."""

from __future__ import annotations

from musicbot.application.lyrics.find import LyricsResult
from musicbot.application.queue.tidy import FairQueueResult
from musicbot.application.support.timecode import format_duration
from musicbot.domain.audio_filter import AudioFilter
from musicbot.domain.track import Track


def filter_text(audio_filter: AudioFilter) -> str:
    if audio_filter.is_off:
        return "🎛 Filters off: the music plays as it is."
    return f"🎛 Filter: {audio_filter.label} (from where the song is; kept for this server's next songs)."


def lyrics_heading(result: LyricsResult) -> str:
    lyrics = result.lyrics
    if lyrics is None:
        return f"I found no lyrics for “{result.asked}”."
    who = f"{lyrics.artist} – {lyrics.title}" if lyrics.artist else lyrics.title
    if lyrics.instrumental and not lyrics.text:
        return f"“{who}” is instrumental: no words to show."
    return f"Lyrics: {who}"


def lyrics_plain(result: LyricsResult) -> str:
    """The console's answer: the heading and every line."""
    heading = lyrics_heading(result)
    lyrics = result.lyrics
    if lyrics is None or not lyrics.text:
        return heading
    return f"{heading}\n\n{lyrics.text}"


def track_label(track: Track) -> str:
    """A search result as a line: title – artist (length)."""
    by = f" – {track.artist}" if track.artist else ""
    return f"{track.title}{by} ({format_duration(track.duration)})"


def fair_text(result: FairQueueResult) -> str:
    if not result.on:
        return "Fair queue off: songs play in the order they were asked for."
    people = "person" if result.requesters == 1 else "people"
    now = f" ({result.requesters} {people} now)" if result.requesters else ""
    return f"⚖ Fair queue on: songs take turns by who asked for them{now}."
