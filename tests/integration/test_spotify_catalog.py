"""Real spotipy against the local Spotify fake: links -> listings, paging, the 2026 refusals, and failures."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from musicbot.adapters.spotify import MissingCredentialsCatalog, SpotipyCatalog, build_spotify_catalog
from musicbot.application.errors import TrackUnavailable
from musicbot.domain.track import SourceKind
from tests.integration.conftest import CatalogFactory
from tests.support.spotify_fake import Json, SpotifyFake


@pytest.fixture
def fake() -> Iterator[SpotifyFake]:
    with SpotifyFake() as server:
        yield server


@pytest.fixture
def weeknd(fake: SpotifyFake) -> Json:
    return fake.add_artist("The Weeknd")


def open_url(kind: str, entity_id: str) -> str:
    return f"https://open.spotify.com/{kind}/{entity_id}"


@pytest.mark.parametrize(
    "link",
    [
        "https://open.spotify.com/track/{id}",
        "https://open.spotify.com/intl-de/track/{id}?si=0a1b2c3d4e5f",
        "open.spotify.com/track/{id}",
        "spotify:track:{id}",
    ],
)
async def test_a_track_link_gives_one_light_spotify_track(
    catalog: SpotipyCatalog, fake: SpotifyFake, weeknd: Json, link: str
) -> None:
    daft = fake.add_artist("Daft Punk")
    track = fake.add_track("Starboy", artists=[weeknd, daft], duration_ms=230_453)

    listing = await catalog.lookup(link.format(id=track["id"]), limit=10)

    (entry,) = listing.entries
    assert (entry.title, entry.artist, entry.duration) == ("Starboy", "The Weeknd, Daft Punk", 230.453)
    assert (entry.source, entry.page_url) == (SourceKind.SPOTIFY, open_url("track", track["id"]))
    assert entry.stream_url is None
    assert entry.thumbnail is not None and entry.thumbnail.endswith("-640")  # the widest cover
    assert (listing.title, listing.url, listing.skipped) == ("Starboy", open_url("track", track["id"]), 0)


async def test_an_album_is_read_page_after_page(catalog: SpotipyCatalog, fake: SpotifyFake, weeknd: Json) -> None:
    album = fake.add_album("After Hours", artists=[weeknd], count=120)

    listing = await catalog.lookup(open_url("album", album["id"]), limit=500)

    assert [entry.title for entry in listing.entries] == [f"After Hours song {n}" for n in range(1, 121)]
    assert all(entry.thumbnail and entry.thumbnail.endswith("-640") for entry in listing.entries)
    assert (listing.title, listing.skipped) == ("After Hours (The Weeknd)", 0)
    offsets = [r.query.get("offset") for r in fake.api_requests() if r.path.endswith("/tracks")]
    assert offsets == ["50", "100"]  # the album object embeds the first 50


async def test_an_album_stops_at_the_limit_and_counts_the_rest(
    catalog: SpotipyCatalog, fake: SpotifyFake, weeknd: Json
) -> None:
    album = fake.add_album("Dawn FM", artists=[weeknd], count=120)

    listing = await catalog.lookup(open_url("album", album["id"]), limit=60)

    assert (len(listing.entries), listing.skipped) == (60, 60)
    assert len([r for r in fake.api_requests() if r.path.endswith("/tracks")]) == 1


async def test_an_owned_playlist_gives_its_items_and_counts_what_cannot_play(
    catalog: SpotipyCatalog, fake: SpotifyFake, weeknd: Json
) -> None:
    tracks = [fake.add_track(f"Song {n}", artists=[weeknd]) for n in range(1, 56)]
    playlist_id = fake.add_playlist("Road trip", tracks)
    fake.add_playlist_entry(playlist_id, {"is_local": True, "item": {"id": None, "name": "demo.mp3"}})
    fake.add_playlist_entry(
        playlist_id, {"is_local": False, "item": {"id": "ep1", "name": "A talk", "type": "episode"}}
    )
    fake.add_playlist_entry(playlist_id, {"is_local": False, "item": None, "track": None})

    listing = await catalog.lookup(open_url("playlist", playlist_id), limit=100)

    assert [entry.title for entry in listing.entries] == [f"Song {n}" for n in range(1, 56)]
    assert (listing.title, listing.skipped) == ("Road trip", 3)
    assert [r.path for r in fake.api_requests()] == [
        f"/v1/playlists/{playlist_id}",
        f"/v1/playlists/{playlist_id}/items",
        f"/v1/playlists/{playlist_id}/items",
    ]


@pytest.mark.parametrize("refusal", [403, 404])
async def test_a_playlist_the_bot_does_not_own_is_refused_with_the_reason(
    catalog: SpotipyCatalog, fake: SpotifyFake, weeknd: Json, refusal: int
) -> None:
    playlist_id = fake.add_playlist("Someone's mix", [fake.add_track("Song", artists=[weeknd])], owned=False,
                                    refusal=refusal)  # fmt: skip

    with pytest.raises(TrackUnavailable) as caught:
        await catalog.lookup(f"https://open.spotify.com/playlist/{playlist_id}?si=abc", limit=100)

    assert "no longer lets bots read playlists they don't own" in caught.value.reason
    assert "/spotify link" in caught.value.reason
    assert not caught.value.transient


async def test_an_artist_link_is_read_through_search_pages_of_ten(
    catalog: SpotipyCatalog, fake: SpotifyFake, weeknd: Json
) -> None:
    tribute = fake.add_artist("The Weeknd Tribute Band")
    for n in range(1, 31):
        fake.add_track(f"Hit {n}", artists=[weeknd] if n % 5 else [tribute])

    listing = await catalog.lookup(open_url("artist", weeknd["id"]), limit=15)

    assert [entry.title for entry in listing.entries] == [f"Hit {n}" for n in range(1, 20) if n % 5][:15]
    assert all(entry.artist == "The Weeknd" for entry in listing.entries)
    assert listing.title == "The Weeknd"
    assert listing.note is not None and "top tracks" in listing.note
    searches = [r.query for r in fake.api_requests() if r.path == "/v1/search"]
    assert [(q["q"], q["limit"], q["offset"]) for q in searches] == [
        ('artist:"The Weeknd"', "10", "0"),
        ('artist:"The Weeknd"', "10", "10"),
    ]
    assert not any("top-tracks" in r.path for r in fake.api_requests())


async def test_an_artist_link_gives_at_most_fifty_songs(
    catalog: SpotipyCatalog, fake: SpotifyFake, weeknd: Json
) -> None:
    for n in range(1, 81):
        fake.add_track(f"Song {n}", artists=[weeknd])

    listing = await catalog.lookup(open_url("artist", weeknd["id"]), limit=1000)

    assert len(listing.entries) == 50
    assert len([r for r in fake.api_requests() if r.path == "/v1/search"]) == 5


async def test_an_unknown_track_is_not_found(catalog: SpotipyCatalog) -> None:
    with pytest.raises(TrackUnavailable) as caught:
        await catalog.lookup(open_url("track", "0000000000000000000000"), limit=1)

    assert caught.value.reason == "Spotify has no such track (check the link)"
    assert not caught.value.transient


async def test_wrong_credentials_are_reported_for_an_admin(make_catalog: CatalogFactory, fake: SpotifyFake) -> None:
    catalog = make_catalog(client_secret="not-the-secret")

    with pytest.raises(TrackUnavailable) as caught:
        await catalog.lookup(open_url("track", "abc"), limit=1)

    assert caught.value.reason == "the bot's Spotify credentials were refused; ask an admin to check them"
    assert fake.api_requests() == []


async def test_a_revoked_token_is_reported_as_refused_credentials(
    catalog: SpotipyCatalog, fake: SpotifyFake, weeknd: Json
) -> None:
    track = fake.add_track("Starboy", artists=[weeknd])
    await catalog.lookup(open_url("track", track["id"]), limit=1)
    fake.revoke_tokens()

    with pytest.raises(TrackUnavailable, match="credentials were refused"):
        await catalog.lookup(open_url("track", track["id"]), limit=1)


async def test_the_token_is_fetched_once_and_kept_in_memory(
    catalog: SpotipyCatalog, fake: SpotifyFake, weeknd: Json, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    track = fake.add_track("Starboy", artists=[weeknd])

    for _ in range(3):
        await catalog.lookup(open_url("track", track["id"]), limit=1)

    assert len(fake.token_requests()) == 1
    assert not (tmp_path / ".cache").exists()  # spotipy's default cache handler would write it here


async def test_rate_limiting_is_transient_and_not_slept_through(
    catalog: SpotipyCatalog, fake: SpotifyFake, weeknd: Json
) -> None:
    track = fake.add_track("Starboy", artists=[weeknd])
    fake.fail_next(429, retry_after=30)
    started = time.monotonic()

    with pytest.raises(TrackUnavailable) as caught:
        await catalog.lookup(open_url("track", track["id"]), limit=1)

    assert (caught.value.reason, caught.value.transient) == (
        "Spotify is rate-limiting the bot; try again in 30 s",
        True,
    )
    assert time.monotonic() - started < 2
    assert len(fake.api_requests()) == 1
    listing = await catalog.lookup(open_url("track", track["id"]), limit=1)  # the next call goes through
    assert listing.entries[0].title == "Starboy"


async def test_a_server_error_is_transient(catalog: SpotipyCatalog, fake: SpotifyFake, weeknd: Json) -> None:
    album = fake.add_album("After Hours", artists=[weeknd], count=3)
    fake.fail_next(500)

    with pytest.raises(TrackUnavailable) as caught:
        await catalog.lookup(open_url("album", album["id"]), limit=10)

    assert (caught.value.reason, caught.value.transient) == (
        "Spotify is having trouble (HTTP 500); try again shortly",
        True,
    )
    assert len(fake.api_requests()) == 1  # no hidden retries


async def test_a_slow_spotify_is_cut_off_at_the_timeout(
    make_catalog: CatalogFactory, fake: SpotifyFake, weeknd: Json
) -> None:
    catalog = make_catalog(timeout=0.3, request_timeout=1.0)
    track = fake.add_track("Starboy", artists=[weeknd])
    fake.delay = 0.6

    with pytest.raises(TrackUnavailable) as caught:
        await catalog.lookup(open_url("track", track["id"]), limit=1)

    assert caught.value.transient
    assert "did not answer within 0.3 s" in caught.value.reason


async def test_an_unreachable_spotify_is_transient(make_catalog: CatalogFactory, fake: SpotifyFake) -> None:
    catalog = make_catalog(token_url="http://127.0.0.1:9/api/token")

    with pytest.raises(TrackUnavailable) as caught:
        await catalog.lookup(open_url("track", "abc"), limit=1)

    assert caught.value.transient


async def test_without_credentials_links_are_recognised_and_explained() -> None:
    catalog = build_spotify_catalog(client_id="", client_secret=None)

    assert isinstance(catalog, MissingCredentialsCatalog)
    assert catalog.handles("https://open.spotify.com/intl-fr/album/4yP0hdKOZPNshxUOjY0cZj?si=x")
    assert not catalog.handles("https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    with pytest.raises(TrackUnavailable) as caught:
        await catalog.lookup("spotify:track:0VjIjW4GlUZAMYd2vXMi3b", limit=1)
    assert "MUSICBOT_SPOTIFY_CLIENT_ID and MUSICBOT_SPOTIFY_CLIENT_SECRET" in caught.value.reason


def test_with_credentials_the_real_catalogue_is_built(fake: SpotifyFake) -> None:
    catalog = build_spotify_catalog(client_id="id", client_secret="secret", api_url=fake.api_url)
    try:
        assert isinstance(catalog, SpotipyCatalog)
        assert catalog.handles("spotify:artist:1Xyo4u8uXC1ZmMpatF05PJ")
    finally:
        catalog.close()
