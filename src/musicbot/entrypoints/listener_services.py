"""What listeners asked for next (audio filters, lyrics, ...), bundled for the drivers' constructors."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from musicbot import __version__
from musicbot.application.guild.audio_filter import SetAudioFilter
from musicbot.application.lyrics.find import FindLyrics
from musicbot.application.playback.back import BackSong
from musicbot.application.playback.replay import ReplaySong
from musicbot.application.queue.queue_tracks import QueueTracks
from musicbot.application.queue.search_request import SearchToQueue
from musicbot.application.queue.tidy import RemoveDuplicates, SetFairQueue
from musicbot.application.sources.search import SearchSongs

# LRCLIB asks its clients to say who they are.
USER_AGENT = f"musicbot/{__version__} (self-hosted Discord music bot; lyrics for the song playing)"


async def _nothing() -> None:
    return None


@dataclass(frozen=True, slots=True, kw_only=True)
class ListenerServices:
    audio_filter: SetAudioFilter
    lyrics: FindLyrics
    back: BackSong
    replay: ReplaySong
    remove_duplicates: RemoveDuplicates
    fair_queue: SetFairQueue
    search: SearchSongs
    search_to_queue: SearchToQueue  # /search: the caller must be able to queue a pick
    queue_tracks: QueueTracks  # a search result chosen
    # Run once at shutdown: closes the lyrics service's HTTP client.
    aclose: Callable[[], Awaitable[None]] = _nothing
