"""Playlists at scale: one guild with 10,000 playlists holding 100,000 tracks, on SQLite and on PostgreSQL.

Latencies (p50/p99) of the playlist use-cases over the real unit of work: list (a page of names), autocomplete,
show (one playlist's tracks), add (a resolved song appended; the resolver answers at once), and a full load of
the aggregate with every track for comparison. PostgreSQL runs when a URL is given (--postgres-url or
$MUSICBOT_TEST_POSTGRES_URL); its tables are emptied first, so point it at a database of its own.
Run: `.venv/bin/python -m bench.persistence [--playlists 10000] [--items 100000] [--runs 200]`.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import sqlalchemy as sa

from musicbot.adapters.sql import create_database, unit_of_work_factory, upgrade
from musicbot.adapters.sql import tables as t
from musicbot.adapters.sql.database import Database
from musicbot.application.playlists.add import AddToPlaylist, AddToPlaylistCommand
from musicbot.application.playlists.autocomplete import AutocompletePlaylists, AutocompleteQuery
from musicbot.application.playlists.list import ListPlaylists, ListPlaylistsQuery
from musicbot.application.playlists.show import ShowPlaylist, ShowPlaylistQuery
from musicbot.domain.ids import GuildId
from musicbot.domain.track import SourceKind, Track

GUILD = GuildId(1)
SMALL_GUILD = GuildId(2)  # a guild of a more usual size, for comparison


class InstantResolver:
    async def resolve(self, query: str) -> Track:
        return Track(title=query, page_url=f"https://example.com/{query}", source=SourceKind.YOUTUBE, duration=200.0)

    async def refresh(self, track: Track) -> Track:
        return track


async def seed(database: Database, playlists: int, items: int, guild_id: GuildId = GUILD) -> None:
    async with database.connect() as connection:
        await connection.execute(
            sa.insert(t.playlists),
            [
                {
                    "guild_id": guild_id,
                    "name": f"Playlist {n}",
                    "name_key": f"playlist {n}",
                    "max_size": 10_000,
                    "item_count": items // playlists + (1 if n < items % playlists else 0),
                }
                for n in range(playlists)
            ],
        )
        owned = sa.select(t.playlists.c.id).where(t.playlists.c.guild_id == guild_id).order_by(t.playlists.c.id)
        ids = list((await connection.execute(owned)).scalars())
        rows = [
            {
                "playlist_id": ids[n % playlists],
                "position": n // playlists + 1,
                "title": f"Song {n}",
                "artist": "Artist",
                "duration": 200.0,
                "source": "youtube",
                "page_url": f"https://example.com/{n}",
                "thumbnail": None,
            }
            for n in range(items)
        ]
        for start in range(0, len(rows), 10_000):
            await connection.execute(sa.insert(t.playlist_items), rows[start : start + 10_000])
        await connection.commit()


async def timed(runs: int, action: Callable[[int], Awaitable[object]]) -> tuple[float, float]:
    samples = []
    for run in range(runs):
        started = time.perf_counter()
        await action(run)
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[max(int(len(samples) * 0.99) - 1, 0)]


async def measure(url: str, playlists: int, items: int, runs: int) -> dict[str, tuple[float, float]]:
    await asyncio.to_thread(upgrade, url)
    database = create_database(url)
    try:
        if database.dialect == "postgresql":
            async with database.engine.begin() as connection:
                names = ", ".join(table.name for table in t.metadata.sorted_tables)
                await connection.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        started = time.perf_counter()
        await seed(database, playlists, items)
        await seed(database, 10, 100, SMALL_GUILD)
        print(
            f"{database.dialect}: seeded {playlists} playlists, {items} tracks in {time.perf_counter() - started:.1f} s"
        )

        uow = unit_of_work_factory(database)
        rng = random.Random(1)

        def name() -> str:
            return f"playlist {rng.randrange(playlists)}"

        add = AddToPlaylist(uow, InstantResolver(), max_query_length=500)
        show, listing, complete = ShowPlaylist(uow), ListPlaylists(uow), AutocompletePlaylists(uow)

        async def full_load(_: int) -> None:
            async with uow() as unit:
                await unit.playlists.get(GUILD)

        return {
            "list (page of 20 names)": await timed(runs, lambda _: listing.execute(ListPlaylistsQuery(guild_id=GUILD))),
            "autocomplete (25 names)": await timed(
                runs, lambda n: complete.execute(AutocompleteQuery(guild_id=GUILD, prefix=f"playlist {n % 100}"))
            ),
            "show (load one playlist)": await timed(
                runs, lambda _: show.execute(ShowPlaylistQuery(guild_id=GUILD, name=name()))
            ),
            "add (resolve + append + commit)": await timed(
                runs, lambda n: add.execute(AddToPlaylistCommand(guild_id=GUILD, query=f"new {n}", playlist=name()))
            ),
            "add, in a guild of 10 playlists": await timed(
                runs,
                lambda n: add.execute(
                    AddToPlaylistCommand(guild_id=SMALL_GUILD, query=f"new {n}", playlist=f"playlist {n % 10}")
                ),
            ),
            "load everything (eager aggregate)": await timed(max(runs // 20, 3), full_load),
        }
    finally:
        await database.dispose()


async def main(playlists: int, items: int, runs: int, postgres_url: str | None) -> None:
    results: dict[str, dict[str, tuple[float, float]]] = {}
    with tempfile.TemporaryDirectory() as directory:
        results["SQLite"] = await measure(f"sqlite:///{Path(directory) / 'bench.db'}", playlists, items, runs)
    if postgres_url:
        results["PostgreSQL"] = await measure(postgres_url, playlists, items, runs)
    backends = list(results)
    print(f"\n{playlists:,} playlists, {items:,} tracks in one guild; {runs} runs (ms)\n")
    print("| operation | " + " | ".join(f"{b} p50 | {b} p99" for b in backends) + " |")
    print("|---|" + "---|---|" * len(backends))
    for operation in results["SQLite"]:
        cells = " | ".join(f"{results[b][operation][0]:.1f} | {results[b][operation][1]:.1f}" for b in backends)
        print(f"| {operation} | {cells} |")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--playlists", type=int, default=10_000)
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--postgres-url", default=os.environ.get("MUSICBOT_TEST_POSTGRES_URL"))
    args = parser.parse_args()
    asyncio.run(main(args.playlists, args.items, args.runs, args.postgres_url))
