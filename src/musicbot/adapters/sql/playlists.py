"""`GuildPlaylists` in SQL: whole, or scoped to the playlists a use-case touches; saved as the changes it made.

`save` compares the aggregate with what was loaded in this unit of work and writes only the difference: tracks
appended to a playlist become inserted rows, a playlist nobody touched is not written at all. An aggregate that
was not loaded here (built from nothing) replaces what the guild had. On PostgreSQL, loading takes the guild's
advisory lock until the transaction ends, so two commands on one guild's playlists take turns instead of
losing one's changes; SQLite's writers take turns already (database.py).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from musicbot.adapters.sql import tables as t
from musicbot.adapters.sql.playlist_views import PlaylistViewQueries
from musicbot.adapters.sql.reconstitute import stored_guild, stored_info, stored_name, stored_playlist
from musicbot.adapters.sql.rows import track_from, track_values
from musicbot.domain.errors import InvalidPlaylistName
from musicbot.domain.ids import GuildId
from musicbot.domain.playlist import GuildPlaylists, Playlist, PlaylistInfo, PlaylistName
from musicbot.domain.track import Track

_ITEM_COLUMNS = [
    t.playlist_items.c[name] for name in ("title", "artist", "duration", "source", "page_url", "thumbnail")
]


@dataclass(slots=True)
class _Stored:
    """What the database holds for one playlist, as this unit of work last read or wrote it."""

    # Held, so that id(playlist) stays its own while we map by it; None: not loaded (its `PlaylistInfo.ref` is
    # the row, kept through renames).
    playlist: Playlist | None
    name: str
    max_size: int
    tracks: tuple[Track, ...] | None  # None: not loaded


@dataclass(slots=True)
class _Loaded:
    aggregate: GuildPlaylists
    by_row: dict[int, _Stored] = field(default_factory=dict)
    active: int | None = None


class SqlAlchemyPlaylistRepository(PlaylistViewQueries):
    def __init__(self, connection: AsyncConnection) -> None:
        self._conn = connection
        self._loaded: dict[GuildId, _Loaded] = {}

    async def get(self, guild_id: GuildId) -> GuildPlaylists:
        return await self._load(guild_id, keys=None, active_tracks=True)

    async def get_scoped(
        self, guild_id: GuildId, *, tracks_of: Collection[str] = (), active_tracks: bool = False
    ) -> GuildPlaylists:
        return await self._load(guild_id, keys=set(_keys(tracks_of)), active_tracks=active_tracks)

    async def names_starting_with(self, guild_id: GuildId, key_prefix: str, *, limit: int) -> list[str]:
        query = sa.select(t.playlists.c.name).where(t.playlists.c.guild_id == guild_id)
        if key_prefix:
            query = query.where(sa.func.substr(t.playlists.c.name_key, 1, len(key_prefix)) == key_prefix)
        result = await self._conn.execute(query.order_by(t.playlists.c.name_key).limit(limit))
        return list(result.scalars())

    async def save(self, playlists: GuildPlaylists) -> None:
        loaded = self._loaded.get(playlists.guild_id)
        if loaded is None or loaded.aggregate is not playlists:
            loaded = await self._forget_stored(playlists)
        current = {id(p): p for p in playlists.members()}
        unloaded = {_row(info): info for info in playlists.unloaded()}
        kept = {
            row: s
            for row, s in loaded.by_row.items()
            if (row in unloaded if s.playlist is None else id(s.playlist) in current)
        }
        gone = [row for row in loaded.by_row if row not in kept]
        if gone:
            await self._conn.execute(sa.delete(t.playlists).where(t.playlists.c.id.in_(gone)))
        await self._rename(kept, {row: info.name for row, info in unloaded.items()})
        rows: dict[int, int] = {id(s.playlist): row for row, s in kept.items() if s.playlist is not None}
        for playlist in current.values():
            row = rows.get(id(playlist))
            if row is None:
                rows[id(playlist)] = row = await self._insert(playlist)
                kept[row] = _Stored(playlist, playlist.name.value, playlist.max_size, ())
            await self._write_changes(row, kept[row])
        want = None
        if (active := playlists.active_entry) is not None:
            # Not loaded, it carries its row; loaded, it is found by identity (no name's key computed 10,000 times).
            want = _row(active) if active.ref is not None else rows[id(playlists.active)]
        if want != loaded.active:
            await self._conn.execute(
                sa.delete(t.active_playlists).where(t.active_playlists.c.guild_id == playlists.guild_id)
            )
            if want is not None:
                await self._conn.execute(
                    sa.insert(t.active_playlists).values(guild_id=playlists.guild_id, playlist_id=want)
                )
        self._loaded[playlists.guild_id] = _Loaded(playlists, kept, want)

    # --- loading ---------------------------------------------------------------------------------------
    async def _load(self, guild_id: GuildId, *, keys: set[str] | None, active_tracks: bool) -> GuildPlaylists:
        """Every playlist of the guild; tracks of all (`keys` None), of `keys`, and of the active one if asked."""
        await self._lock(guild_id)
        p = t.playlists.c
        heads = (
            await self._conn.execute(
                sa.select(p.id, p.name, p.name_key, p.max_size, p.item_count).where(p.guild_id == guild_id)
            )
        ).all()
        active = await self._conn.scalar(
            sa.select(t.active_playlists.c.playlist_id).where(t.active_playlists.c.guild_id == guild_id)
        )
        if keys is None:
            wanted: set[int] | None = None
        else:
            wanted = {row for row, _, key, _, _ in heads if key in keys or (active_tracks and row == active)}
        tracks = await self._tracks(guild_id, wanted)
        loaded = _Loaded(GuildPlaylists(guild_id), active=active)
        keyed: list[tuple[str, Playlist]] = []
        others: list[tuple[str, PlaylistInfo]] = []
        active_key: str | None = None
        # Rows unpacked by position: a guild may have 10,000 playlists, and access by name costs more.
        for row, name, key, max_size, size in heads:
            if wanted is None or row in wanted:
                stored = tracks.get(row, ())
                playlist = stored_playlist(guild_id, stored_name(name), max_size, stored)
                keyed.append((key, playlist))
                loaded.by_row[row] = _Stored(playlist, name, max_size, stored)
            else:
                others.append((key, stored_info(stored_name(name), max_size, size, row)))
                loaded.by_row[row] = _Stored(None, name, max_size, None)
            if row == active:
                active_key = key
        loaded.aggregate = stored_guild(guild_id, keyed, active_key, others)
        self._loaded[guild_id] = loaded
        return loaded.aggregate

    async def _tracks(self, guild_id: GuildId, wanted: set[int] | None) -> dict[int, tuple[Track, ...]]:
        i = t.playlist_items.c
        query = sa.select(i.playlist_id, *_ITEM_COLUMNS).order_by(i.playlist_id, i.position)
        if wanted is None:
            owned = sa.select(t.playlists.c.id).where(t.playlists.c.guild_id == guild_id)
            query = query.where(i.playlist_id.in_(owned.scalar_subquery()))
        elif wanted:
            query = query.where(i.playlist_id.in_(sorted(wanted)))
        else:
            return {}
        grouped: dict[int, list[Track]] = {}
        for row in (await self._conn.execute(query)).mappings():
            grouped.setdefault(row["playlist_id"], []).append(track_from(row))
        return {row: tuple(tracks) for row, tracks in grouped.items()}

    async def _lock(self, guild_id: GuildId) -> None:
        if self._conn.dialect.name == "postgresql":
            await self._conn.execute(sa.select(sa.func.pg_advisory_xact_lock(guild_id)))

    # --- saving ----------------------------------------------------------------------------------------
    async def _forget_stored(self, playlists: GuildPlaylists) -> _Loaded:
        """An aggregate not loaded here replaces the guild's playlists: what it does not hold is deleted."""
        if any(True for _ in playlists.unloaded()):
            raise ValueError("an aggregate with unloaded playlists is saved by the unit of work that loaded it")
        await self._lock(playlists.guild_id)
        await self._conn.execute(sa.delete(t.playlists).where(t.playlists.c.guild_id == playlists.guild_id))
        return _Loaded(playlists)

    async def _rename(self, kept: dict[int, _Stored], unloaded: dict[int, PlaylistName]) -> None:
        names = {row: unloaded[row] if s.playlist is None else s.playlist.name for row, s in kept.items()}
        renamed = [(row, s) for row, s in kept.items() if names[row].value != s.name]
        # Through a key no name can have first (names hold no control characters): renames that swap two
        # names must not collide half-way.
        for row, _ in renamed:
            await self._update(row, name_key=f"\x01{row}")
        for row, stored in renamed:
            name = names[row]
            await self._update(row, name=name.value, name_key=name.key)
            stored.name = name.value

    async def _insert(self, playlist: Playlist) -> int:
        row = await self._conn.scalar(
            sa.insert(t.playlists)
            .values(
                guild_id=playlist.guild_id,
                name=playlist.name.value,
                name_key=playlist.name.key,
                max_size=playlist.max_size,
                item_count=0,
            )
            .returning(t.playlists.c.id)
        )
        assert row is not None
        return int(row)

    async def _write_changes(self, row: int, stored: _Stored) -> None:
        playlist = stored.playlist
        if playlist is None:  # not loaded: nothing of it but its name can have changed
            return
        if playlist.max_size != stored.max_size:
            await self._update(row, max_size=playlist.max_size)
            stored.max_size = playlist.max_size
        old, new = stored.tracks or (), playlist.tracks
        if new == old:
            return
        if new[: len(old)] == old:
            await self._insert_items(row, new[len(old) :], first=len(old) + 1)
        else:
            await self._conn.execute(sa.delete(t.playlist_items).where(t.playlist_items.c.playlist_id == row))
            await self._insert_items(row, new, first=1)
        await self._update(row, item_count=len(new))
        stored.tracks = new

    async def _insert_items(self, row: int, tracks: Sequence[Track], *, first: int) -> None:
        if tracks:
            values = [
                {"playlist_id": row, "position": first + n, **track_values(track)} for n, track in enumerate(tracks)
            ]
            await self._conn.execute(sa.insert(t.playlist_items), values)

    async def _update(self, row: int, **values: object) -> None:
        await self._conn.execute(sa.update(t.playlists).where(t.playlists.c.id == row).values(**values))


def _keys(names: Iterable[str]) -> Iterable[str]:
    for name in names:
        try:
            yield PlaylistName(name).key
        except InvalidPlaylistName:
            continue  # no playlist has that name: the aggregate says so when it is asked for it


def _row(info: PlaylistInfo) -> int:
    """The row of a playlist this repository loaded without its tracks."""
    if not isinstance(info.ref, int):
        raise ValueError("an aggregate with unloaded playlists is saved by the unit of work that loaded it")
    return info.ref
