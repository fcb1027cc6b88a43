"""The offline extractor beyond the table: misspellings and their limits, names, counts, eras, robustness."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from musicbot.application.recommendation.intent import EraRange, SeedTrack
from musicbot.application.recommendation.languages import PACKS
from musicbot.application.recommendation.lexicon import ACTIVITIES, GENRES, MOODS
from musicbot.application.recommendation.offline import LexiconIntentExtractor, parse_intent
from musicbot.application.recommendation.text import edit_distance

KINDS = {"genres": GENRES, "moods": MOODS, "activities": ACTIVITIES}
SYNONYMS = [(kind, term.name, synonym) for kind, terms in KINDS.items() for term in terms for synonym in term.synonyms]


@pytest.mark.parametrize(("kind", "name", "synonym"), SYNONYMS, ids=[s for _, _, s in SYNONYMS])
def test_every_synonym_in_the_lexicon_means_its_own_term(kind: str, name: str, synonym: str) -> None:
    assert name in getattr(parse_intent(synonym), kind)


@pytest.mark.parametrize(
    ("typed", "kind", "name"),
    [
        ("raggae", "genres", "reggae"),
        ("technoo", "genres", "techno"),
        ("dubstpe", "genres", "dubstep"),
        ("metall", "genres", "metal"),
        ("clasical", "genres", "classical"),
        ("romantc", "moods", "romantic"),
        ("energatic", "moods", "energetic"),
        ("melancolic", "moods", "sad"),
        ("workot", "activities", "workout"),
        ("studyng", "activities", "study"),
    ],
)
def test_misspellings_are_understood(typed: str, kind: str, name: str) -> None:
    assert getattr(parse_intent(f"some {typed} songs"), kind) == (name,)


@pytest.mark.parametrize(("word", "name"), [("jaz", "jazz"), ("roc", "rock"), ("rok", "rock"), ("chil", "chill")])
def test_short_words_with_a_letter_left_out_are_understood(word: str, name: str) -> None:
    intent = parse_intent(word)
    assert name in (*intent.genres, *intent.moods)


@pytest.mark.parametrize("word", ["rapp", "sda", "emoo", "ska's", "sum", "fin", "hop"])
def test_other_short_slips_are_never_matched_loosely(word: str) -> None:
    intent = parse_intent(word)
    assert (intent.genres, intent.moods, intent.activities) == ((), (), ())


@pytest.mark.parametrize("word", ["horse", "story", "classics", "world", "happen", "folks", "paper", "better"])
def test_common_words_near_a_lexicon_word_are_not_taken_for_it(word: str) -> None:
    intent = parse_intent(f"{word} songs")
    assert (intent.genres, intent.moods, intent.activities) == ((), (), ())
    assert intent.keywords == (word,)


@pytest.mark.parametrize(
    ("prompt", "artists"),
    [
        ("something like Daft Punk", ("Daft Punk",)),
        ("something like Rage Against the Machine", ("Rage Against the Machine",)),
        ("play stuff like the weeknd for my workout", ("The Weeknd",)),
        ("similar to AC/DC", ("AC", "DC")),  # the slash splits lists: a known limit, the AI reads it right
        ("in the style of Ennio Morricone", ("Ennio Morricone",)),
        ("music by Hans Zimmer", ("Hans Zimmer",)),
    ],
)
def test_artists_are_read_whole_and_their_words_are_not_genres_or_moods(prompt: str, artists: tuple[str, ...]) -> None:
    intent = parse_intent(prompt)
    assert intent.seed_artists == artists
    assert "punk" not in intent.genres and "angry" not in intent.moods


@pytest.mark.parametrize("prompt", ["I would like something chill", "feel like dancing", "i'd like some jazz"])
def test_like_as_a_verb_names_no_artist(prompt: str) -> None:
    assert parse_intent(prompt).seed_artists == ()


def test_a_quoted_title_is_a_seed_track() -> None:
    assert parse_intent('play "Hey Jude" vibes').seed_tracks == (SeedTrack("Hey Jude"),)


def test_a_quoted_title_by_a_run_on_clause_has_no_artist() -> None:
    prompt = '"Hey Jude" by party sanft minus raps movimentata aehnlich wie recuerdos dormire trotar apaixonada'
    assert parse_intent(prompt).seed_tracks == (SeedTrack("Hey Jude"),)


@pytest.mark.parametrize(
    ("prompt", "count"),
    [("top 40 hits", 25), ("half a dozen songs", 6), ("a few chill tracks", 3), ("one song", 1), ("0 songs", 10)],
)
def test_counts(prompt: str, count: int) -> None:
    assert parse_intent(prompt).count == count


@pytest.mark.parametrize(
    ("prompt", "eras"),
    [
        ("mid 90s", [EraRange(1993, 1996)]),
        ("2020s pop", [EraRange(2020, 2029)]),
        ("00s emo", [EraRange(2000, 2009)]),
        ("80s and 90s", [EraRange(1980, 1989), EraRange(1990, 1999)]),
        ("between 1990 and 1995", [EraRange(1990, 1995)]),
        ("y2k pop", [EraRange(1998, 2004)]),
    ],
)
def test_eras(prompt: str, eras: list[EraRange]) -> None:
    assert list(parse_intent(prompt).eras) == eras


def test_words_nobody_took_become_keywords() -> None:
    assert parse_intent("songs with saxophone solos").keywords == ("saxophone", "solos")


async def test_the_extractor_is_the_parser() -> None:
    prompt = "something chill for studying, 90s hip hop vibes"
    assert await LexiconIntentExtractor().extract(prompt) == parse_intent(prompt)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_a_valid_intent_and_the_same_one_each_time(text: str) -> None:
    assert parse_intent(text) == parse_intent(text)


CUES = [
    p for pack in PACKS for text in (pack.negations, pack.references, pack.negations_after) for p in text.split("|")
]
MIXED = (
    [s for _, _, s in SYNONYMS] + CUES + ["like", "by", "90s", "5", "songs", ",", "and", '"Hey Jude" by', "Daft Punk"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(MIXED), max_size=16))
def test_any_mix_of_lexicon_words_and_cues_of_any_language_gives_a_valid_intent(words: list[str]) -> None:
    parse_intent(" ".join(words))


def test_edit_distance_counts_a_swap_once_and_stops_at_its_bound() -> None:
    assert edit_distance("classcial", "classical", bound=2) == 1
    assert edit_distance("ninties", "nineties", bound=1) == 1
    assert edit_distance("rock", "jazz", bound=1) == 2
