"""One check for what users type (play, search, playlists, recommendations, lyrics): spacing collapsed, empty
and over-long requests refused with a message the user can act on."""

from __future__ import annotations

import pytest

from musicbot.application.errors import InvalidQuery
from musicbot.application.support.requests import clean_request


def test_spacing_is_collapsed() -> None:
    assert clean_request("  lofi \n hip   hop ", max_length=20, missing="say what") == "lofi hip hop"


def test_an_empty_request_gets_the_caller_s_message() -> None:
    with pytest.raises(InvalidQuery, match="say what to search for"):
        clean_request(" \t ", max_length=20, missing="say what to search for")


def test_words_that_are_optional_may_be_empty() -> None:
    assert clean_request("   ", max_length=20, missing=None) == ""


@pytest.mark.parametrize("missing", ["say what", None])
def test_a_request_over_the_limit_is_refused_after_its_spacing_is_collapsed(missing: str | None) -> None:
    assert clean_request("a" + " " * 30 + "b", max_length=3, missing=missing) == "a b"
    with pytest.raises(InvalidQuery, match=r"at most 3 characters"):
        clean_request("abcd", max_length=3, missing=missing)
