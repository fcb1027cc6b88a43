"""Skip by vote when others are listening; the song's requester, DJs and server managers skip at once.

Votes needed: ceil(listeners × ratio), at least one, where listeners are the humans in the bot's channel (the
voter among them). Only votes of people still listening count, a second vote by the same person counts once,
and a vote is for one song: the votes for another song are not counted.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass, field

from musicbot.domain.ids import SongId, UserId
from musicbot.domain.song import Song


class SkipReason(enum.StrEnum):
    REQUESTER = "requester"
    DJ = "dj"
    MANAGER = "manager"
    VOTES = "votes"


def votes_needed(listeners: int, ratio: float) -> int:
    # Rounded first: 10 × 0.3 is 3.0000000000000004 in floating point, and needs 3 votes, not 4.
    return max(math.ceil(round(listeners * ratio, 9)), 1)


def skips_at_once(voter: UserId, song: Song, *, is_dj: bool, is_manager: bool) -> SkipReason | None:
    """Why `voter` skips `song` without a vote (None: they vote like everyone)."""
    if voter == song.requester:
        return SkipReason.REQUESTER
    if is_dj:
        return SkipReason.DJ
    if is_manager:
        return SkipReason.MANAGER
    return None


@dataclass(frozen=True, slots=True)
class SkipRule:
    ratio: float  # the share of listeners whose votes skip the song

    def __post_init__(self) -> None:
        if not 0 < self.ratio <= 1:
            raise ValueError("the vote ratio is a share of listeners, above 0 and at most 1")

    def needed(self, listeners: int) -> int:
        return votes_needed(listeners, self.ratio)


@dataclass(slots=True)
class SkipVote:
    """The votes to skip one song: a vote is a user, so voting twice counts once."""

    song_id: SongId
    voters: set[UserId] = field(default_factory=set)

    def cast(self, voter: UserId, listening: frozenset[UserId]) -> int:
        """`voter` (one of `listening`) votes; returns the votes that count: those of people listening now."""
        if voter not in listening:
            raise ValueError("a vote is cast by someone listening")
        self.voters.add(voter)
        return len(self.voters & listening)
