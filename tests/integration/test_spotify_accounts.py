"""Members' Spotify accounts end to end below Discord: the httpx adapters against the local accounts/Web API fake,
tokens encrypted in real SQLite and PostgreSQL, the use-cases over them."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx
import pytest
import sqlalchemy as sa
from cryptography.fernet import Fernet

from musicbot.adapters.crypto import FernetTokenCipher, InvalidSecretKey
from musicbot.adapters.spotify.accounts import HttpxSpotifyAuthorization
from musicbot.adapters.spotify.member_api import HttpxSpotifyMemberApi
from musicbot.adapters.sql import tables as t
from musicbot.adapters.sql.spotify_accounts import (
    SqlAlchemyLinkedAccounts,
    SqlAlchemyMemberData,
    SqlAlchemyTasteProfiles,
)
from musicbot.application.spotify_accounts.connect import Callback, FinishLink, StartLink
from musicbot.application.spotify_accounts.errors import InvalidLinkState, LinkExpired, NotAllowListed
from musicbot.application.spotify_accounts.manage import ForgetMember
from musicbot.application.spotify_accounts.pending import PendingLinks
from musicbot.application.spotify_accounts.save import SaveCommand, SaveToSpotify
from musicbot.application.spotify_accounts.taste import RefreshTaste, TasteRefresher
from musicbot.application.spotify_accounts.tokens import MemberTokens
from musicbot.domain.ids import GuildId, UserId
from musicbot.domain.track import SourceKind, Track
from tests.fakes.clock import ManualClock
from tests.integration.test_sql_backends import SQL, Storage, storage_fixture
from tests.support.spotify_accounts_fake import SpotifyAccountsFake, track_json

storage = storage_fixture(SQL)
REDIRECT = "http://127.0.0.1:8080/spotify/callback"
ALICE, BOB = UserId(1001), UserId(1002)
GUILD = GuildId(77)


@pytest.fixture
def fake() -> Iterator[SpotifyAccountsFake]:
    with SpotifyAccountsFake() as running:
        running.add_user(
            "alice-account", "Alice", top_artists=["Daft Punk", "Air"],
            top_tracks=[track_json("t1", "One More Time", "Daft Punk")],
            recent=[track_json("t2", "Sexy Boy", "Air")], saved=[track_json("t1", "One More Time", "Daft Punk")],
        )  # fmt: skip
        running.add_user("carol-account", "Carol", allow_listed=False)
        yield running


@dataclass
class World:
    fake: SpotifyAccountsFake
    clock: ManualClock
    db: Storage
    key: str
    accounts: SqlAlchemyLinkedAccounts
    profiles: SqlAlchemyTasteProfiles
    data: SqlAlchemyMemberData
    pending: PendingLinks
    auth: HttpxSpotifyAuthorization
    api: HttpxSpotifyMemberApi
    start: StartLink
    finish: FinishLink
    tokens: MemberTokens

    async def link(self, user: UserId = ALICE) -> str:
        """Through the copy-paste flow: the address the browser lands on, pasted back."""
        sign_in = self.start.execute(user, GUILD)
        async with httpx.AsyncClient() as client:
            answer = await client.get(sign_in.url)
        assert answer.status_code == 302
        landed = answer.headers["Location"]
        await self.finish.execute(Callback.from_pasted(f"  {landed} "), user_id=user)
        return landed


@pytest.fixture
async def world(fake: SpotifyAccountsFake, storage: Storage) -> AsyncIterator[World]:
    assert storage.database is not None
    clock = ManualClock(datetime(2026, 12, 4, 12, tzinfo=UTC))
    key = Fernet.generate_key().decode()
    cipher = FernetTokenCipher(key)
    accounts = SqlAlchemyLinkedAccounts(storage.database, cipher)
    profiles = SqlAlchemyTasteProfiles(storage.database)
    data = SqlAlchemyMemberData(storage.database)
    pending = PendingLinks(clock)
    auth = HttpxSpotifyAuthorization(
        client_id=fake.client_id, redirect_uri=REDIRECT, clock=clock, accounts_url=fake.base_url
    )
    api = HttpxSpotifyMemberApi(api_url=fake.api_url, max_retry_after=1.0)
    made = World(
        fake, clock, storage, key, accounts, profiles, data, pending, auth, api,
        StartLink(pending, auth), FinishLink(pending, auth, api, accounts, clock),
        MemberTokens(accounts, auth, data, clock),
    )  # fmt: skip
    yield made
    await auth.aclose()
    await api.aclose()


async def _rows(world: World, table: sa.Table) -> list[sa.Row[object]]:
    assert world.db.database is not None
    async with world.db.database.engine.connect() as conn:
        return list((await conn.execute(sa.select(table))).all())


async def test_a_pasted_address_links_the_account_with_tokens_unreadable_without_the_key(world: World) -> None:
    await world.link()
    account = await world.accounts.get(ALICE)
    assert account is not None and account.account_id == "alice-account" and account.display_name == "Alice"
    assert account.tokens.access_token in world.fake.access
    [row] = await _rows(world, t.spotify_accounts)
    stored = row._mapping
    assert account.tokens.access_token not in stored["access_token"]
    assert account.tokens.refresh_token not in stored["refresh_token"]
    assert stored["refresh_token"].startswith("gAAAA")  # a Fernet token
    with pytest.raises(InvalidSecretKey):
        FernetTokenCipher(Fernet.generate_key().decode()).decrypt(stored["access_token"])
    token_call = world.fake.calls("/api/token")[0].body
    assert token_call["grant_type"] == "authorization_code" and "client_secret" not in token_call


async def test_a_reused_wrong_or_someone_elses_state_is_refused(world: World) -> None:
    landed = await world.link()
    with pytest.raises(InvalidLinkState):  # replayed
        await world.finish.execute(Callback.from_pasted(landed), user_id=ALICE)
    with pytest.raises(InvalidLinkState):  # made up
        await world.finish.execute(Callback(state="forged", code="code-1"), user_id=ALICE)
    sign_in = world.start.execute(ALICE, GUILD)
    async with httpx.AsyncClient() as client:
        landed = (await client.get(sign_in.url)).headers["Location"]
    with pytest.raises(InvalidLinkState):  # Bob pastes Alice's address
        await world.finish.execute(Callback.from_pasted(landed), user_id=BOB)
    assert await world.accounts.get(BOB) is None
    await world.finish.execute(Callback.from_pasted(landed), user_id=ALICE)  # still hers to finish


async def test_an_expired_state_is_refused(world: World) -> None:
    sign_in = world.start.execute(ALICE, GUILD)
    async with httpx.AsyncClient() as client:
        landed = (await client.get(sign_in.url)).headers["Location"]
    world.clock.advance(601)
    with pytest.raises(InvalidLinkState):
        await world.finish.execute(Callback.from_pasted(landed), user_id=ALICE)


async def test_the_token_service_checks_the_pkce_verifier(world: World) -> None:
    sign_in = world.start.execute(ALICE, GUILD)
    async with httpx.AsyncClient() as client:
        landed = (await client.get(sign_in.url)).headers["Location"]
    code = Callback.from_pasted(landed).code
    assert code is not None
    with pytest.raises(InvalidLinkState):
        await world.auth.exchange(code=code, code_verifier="x" * 64)


async def test_tokens_are_refreshed_before_they_expire_and_the_refresh_token_kept(world: World) -> None:
    await world.link()
    before = await world.accounts.get(ALICE)
    assert before is not None
    assert await world.tokens.access_token(ALICE) == before.tokens.access_token  # an hour left: no refresh
    world.clock.advance(3600 - 60)
    fresh = await world.tokens.access_token(ALICE)
    assert fresh != before.tokens.access_token and fresh in world.fake.access
    after = await world.accounts.get(ALICE)
    assert after is not None and after.tokens.refresh_token == before.tokens.refresh_token
    assert [c.body["grant_type"] for c in world.fake.calls("/api/token")] == ["authorization_code", "refresh_token"]


async def test_invalid_grant_unlinks_and_asks_to_link_again(world: World) -> None:
    await world.link()
    world.fake.expire_refresh_tokens()
    world.clock.advance(3600)
    with pytest.raises(LinkExpired, match="connect again"):
        await world.tokens.access_token(ALICE)
    assert await world.accounts.get(ALICE) is None


async def test_a_member_missing_from_the_apps_user_list_is_told_and_nothing_is_kept(world: World) -> None:
    world.fake.signed_in = "carol-account"
    with pytest.raises(NotAllowListed, match="User Management"):
        await world.link(BOB)
    assert await _rows(world, t.spotify_accounts) == []


async def test_taste_is_read_stored_and_a_429_retry_after_is_honoured(world: World) -> None:
    await world.link()
    refresh = RefreshTaste(world.tokens, world.api, world.profiles, world.clock)
    world.fake.fail_next(429, retry_after=0.2)
    profile = await refresh.execute(ALICE)
    assert world.api.waited == pytest.approx(0.2)
    assert profile.artists[:2] == ("Daft Punk", "Air")
    assert [track.title for track in profile.tracks] == ["One More Time", "Sexy Boy"]  # saved twice: once
    stored = await world.profiles.get(ALICE)
    assert stored is not None and stored.tracks == profile.tracks
    ranges = sorted(c.query["time_range"] for c in world.fake.calls("/v1/me/top/tracks"))
    assert ranges == ["long_term", "medium_term", "short_term"]
    refresher = TasteRefresher(refresh, world.accounts, world.profiles, world.clock, pause=0)
    assert await refresher.run_once() == 0  # fresh already
    world.clock.advance(13 * 3600)
    world.fake.fail_next(429, retry_after=1.5)  # longer than the adapter waits: the walk pauses 1.5 s
    assert await refresher.run_once() == 0
    assert await refresher.run_once() == 1


async def test_save_creates_a_playlist_in_the_members_account(world: World) -> None:
    await world.link()
    world.fake.catalog.append(track_json("t9", "Around the World", "Daft Punk"))
    songs = (
        Track(title="One More Time", artist="Daft Punk", page_url="https://open.spotify.com/track/t1",
              source=SourceKind.SPOTIFY),
        Track(title="Daft Punk - Around the World (Official Video)", page_url="https://youtu.be/x",
              source=SourceKind.YOUTUBE),
        Track(title="A song Spotify never had", artist="Nobody", page_url="https://youtu.be/y",
              source=SourceKind.YOUTUBE),
    )  # fmt: skip
    saved = await SaveToSpotify(world.tokens, world.api).execute(SaveCommand(user_id=ALICE, name="Mix", tracks=songs))
    [playlist] = world.fake.playlists.values()
    assert playlist.owner == "alice-account" and playlist.name == "Mix" and not playlist.public
    assert playlist.uris == ["spotify:track:t1", "spotify:track:t9"]
    assert saved.saved == 2 and saved.missing == ("Nobody - A song Spotify never had",)
    assert saved.url.endswith(playlist.id)


async def test_forget_deletes_every_row_of_the_member(world: World) -> None:
    await world.link()
    await RefreshTaste(world.tokens, world.api, world.profiles, world.clock).execute(ALICE)
    assert world.db.database is not None
    async with world.db.database.engine.begin() as conn:
        row = {"guild_id": GUILD, "title": "x", "source": "youtube", "page_url": "https://youtu.be/x",
               "played_at": world.clock.now()}  # fmt: skip
        await conn.execute(t.listening_history.insert(), [{**row, "user_id": ALICE}, {**row, "user_id": BOB}])
    forgotten = await ForgetMember(world.data, world.pending).execute(ALICE)
    assert forgotten.deleted["Spotify link"] == 1 and forgotten.deleted["songs in your listening history"] == 1
    for table in t.metadata.sorted_tables:
        for row in await _rows(world, table):
            assert ALICE not in tuple(row), (table.name, row)
    assert len(await _rows(world, t.listening_history)) == 1  # Bob's stays


async def test_a_new_key_first_rotates_every_stored_token(world: World) -> None:
    await world.link()
    new = Fernet.generate_key().decode()
    both = SqlAlchemyLinkedAccounts(world.db.database, FernetTokenCipher(f"{new},{world.key}"))  # type: ignore[arg-type]
    assert await both.rotate_keys() == 1
    only_new = SqlAlchemyLinkedAccounts(world.db.database, FernetTokenCipher(new))  # type: ignore[arg-type]
    account = await only_new.get(ALICE)
    assert account is not None and account.tokens.access_token in world.fake.access
    with pytest.raises(InvalidSecretKey):
        await world.accounts.get(ALICE)  # the old key alone opens nothing now


async def test_a_refresh_finishing_after_disconnect_brings_nothing_back(world: World) -> None:
    await world.link()
    account = await world.accounts.get(ALICE)
    assert account is not None
    await world.data.delete_spotify(ALICE)  # /spotify disconnect while a refresh was on its way
    assert not await world.accounts.renew(account)
    assert await _rows(world, t.spotify_accounts) == []
