"""`Radio`: when it is on in a guild and the queue is about to run out, more songs like what was played come next.

Seeded by the guild's last plays (their artists, the genres their titles name) through the same candidates and
ranking as `Recommend`; never a song among the guild's last `radio_no_repeat` plays or radio picks. A guild's
state is freed when it turns radio off or leaves (`forget`, or found gone from the registry).
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter, deque
from dataclasses import dataclass, field

from musicbot.application.playback.preparation import SongPreparer
from musicbot.application.playback.registry import PlayerRegistry
from musicbot.application.recommendation.intent import MAX_COUNT, MAX_TERM_LENGTH, MusicIntent
from musicbot.application.recommendation.picker import SongPicker
from musicbot.application.recommendation.ports import Audience, ListeningHistory
from musicbot.application.recommendation.settings import RecommendationSettings
from musicbot.application.recommendation.songs import song_key
from musicbot.application.recommendation.text import INDEX, tokens
from musicbot.domain.ids import GuildId, UserId
from musicbot.domain.track import Track

log = logging.getLogger(__name__)

SEED_PLAYS = 20  # the last plays radio reads its taste from
SEED_ARTISTS = 3
MAX_FRUITLESS_TOP_UPS = 3  # batches queued in a row with no song starting (a source is down): stop trying


@dataclass(frozen=True, slots=True, kw_only=True)
class RadioCommand:
    guild_id: GuildId
    user_id: UserId
    on: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class RadioStatus:
    on: bool
    queued: tuple[Track, ...] = ()  # songs queued at once (the queue was empty)


@dataclass(slots=True)
class _Station:
    user_id: UserId  # who turned it on: radio's songs are queued in their name
    picked: deque[Track]
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    fruitless: int = 0  # top-ups since a song last started
    had_player: bool = False  # once the guild had one, its player going away means the guild left


class Radio:
    def __init__(
        self,
        *,
        picker: SongPicker,
        history: ListeningHistory,
        registry: PlayerRegistry,
        preparer: SongPreparer,
        settings: RecommendationSettings,
    ) -> None:
        self._picker = picker
        self._history = history
        self._registry = registry
        self._preparer = preparer
        self._batch = settings.radio_batch
        self._window = settings.radio_no_repeat
        self._stations: dict[GuildId, _Station] = {}

    def __len__(self) -> int:
        """Guilds with radio on."""
        return len(self._stations)

    def is_on(self, guild_id: GuildId) -> bool:
        return guild_id in self._stations

    async def execute(self, command: RadioCommand) -> RadioStatus:
        self._forget_departed()
        if not command.on:
            self.forget(command.guild_id)
            return RadioStatus(on=False)
        if command.guild_id not in self._stations:
            self._stations[command.guild_id] = _Station(command.user_id, deque(maxlen=self._window))
        return RadioStatus(on=True, queued=tuple(await self.top_up(command.guild_id)))

    def forget(self, guild_id: GuildId) -> None:
        self._stations.pop(guild_id, None)

    async def top_up(self, guild_id: GuildId) -> list[Track]:
        """Queue the next songs if radio is on and nothing would play after the current song; what was queued."""
        station = self._stations.get(guild_id)
        if station is None:
            return []
        player = self._registry.find(guild_id)
        if player is None or player.closed:
            if station.had_player:
                self.forget(guild_id)
            return []  # radio turned on before anything played waits for the first song
        station.had_player = True
        async with station.lock:  # a song start and the end of the queue may both ask at once
            if player.tracklist.peek_next() is not None or self._stations.get(guild_id) is not station:
                return []
            if station.fruitless >= MAX_FRUITLESS_TOP_UPS:
                log.warning("radio in guild %s stopped topping up: none of its last songs could play", guild_id)
                return []
            try:
                tracks = await self.next_tracks(guild_id, station)
            except Exception as error:  # the sources failing leaves the queue as it is, radio stays on
                log.warning("radio found nothing in guild %s: %s: %s", guild_id, type(error).__name__, error)
                return []
            tracks = tracks[: player.tracklist.room]
            if not tracks or player.closed:
                return []
            await player.enqueue_many([self._preparer.song_for(track, station.user_id) for track in tracks])
            station.picked.extend(tracks)
            station.fruitless += 1
            log.info("radio queued %d songs in guild %s", len(tracks), guild_id)
            return tracks

    async def next_tracks(self, guild_id: GuildId, station: _Station | None = None) -> list[Track]:
        station = station or self._stations.get(guild_id)
        plays = [record.track for record in await self._history.recent(guild_id, self._window)]
        intent = seed_intent(plays[:SEED_PLAYS], count=self._batch)
        picked = list(station.picked) if station else []
        return await self._picker.pick(
            intent, Audience(guild_id=guild_id), count=self._batch, recent=self._window, exclude=picked
        )

    def note_played(self, guild_id: GuildId, track: Track) -> None:
        """A song started in the guild (radio's or not): it counts towards what must not come back soon."""
        station = self._stations.get(guild_id)
        if station is not None:
            station.picked.append(track.without_stream())
            station.fruitless = 0

    def _forget_departed(self) -> None:
        for guild_id, station in list(self._stations.items()):
            if station.had_player and guild_id not in self._registry:
                self.forget(guild_id)


def seed_intent(plays: list[Track], *, count: int) -> MusicIntent:
    """What radio asks for, from recent plays (newest first): their main artists, the genres titles name."""
    artists: Counter[str] = Counter()
    genres: Counter[str] = Counter()
    for track in plays:
        key = song_key(track)
        if key.artist and len(key.artist) <= MAX_TERM_LENGTH:
            artists[key.artist] += 1
        artist_words = set(tokens(key.artist))
        matches, _ = INDEX.match([word for word in tokens(track.title) if word not in artist_words])
        genres.update({match.entry.name for match in matches if match.entry.kind == "genre" and match.exact})
    return MusicIntent(
        seed_artists=tuple(name for name, _ in artists.most_common(SEED_ARTISTS)),
        genres=tuple(name for name, _ in genres.most_common(2)),
        count=min(max(count, 1), MAX_COUNT),
    )
