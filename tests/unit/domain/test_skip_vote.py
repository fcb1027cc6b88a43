"""The skip vote: who skips at once, how many votes a song needs, and which votes count."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from musicbot.domain.ids import SongId, UserId
from musicbot.domain.skip_vote import SkipReason, SkipRule, SkipVote, skips_at_once, votes_needed
from tests.unit.domain.builders import ALICE, make_song

BOB, CAROL, DAVE = UserId(2), UserId(3), UserId(4)
SONG = SongId(7)


def test_a_second_vote_by_the_same_person_counts_once() -> None:
    vote = SkipVote(SONG)
    assert vote.cast(BOB, frozenset({BOB, CAROL})) == 1
    assert vote.cast(BOB, frozenset({BOB, CAROL})) == 1
    assert vote.cast(CAROL, frozenset({BOB, CAROL})) == 2


def test_only_the_votes_of_people_still_listening_count() -> None:
    vote = SkipVote(SONG)
    vote.cast(BOB, frozenset({BOB, CAROL, DAVE}))
    assert vote.cast(CAROL, frozenset({CAROL, DAVE})) == 1  # Bob left the channel
    assert vote.cast(DAVE, frozenset({BOB, CAROL, DAVE})) == 3  # and came back: his vote counts again


def test_a_vote_is_cast_by_someone_listening() -> None:
    with pytest.raises(ValueError, match="listening"):
        SkipVote(SONG).cast(BOB, frozenset({CAROL}))


@pytest.mark.parametrize(("user", "dj", "manager", "reason"), [
    (ALICE, False, False, SkipReason.REQUESTER),  # Alice asked for the song
    (ALICE, True, True, SkipReason.REQUESTER),
    (BOB, True, True, SkipReason.DJ),
    (BOB, False, True, SkipReason.MANAGER),
    (BOB, False, False, None),
])  # fmt: skip
def test_who_skips_at_once(user: UserId, dj: bool, manager: bool, reason: SkipReason | None) -> None:
    assert skips_at_once(user, make_song(), is_dj=dj, is_manager=manager) is reason


@pytest.mark.parametrize("ratio", [0.0, -0.5, 1.01, float("nan")])
def test_a_ratio_is_a_share_above_0_and_at_most_1(ratio: float) -> None:
    with pytest.raises(ValueError, match="share of listeners"):
        SkipRule(ratio)


@given(listeners=st.integers(0, 500), ratio=st.floats(0.01, 1.0))
def test_the_votes_needed_are_enough_and_never_more_than_needed(listeners: int, ratio: float) -> None:
    needed = SkipRule(ratio).needed(listeners)
    assert needed == votes_needed(listeners, ratio)
    assert 1 <= needed <= max(listeners, 1)
    # Enough: `needed` votes reach the share (up to float rounding); one fewer does not.
    assert needed >= listeners * ratio - 1e-6
    assert needed == 1 or needed - 1 < listeners * ratio


@given(st.lists(st.tuples(st.integers(1, 6), st.frozensets(st.integers(1, 6), min_size=1)), max_size=30))
def test_the_count_is_the_distinct_voters_listening_now(ballots: list[tuple[int, frozenset[int]]]) -> None:
    vote = SkipVote(SONG)
    voted: set[int] = set()
    for voter, others in ballots:
        listening = frozenset(UserId(u) for u in others | {voter})
        voted.add(voter)
        assert vote.cast(UserId(voter), listening) == len(voted & (others | {voter}))
