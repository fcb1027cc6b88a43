from __future__ import annotations

from datetime import UTC, datetime

from musicbot.application.playback.now_playing import NowPlaying
from musicbot.domain.ids import UserId
from musicbot.domain.player_state import PlayerStatus
from musicbot.domain.song import Song
from musicbot.domain.track import SourceKind, Track
from musicbot.domain.tracklist import RepeatMode
from musicbot.entrypoints.formatting import now_playing_text, playlists, progress_bar, song_label


def _song(duration: float | None = 190.0) -> Song:
    track = Track(title="Song", artist="Band", duration=duration, page_url="http://x/s", source=SourceKind.HTTP)
    return Song(track=track, requester=UserId(1), requested_at=datetime(2026, 1, 1, tzinfo=UTC))


def test_progress_bar_marks_the_position():
    assert progress_bar(0.0, width=5) == "●────"
    assert progress_bar(0.5, width=5) == "━━●──"
    assert progress_bar(1.0, width=5) == "━━━━●"
    assert progress_bar(7.0, width=5) == "━━━━●"
    assert progress_bar(None, width=5).endswith("(live)")


def test_song_label_and_now_playing():
    song = _song()
    assert song_label(song) == "Song — Band (3:10)"
    view = NowPlaying(
        song=song, elapsed=95, duration=190, status=PlayerStatus.PAUSED, volume=80, repeat=RepeatMode.QUEUE
    )
    text = now_playing_text(view)
    assert text.startswith("⏸ Song — Band (3:10)")
    assert "1:35 / 3:10" in text and "volume 80%" in text and "repeat queue" in text


def test_playlists_are_counted_in_words() -> None:
    assert [playlists(n) for n in (0, 1, 2)] == ["0 playlists", "1 playlist", "2 playlists"]
