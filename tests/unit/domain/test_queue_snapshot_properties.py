"""`Player.to_snapshot` and `Player.from_snapshot`: a saved queue comes back as it was saved, for players built
by random plays, skips, pauses, volumes, repeat modes and filters; what cannot come back (an expired stream, a
position past the song's end, songs over a lowered limit) is dropped the documented way."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from musicbot.domain.audio_filter import AudioFilter, FilterPreset
from musicbot.domain.ids import ChannelId, GuildId, UserId
from musicbot.domain.player import Player
from musicbot.domain.player_state import MAX_VOLUME, PlayerStatus, Volume
from musicbot.domain.queue_snapshot import QueuedTrack, QueueSnapshot
from musicbot.domain.song import Song, SongState
from musicbot.domain.tracklist import RepeatMode
from tests.unit.domain.builders import T0, at, make_song, playable_track

GUILD = GuildId(5)
VOICE, TEXT = ChannelId(50), ChannelId(51)
MAX_SIZE, HISTORY = 6, 3


def restore(snapshot: QueueSnapshot, *, max_size: int = MAX_SIZE, attempts: int = 2) -> Player:
    return Player.from_snapshot(snapshot, max_size=max_size, history_size=HISTORY, max_song_attempts=attempts)


def save(player: Player, seconds: float, position: float | None = None) -> QueueSnapshot:
    return player.to_snapshot(voice_channel_id=VOICE, text_channel_id=TEXT, saved_at=at(seconds), position=position)


def facts(player: Player) -> tuple[object, ...]:
    """What a saved queue promises to bring back: the songs (track without stream, requester, time), the repeat
    mode, the volume, whether it is paused and where the current song waits."""

    def song(s: Song) -> tuple[object, ...]:
        return (s.track.without_stream(), s.requester, s.requested_at)

    current = player.current
    return (
        player.guild_id,
        None if current is None else song(current),
        tuple(song(s) for s in player.tracklist.upcoming),
        player.tracklist.repeat,
        player.state.volume,
        player.state.status is PlayerStatus.PAUSED,
    )


@st.composite
def players(draw: st.DrawFn) -> tuple[Player, float]:
    """A player that has played a while: (the player, the seconds on the clock when it is saved)."""
    player = Player.new(GUILD, max_size=MAX_SIZE, history_size=HISTORY, volume=Volume(draw(st.integers(0, MAX_VOLUME))))
    count = draw(st.integers(0, MAX_SIZE))
    for n in range(count):
        duration = draw(st.none() | st.floats(1.0, 600.0))
        track = replace(playable_track(f"song {n}"), duration=duration)
        requester = UserId(draw(st.integers(1, 4)))
        player.tracklist.add(make_song(f"song {n}", track=track, requester=requester, requested_at=at(n)))
    player.set_repeat(draw(st.sampled_from(RepeatMode)))
    clock = float(count)
    for _ in range(draw(st.integers(0, count))):  # songs heard, skipped or playing now
        song = player.tracklist.skip()
        if song is None:
            break
        if song.state is SongState.PENDING:  # resolved (a repeated song is already)
            song.start_processing(at(clock))
            song.mark_ready(song.track, at(clock))
        player.started(song, at(clock), start_at=draw(st.floats(0.0, 30.0)))
        clock += draw(st.floats(0.0, 120.0))
        if draw(st.booleans()):
            player.set_filter(AudioFilter(FilterPreset.NIGHTCORE), at(clock))
            clock += draw(st.floats(0.0, 60.0))
    if player.current is not None and draw(st.booleans()):
        player.paused(at(clock))
        clock += draw(st.floats(0.0, 600.0))
    return player, clock


@given(players())
def test_a_saved_queue_comes_back_as_it_was_saved(built: tuple[Player, float]) -> None:
    player, now = built
    snapshot = save(player, now)

    restored = restore(snapshot)

    assert facts(restored) == facts(player)
    assert all(s.state is SongState.PENDING and s.attempts == 0 for s in restored.tracklist.upcoming)
    current = restored.current
    if current is None:
        assert restored.state.held == 0.0 and snapshot.position == 0.0
        return
    assert current.state is SongState.PENDING and current.max_attempts == 2
    position = player.state.elapsed(at(now))
    duration = current.track.duration
    # Where it waits: where it was, unless it cannot be sought (live) or the clock ran past its end.
    expected = position if duration is not None and position < duration else 0.0
    assert restored.state.held == pytest.approx(expected)
    assert restored.state.status is (PlayerStatus.PAUSED if snapshot.paused else PlayerStatus.IDLE)


@given(players())
def test_saving_a_restored_queue_gives_the_same_snapshot(built: tuple[Player, float]) -> None:
    player, now = built
    first = save(player, now)
    again = save(restore(first), now + 1)  # a restored player plays nothing yet: its clock stands

    expected = first
    if first.current is not None:
        duration = first.current.track.duration
        if duration is None or first.position >= duration:
            expected = replace(first, position=0.0)
    assert again == replace(expected, saved_at=at(now + 1))


@given(players())
def test_a_snapshot_keeps_no_stream_and_the_position_the_output_reported(built: tuple[Player, float]) -> None:
    player, now = built
    snapshot = save(player, now, position=12.5)

    assert all(s.track.stream_url is None and not s.track.http_headers for s in snapshot.songs)
    assert snapshot.position == (12.5 if player.current is not None else 0.0)
    assert (snapshot.guild_id, snapshot.voice_channel_id, snapshot.text_channel_id) == (GUILD, VOICE, TEXT)
    assert len(snapshot.songs) == len(player.tracklist)


def test_songs_over_a_lowered_limit_are_left_out_from_the_end() -> None:
    songs = tuple(
        QueuedTrack(track=replace(playable_track(f"s{n}"), duration=100.0), requester=UserId(1), requested_at=T0)
        for n in range(5)
    )
    snapshot = QueueSnapshot(
        guild_id=GUILD, voice_channel_id=VOICE, current=songs[0], upcoming=songs[1:], position=50.0, saved_at=T0
    )

    restored = restore(snapshot, max_size=3)

    assert restored.current is not None and restored.current.track.title == "s0"
    assert [s.track.title for s in restored.tracklist.upcoming] == ["s1", "s2"]
    assert restored.state.held == 50.0


def test_a_queue_saved_with_nothing_playing_comes_back_with_nothing_current_and_not_paused() -> None:
    song = QueuedTrack(track=playable_track("later"), requester=UserId(1), requested_at=T0)
    snapshot = QueueSnapshot(
        guild_id=GUILD, voice_channel_id=VOICE, upcoming=(song,), paused=True, position=0.0, saved_at=T0
    )

    restored = restore(snapshot)

    assert restored.current is None and len(restored.tracklist.upcoming) == 1
    assert restored.state.status is PlayerStatus.IDLE


def test_a_restored_queue_is_taken_up_by_its_own_guild_only() -> None:
    song = QueuedTrack(track=playable_track("a"), requester=UserId(1), requested_at=T0)
    saved = restore(QueueSnapshot(guild_id=GUILD, voice_channel_id=VOICE, current=song, saved_at=T0))
    other = Player.new(GuildId(6), max_size=MAX_SIZE, history_size=HISTORY, volume=Volume())

    with pytest.raises(ValueError, match="own guild"):
        other.take_up(saved)

    mine = Player.new(GUILD, max_size=MAX_SIZE, history_size=HISTORY, volume=Volume(100))
    mine.tracklist.fair = True
    saved.set_volume(Volume(30))
    mine.take_up(saved)
    assert (mine.current, mine.state.volume, mine.tracklist.fair) == (saved.current, Volume(30), True)
    assert mine.state.status is PlayerStatus.IDLE  # where and how to start it is the session's part


def test_the_position_of_a_running_clock_is_read_at_the_saving_time() -> None:
    song = make_song("a", track=replace(playable_track("a"), duration=300.0))
    player = Player.new(GUILD, max_size=MAX_SIZE, history_size=HISTORY, volume=Volume())
    player.tracklist.add(song)
    player.tracklist.skip()
    player.started(song, T0, start_at=10.0)

    snapshot = player.to_snapshot(voice_channel_id=VOICE, saved_at=T0 + timedelta(seconds=25))

    assert (snapshot.position, snapshot.paused, snapshot.text_channel_id) == (35.0, False, None)
