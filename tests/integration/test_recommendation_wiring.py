"""The container's recommendations, wired as the bot and the console get them: real yt-dlp searching local
media, SQLite history, the OpenRouter adapter against the local fake (and the lexicon when there is no key or it
fails), Spotify search through spotipy against the local fake (only with credentials), radio reached through the
players' events (through the message bus).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import pytest

from musicbot.application.queue.queue_tracks import QueueTracksCommand
from musicbot.application.recommendation.offline import parse_intent
from musicbot.application.recommendation.ports import Audience
from musicbot.application.recommendation.radio import RadioCommand
from musicbot.application.recommendation.recommend import RecommendCommand
from musicbot.domain.events import SongStarted
from musicbot.domain.ids import ChannelId, GuildId, UserId
from musicbot.domain.track import SourceKind
from musicbot.entrypoints.container import Container
from musicbot.entrypoints.services import RecommendationServices
from musicbot.entrypoints.settings import Settings
from tests.fakes.events import RecordingEvents
from tests.fakes.voice import FakeVoiceGateway
from tests.support import local_search
from tests.support.deezer_fake import DeezerFake
from tests.support.media_server import MediaServer
from tests.support.openrouter_fake import OpenRouterFake
from tests.support.spotify_fake import SpotifyFake
from tests.unit.application.callers import HERE

GUILD, CHANNEL, ALICE = GuildId(5), ChannelId(6), UserId(7)
Build = Callable[..., Container]


@pytest.fixture
def fake() -> Iterator[OpenRouterFake]:
    with OpenRouterFake() as server:
        yield server


@pytest.fixture
async def build(tmp_path: Path, media_server: MediaServer, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Build]:
    local_search.register()
    monkeypatch.setenv(local_search.CATALOG_ENV, local_search.catalog_json(local_search.chill_catalog(media_server)))
    built: list[Container] = []

    def make(**settings: object) -> Container:
        values: dict[str, object] = {
            "data_dir": tmp_path / "data",
            "allow_private_urls": True,
            "default_search": local_search.SEARCH_KEY,
            "resolver_processes": 0,  # the search plugin is registered in this process only
        }
        container = Container(
            settings=Settings(_env_file=None, **(values | settings)),  # type: ignore[call-arg]
            gateway=FakeVoiceGateway(),
            events=RecordingEvents(),
        )
        built.append(container)
        return container

    yield make
    for container in built:
        await container.recommending.recommendations().aclose()
        await container.players.playback().registry.close_all()
        await container.song_sources.pool().close()
        container.song_sources.resolver().close()
        container.song_sources.catalog().close()
        await container.saved_queues.storage().close()


def ask(prompt: str) -> RecommendCommand:
    return RecommendCommand(guild_id=GUILD, user_id=ALICE, prompt=prompt)


async def test_without_a_key_the_lexicon_reads_and_nothing_is_sent(build: Build, fake: OpenRouterFake) -> None:
    container = build(openrouter_base_url=fake.base_url)
    services = container.recommending.recommendations()

    found = await services.recommend.execute(ask("chill study beats"))

    assert isinstance(services, RecommendationServices) and not services.uses_ai
    assert not found.used_ai and found.intent.moods == ("chill",) and "study" in found.intent.activities
    assert [track.title for track in found.tracks][:2] == ["Chill Study Beats", "Late Night Study"]
    assert fake.requests == []


async def test_with_a_key_openrouter_reads_and_its_failure_falls_back(build: Build, fake: OpenRouterFake) -> None:
    container = build(openrouter_api_key=fake.api_key, openrouter_base_url=fake.base_url, openrouter_max_attempts=1)
    services = container.recommending.recommendations()

    by_ai = await services.recommend.execute(ask("chill study beats"))
    again = await services.recommend.execute(ask("Chill  study BEATS"))  # the same request: from the cache
    fake.fail_next(503, times=3)
    fallback = await services.recommend.execute(ask("lofi to relax"))

    assert services.uses_ai and by_ai.used_ai and again.used_ai
    assert not fallback.used_ai and fallback.tracks
    assert len(fake.requests) == 2
    assert fake.requests[0].body["model"] == "openai/gpt-4o-mini"
    stats = services.recommend.stats()
    assert (stats.extractor.ai_calls, stats.extractor.fallbacks, stats.intents.hits) == (2, 1, 1)
    assert not container.recommending.intent_reader().closed
    await services.aclose()  # what the drivers do at shutdown
    assert container.recommending.intent_reader().closed


@pytest.fixture
def spotify() -> Iterator[SpotifyFake]:
    with SpotifyFake() as server:
        for band in ("Chillhop Crew", "Velvet Naps", "Cloud Desk"):
            artist = server.add_artist(band, genres=("lo-fi", "chillhop"))
            for title in ("Chill Lofi Sunrise", "Chill Lofi Sunset", "Lofi Tea"):
                server.add_track(f"{title} ({band})", artists=[artist])
        yield server


def spotify_settings(server: SpotifyFake) -> dict[str, object]:
    return {
        "spotify_client_id": server.client_id,
        "spotify_client_secret": server.client_secret,
        "spotify_api_url": server.api_url,
        "spotify_token_url": server.token_url,
    }


async def test_with_spotify_credentials_spotify_search_adds_candidates(build: Build, spotify: SpotifyFake) -> None:
    container = build(**spotify_settings(spotify))
    services = container.recommending.recommendations()
    intent = parse_intent("chill lofi beats")

    candidates = await container.recommending.recommendation_candidates().candidates(
        intent, limit=30, audience=Audience(guild_id=GUILD)
    )
    found = await services.recommend.execute(ask("chill lofi beats"))

    assert {"search", "spotify"} <= {c.source for c in candidates}
    picked = [track for track in found.tracks if track.source is SourceKind.SPOTIFY]
    assert picked and all(track.page_url.startswith("https://open.spotify.com/track/") for track in picked)
    assert any(track.source is not SourceKind.SPOTIFY for track in found.tracks)  # yt-dlp search still counts
    queries = [r.query["q"] for r in spotify.api_requests() if r.path == "/v1/search"]
    assert 'genre:"lo-fi"' in queries and 'chill genre:"lo-fi"' in queries


async def test_a_failing_spotify_only_loses_its_share(build: Build, spotify: SpotifyFake) -> None:
    container = build(**spotify_settings(spotify))
    spotify.fail_next(503, times=20)

    found = await container.recommending.recommendations().recommend.execute(ask("chill lofi beats"))

    assert found.tracks and all(track.source is not SourceKind.SPOTIFY for track in found.tracks)
    assert container.recommending.recommendation_candidates().failures["spotify"] == 1


async def test_without_spotify_credentials_spotify_is_not_asked(build: Build, spotify: SpotifyFake) -> None:
    container = build(spotify_api_url=spotify.api_url, spotify_token_url=spotify.token_url)
    intent = parse_intent("chill lofi beats")

    candidates = await container.recommending.recommendation_candidates().candidates(
        intent, limit=30, audience=Audience(guild_id=GUILD)
    )

    assert candidates and "spotify" not in {c.source for c in candidates}
    assert spotify.requests == []


async def test_radio_turned_on_first_tops_the_queue_up_when_a_song_starts(build: Build) -> None:
    container = build(radio_batch_size=2)
    await container.saved_queues.storage().start()
    services = container.recommending.recommendations()
    waiting = await services.radio.execute(RadioCommand(guild_id=GUILD, user_id=ALICE, on=True))
    found = await services.recommend.execute(ask("chill study beats"))

    queued = await services.queue_tracks.execute(
        QueueTracksCommand(caller=HERE, guild_id=GUILD, tracks=found.tracks[:1])
    )
    player = container.players.playback().registry.get(GUILD)
    for _ in range(200):  # yt-dlp resolves the song, it starts, and the players' events reach radio
        if len(player.tracklist.upcoming) >= 2:
            break
        await asyncio.sleep(0.05)

    assert container.bus().handlers(SongStarted) >= 4  # history, auto-leave, the notifier, radio
    assert waiting.on and waiting.queued == ()  # nothing played yet: radio waits for the first song
    assert queued.queued == 1 and queued.position == 0
    assert player.tracklist.current is not None and player.tracklist.current.track.title == "Chill Study Beats"
    upcoming = [song.track.title for song in player.tracklist.upcoming]
    assert len(upcoming) == 2 and "Chill Study Beats" not in upcoming


async def test_deezer_adds_songs_like_a_named_artist_and_is_off_when_its_url_is_empty(build: Build) -> None:
    with DeezerFake() as deezer:
        owl = deezer.add_artist("Mellow Owl")
        cat = deezer.add_artist("Lofi Cat")
        deezer.relate(owl, cat)
        deezer.add_to_radio(owl, deezer.add_track("Paper Moon Beats", cat), deezer.add_track("Owl Night", owl))
        services = build(deezer_api_url=deezer.base_url).recommending.recommendations()
        off = build(deezer_api_url="").recommending.recommendations()

        found = await services.recommend.execute(ask("more mellow owl"))
        without = await off.recommend.execute(ask("more Mellow Owl please"))
        asked = len(deezer.requests)
        await services.aclose()  # closes Deezer's HTTP client too

    lines = [f"{track.artist} - {track.title}" for track in found.tracks]
    assert "Lofi Cat - Paper Moon Beats" in lines and "Mellow Owl - Owl Night" in lines  # only Deezer knows these
    assert "Chill Lofi Morning" in [track.title for track in found.tracks]  # search still counts (Mellow Owl's)
    assert all(track.title not in ("Paper Moon Beats", "Owl Night") for track in without.tracks)
    assert asked == 3  # artist search, radio, related: once, and nothing for the container with Deezer off
