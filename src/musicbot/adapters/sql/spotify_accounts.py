"""Linked Spotify accounts, taste profiles and a member's data in SQL. Tokens are encrypted before they are
written and decrypted after they are read: the database file alone never holds them in the clear.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any, Protocol

import sqlalchemy as sa

from musicbot.adapters.sql import tables as t
from musicbot.adapters.sql.database import Database
from musicbot.adapters.sql.upsert import upsert
from musicbot.application.spotify_accounts.model import LinkedAccount, SpotifyTokens, TasteProfile
from musicbot.domain.ids import UserId
from musicbot.domain.track import SourceKind, Track


class TokenCipher(Protocol):
    def encrypt(self, plain: str) -> str: ...

    def decrypt(self, token: str) -> str: ...


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)  # SQLite drops the offset


class SqlAlchemyLinkedAccounts:
    def __init__(self, database: Database, cipher: TokenCipher) -> None:
        self._database = database
        self._cipher = cipher

    async def get(self, user_id: UserId) -> LinkedAccount | None:
        async with self._database.connect() as conn:
            query = sa.select(t.spotify_accounts).where(t.spotify_accounts.c.user_id == user_id)
            row = (await conn.execute(query)).mappings().first()
        if row is None:
            return None
        tokens = SpotifyTokens(
            access_token=self._cipher.decrypt(row["access_token"]),
            refresh_token=self._cipher.decrypt(row["refresh_token"]),
            expires_at=_aware(row["expires_at"]),
            scopes=frozenset(row["scopes"].split()),
        )
        return LinkedAccount(
            user_id=user_id,
            account_id=row["account_id"],
            display_name=row["display_name"],
            tokens=tokens,
            linked_at=_aware(row["linked_at"]),
        )

    async def save(self, account: LinkedAccount) -> None:
        values = {
            "user_id": account.user_id,
            "account_id": account.account_id,
            "display_name": account.display_name,
            "access_token": self._cipher.encrypt(account.tokens.access_token),
            "refresh_token": self._cipher.encrypt(account.tokens.refresh_token),
            "expires_at": account.tokens.expires_at,
            "scopes": " ".join(sorted(account.tokens.scopes)),
            "linked_at": account.linked_at,
        }
        async with self._database.connect() as conn:
            await conn.begin()
            await upsert(conn, t.spotify_accounts, values, key=["user_id"])
            await conn.commit()

    async def renew(self, account: LinkedAccount) -> bool:
        table = t.spotify_accounts
        values = {
            "access_token": self._cipher.encrypt(account.tokens.access_token),
            "refresh_token": self._cipher.encrypt(account.tokens.refresh_token),
            "expires_at": account.tokens.expires_at,
            "scopes": " ".join(sorted(account.tokens.scopes)),
        }
        async with self._database.connect() as conn:
            await conn.begin()
            result = await conn.execute(table.update().where(table.c.user_id == account.user_id).values(**values))
            await conn.commit()
        return bool(result.rowcount)

    async def linked_among(self, users: frozenset[UserId]) -> frozenset[UserId]:
        if not users:
            return frozenset()
        column = t.spotify_accounts.c.user_id
        async with self._database.connect() as conn:
            rows = await conn.execute(sa.select(column).where(column.in_(sorted(users))))
            return frozenset(UserId(row[0]) for row in rows)

    async def all_users(self) -> list[UserId]:
        async with self._database.connect() as conn:
            rows = await conn.execute(sa.select(t.spotify_accounts.c.user_id).order_by(t.spotify_accounts.c.user_id))
            return [UserId(row[0]) for row in rows]

    async def rotate_keys(self) -> int:
        """Every stored token encrypted again under the first key (key rotation); how many accounts."""
        table = t.spotify_accounts
        async with self._database.connect() as conn:
            await conn.begin()
            rows = (await conn.execute(sa.select(table.c.user_id, table.c.access_token, table.c.refresh_token))).all()
            rotate = getattr(self._cipher, "rotate")  # noqa: B009 - only the Fernet cipher rotates
            for user_id, access, refresh in rows:
                update = table.update().where(table.c.user_id == user_id)
                await conn.execute(update.values(access_token=rotate(access), refresh_token=rotate(refresh)))
            await conn.commit()
        return len(rows)


def _track_json(track: Track) -> dict[str, Any]:
    return {"title": track.title, "artist": track.artist, "duration": track.duration, "url": track.page_url}


def _track_of(data: dict[str, Any]) -> Track:
    return Track(
        title=data["title"], artist=data.get("artist"), duration=data.get("duration"), page_url=data["url"],
        source=SourceKind.SPOTIFY,
    )  # fmt: skip


class SqlAlchemyTasteProfiles:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def get(self, user_id: UserId) -> TasteProfile | None:
        table = t.spotify_taste_profiles
        async with self._database.connect() as conn:
            row = (await conn.execute(sa.select(table).where(table.c.user_id == user_id))).mappings().first()
        if row is None:
            return None
        data = json.loads(row["profile"])
        return TasteProfile(
            user_id=user_id,
            artists=tuple(data.get("artists", ())),
            tracks=tuple(_track_of(item) for item in data.get("tracks", ())),
            refreshed_at=_aware(row["refreshed_at"]),
        )

    async def refreshed_at(self, user_id: UserId) -> datetime | None:
        table = t.spotify_taste_profiles
        async with self._database.connect() as conn:
            value = (await conn.execute(sa.select(table.c.refreshed_at).where(table.c.user_id == user_id))).scalar()
        return None if value is None else _aware(value)

    async def save(self, profile: TasteProfile) -> None:
        data = {"artists": list(profile.artists), "tracks": [_track_json(track) for track in profile.tracks]}
        values = {"user_id": profile.user_id, "profile": json.dumps(data), "refreshed_at": profile.refreshed_at}
        async with self._database.connect() as conn:
            await conn.begin()
            if await self._linked(conn, profile.user_id):  # unlinked meanwhile: nothing derived may stay
                await upsert(conn, t.spotify_taste_profiles, values, key=["user_id"])
            await conn.commit()

    @staticmethod
    async def _linked(conn: Any, user_id: UserId) -> bool:
        query = sa.select(t.spotify_accounts.c.user_id).where(t.spotify_accounts.c.user_id == user_id)
        return (await conn.execute(query)).first() is not None


class SqlAlchemyMemberData:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def delete_spotify(self, user_id: UserId) -> dict[str, int]:
        return await self._delete(user_id, history=False)

    async def delete_all(self, user_id: UserId) -> dict[str, int]:
        return await self._delete(user_id, history=True)

    async def _delete(self, user_id: UserId, *, history: bool) -> dict[str, int]:
        kinds: list[tuple[str, sa.Table]] = [
            ("Spotify link", t.spotify_accounts),
            ("Spotify taste profile", t.spotify_taste_profiles),
        ]
        if history:
            kinds.append(("songs in your listening history", t.listening_history))
        deleted: dict[str, int] = {}
        async with self._database.connect() as conn:
            await conn.begin()
            for label, table in kinds:
                result = await conn.execute(table.delete().where(table.c.user_id == user_id))
                deleted[label] = int(result.rowcount or 0)
            await conn.commit()
        return deleted
