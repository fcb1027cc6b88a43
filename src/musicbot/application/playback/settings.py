"""Limits a player works within, read from settings at the edge and passed in."""

from dataclasses import dataclass

from musicbot.domain.player_state import DEFAULT_VOLUME
from musicbot.domain.song import DEFAULT_MAX_ATTEMPTS
from musicbot.domain.tracklist import DEFAULT_HISTORY_SIZE, DEFAULT_MAX_SIZE


@dataclass(frozen=True, slots=True, kw_only=True)
class PlayerSettings:
    max_queue_size: int = DEFAULT_MAX_SIZE
    history_size: int = DEFAULT_HISTORY_SIZE
    max_song_attempts: int = DEFAULT_MAX_ATTEMPTS
    default_volume: int = DEFAULT_VOLUME
    max_query_length: int = 500
