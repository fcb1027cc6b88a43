"""Ranking: the best fits first, with variety, never what the guild just heard, the same answer every time."""

from __future__ import annotations

import random

from musicbot.application.recommendation.intent import MusicIntent, SeedTrack
from musicbot.application.recommendation.offline import parse_intent
from musicbot.application.recommendation.ports import Candidate
from musicbot.application.recommendation.ranking import RankingRules, rank
from musicbot.application.recommendation.songs import SongKey, song_key
from tests.unit.application.recommendation.doubles import candidate, track

ANY = MusicIntent()


def titles(tracks: list) -> list[str]:  # type: ignore[type-arg]
    return [t.title for t in tracks]


def test_the_best_scores_come_first_up_to_the_count() -> None:
    found = [candidate(f"song {n}", f"artist {n}", score=n / 10) for n in range(1, 8)]

    assert titles(rank(found, ANY, count=3)) == ["song 7", "song 6", "song 5"]


def test_at_most_two_songs_by_one_artist() -> None:
    found = [candidate(f"hit {n}", "Daft Punk", score=0.9 - n / 100) for n in range(5)]
    found += [candidate("other", "Justice", score=0.1)]

    ranked = rank(found, ANY, count=10)

    assert titles(ranked) == ["hit 0", "hit 1", "other"]


def test_artists_asked_for_by_name_may_have_more() -> None:
    found = [candidate(f"hit {n}", "Daft Punk", score=0.9 - n / 100) for n in range(6)]

    ranked = rank(found, MusicIntent(seed_artists=("daft punk",)), count=10)

    assert len(ranked) == RankingRules().max_per_seed_artist


def test_one_song_uploaded_twice_is_proposed_once_and_agreement_counts() -> None:
    found = [
        candidate("Daft Punk - One More Time (Official Video)", "DaftPunkVEVO", score=0.5),
        candidate("One More Time", "Daft Punk - Topic", score=0.4, source="history"),
        candidate("Around the World", "Daft Punk", score=0.55),
    ]

    ranked = rank(found, ANY, count=10)

    assert titles(ranked) == ["Daft Punk - One More Time (Official Video)", "Around the World"]


def test_what_the_guild_just_heard_is_left_out_however_it_was_uploaded() -> None:
    found = [candidate("Around the World", "Daft Punk"), candidate("Get Lucky", "Daft Punk")]
    heard = [track("Daft Punk - Around The World [HD]", "some channel", url="https://youtu.be/x")]

    assert titles(rank(found, ANY, count=10, exclude=heard)) == ["Get Lucky"]


def test_the_seed_track_itself_is_not_recommended() -> None:
    found = [candidate("Bohemian Rhapsody", "Queen"), candidate("Somebody to Love", "Queen")]

    ranked = rank(found, MusicIntent(seed_tracks=(SeedTrack("Bohemian Rhapsody", "Queen"),)), count=5)

    assert titles(ranked) == ["Somebody to Love"]


def test_titles_that_say_the_intent_rank_higher() -> None:
    found = [candidate("Some Song", "A", score=0.5), candidate("Chill Lofi Hip Hop Beat", "B", score=0.45)]

    ranked = rank(found, MusicIntent(genres=("lo-fi", "hip hop"), moods=("chill",)), count=2)

    assert titles(ranked) == ["Chill Lofi Hip Hop Beat", "Some Song"]


def test_mixes_versions_and_odd_durations_lose() -> None:
    found = [
        candidate("Chill Mix 2024", "A", score=0.8),
        candidate("Song (Live at Wembley)", "B", score=0.8),
        candidate("lofi hip hop radio 24/7", "F", score=0.8),
        candidate("Three Hours of Rain", "C", score=0.9, duration=3 * 3600.0),
        candidate("Intro", "D", score=0.9, duration=12.0),
        candidate("Plain Song", "E", score=0.6),
    ]

    ranked = rank(found, ANY, count=5)

    assert titles(ranked)[0] == "Plain Song"
    assert titles(ranked)[-1] == "lofi hip hop radio 24/7"
    assert "Three Hours of Rain" not in titles(ranked) and "Intro" not in titles(ranked)


def test_a_live_version_is_fine_when_asked_for() -> None:
    found = [candidate("Song (Live)", "B", score=0.6), candidate("Other", "C", score=0.6)]

    assert titles(rank(found, MusicIntent(keywords=("live",)), count=1)) == ["Song (Live)"]


def test_the_same_candidates_in_any_order_give_the_same_list() -> None:
    found: list[Candidate] = [candidate(f"song {n % 7}", f"artist {n % 5}", score=0.5) for n in range(30)]
    expected = rank(found, ANY, count=10)

    for seed in range(5):
        shuffled = found[:]
        random.Random(seed).shuffle(shuffled)
        assert rank(shuffled, ANY, count=10) == expected


def test_results_are_light() -> None:
    from dataclasses import replace

    streamed = replace(track("Song", "A"), stream_url="https://cdn/x.webm")
    ranked = rank([Candidate(track=streamed, source="history", score=0.5)], ANY, count=1)

    assert ranked[0].stream_url is None


def test_song_keys_see_through_uploads() -> None:
    assert song_key(track("Daft Punk - One More Time (Official Video)", "x")) == SongKey("daft punk", "one more time")
    assert song_key(track("One More Time", "Daft Punk - Topic")) == SongKey("daft punk", "one more time")
    assert song_key(track("One More Time (feat. Romanthony)", "Daft Punk & Friends")).artist == "daft punk"
    assert song_key(track("Untitled", None)) == SongKey("", "untitled")


def test_nothing_left_out_is_ever_picked_whatever_its_score() -> None:
    intent = parse_intent("rock but not metal, no drake, nothing too slow")
    found = [
        candidate("Heavy Metal Thunder", "Iron Wolves", score=1.0),
        candidate("Thrash Attack", "Skull Hammer", score=1.0),  # thrash is metal too
        candidate("Hold On", "Drake", score=1.0),
        candidate("Summer Nights (feat. Drake)", "Someone Else", score=1.0),
        candidate("Slow Rock Ballad", "Soft Hands", score=1.0),  # "nothing too slow"
        candidate("Rock Highway", "Stone Riders", score=0.2),
        candidate("Desert Rock Anthem", "Dune Kings", score=0.1),
    ]

    assert titles(rank(found, intent, count=10)) == ["Rock Highway", "Desert Rock Anthem"]


def test_a_reference_that_may_be_a_song_is_not_picked_itself() -> None:
    intent = parse_intent("songs like blinding lights")
    found = [
        candidate("The Weeknd - Blinding Lights (Official Video)", None, score=1.0),
        candidate("Save Your Tears", "The Weeknd", score=0.5),
    ]

    assert titles(rank(found, intent, count=10)) == ["Save Your Tears"]


def test_no_lyrics_prefers_instrumentals() -> None:
    found = [candidate("Piano Study", "Keys", score=0.5), candidate("Piano Study (Instrumental)", "Other", score=0.5)]

    assert titles(rank(found, parse_intent("study music with no lyrics"), count=1)) == ["Piano Study (Instrumental)"]
    assert titles(rank(found, parse_intent("study music"), count=1)) == ["Piano Study"]
