"""Cue words are found in folded text and cut from the text as written: offsets survive accents, "ß", "đ"."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from musicbot.application.recommendation.spans import FoldedText, alternation, cut
from musicbot.application.recommendation.text import fold


def test_a_folded_span_maps_back_to_the_words_as_written() -> None:
    text = FoldedText.of("Música SIN Rosalía, außer Đen Vâu")
    assert text.folded == "musica sin rosalia, ausser den vau"
    start = text.folded.index("rosalia")
    assert text.raw_text(start, start + len("rosalia")) == "Rosalía"
    start = text.folded.index("den vau")
    assert text.raw_text(start, start + len("den vau")) == "Đen Vâu"
    assert text.raw_text(text.folded.index("ausser"), text.folded.index("ausser") + 6) == "außer"


def test_cut_replaces_spans_by_a_space_and_tolerates_overlaps() -> None:
    assert cut("rock but not metal please", [(5, 18)]) == "rock   please"
    assert cut("abcdef", [(1, 3), (2, 5)]) == "a  f"


def test_alternation_tries_longer_phrases_first() -> None:
    assert alternation(["no|no more", "but not"]).split("|")[:2] == [r"but\s+not", r"no\s+more"]


@given(st.text(max_size=60))
def test_any_text_folds_as_fold_does_and_maps_every_character(raw: str) -> None:
    text = FoldedText.of(raw)
    assert text.folded == fold(raw)
    assert len(text.origin) == len(text.folded) + 1
    assert all(0 <= position <= len(raw) for position in text.origin)
