"""Counting a guild's plays, oldest first, by `SongKey`: what was played close to some songs, and who played what.

Shared by every `ListeningHistory` (in memory, over the storage) so "played together" means one thing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Protocol

from musicbot.application.recommendation.songs import SongKey
from musicbot.domain.ids import UserId
from musicbot.domain.track import Track


class Heard(Protocol):
    @property
    def track(self) -> Track: ...

    @property
    def user_id(self) -> UserId: ...


def played_together(
    plays: Sequence[tuple[Heard, SongKey]], seeds: set[SongKey], *, window: int, limit: int
) -> list[tuple[Track, int]]:
    """Songs played within `window` plays of any seed (not the seeds themselves), with how often."""
    counts: Counter[SongKey] = Counter()
    latest: dict[SongKey, tuple[int, Track]] = {}
    for index, (_, key) in enumerate(plays):
        if key not in seeds:
            continue
        for other in range(max(0, index - window), min(len(plays), index + window + 1)):
            record, other_key = plays[other]
            if other_key not in seeds:
                counts[other_key] += 1
                if other > latest.get(other_key, (-1, record.track))[0]:
                    latest[other_key] = (other, record.track)
    return top(counts, latest, limit)


def played_by(
    plays: Iterable[tuple[Heard, SongKey]], users: frozenset[UserId], *, limit: int
) -> list[tuple[Track, int]]:
    """What `users` (everyone, when empty) played most, with how often."""
    counts: Counter[SongKey] = Counter()
    latest: dict[SongKey, tuple[int, Track]] = {}
    for index, (record, key) in enumerate(plays):
        if not users or record.user_id in users:
            counts[key] += 1
            latest[key] = (index, record.track)
    return top(counts, latest, limit)


def top(counts: Counter[SongKey], latest: dict[SongKey, tuple[int, Track]], limit: int) -> list[tuple[Track, int]]:
    """Most often first; among equals, the most recently played first."""
    ordered = sorted(counts, key=lambda key: (-counts[key], -latest[key][0]))
    return [(latest[key][1], counts[key]) for key in ordered[: max(limit, 0)]]
