"""A guild's queue: the current song, what comes next, and what was heard.

Positions given to and taken from users are 1-based over the upcoming songs: position 1 is the next song.
"""

from __future__ import annotations

import enum
import random
from collections import deque
from collections.abc import Iterable

from musicbot.domain.errors import InvalidPosition, NothingBefore, QueueFull
from musicbot.domain.song import Song, SongState

DEFAULT_MAX_SIZE = 1000
DEFAULT_HISTORY_SIZE = 50


class RepeatMode(enum.StrEnum):
    OFF = "off"
    TRACK = "track"
    QUEUE = "queue"


class Tracklist:
    def __init__(
        self,
        *,
        max_size: int = DEFAULT_MAX_SIZE,
        history_size: int = DEFAULT_HISTORY_SIZE,
        repeat: RepeatMode = RepeatMode.OFF,
    ) -> None:
        if max_size < 1:
            raise ValueError("max_size must be at least 1")
        self.max_size = max_size
        self.repeat = repeat
        # Fair queue: songs added at the end take turns by requester (see `fair_order`).
        self.fair = False
        self.current: Song | None = None
        self._upcoming: list[Song] = []
        self._history: deque[Song] = deque(maxlen=max(history_size, 0))

    # --- views -----------------------------------------------------------------------------------------
    @property
    def upcoming(self) -> tuple[Song, ...]:
        return tuple(self._upcoming)

    @property
    def history(self) -> tuple[Song, ...]:
        """Songs that were heard (or failed), oldest first."""
        return tuple(self._history)

    def __len__(self) -> int:
        """Songs held now: the current one and the upcoming ones."""
        return len(self._upcoming) + (1 if self.current is not None else 0)

    @property
    def room(self) -> int:
        return self.max_size - len(self)

    def peek_next(self) -> Song | None:
        """The song that a natural end of the current one would start."""
        if self.repeat is RepeatMode.TRACK and self.current is not None:
            return self.current
        if self._upcoming:
            return self._upcoming[0]
        if self.repeat is RepeatMode.QUEUE:
            return self.current
        return None

    def at(self, position: int) -> Song:
        return self._upcoming[self._index(position)]

    # --- adding ----------------------------------------------------------------------------------------
    def add(self, song: Song) -> int:
        """Add at the end (in a fair queue: at its requester's next turn); returns the song's position."""
        position = self.insert(song, len(self._upcoming) + 1)
        if self.fair:
            self.fair_order()
            position = next(i for i, queued in enumerate(self._upcoming, 1) if queued is song)
        return position

    def add_next(self, song: Song) -> int:
        return self.insert(song, 1)

    def insert(self, song: Song, position: int) -> int:
        if not 1 <= position <= len(self._upcoming) + 1:
            raise InvalidPosition(position, len(self._upcoming) + 1)
        self._ensure_room(1)
        self._ensure_new(song)
        self._upcoming.insert(position - 1, song)
        return position

    def add_many(self, songs: Iterable[Song]) -> int:
        """Add at the end, all or none; returns the position of the first one added."""
        batch = list(songs)
        self._ensure_room(len(batch))
        held = {id(s) for s in self._upcoming} | {id(self.current)}
        fresh = {id(s) for s in batch}
        if len(fresh) != len(batch) or held & fresh:
            raise ValueError("a song in the batch is already in the queue")
        first = len(self._upcoming) + 1
        self._upcoming.extend(batch)
        if self.fair and batch:
            self.fair_order()
            first = next(i for i, queued in enumerate(self._upcoming, 1) if queued is batch[0])
        return first

    # --- rearranging -----------------------------------------------------------------------------------
    def remove(self, position: int) -> Song:
        return self._upcoming.pop(self._index(position))

    def move(self, source: int, target: int) -> Song:
        """Move the song at `source` so that it ends up at `target`."""
        index = self._index(source)
        if not 1 <= target <= len(self._upcoming):
            raise InvalidPosition(target, len(self._upcoming))
        song = self._upcoming.pop(index)
        self._upcoming.insert(target - 1, song)
        return song

    def clear(self) -> list[Song]:
        """Empty the upcoming songs; the current one keeps playing."""
        removed, self._upcoming = self._upcoming, []
        return removed

    def shuffle(self, rng: random.Random) -> None:
        rng.shuffle(self._upcoming)

    def remove_duplicates(self) -> int:
        """Drop upcoming songs already queued before them (or playing), by page; returns how many went."""
        seen = {self.current.track.page_url} if self.current is not None else set()
        kept: list[Song] = []
        for song in self._upcoming:
            if song.track.page_url not in seen:
                seen.add(song.track.page_url)
                kept.append(song)
        dropped = len(self._upcoming) - len(kept)
        self._upcoming = kept
        return dropped

    def fair_order(self) -> int:
        """Upcoming songs taken in turns by requester (each one's songs in their order), the requester of the
        current song last in the first round; returns how many requesters share the queue."""
        turns: dict[object, list[Song]] = {}
        for song in self._upcoming:
            turns.setdefault(song.requester, []).append(song)
        order = list(turns)
        if self.current is not None and self.current.requester in turns and len(order) > 1:
            order.remove(self.current.requester)
            order.append(self.current.requester)
        rounds = max((len(songs) for songs in turns.values()), default=0)
        self._upcoming = [turns[who][i] for i in range(rounds) for who in order if i < len(turns[who])]
        return len(order)

    # --- moving on -------------------------------------------------------------------------------------
    def back(self) -> Song:
        """The last song that played (and did not fail) plays again now; the current one follows it."""
        for index in range(len(self._history) - 1, -1, -1):
            song = self._history[index]
            if song.state is not SongState.FAILED:
                break
        else:
            raise NothingBefore
        if self.current is not None:
            self._ensure_room(1)
            self._upcoming.insert(0, self.current)
        del self._history[index]
        self.current = song
        return song

    def advance(self) -> Song | None:
        """The current song ended by itself: what plays next under the repeat mode."""
        if self.repeat is RepeatMode.TRACK and self.current is not None:
            return self.current
        return self._step(keep_current=self.repeat is RepeatMode.QUEUE)

    def skip(self) -> Song | None:
        """The user skipped: repeat-track does not hold the song, repeat-queue sends it to the end."""
        return self._step(keep_current=self.repeat is RepeatMode.QUEUE)

    def drop_current(self) -> Song | None:
        """The current song failed: it leaves the queue whatever the repeat mode."""
        return self._step(keep_current=False)

    def skip_to(self, position: int) -> Song:
        index = self._index(position)
        passed, self._upcoming = self._upcoming[:index], self._upcoming[index:]
        self._retire_current(keep=self.repeat is RepeatMode.QUEUE)
        if self.repeat is RepeatMode.QUEUE:
            self._upcoming.extend(passed)
        else:
            self._history.extend(passed)
        self.current = self._upcoming.pop(0)
        return self.current

    def requeue_current(self) -> Song | None:
        """Put the current song back at the front of the queue (it could not play now, but may later)."""
        song, self.current = self.current, None
        if song is not None:
            self._upcoming.insert(0, song)
        return song

    def stop(self) -> list[Song]:
        """Stop everything: the current song goes to history, the upcoming ones are returned."""
        self._retire_current(keep=False)
        return self.clear()

    # --- internals -------------------------------------------------------------------------------------
    def _step(self, *, keep_current: bool) -> Song | None:
        self._retire_current(keep=keep_current)
        self.current = self._upcoming.pop(0) if self._upcoming else None
        return self.current

    def _retire_current(self, *, keep: bool) -> None:
        if self.current is None:
            return
        if keep:
            self._upcoming.append(self.current)
        else:
            self._history.append(self.current)
        self.current = None

    def _index(self, position: int) -> int:
        if not 1 <= position <= len(self._upcoming):
            raise InvalidPosition(position, len(self._upcoming))
        return position - 1

    def _ensure_room(self, count: int) -> None:
        if count > self.room:
            raise QueueFull(self.max_size)

    def _ensure_new(self, song: Song) -> None:
        if song is self.current or any(song is s for s in self._upcoming):
            raise ValueError("this song is already in the queue")
