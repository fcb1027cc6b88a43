"""The saved-playlist commands of the console, the same as the bot's slash commands.

A command that takes a playlist name and something more separates the two with `|`, since names may hold
spaces: `addto Road trip | never gonna give you up`, `premove Road trip | 3`, `delete Road trip | yes`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path

from musicbot.application.playlists.add import AddToPlaylistCommand
from musicbot.application.playlists.create import CreatePlaylistCommand
from musicbot.application.playlists.delete import DeletePlaylistCommand
from musicbot.application.playlists.export import ExportPlaylistQuery
from musicbot.application.playlists.importing import ImportPlaylistCommand
from musicbot.application.playlists.list import ListPlaylistsQuery
from musicbot.application.playlists.play import PlayPlaylistCommand
from musicbot.application.playlists.remove import RemoveFromPlaylistCommand
from musicbot.application.playlists.save_queue import SaveQueueCommand
from musicbot.application.playlists.show import ShowPlaylistQuery
from musicbot.entrypoints.console.commands import ConsoleIdentity, UsageError
from musicbot.entrypoints.formatting import songs
from musicbot.entrypoints.playlist_playback import (
    queued_text,
    remove_from_playlist,
)
from musicbot.entrypoints.services import PlaylistServices
from musicbot.entrypoints.wording import playlists as said
from musicbot.entrypoints.wording.markup import PLAIN, track_text

MAX_IMPORT_BYTES = 1024 * 1024
ADD_HINT = "add or addto"
PLAY_HINT = "Use play to hear it."
Handler = Callable[[str], Awaitable[str]]


def _two(args: str, usage: str) -> tuple[str, str]:
    first, bar, second = args.partition("|")
    if not bar or not first.strip() or not second.strip():
        raise UsageError(f"usage: {usage}")
    return first.strip(), second.strip()


def _one(args: str, usage: str) -> str:
    if not args.strip():
        raise UsageError(f"usage: {usage}")
    return args.strip()


def _new_name(args: str, usage: str) -> str:
    """A name for a new playlist: the console could never name one holding `|` again (it separates words)."""
    name = _one(args, usage)
    if "|" in name:
        raise UsageError("a playlist name cannot contain | at the console (it separates a name from what follows)")
    return name


def _int(text: str, usage: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise UsageError(f"usage: {usage}") from None


class PlaylistCommands:
    def __init__(self, services: PlaylistServices, identity: ConsoleIdentity, *, play: Handler) -> None:
        self._s = services
        self._id = identity
        self._play = play  # `play <words>`: the playback commands' own
        self.table: dict[str, tuple[Handler, str]] = {
            "play": (self.play, "play <url or search words>; play alone: the active playlist"),
            "create": (self.create, "create <name>: a new, empty playlist"),
            "add": (self.add, "add <url or words>: add a song to the active playlist (checked first)"),
            "addto": (self.add_to, "addto <playlist> | <url or words>"),
            "premove": (self.remove, "premove <playlist> | <n>: remove song n from a playlist"),
            "use": (self.use, "use <playlist>: make it active and queue it"),
            "playlist": (self.show, "playlist <name> [| <page>]: a playlist's songs"),
            "playlists": (self.list_playlists, "playlists [page]: this console's playlists"),
            "delete": (self.delete, "delete <name> | yes: delete a playlist"),
            "savequeue": (self.save_queue, "savequeue <name>: keep the queue as a new playlist"),
            "export": (self.export, "export <name> | <file.json>: write a playlist to a new file"),
            "import": (self.import_, "import <file.json> [| <name>]: a new playlist from a file"),
        }

    async def play(self, args: str) -> str:
        if args.strip():
            return await self._play(args)
        playback = await self._s.play.execute(PlayPlaylistCommand(guild_id=self._id.guild_id, caller=self._id.caller))
        return queued_text(playback, add_hint=ADD_HINT, play_hint=PLAY_HINT)

    async def create(self, args: str) -> str:
        name = _new_name(args, "create <name>")
        result = await self._s.create.execute(CreatePlaylistCommand(guild_id=self._id.guild_id, name=name))
        return said.created(result, PLAIN)

    async def add(self, args: str) -> str:
        query = _one(args, "add <url or search words>")
        result = await self._s.add.execute(AddToPlaylistCommand(guild_id=self._id.guild_id, query=query))
        return said.added(result, PLAIN)

    async def add_to(self, args: str) -> str:
        name, query = _two(args, "addto <playlist> | <url or search words>")
        command = AddToPlaylistCommand(guild_id=self._id.guild_id, query=query, playlist=name)
        return said.added(await self._s.add.execute(command), PLAIN)

    async def remove(self, args: str) -> str:
        usage = "premove <playlist> | <n>"
        name, number = _two(args, usage)
        command = RemoveFromPlaylistCommand(guild_id=self._id.guild_id, playlist=name, position=_int(number, usage))
        result = await remove_from_playlist(self._s, command)
        return said.removed(result, PLAIN)

    async def use(self, args: str) -> str:
        name = _one(args, "use <playlist>")
        playback = await self._s.play.execute(
            PlayPlaylistCommand(guild_id=self._id.guild_id, caller=self._id.caller, name=name)
        )
        return queued_text(playback, add_hint=ADD_HINT, play_hint=PLAY_HINT)

    async def show(self, args: str) -> str:
        usage = "playlist <name> [| <page>]"
        name, bar, page_text = args.partition("|")
        page = _int(page_text.strip(), usage) if bar else 1
        query = ShowPlaylistQuery(guild_id=self._id.guild_id, name=_one(name, usage), page=page)
        view = await self._s.show.execute(query)
        active = " (active)" if view.active else ""
        lines = [f"{view.name}{active}"]
        lines += [f"{entry.position:>3}. {track_text(entry.track)}" for entry in view.entries] or [
            said.page_empty(PLAIN)
        ]
        lines.append(said.page_footer(view))
        return "\n".join(lines)

    async def list_playlists(self, args: str) -> str:
        page = _int(args.strip(), "playlists [page]") if args.strip() else 1
        listing = await self._s.list.execute(ListPlaylistsQuery(guild_id=self._id.guild_id, page=page))
        if not listing.total:
            return said.none_yet(PLAIN)
        lines = [f"{'▶' if summary.active else ' '} {said.summary(summary, PLAIN)}" for summary in listing.playlists]
        lines.append(said.list_footer(listing))
        return "\n".join(lines)

    async def delete(self, args: str) -> str:
        name, bar, answer = args.partition("|")
        name = _one(name, "delete <name> | yes")
        if not bar or answer.strip().lower() != "yes":
            found = await self._s.show.execute(ShowPlaylistQuery(guild_id=self._id.guild_id, name=name, page_size=1))
            return f"Delete “{found.name}” and its {songs(found.total)}? Type: delete {found.name} | yes"
        result = await self._s.delete.execute(DeletePlaylistCommand(guild_id=self._id.guild_id, name=name))
        return said.deleted(result, PLAIN)

    async def save_queue(self, args: str) -> str:
        name = _new_name(args, "savequeue <name>")
        result = await self._s.save_queue.execute(SaveQueueCommand(guild_id=self._id.guild_id, name=name))
        return said.saved(result, PLAIN)

    async def export(self, args: str) -> str:
        name, file_name = _two(args, "export <name> | <file.json>")
        path = Path(file_name)
        exported = await self._s.export.execute(ExportPlaylistQuery(guild_id=self._id.guild_id, name=name))
        await asyncio.to_thread(_write_new, path, exported.content)
        local = exported.local_tracks
        note = f"; {local} of them {'is a file' if local == 1 else 'are files'} on this computer" if local else ""
        return f"Exported “{exported.name}” ({songs(exported.tracks)}) to {path}{note}."

    async def import_(self, args: str) -> str:
        file_name, bar, name = args.partition("|")
        path = Path(_one(file_name, "import <file.json> [| <name>]"))
        content = await asyncio.to_thread(_read_small, path)
        command = ImportPlaylistCommand(
            guild_id=self._id.guild_id,
            content=content,
            name=name.strip() if bar and name.strip() else None,
            allow_local_files=True,  # the person at the console owns this computer's files
        )
        result = await self._s.import_.execute(command)
        return said.imported(result, PLAIN)


def _write_new(path: Path, content: str) -> None:
    path = path.expanduser()
    try:
        with path.open("x", encoding="utf-8") as file:  # "x": an existing file is never overwritten
            file.write(content)
    except FileExistsError:
        raise UsageError(f"{path} exists already: pick a new file name (nothing was overwritten)") from None
    except OSError as error:
        raise UsageError(f"cannot write {path}: {error.strerror or error}") from None


def _read_small(path: Path) -> bytes:
    path = path.expanduser()
    try:
        with path.open("rb") as file:
            content = file.read(MAX_IMPORT_BYTES + 1)
    except OSError as error:
        raise UsageError(f"cannot read {path}: {error.strerror or error}") from None
    if len(content) > MAX_IMPORT_BYTES:
        raise UsageError(f"{path} is larger than {MAX_IMPORT_BYTES // 1024} KiB; nothing was imported")
    return content
