"""What both drivers say of the playback and queue commands (`m` renders the pieces: see `markup.py`)."""

from __future__ import annotations

from musicbot.application.guild.repeat import RepeatResult
from musicbot.application.guild.volume import VolumeResult
from musicbot.application.playback.common import CountResult, SongResult
from musicbot.application.playback.join import JoinResult
from musicbot.application.playback.leave import LeaveResult
from musicbot.application.playback.play import PlayResult
from musicbot.application.playback.seek import SeekResult
from musicbot.application.queue.load_playlist import LoadPlaylistResult
from musicbot.application.queue.view import QueuePage
from musicbot.application.support.timecode import format_duration
from musicbot.domain.song import Song
from musicbot.entrypoints.formatting import songs
from musicbot.entrypoints.wording.markup import Markup


def joined(result: JoinResult, m: Markup) -> str:
    where = m.voice_channel(result.channel_id)
    return f"Joined {where}." if result.moved else f"I'm already in {where}."


def left(result: LeaveResult) -> str:
    return f"👋 Left the voice channel; {songs(result.dropped)} dropped."


def played(result: PlayResult, m: Markup) -> str:
    if result.started:
        return f"▶ Playing {m.song_line(result.song)}"
    return f"Queued at #{result.position}: {m.song_line(result.song)}"


def loading(result: LoadPlaylistResult, m: Markup) -> str:
    where = "playing now" if result.position == 0 else f"from #{result.position}"
    return f"Loading {m.strong(result.title)}: {songs(result.progress.total)}, {where}."


def paused(result: SongResult, m: Markup) -> str:
    return f"⏸ Paused {m.song(result.song)}."


def resumed(result: SongResult, m: Markup) -> str:
    return f"▶ Resumed {m.song(result.song)}."


def skipped(song: Song, now_playing: Song | None, m: Markup, *, by: str = "") -> str:
    """`by`: who skipped at once, when it was not a vote ("its requester", "a DJ")."""
    why = f" by {by}" if by else ""
    after = f" Up now: {m.song_line(now_playing)}" if now_playing else " The queue is empty."
    return f"⏭ Skipped {m.song(song)}{why}.{after}"


def jumped_to(result: SongResult, m: Markup) -> str:
    return f"⏭ Jumped to {m.song_line(result.song)}"


def back_to(result: SongResult, m: Markup) -> str:
    return f"⏮ Back to {m.song_line(result.song)}"


def replaying(result: SongResult, m: Markup) -> str:
    return f"🔂 Replaying {m.song(result.song)} from the start."


def stopped(result: CountResult) -> str:
    return f"⏹ Stopped; {songs(result.count)} cleared."


def seeked(result: SeekResult, m: Markup) -> str:
    return f"⏩ Jumped to {format_duration(result.position)} in {m.song(result.song)}."


def volume_set(result: VolumeResult) -> str:
    return f"🔊 Volume set to {result.percent}%."


def repeat_set(result: RepeatResult) -> str:
    return f"🔁 Repeat is {result.mode}."


def shuffled(result: CountResult) -> str:
    return f"🔀 Shuffled {songs(result.count)}."


def removed(result: SongResult, m: Markup) -> str:
    return f"Removed {m.song_line(result.song)}"


def moved(result: SongResult, target: int, m: Markup) -> str:
    return f"Moved {m.song(result.song)} to #{target}."


def cleared(result: CountResult) -> str:
    return f"Cleared {songs(result.count)}."


def duplicates_removed(result: CountResult) -> str:
    return f"Removed {songs(result.count)} queued twice."


NOTHING_PLAYING = "Nothing is playing."


def queue_empty(m: Markup) -> str:
    return f"The queue is empty. Add songs with {m.command('play')}."


def queue_footer(page: QueuePage) -> str:
    """Under the queue's page: where the page is, how much is queued, the repeat mode."""
    return (
        f"Page {page.page}/{page.pages} · {songs(page.total)} · {format_duration(page.total_duration)}"
        f" · repeat {page.repeat}"
    )
