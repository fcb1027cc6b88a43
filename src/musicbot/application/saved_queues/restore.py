"""A saved queue made live again: fresh songs (nothing resolved yet) in a tracklist, and where to resume."""

from __future__ import annotations

from dataclasses import dataclass

from musicbot.application.playback.settings import PlayerSettings
from musicbot.application.saved_queues.snapshot import QueueSnapshot
from musicbot.domain.ids import ChannelId, GuildId
from musicbot.domain.player_state import Volume
from musicbot.domain.song import Song
from musicbot.domain.tracklist import Tracklist


@dataclass(frozen=True, slots=True, kw_only=True)
class RestoredQueue:
    guild_id: GuildId
    voice_channel_id: ChannelId
    text_channel_id: ChannelId | None
    tracklist: Tracklist  # its current song is the one to resume (None: only upcoming songs were saved)
    volume: Volume
    start_at: float  # seconds into the current song
    paused: bool
    dropped: int  # songs the queue had no room for (its limit was lowered since)


def restore_queue(snapshot: QueueSnapshot, *, settings: PlayerSettings) -> RestoredQueue:
    """Songs are rebuilt PENDING with their first requesters and times: each is resolved again when it plays."""
    tracklist = Tracklist(max_size=settings.max_queue_size, history_size=settings.history_size, repeat=snapshot.repeat)
    saved = snapshot.songs
    kept = saved[: settings.max_queue_size]
    songs = [
        Song(
            track=entry.track,
            requester=entry.requester,
            requested_at=entry.requested_at,
            max_attempts=settings.max_song_attempts,
        )
        for entry in kept
    ]
    if songs:
        tracklist.add_many(songs)
    if snapshot.current is not None:
        tracklist.skip()  # the first song becomes the current one (nothing plays yet: no repeat mode applies)
    current = tracklist.current
    duration = current.track.duration if current is not None else None
    start_at = snapshot.position if duration is not None and snapshot.position < duration else 0.0
    return RestoredQueue(
        guild_id=snapshot.guild_id,
        voice_channel_id=snapshot.voice_channel_id,
        text_channel_id=snapshot.text_channel_id,
        tracklist=tracklist,
        volume=Volume(snapshot.volume),
        start_at=start_at,
        paused=snapshot.paused,
        dropped=len(saved) - len(kept),
    )
