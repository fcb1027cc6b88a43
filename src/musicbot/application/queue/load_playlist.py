"""Load a whole playlist: the first song plays at once, the rest is queued in the background with progress.

Entries come from a flat listing (titles, no streams) and are resolved lazily, each just before it plays
(the player prefetches the next one), so a 1,000-song playlist is queued in moments and costs one extraction
per song actually heard.
"""

from __future__ import annotations

import asyncio
import itertools
from dataclasses import dataclass, replace

from musicbot.application.errors import InvalidQuery, NoResults, NoVoiceChannel, PlayerClosed
from musicbot.application.playback.events import BatchProgress, BatchProgressed
from musicbot.application.playback.player import GuildPlayer
from musicbot.application.playback.preparation import SongPreparer
from musicbot.application.playback.registry import PlayerRegistry
from musicbot.application.playback.voice_rules import Accepted, Caller, Permission, VoiceRules, proceed
from musicbot.application.source_ports import PlaylistLister
from musicbot.application.support.clock import Clock
from musicbot.application.support.messagebus import MessageBus
from musicbot.application.support.processing.pool import Priority, ProcessingPool
from musicbot.application.support.requests import clean_request
from musicbot.domain.errors import QueueFull
from musicbot.domain.ids import GuildId
from musicbot.domain.song import Song

_batch_ids = itertools.count(1)
PROGRESS_EVERY = 1.0  # seconds between progress reports while a batch loads


@dataclass(frozen=True, slots=True, kw_only=True)
class LoadPlaylistCommand:
    guild_id: GuildId
    caller: Caller  # who asks (the requester): the use-case applies the voice rules to them, and joins their
    # voice channel when the bot is not connected yet
    url: str


@dataclass(frozen=True, slots=True, kw_only=True)
class LoadPlaylistResult:
    title: str
    first: Song
    position: int  # of the first song; 0 when it started at once
    progress: BatchProgress


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchLimits:
    max_entries: int = 1000
    chunk_size: int = 100
    max_query_length: int = 500


class LoadPlaylist:
    def __init__(
        self,
        *,
        registry: PlayerRegistry,
        preparer: SongPreparer,
        lister: PlaylistLister,
        pool: ProcessingPool,
        bus: MessageBus,
        clock: Clock,
        limits: BatchLimits,
    ) -> None:
        self._registry = registry
        self._rules = VoiceRules(registry)
        self._preparer = preparer
        self._lister = lister
        self._pool = pool
        self._bus = bus
        self._clock = clock
        self._limits = limits

    async def execute(self, command: LoadPlaylistCommand, *, accepted: Accepted = proceed) -> LoadPlaylistResult:
        self._rules.authorize(Permission.REQUEST, command.guild_id, command.caller)
        await accepted()
        url = clean_request(command.url, max_length=self._limits.max_query_length, missing="give me a playlist link")
        existing = self._registry.find(command.guild_id)
        if existing is None and command.caller.voice_channel_id is None:
            raise NoVoiceChannel
        limit = self._limits.max_entries
        listing = await self._pool.run(
            command.guild_id, Priority.NOW, lambda: self._lister.list_entries(url, limit=limit)
        )
        if listing is None:
            raise InvalidQuery("that link is one song, not a playlist: use play for it")
        if not listing.entries:
            raise NoResults(url)
        player = await self._player(command, existing)
        songs = [self._preparer.song_for(entry, command.caller.user_id) for entry in listing.entries]
        room = player.tracklist.room
        if room < 1:
            raise QueueFull(player.tracklist.max_size)
        wanted, overflow = songs[:room], len(songs) - room if len(songs) > room else 0
        first_chunk, rest = wanted[: self._limits.chunk_size], wanted[self._limits.chunk_size :]
        position = await player.enqueue_many(first_chunk)
        note = listing.note or (f"the queue had room for {room}" if overflow else None)
        progress = BatchProgress(
            batch_id=next(_batch_ids),
            title=listing.title,
            total=len(wanted),
            queued=len(first_chunk),
            skipped=listing.skipped + overflow,
            done=not rest,
            note=note,
        )
        await self._bus.handle(BatchProgressed(command.guild_id, progress))
        if rest:
            player.run_in_background(self._queue_rest(player, rest, progress))
        return LoadPlaylistResult(title=listing.title, first=first_chunk[0], position=position, progress=progress)

    async def _player(self, command: LoadPlaylistCommand, existing: GuildPlayer | None) -> GuildPlayer:
        if existing is not None and not existing.closed:
            return existing
        channel_id = command.caller.voice_channel_id
        if channel_id is None:
            raise PlayerClosed
        player, _ = await self._registry.join(command.guild_id, channel_id)
        return player

    async def _queue_rest(self, player: GuildPlayer, rest: list[Song], progress: BatchProgress) -> None:
        last_report = self._clock.now()
        try:
            for start in range(0, len(rest), self._limits.chunk_size):
                chunk = rest[start : start + self._limits.chunk_size][: player.tracklist.room]
                if not chunk:  # the queue filled up meanwhile
                    progress = replace(progress, skipped=progress.skipped + len(rest) - start)
                    break
                try:
                    await player.enqueue_many(chunk)
                except QueueFull:  # someone else filled it between our look and our add
                    progress = replace(progress, skipped=progress.skipped + len(rest) - start)
                    break
                progress = replace(progress, queued=progress.queued + len(chunk))
                await asyncio.sleep(0)  # commands of this and other guilds go between chunks
                now = self._clock.now()
                if (now - last_report).total_seconds() >= PROGRESS_EVERY:
                    last_report = now
                    await self._bus.handle(BatchProgressed(player.guild_id, progress))
        except BaseException:
            await self._bus.handle(BatchProgressed(player.guild_id, replace(progress, cancelled=True)))
            raise
        await self._bus.handle(BatchProgressed(player.guild_id, replace(progress, done=True)))
