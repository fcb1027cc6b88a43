"""Eight languages besides English: their moods, activities and decades; misspellings matched only within the
request's language, and never a common word to a far one.
"""

from __future__ import annotations

import pytest

from musicbot.application.recommendation.intent import EnergyLevel, EraRange
from musicbot.application.recommendation.languages import FOREIGN, PACKS
from musicbot.application.recommendation.offline import parse_intent
from musicbot.application.recommendation.text import INDEX, tokens


@pytest.mark.parametrize(
    ("prompt", "moods", "activities"),
    [
        ("música para dormir", (), ("sleep",)),
        ("canciones tristes para llorar", ("sad",), ()),
        ("música pra treinar", (), ("workout",)),
        ("musik zum einschlafen", (), ("sleep",)),
        ("entspannte musik zum lernen", ("chill",), ("study",)),
        ("musique calme pour travailler", ("calm",), ("work",)),
        ("musica rilassante per studiare", ("chill",), ("study",)),
        ("nhạc buồn", ("sad",), ()),
        ("nhac de ngu", (), ("sleep",)),
        ("lagu galau", ("sad",), ()),
        ("lagu semangat buat olahraga", ("energetic",), ("workout",)),
        ("benkyou no ongaku", (), ("study",)),
        ("kanashii kyoku", ("sad",), ()),
    ],
)
def test_moods_and_activities_in_other_languages(
    prompt: str, moods: tuple[str, ...], activities: tuple[str, ...]
) -> None:
    intent = parse_intent(prompt)
    assert (intent.moods, intent.activities, intent.genres) == (moods, activities, ())
    assert intent.language is None  # the language of the request is not the language of the lyrics asked for


@pytest.mark.parametrize(
    ("prompt", "start"),
    [
        ("los 80", 1980), ("música de los 90", 1990), ("anos 90", 1990), ("sertanejo anos 2000", 2000),
        ("80er hits", 1980), ("années 60", 1960), ("anni '70", 1970), ("canzoni anni 80", 1980),
        ("thập niên 90", 1990), ("lagu tahun 90an", 1990), ("80 nendai no kyoku", 1980),
    ],
)  # fmt: skip
def test_decades_as_each_language_writes_them(prompt: str, start: int) -> None:
    assert parse_intent(prompt).eras == (EraRange.decade(start),)


@pytest.mark.parametrize(
    ("prompt", "wrong"),
    [
        ("música para dormir", "musical"),  # Spanish "música" is no misspelt English genre
        ("musica per studiare", "musical"),
        ("surprise me", "morning"),  # "surprise" is not "sunrise"
        ("lagu santai", "latin"),
    ],
)
def test_the_typo_matcher_never_crosses_languages_or_reaches_far(prompt: str, wrong: str) -> None:
    intent = parse_intent(prompt)
    assert wrong not in (*intent.genres, *intent.moods, *intent.activities)


def test_a_misspelling_in_a_foreign_request_matches_its_own_language() -> None:
    assert parse_intent("musica para estudiarr").activities == ("study",)
    assert parse_intent("musik zum lernenn").activities == ("study",)


@pytest.mark.parametrize("prompt", ["chill songs for the gym", "high energy rock for coding", "something faster"])
def test_energy_words_win_over_activities(prompt: str) -> None:
    level = parse_intent(prompt).energy_level
    assert level is (EnergyLevel.LOW if "chill" in prompt else EnergyLevel.HIGH)


def test_every_language_module_is_small_and_maps_to_known_words() -> None:
    assert {pack.code for pack in FOREIGN} == {"es", "pt", "de", "fr", "it", "vi", "id", "ja"}
    phrases = INDEX.phrases()
    for pack in PACKS:
        for table in (pack.moods, pack.activities, pack.genres):
            for written in table.values():
                for phrase in written.split("|"):
                    assert tuple(tokens(phrase)) in phrases, (pack.code, phrase)


@pytest.mark.parametrize(
    ("prompt", "not_read"),
    [("sono triste oggi", "sleep"), ("une chanson triste", "chanson"), ("mo nhac di nhe", "chill")],
)
def test_a_small_word_of_the_request_s_language_is_not_another_language_s_term(prompt: str, not_read: str) -> None:
    intent = parse_intent(prompt)
    assert not_read not in (*intent.genres, *intent.moods, *intent.activities)
