"""Random sequences of queue operations against a model made of plain lists."""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from musicbot.domain.errors import InvalidPosition, QueueFull
from musicbot.domain.song import Song
from musicbot.domain.tracklist import RepeatMode, Tracklist
from tests.unit.domain.builders import make_song

# Positions reach past both ends of the queue: max_size is small, so invalid ones come up often.
positions = st.integers(min_value=-1, max_value=9)
_titles = itertools.count(1)


class TracklistMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.tl = Tracklist()
        self.max_size = 0
        self.history_size = 0
        # the model
        self.current: Song | None = None
        self.upcoming: list[Song] = []
        self.heard: list[Song] = []  # every song that went to history, oldest first, never trimmed
        self.returned: list[Song] = []  # songs handed back by remove / clear / stop
        self.added: list[Song] = []

    @initialize(
        max_size=st.integers(min_value=1, max_value=8),
        history_size=st.integers(min_value=0, max_value=4),
        repeat=st.sampled_from(RepeatMode),
    )
    def start(self, max_size: int, history_size: int, repeat: RepeatMode) -> None:
        self.tl = Tracklist(max_size=max_size, history_size=history_size, repeat=repeat)
        self.max_size = max_size
        self.history_size = history_size

    # --- model helpers ---------------------------------------------------------------------------------
    @property
    def size(self) -> int:
        return len(self.upcoming) + (self.current is not None)

    def new_song(self) -> Song:
        return make_song(f"song {next(_titles)}")

    def retire(self, *, keep: bool) -> None:
        if self.current is None:
            return
        (self.upcoming if keep else self.heard).append(self.current)
        self.current = None

    def step(self, *, keep: bool) -> Song | None:
        self.retire(keep=keep)
        self.current = self.upcoming.pop(0) if self.upcoming else None
        return self.current

    @property
    def evicted(self) -> int:
        """How many of the oldest heard songs the history bound has pushed out."""
        return max(len(self.heard) - self.history_size, 0)

    def valid(self, position: int) -> bool:
        return 1 <= position <= len(self.upcoming)

    # --- adding ----------------------------------------------------------------------------------------
    @rule()
    def add(self) -> None:
        song = self.new_song()
        if self.size >= self.max_size:
            with pytest.raises(QueueFull):
                self.tl.add(song)
            return
        assert self.tl.add(song) == len(self.upcoming) + 1
        self.upcoming.append(song)
        self.added.append(song)

    @rule()
    def add_next(self) -> None:
        song = self.new_song()
        if self.size >= self.max_size:
            with pytest.raises(QueueFull):
                self.tl.add_next(song)
            return
        assert self.tl.add_next(song) == 1
        self.upcoming.insert(0, song)
        self.added.append(song)

    @rule(position=positions)
    def insert(self, position: int) -> None:
        song = self.new_song()
        bad_position = not 1 <= position <= len(self.upcoming) + 1
        full = self.size >= self.max_size
        if bad_position or full:
            expected = (
                (InvalidPosition, QueueFull)
                if bad_position and full
                else (InvalidPosition if bad_position else QueueFull)
            )
            with pytest.raises(expected):
                self.tl.insert(song, position)
            return
        assert self.tl.insert(song, position) == position
        self.upcoming.insert(position - 1, song)
        self.added.append(song)

    @rule(count=st.integers(min_value=0, max_value=5))
    def add_many(self, count: int) -> None:
        batch = [self.new_song() for _ in range(count)]
        if self.size + count > self.max_size:
            with pytest.raises(QueueFull):
                self.tl.add_many(batch)
            return
        assert self.tl.add_many(batch) == len(self.upcoming) + 1
        self.upcoming.extend(batch)
        self.added.extend(batch)

    @rule(data=st.data())
    def add_a_song_already_queued(self, data: st.DataObject) -> None:
        held = ([self.current] if self.current is not None else []) + self.upcoming
        if not held:
            return
        song = data.draw(st.sampled_from(held))
        attempts: dict[str, Callable[[], int]] = {
            "add": lambda: self.tl.add(song),
            "add_next": lambda: self.tl.add_next(song),
            "insert": lambda: self.tl.insert(song, 1),
            "add_many": lambda: self.tl.add_many([self.new_song(), song]),
        }
        again = attempts[data.draw(st.sampled_from(sorted(attempts)))]
        # Room is checked first or last: either way the song must not go in twice.
        with pytest.raises((ValueError, QueueFull)):
            again()

    # --- rearranging -----------------------------------------------------------------------------------
    @rule(position=positions)
    def remove(self, position: int) -> None:
        if not self.valid(position):
            with pytest.raises(InvalidPosition):
                self.tl.remove(position)
            return
        removed = self.tl.remove(position)
        assert removed is self.upcoming.pop(position - 1)
        self.returned.append(removed)

    @rule(source=positions, destination=positions)
    def move(self, source: int, destination: int) -> None:
        if not (self.valid(source) and self.valid(destination)):
            with pytest.raises(InvalidPosition):
                self.tl.move(source, destination)
            return
        moved = self.tl.move(source, destination)
        assert moved is self.upcoming[source - 1]
        self.upcoming.insert(destination - 1, self.upcoming.pop(source - 1))
        assert self.tl.at(destination) is moved

    @rule()
    def clear(self) -> None:
        assert self.tl.clear() == self.upcoming
        self.returned.extend(self.upcoming)
        self.upcoming = []

    @rule(seed=st.integers(min_value=0, max_value=2**32))
    def shuffle(self, seed: int) -> None:
        self.tl.shuffle(random.Random(seed))
        shuffled = list(self.tl.upcoming)
        assert sorted(map(id, shuffled)) == sorted(map(id, self.upcoming))
        assert self.tl.current is self.current
        self.upcoming = shuffled

    # --- moving on -------------------------------------------------------------------------------------
    @rule(mode=st.sampled_from(RepeatMode))
    def set_repeat(self, mode: RepeatMode) -> None:
        self.tl.repeat = mode

    @rule()
    def advance(self) -> None:
        announced = self.tl.peek_next()
        expected: Song | None
        if self.tl.repeat is RepeatMode.TRACK and self.current is not None:
            expected = self.current
        else:
            expected = self.step(keep=self.tl.repeat is RepeatMode.QUEUE)
        assert self.tl.advance() is expected
        assert announced is expected

    @rule()
    def skip(self) -> None:
        expected = self.step(keep=self.tl.repeat is RepeatMode.QUEUE)
        assert self.tl.skip() is expected

    @rule(position=positions)
    def skip_to(self, position: int) -> None:
        if not self.valid(position):
            with pytest.raises(InvalidPosition):
                self.tl.skip_to(position)
            return
        passed, target, rest = (
            self.upcoming[: position - 1],
            self.upcoming[position - 1],
            self.upcoming[position:],
        )
        if self.tl.repeat is RepeatMode.QUEUE:
            # the queue is a circle: the old current and the passed songs come round again, in order
            self.upcoming = rest + ([self.current] if self.current is not None else []) + passed
        else:
            self.heard += ([self.current] if self.current is not None else []) + passed
            self.upcoming = rest
        self.current = target
        assert self.tl.skip_to(position) is target

    @rule()
    def drop_current(self) -> None:
        expected = self.step(keep=False)
        assert self.tl.drop_current() is expected

    @rule()
    def stop(self) -> None:
        self.retire(keep=False)
        assert self.tl.stop() == self.upcoming
        self.returned.extend(self.upcoming)
        self.upcoming = []

    # --- what must always hold -------------------------------------------------------------------------
    @invariant()
    def matches_the_model(self) -> None:
        assert self.tl.current is self.current
        assert list(self.tl.upcoming) == self.upcoming
        assert list(self.tl.history) == self.heard[self.evicted :]

    @invariant()
    def never_exceeds_the_maximum_size(self) -> None:
        assert len(self.tl) == self.size <= self.max_size
        assert self.tl.room == self.max_size - self.size >= 0

    @invariant()
    def no_song_is_lost_or_duplicated(self) -> None:
        evicted = self.heard[: self.evicted]
        seen = [
            *([self.tl.current] if self.tl.current is not None else []),
            *self.tl.upcoming,
            *self.tl.history,
            *evicted,
            *self.returned,
        ]
        assert sorted(map(id, seen)) == sorted(map(id, self.added))
        held = [*([self.tl.current] if self.tl.current is not None else []), *self.tl.upcoming]
        assert len({id(song) for song in held}) == len(held)


TracklistMachine.TestCase.settings = settings(max_examples=200, stateful_step_count=40, deadline=None)
test_tracklist_machine = TracklistMachine.TestCase
