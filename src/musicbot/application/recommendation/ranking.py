"""From candidates to a short list: the best fits for the intent, with variety, nothing the guild just heard.

Pure and deterministic: the same candidates give the same list (ties break on the song's key, then its page).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from musicbot.application.recommendation.exclusions import Exclusion
from musicbot.application.recommendation.intent import MusicIntent
from musicbot.application.recommendation.ports import Candidate
from musicbot.application.recommendation.songs import SongKey, main_artist, same_artist, song_key
from musicbot.application.recommendation.text import tokens
from musicbot.application.sources.matching import UNWANTED_VERSIONS, core_title
from musicbot.domain.track import Track

# A title with one of these is most likely a long compilation or a stream, not a song.
_COMPILATION = frozenset(
    ["mix", "megamix", "compilation", "playlist", "nonstop", "hour", "hours", "hrs", "album", "radio", "stream"]
)

_ALL_DAY = re.compile(r"\b24\s*/\s*7\b")


@dataclass(frozen=True, slots=True, kw_only=True)
class RankingRules:
    max_per_artist: int = 2
    max_per_seed_artist: int = 4  # asked for by name: more of them is the point
    min_duration: float = 45.0  # seconds; shorter is a jingle, an intro or a preview
    max_duration: float = 900.0  # longer is a mix or a full album
    source_bonus: float = 0.1  # per other source that proposed the same song
    repeat_bonus: float = 0.05  # per other search that found it again (at most 3 times)
    word_bonus: float = 0.1  # per word of the intent found in the title (at most 3 words)
    seed_bonus: float = 0.25
    unknown_duration_penalty: float = 0.1
    version_penalty: float = 0.3  # live, cover, remix... that the request did not ask for
    compilation_penalty: float = 0.4

    def __post_init__(self) -> None:
        if self.max_per_artist < 1 or self.max_per_seed_artist < 1:
            raise ValueError("at least one song per artist")
        if not 0 <= self.min_duration < self.max_duration:
            raise ValueError("durations must satisfy 0 <= min_duration < max_duration")


@dataclass(slots=True)
class _Scored:
    candidate: Candidate
    key: SongKey
    sources: set[str]
    seen: int = 1
    score: float = 0.0


def rank(
    candidates: Iterable[Candidate],
    intent: MusicIntent,
    *,
    count: int,
    exclude: Iterable[Track] = (),
    rules: RankingRules | None = None,
) -> list[Track]:
    """At most `count` light tracks, best first, at most `max_per_artist` by any artist, none in `exclude`, none
    of the intent's seed tracks (asked for songs like it, not it) and nothing the intent leaves out (`Exclusion`).
    A track to leave out, or a seed, whose artist is unknown leaves out every song of its title.
    """
    rules = rules or RankingRules()
    banned_keys, banned_pages = set(), set()
    for track in exclude:
        banned_keys.add(song_key(track))
        banned_pages.add(track.page_url)
    seed_titles = {core_title(seed.title): main_artist(seed.artist) for seed in intent.seed_tracks}
    # A song heard under an unknown artist is left out by its title alone.
    seed_titles.update((key.title, "") for key in banned_keys if not key.artist)
    merged: dict[SongKey, _Scored] = {}
    left_out = Exclusion(intent)
    for candidate in candidates:
        track = candidate.track
        if track.page_url in banned_pages or not _sane(track, rules):
            continue
        key = song_key(track)
        if key in banned_keys or seed_titles.get(key.title) in ("", key.artist) or left_out.rejects(track, key):
            continue
        known = merged.get(key)
        if known is None:
            merged[key] = _Scored(candidate, key, {candidate.source})
            continue
        known.seen += 1
        known.sources.add(candidate.source)
        if candidate.score > known.candidate.score:
            known.candidate = candidate
    wanted = _intent_words(intent)
    for scored in merged.values():
        scored.score = _score(scored, intent, wanted, rules)
    ordered = sorted(merged.values(), key=lambda s: (-round(s.score, 9), s.key, s.candidate.track.page_url))
    return _with_variety(ordered, intent, count, rules)


def _sane(track: Track, rules: RankingRules) -> bool:
    return track.duration is None or rules.min_duration <= track.duration <= rules.max_duration


def _score(scored: _Scored, intent: MusicIntent, wanted: frozenset[str], rules: RankingRules) -> float:
    track = scored.candidate.track
    title_words = set(tokens(f"{track.title} {track.artist or ''}"))
    score = scored.candidate.score
    score += rules.source_bonus * (len(scored.sources) - 1)
    score += rules.repeat_bonus * min(scored.seen - len(scored.sources), 3)
    score += rules.word_bonus * min(len(wanted & title_words), 3)
    if any(same_artist(artist, scored.key) for artist in intent.seed_artists):
        score += rules.seed_bonus
    if track.duration is None:
        score -= rules.unknown_duration_penalty
    unwanted = {word for word in UNWANTED_VERSIONS if word in title_words and word not in wanted}
    score -= rules.version_penalty * len(unwanted)
    if (title_words & _COMPILATION or _ALL_DAY.search(track.title)) and not wanted & _COMPILATION:
        score -= rules.compilation_penalty
    return score


def _intent_words(intent: MusicIntent) -> frozenset[str]:
    words: set[str] = set()
    for text in (*intent.genres, *intent.moods, *intent.activities, *intent.keywords):
        words.update(word for word in tokens(text) if len(word) > 2)
    words.update(era.label.lower() for era in intent.eras)
    if intent.instrumental:
        words.add("instrumental")
    return frozenset(words)


def _with_variety(ordered: list[_Scored], intent: MusicIntent, count: int, rules: RankingRules) -> list[Track]:
    per_artist: defaultdict[str, int] = defaultdict(int)
    chosen: list[Track] = []
    for scored in ordered:
        artist = scored.key.artist
        if artist:
            seed = any(same_artist(name, scored.key) for name in intent.seed_artists)
            cap = rules.max_per_seed_artist if seed else rules.max_per_artist
            if per_artist[artist] >= cap:
                continue
            per_artist[artist] += 1
        chosen.append(scored.candidate.track.without_stream())
        if len(chosen) >= count:
            break
    return chosen
