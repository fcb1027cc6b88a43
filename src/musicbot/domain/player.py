"""A guild's player as the domain sees it: its queue, its state, its volume, repeat and filter, and the rules
of playing them, with no I/O. It records what happened (`domain/events.py`) in `events`; the application
session around it (`application/playback/player.py`) does the audio, the locking and the waiting, collects the
events after each command and hands them to the message bus (cosmicpython's `Product.events`).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime

from musicbot.domain.audio_filter import NO_FILTER, AudioFilter
from musicbot.domain.errors import AlreadyPaused, InvalidSeek, NothingPlaying, NotPaused
from musicbot.domain.events import (
    PlayerPaused,
    PlayerResumed,
    QueueChanged,
    QueueEnded,
    SongFailed,
    SongStarted,
)
from musicbot.domain.ids import ChannelId, GuildId
from musicbot.domain.player_state import PlayerState, PlayerStatus, Volume
from musicbot.domain.queue_snapshot import QueuedTrack, QueueSnapshot
from musicbot.domain.song import Song, SongState
from musicbot.domain.tracklist import RepeatMode, Tracklist


@dataclass(frozen=True, slots=True)
class TrackEnd:
    """How a playback ended: `error` None when the stream ran out."""

    error: str | None
    position: float | None = None  # seconds into the song of the audio sent, when the output can tell
    stalled: bool = False  # the source sent nothing in time


class Player:
    def __init__(self, guild_id: GuildId, tracklist: Tracklist, state: PlayerState) -> None:
        self.guild_id = guild_id
        self.tracklist = tracklist
        self.state = state
        self.audio_filter: AudioFilter = NO_FILTER
        self.events: list[object] = []  # recorded as things happen; the application collects them

    @classmethod
    def new(cls, guild_id: GuildId, *, max_size: int, history_size: int, volume: Volume) -> Player:
        return cls(guild_id, Tracklist(max_size=max_size, history_size=history_size), PlayerState(volume))

    @classmethod
    def from_snapshot(
        cls, snapshot: QueueSnapshot, *, max_size: int, history_size: int, max_song_attempts: int
    ) -> Player:
        """A player holding a saved queue and playing nothing yet: its songs fresh (each is resolved again when
        it plays), its current one waiting where it was saved (from the start when that is past its end),
        paused when it was. Songs beyond `max_size` are left out (the limit was lowered since)."""
        tracklist = Tracklist(max_size=max_size, history_size=history_size, repeat=snapshot.repeat)
        songs = [entry.to_song(max_attempts=max_song_attempts) for entry in snapshot.songs[:max_size]]
        if songs:
            tracklist.add_many(songs)
        if snapshot.current is not None:
            tracklist.skip()  # the first song becomes the current one (nothing plays yet: no repeat mode applies)
        current = tracklist.current
        duration = current.track.duration if current is not None else None
        at = snapshot.position if duration is not None and snapshot.position < duration else 0.0
        state = PlayerState.waiting(Volume(snapshot.volume), at=at, paused=snapshot.paused and current is not None)
        return cls(snapshot.guild_id, tracklist, state)

    def to_snapshot(
        self,
        *,
        voice_channel_id: ChannelId,
        saved_at: datetime,
        text_channel_id: ChannelId | None = None,
        position: float | None = None,
    ) -> QueueSnapshot:
        """The queue as it is saved. `position`: as far as the audio sent got, when the output can tell (else
        the player's clock at `saved_at`)."""
        current = self.tracklist.current
        held = self.state.elapsed(saved_at) if position is None else position
        at = 0.0 if current is None else max(held, 0.0)
        return QueueSnapshot(
            guild_id=self.guild_id,
            voice_channel_id=voice_channel_id,
            text_channel_id=text_channel_id,
            current=QueuedTrack.of(current) if current is not None else None,
            position=at,
            paused=self.state.status is PlayerStatus.PAUSED,
            upcoming=tuple(QueuedTrack.of(song) for song in self.tracklist.upcoming),
            repeat=self.tracklist.repeat,
            volume=self.state.volume.percent,
            saved_at=saved_at,
        )

    @property
    def current(self) -> Song | None:
        return self.tracklist.current

    def collect_events(self) -> list[object]:
        events, self.events = self.events, []
        return events

    def changed(self) -> None:
        """Something a saved queue holds changed (one `QueueChanged` a command is enough)."""
        if QueueChanged(self.guild_id) not in self.events:
            self.events.append(QueueChanged(self.guild_id))

    # --- guards: raise before anything is sent to the output ----------------------------------------------
    def require_current(self) -> Song:
        if self.tracklist.current is None:
            raise NothingPlaying
        return self.tracklist.current

    def check_pause(self) -> Song:
        song = self.require_current()
        if self.state.status is PlayerStatus.PAUSED:
            raise AlreadyPaused
        return song

    def check_resume(self) -> Song:
        song = self.require_current()
        if self.state.status is not PlayerStatus.PAUSED:
            raise NotPaused
        return song

    def check_seek(self, position: float) -> Song:
        song = self.require_current()
        duration = song.track.duration
        if duration is None:
            raise InvalidSeek("a live stream cannot be sought")
        if not 0 <= position < duration:
            raise InvalidSeek(f"the song is {duration:.0f} s long; pick a position inside it")
        return song

    # --- what the output did ------------------------------------------------------------------------------
    def paused(self, now: datetime) -> None:
        self.state.pause(now)
        self.events.append(PlayerPaused(self.guild_id))
        self.changed()

    def resumed(self, now: datetime) -> None:
        self.state.resume(now)
        self.events.append(PlayerResumed(self.guild_id))
        self.changed()

    def started(self, song: Song, now: datetime, *, start_at: float = 0.0, announce: bool = True) -> None:
        """`song` plays from `start_at`; `announce`: a new song (not the same one restarted)."""
        self.state.start(now, start_at)
        if announce:
            self.events.append(SongStarted(self.guild_id, song))

    def halted(self) -> None:
        self.state.stop()

    def ran_out(self) -> None:
        """Nothing is left to play (the output was halted)."""
        self.events.append(QueueEnded(self.guild_id))

    def failed(self, song: Song, reason: str, now: datetime) -> None:
        """`song` cannot be played: said, and dropped from the queue when it is the current one."""
        if song.state is not SongState.FAILED:
            song.mark_failed(reason, now)
        self.events.append(SongFailed(self.guild_id, song, reason))
        if song is self.tracklist.current:
            self.tracklist.drop_current()

    def connection_lost(self, song: Song, reason: str) -> None:
        """Nothing can play for now, and nothing is lost: the song waits at the head of the queue."""
        self.tracklist.requeue_current()
        self.events.append(SongFailed(self.guild_id, song, reason))

    def track_ended(self, song: Song, end: TrackEnd, now: datetime) -> float | None:
        """The broken-stream policy. Returns where to play `song` again from (its stream broke, it may be
        resolved again); None: go on with what is current now (the next song, or none)."""
        if end.error is None:
            self.tracklist.advance()
            return None
        # Where the audio sent got: a stream that broke before its first packet starts again where it started.
        position = self.state.elapsed(now) if end.position is None else end.position
        if song.state is SongState.READY:
            song.mark_failed(end.error, now)
        if song.can_retry and not end.stalled:  # a source that sent nothing would most likely do it again
            return position
        self.failed(song, end.error, now)
        return None

    # --- settings and queue edits -------------------------------------------------------------------------
    def set_volume(self, volume: Volume) -> None:
        self.state.volume = volume
        self.changed()

    def set_filter(self, audio_filter: AudioFilter, now: datetime) -> None:
        """Heard from the current position on (the position then advances at the filter's tempo)."""
        self.audio_filter = audio_filter
        self.state.set_rate(now, audio_filter.tempo)
        self.changed()

    def set_repeat(self, mode: RepeatMode) -> RepeatMode:
        self.tracklist.repeat = mode
        self.changed()
        return mode

    def shuffle(self, rng: random.Random) -> int:
        self.tracklist.shuffle(rng)
        self.changed()
        return len(self.tracklist.upcoming)

    def take_up(self, saved: Player) -> None:
        """A queue saved before a restart (`from_snapshot`) replaces the empty one: its songs, repeat mode and
        volume (the guild's fair-queue setting stays). Where and how to start it is the caller's part."""
        if saved.guild_id != self.guild_id:
            raise ValueError("a saved queue is restored into its own guild's player only")
        if len(self.tracklist):
            raise ValueError("a saved queue is restored into an empty player only")
        saved.tracklist.fair = self.tracklist.fair
        self.tracklist = saved.tracklist
        self.state.volume = saved.state.volume
        self.changed()
