"""Scoring search results against a catalogue track, on titles the way uploaders really write them."""

from __future__ import annotations

import pytest

from musicbot.application.sources.matching import (
    DEFAULT_MIN_SCORE,
    best_match,
    core_title,
    duration_score,
    normalise,
    score,
)
from musicbot.domain.track import SourceKind, Track


def wanted(title: str, artist: str, duration: float | None) -> Track:
    return Track(title=title, artist=artist, duration=duration, page_url="https://open.spotify.com/track/x",
                 source=SourceKind.SPOTIFY)  # fmt: skip


def candidate(title: str, uploader: str | None = None, duration: float | None = None) -> Track:
    return Track(title=title, artist=uploader, duration=duration, page_url=f"https://yt.example/{title}",
                 source=SourceKind.YOUTUBE)  # fmt: skip


BLINDING = wanted("Blinding Lights", "The Weeknd", 200.04)
SENORITA = wanted("Señorita", "Shawn Mendes, Camila Cabello", 190.8)
RHAPSODY = wanted("Bohemian Rhapsody - Remastered 2011", "Queen", 354.3)
BRIGHTSIDE = wanted("Mr. Brightside", "The Killers", 222.2)
LIVE_FOREVER = wanted("Live Forever - Remastered", "Oasis", 276.0)
LEVITATING = wanted("Levitating (feat. DaBaby)", "Dua Lipa, DaBaby", 203.1)


@pytest.mark.parametrize(
    ("song", "found", "accepted"),
    [
        (BLINDING, candidate("Blinding Lights", "The Weeknd - Topic", 201), True),
        (BLINDING, candidate("The Weeknd - Blinding Lights (Official Video)", "TheWeekndVEVO", 263), True),
        (BLINDING, candidate("The Weeknd - Blinding Lights (Lyrics)", "7clouds", 201), True),
        (BLINDING, candidate("Blinding Lights | Official Audio", "The Weeknd", 200), True),
        (BLINDING, candidate("Blinding Lights", "someone", 199), True),
        (BLINDING, candidate("The Weeknd - Blinding Lights (Live From The Super Bowl LV)", "NFL", 205), False),
        (BLINDING, candidate("Blinding Lights - The Weeknd (Cover by Jane Doe)", "Jane Doe", 196), False),
        (BLINDING, candidate("The Weeknd - Blinding Lights (slowed + reverb)", "chill", 240), False),
        (BLINDING, candidate("Blinding Lights (Nightcore)", "Nightcore Realm", 170), False),
        (BLINDING, candidate("The Weeknd - Blinding Lights [8D AUDIO]", "8D Tunes", 200), False),
        (BLINDING, candidate("The Weeknd - Blinding Lights (Karaoke Version)", "Sing King", 201), False),
        (BLINDING, candidate("The Weeknd - Save Your Tears (Official Music Video)", "TheWeekndVEVO", 248), False),
        (SENORITA, candidate("Shawn Mendes, Camila Cabello - Señorita", "ShawnMendesVEVO", 205), True),
        (SENORITA, candidate("Senorita - Camila Cabello ft. Shawn Mendes (Lyrics)", "Lyric Zone", 191), True),
        (SENORITA, candidate("Justin Timberlake - Señorita", "JustinTimberlakeVEVO", 295), False),
        (RHAPSODY, candidate("Queen – Bohemian Rhapsody (Official Video Remastered)", "Queen Official", 359), True),
        (RHAPSODY, candidate("Queen - Bohemian Rhapsody (Live Aid 1985)", "Queen Official", 370), False),
        (RHAPSODY, candidate("Panic! At The Disco - Bohemian Rhapsody", "Panic! At The Disco", 367), False),
        (BRIGHTSIDE, candidate("The Killers - Mr. Brightside (Official Music Video)", "TheKillersVEVO", 228), True),
        (BRIGHTSIDE, candidate("Mr Brightside (Karaoke Version) - The Killers", "KaraFun", 223), False),
        (BRIGHTSIDE, candidate("The Killers - Mr. Brightside (Jacques Lu Cont Remix)", "Remixes", 350), False),
        (LIVE_FOREVER, candidate("Oasis - Live Forever (Official HD Remastered Video)", "Oasis", 280), True),
        (LEVITATING, candidate("Dua Lipa - Levitating Featuring DaBaby (Official Music Video)", "Dua Lipa", 231), True),
        (LEVITATING, candidate("DaBaby - Levitating", "DaBaby", None), True),
    ],
)
def test_realistic_candidates(song: Track, found: Track, accepted: bool) -> None:
    result = score(song, found)

    assert (result.total >= DEFAULT_MIN_SCORE) is accepted, result


@pytest.mark.parametrize(
    ("title", "core"),
    [
        ("The Weeknd - Blinding Lights (Official Video)", "the weeknd blinding lights"),
        ("Blinding Lights [Lyrics]", "blinding lights"),
        ("Blinding Lights | Official Audio", "blinding lights"),
        ("Levitating (feat. DaBaby)", "levitating"),
        ("Levitating ft. DaBaby - Dua Lipa", "levitating dua lipa"),
        ("Bohemian Rhapsody - Remastered 2011", "bohemian rhapsody"),
        ("Here Comes The Sun - 2019 Mix", "here comes the sun 2019 mix"),
        ("Mr. Brightside", "mr brightside"),
        ("Beyoncé & JAY-Z – Crazy in Love", "beyonce and jay z crazy in love"),
        ("Song (Live at Wembley)", "song live at wembley"),
        ("Official", "official"),
    ],
)
def test_core_title(title: str, core: str) -> None:
    assert core_title(title) == core


def test_normalise_drops_accents_case_and_punctuation() -> None:
    assert normalise("  Señorita!!  (Remix) ") == "senorita remix"
    assert normalise("Sigur Rós — Hoppípolla") == "sigur ros hoppipolla"


@pytest.mark.parametrize(
    ("gap", "expected"),
    [(0.0, 1.0), (7.0, 1.0), (-7.0, 1.0), (18.5, 0.5), (-18.5, 0.5), (30.0, 0.0), (95.0, 0.0)],
)
def test_duration_credit_falls_off_between_7_and_30_seconds(gap: float, expected: float) -> None:
    assert duration_score(200.0, 200.0 + gap) == pytest.approx(expected)


def test_an_unknown_duration_is_neutral() -> None:
    assert duration_score(None, 200.0) == duration_score(200.0, None) == 0.5


def test_versions_the_title_asks_for_are_not_penalised() -> None:
    remix = wanted("Blinding Lights - Chromatics Remix", "The Weeknd, Chromatics", 255.0)

    result = score(remix, candidate("The Weeknd - Blinding Lights (Chromatics Remix)", "The Weeknd", 256))

    assert result.unwanted == ()
    assert result.total >= DEFAULT_MIN_SCORE


def test_the_best_candidate_wins_and_ties_keep_search_order() -> None:
    video = candidate("The Weeknd - Blinding Lights (Official Video)", "TheWeekndVEVO", 263)
    topic = candidate("Blinding Lights", "The Weeknd - Topic", 200)
    same_topic = candidate("Blinding Lights", "The Weeknd - Topic", 200.5)

    found = best_match(BLINDING, [video, topic, same_topic])

    assert found is not None
    assert found[0] is topic
    assert found[1] == pytest.approx(1.0)


def test_nothing_good_enough_is_no_match() -> None:
    covers = [
        candidate("Blinding Lights (Cover)", "Jane", 200),
        candidate("The Weeknd - Save Your Tears", "TheWeekndVEVO", 215),
    ]

    assert best_match(BLINDING, covers) is None
    assert best_match(BLINDING, []) is None
    assert best_match(BLINDING, covers, min_score=0.0) is not None
