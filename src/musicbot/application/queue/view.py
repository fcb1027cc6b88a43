from dataclasses import dataclass

from musicbot.application.playback.now_playing import NowPlaying, now_playing_of
from musicbot.application.playback.registry import PlayerRegistry
from musicbot.domain.ids import GuildId
from musicbot.domain.song import Song
from musicbot.domain.tracklist import RepeatMode

DEFAULT_PAGE_SIZE = 10


@dataclass(frozen=True, slots=True, kw_only=True)
class QueueQuery:
    guild_id: GuildId
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE


@dataclass(frozen=True, slots=True, kw_only=True)
class QueueEntry:
    position: int
    song: Song


@dataclass(frozen=True, slots=True, kw_only=True)
class QueuePage:
    now_playing: NowPlaying | None
    entries: tuple[QueueEntry, ...]
    page: int
    pages: int
    total: int
    total_duration: float  # of the upcoming songs whose length is known
    repeat: RepeatMode


class ViewQueue:
    """A page of the queue; a page past the end shows the last one, and an absent player an empty queue."""

    def __init__(self, registry: PlayerRegistry) -> None:
        self._registry = registry

    async def execute(self, query: QueueQuery) -> QueuePage:
        size = max(query.page_size, 1)
        player = self._registry.find(query.guild_id)
        if player is None:
            return QueuePage(
                now_playing=None, entries=(), page=1, pages=1, total=0, total_duration=0.0, repeat=RepeatMode.OFF
            )
        upcoming = player.tracklist.upcoming
        pages = max((len(upcoming) + size - 1) // size, 1)
        page = min(max(query.page, 1), pages)
        first = (page - 1) * size
        entries = tuple(
            QueueEntry(position=first + i + 1, song=song) for i, song in enumerate(upcoming[first : first + size])
        )
        return QueuePage(
            now_playing=now_playing_of(player),
            entries=entries,
            page=page,
            pages=pages,
            total=len(upcoming),
            total_duration=sum(s.track.duration or 0.0 for s in upcoming),
            repeat=player.tracklist.repeat,
        )
