"""Floors for the offline reader on the evaluation requests (see `cases.py`): what a regression would break.

Negation and chat are all-or-nothing on the tuning part (a request whose exclusion is lost, or a "thanks" answered
with songs, is exactly the failure these classes are about). The held-out part, never tuned against, has a floor
well under what it scores today, so that it catches a collapse without being tuned through its failures.
"""

from __future__ import annotations

import pytest

from tests.evaluation.cases import CLASSES, FACETS
from tests.evaluation.heldout import HELDOUT
from tests.evaluation.late import LATE
from tests.evaluation.scoring import Score
from tests.evaluation.tuned import TUNED


@pytest.fixture(scope="module")
def tuned() -> Score:
    return Score.of(TUNED)


@pytest.fixture(scope="module")
def heldout() -> Score:
    return Score.of(HELDOUT)


def test_the_set_is_big_varied_and_has_no_request_twice() -> None:
    texts = [case.text.casefold() for case in (*TUNED, *HELDOUT, *LATE)]
    assert len(texts) >= 200 and len(set(texts)) == len(texts)
    assert len(HELDOUT) >= 80
    for part in (TUNED, HELDOUT):
        assert {case.klass for case in part} == set(CLASSES)


@pytest.mark.parametrize("klass", ["negation", "chat"])
def test_negation_and_chat_are_all_right_on_the_tuning_part(tuned: Score, klass: str) -> None:
    wrong = [o.case.text for o in tuned.outcomes if o.case.klass == klass and not o.right]
    assert wrong == []


def test_the_tuning_part_is_read_fully_right_almost_always(tuned: Score) -> None:
    assert tuned.fully_right >= 0.95
    for klass, (right, total) in tuned.by_class().items():
        assert right / total >= 0.85, klass


def test_nothing_is_left_out_or_taken_for_chat_that_was_not_said(tuned: Score, heldout: Score) -> None:
    """Precision of exclusions and chat: leaving out what was wanted, or not answering a request, is worse
    than missing a word."""
    for score in (tuned, heldout):
        assert score.precision("exclusions") >= 0.95
        assert score.precision("chat") >= 0.95


def test_the_late_part_stays_where_it_was_first_measured() -> None:
    # Written after the reader was finished and never tuned against: 54 of 60 fully right when first scored.
    assert Score.of(LATE).fully_right >= 0.8


def test_the_held_out_part_stays_well_above_the_old_reader(heldout: Score) -> None:
    # The reader before exclusions, chat, references and other languages read 20 % of it fully right.
    assert heldout.fully_right >= 0.85
    for facet in FACETS:
        assert heldout.recall(facet) >= 0.75, facet
