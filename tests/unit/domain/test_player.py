"""The domain `Player`: its rules raise before anything changes, and what happened is recorded as events that
the application collects once a command is done."""

from __future__ import annotations

from dataclasses import replace

import pytest

from musicbot.domain.errors import AlreadyPaused, InvalidSeek, NothingPlaying, NotPaused
from musicbot.domain.events import PlayerPaused, QueueChanged, QueueEnded, SongFailed, SongStarted
from musicbot.domain.ids import GuildId
from musicbot.domain.player import Player, TrackEnd
from musicbot.domain.player_state import PlayerState, PlayerStatus, Volume
from musicbot.domain.song import Song, SongState
from tests.unit.domain.builders import at, make_song, playable_track

GUILD = GuildId(1)


def ready(title: str, *, duration: float | None = 200.0, attempts: int = 3) -> Song:
    track = replace(playable_track(title), duration=duration)
    song = make_song(title, track=track, max_attempts=attempts)
    song.start_processing(at(0))
    song.mark_ready(track, at(0))
    return song


def playing(*songs: Song) -> Player:
    player = Player.new(GUILD, max_size=10, history_size=5, volume=Volume(100))
    for song in songs:
        player.tracklist.add(song)
    player.tracklist.skip()
    player.started(songs[0], at(0))
    player.collect_events()
    return player


def test_nothing_playing_refuses_pause_seek_and_resume_and_records_nothing() -> None:
    player = Player.new(GUILD, max_size=10, history_size=5, volume=Volume(100))
    for check in (player.check_pause, player.check_resume, lambda: player.check_seek(1)):
        with pytest.raises(NothingPlaying):
            check()
    assert player.collect_events() == []


def test_pause_guards_follow_the_state() -> None:
    player = playing(ready("a"))
    with pytest.raises(NotPaused):
        player.check_resume()
    player.check_pause()
    player.paused(at(10))
    with pytest.raises(AlreadyPaused):
        player.check_pause()
    assert player.state.status is PlayerStatus.PAUSED
    assert player.collect_events() == [PlayerPaused(GUILD), QueueChanged(GUILD)]
    assert player.collect_events() == []  # collected once


@pytest.mark.parametrize("position", [-1.0, 200.0, 250.0])
def test_a_seek_stays_inside_the_song(position: float) -> None:
    player = playing(ready("a"))
    with pytest.raises(InvalidSeek, match="200 s long"):
        player.check_seek(position)
    assert player.check_seek(199.0).track.title == "a"


def test_a_live_stream_cannot_be_sought() -> None:
    player = playing(ready("live", duration=None))
    with pytest.raises(InvalidSeek, match="live stream"):
        player.check_seek(10)


def test_a_broken_stream_is_played_again_from_where_the_audio_got() -> None:
    a = ready("a")
    player = playing(a, ready("b"))
    assert player.track_ended(a, TrackEnd("HTTP 403", position=42.0), at(50)) == 42.0
    assert player.current is a and a.state is SongState.FAILED and a.can_retry
    assert player.collect_events() == []  # nothing to tell: it goes on


def test_a_stalled_or_worn_out_stream_fails_and_the_next_song_comes() -> None:
    a, b = ready("a"), ready("b")
    player = playing(a, b)
    assert player.track_ended(a, TrackEnd("nothing sent", stalled=True), at(5)) is None
    assert player.current is b
    assert player.collect_events() == [SongFailed(GUILD, a, "nothing sent")]


def test_the_end_of_a_song_moves_on_and_running_out_is_recorded() -> None:
    a = ready("a")
    player = playing(a)
    assert player.track_ended(a, TrackEnd(None), at(200)) is None
    assert player.current is None
    player.halted()
    player.ran_out()
    assert player.collect_events() == [QueueEnded(GUILD)]


def test_a_new_song_is_announced_a_restarted_one_is_not() -> None:
    a = ready("a")
    player = playing(a)
    player.started(a, at(1), start_at=30.0, announce=False)
    assert player.collect_events() == []
    player.started(a, at(2))
    assert player.collect_events() == [SongStarted(GUILD, a)]


def test_a_saved_queue_is_taken_up_by_an_empty_player_only() -> None:
    player = playing(ready("a"))
    with pytest.raises(ValueError, match="empty player"):
        player.take_up(Player(GUILD, player.tracklist, PlayerState(Volume(50))))
