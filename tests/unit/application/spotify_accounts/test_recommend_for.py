"""`/recommend for:me|server` through the recommendation pipeline, with in-memory profiles and fakes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pytest

from musicbot.application.recommendation.combiner import CombinedCandidates
from musicbot.application.recommendation.fallback import FallbackIntentExtractor
from musicbot.application.recommendation.history_candidates import HistoryCandidates
from musicbot.application.recommendation.offline import LexiconIntentExtractor
from musicbot.application.recommendation.picker import SongPicker
from musicbot.application.recommendation.rate_limit import SlidingWindowRateLimiter
from musicbot.application.recommendation.search_candidates import SearchCandidates
from musicbot.application.recommendation.settings import RecommendationSettings
from musicbot.application.spotify_accounts.errors import NotLinked
from musicbot.application.spotify_accounts.model import LinkedAccount, TasteProfile
from musicbot.application.spotify_accounts.personal import RecommendFor, RecommendForCommand, Scope
from musicbot.application.spotify_accounts.taste_candidates import TasteCandidates
from musicbot.domain.ids import GuildId, UserId
from musicbot.domain.track import SourceKind, Track
from tests.fakes.clock import ManualClock
from tests.fakes.listening_history import InMemoryListeningHistory
from tests.unit.application.recommendation.doubles import FakeSearch, FixedHeard

GUILD = GuildId(9)
ALICE, BOB, CAROL = UserId(1), UserId(2), UserId(3)


def spotify_song(title: str, artist: str) -> Track:
    url = f"https://open.spotify.com/track/{title.replace(' ', '')}"
    return Track(title=title, artist=artist, duration=200.0, page_url=url, source=SourceKind.SPOTIFY)


class MemoryProfiles:
    def __init__(self) -> None:
        self.profiles: dict[UserId, TasteProfile] = {}

    async def get(self, user_id: UserId) -> TasteProfile | None:
        return self.profiles.get(user_id)

    async def save(self, profile: TasteProfile) -> None:
        self.profiles[profile.user_id] = profile

    async def refreshed_at(self, user_id: UserId) -> datetime | None:
        found = self.profiles.get(user_id)
        return found.refreshed_at if found else None


class MemoryAccounts:
    def __init__(self, linked: set[UserId]) -> None:
        self.linked = linked

    async def get(self, user_id: UserId) -> LinkedAccount | None:
        raise NotImplementedError

    async def save(self, account: LinkedAccount) -> None:
        raise NotImplementedError

    async def renew(self, account: LinkedAccount) -> bool:
        raise NotImplementedError

    async def linked_among(self, users: frozenset[UserId]) -> frozenset[UserId]:
        return frozenset(users & self.linked)

    async def all_users(self) -> list[UserId]:
        return sorted(self.linked)


class NoRefresh:
    async def execute(self, user_id: UserId) -> TasteProfile:
        raise AssertionError("every linked member here has a profile")


@dataclass
class World:
    profiles: MemoryProfiles
    search: FakeSearch
    recommend: RecommendFor


def build(linked: set[UserId]) -> World:
    clock, search, history = ManualClock(), FakeSearch(), InMemoryListeningHistory()
    settings = RecommendationSettings()
    profiles = MemoryProfiles()
    source = CombinedCandidates(
        [TasteCandidates(profiles), SearchCandidates(search), HistoryCandidates(history)], timeout=1.0
    )
    picker = SongPicker(source=source, history=history, heard=FixedHeard(), settings=settings)
    limiter = SlidingWindowRateLimiter(limit=10, window=60, burst=3, burst_window=10, clock=clock)
    recommend = RecommendFor(
        extractor=FallbackIntentExtractor(None, LexiconIntentExtractor()), picker=picker, limiter=limiter,
        accounts=MemoryAccounts(linked), profiles=profiles, refresh=NoRefresh(),  # type: ignore[arg-type]
        max_prompt_length=300,
    )  # fmt: skip
    now = clock.now()
    profiles.profiles[ALICE] = TasteProfile(
        user_id=ALICE, artists=("Mellow Owl",), refreshed_at=now,
        tracks=(spotify_song("Late Night Study", "Mellow Owl"), spotify_song("Shared Song", "Both Bands")),
    )  # fmt: skip
    profiles.profiles[BOB] = TasteProfile(
        user_id=BOB, artists=("Loud Crew",), refreshed_at=now,
        tracks=(spotify_song("Stadium", "Loud Crew"), spotify_song("Shared Song", "Both Bands")),
    )  # fmt: skip
    return World(profiles, search, recommend)


async def test_for_me_starts_from_my_top_artists_and_songs() -> None:
    world = build({ALICE, BOB})
    found = await world.recommend.execute(RecommendForCommand(guild_id=GUILD, user_id=ALICE, scope=Scope.ME))
    titles = [t.title for t in found.tracks]
    assert found.intent.seed_artists == ("Mellow Owl",)
    assert "Late Night Study" in titles[:3] and "Stadium" not in titles  # Bob's taste stays Bob's
    assert any("Mellow Owl" in words for words, _ in world.search.calls)  # search went looking for more


async def test_for_me_with_words_reads_them_like_recommend() -> None:
    world = build({ALICE})
    command = RecommendForCommand(guild_id=GUILD, user_id=ALICE, scope=Scope.ME, prompt="chill lofi for studying")
    found = await world.recommend.execute(command)
    assert "chill" in found.intent.moods or "lofi" in found.intent.genres


async def test_for_me_needs_a_link() -> None:
    with pytest.raises(NotLinked):
        await build({BOB}).recommend.execute(RecommendForCommand(guild_id=GUILD, user_id=ALICE, scope=Scope.ME))


async def test_for_server_joins_the_linked_listeners_and_ranks_what_they_share_high() -> None:
    world = build({ALICE, BOB})
    command = RecommendForCommand(
        guild_id=GUILD, user_id=CAROL, scope=Scope.SERVER, listeners=frozenset({ALICE, BOB, CAROL})
    )
    found = await world.recommend.execute(command)
    titles = [t.title for t in found.tracks]
    assert set(found.intent.seed_artists) == {"Mellow Owl", "Loud Crew"}
    assert {"Late Night Study", "Stadium", "Shared Song"} <= set(titles)
    guessed = [n for n, title in enumerate(titles) if "best songs" in title]  # what search invented
    assert titles.index("Shared Song") < min(guessed)  # both play it: above any guess
