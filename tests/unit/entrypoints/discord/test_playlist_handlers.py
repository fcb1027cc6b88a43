"""The playlist slash commands over the application's fakes: what a user sees, and that nothing is lost on errors."""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

import discord
import pytest

from musicbot.application.playback.voice_rules import VoiceRules
from musicbot.application.storage_errors import StorageUnavailable
from musicbot.domain.ids import UserId
from musicbot.entrypoints.discord.cogs.playlists import MAX_IMPORT_BYTES, PlaylistCog
from musicbot.entrypoints.discord.cogs.requests import RequestCog
from musicbot.entrypoints.discord.playlist_views import ConfirmDelete, PageTurner
from tests.fakes.repositories import FakeUnitOfWork
from tests.unit.application.wiring import GUILD, App, settle
from tests.unit.entrypoints.discord.doubles import FakeInteraction, FakeReader, playlist_services
from tests.unit.entrypoints.discord.test_handlers import run

BOB = UserId(8)


class Bot:
    """The playlist cog and /play over one in-memory store, as Alice (in voice unless told otherwise)."""

    def __init__(self, app: App, *, in_voice: bool = True) -> None:
        self.app = app
        self.uow = FakeUnitOfWork()
        services: Any = SimpleNamespace(
            playlists=playlist_services(app, self.uow),
            rules=SimpleNamespace(voice=VoiceRules(app.registry)),
            playback=SimpleNamespace(),
            join=None,
        )
        reader = FakeReader() if in_voice else FakeReader(channel=None)
        self.cog = PlaylistCog(services, reader)  # type: ignore[arg-type]
        self.requests = RequestCog(services, reader)  # type: ignore[arg-type]

    async def say(self, command: Any, *, user_id: UserId | None = None, **options: Any) -> FakeInteraction:
        interaction = FakeInteraction() if user_id is None else FakeInteraction(user_id=user_id)
        cog = self.requests if command is RequestCog.play else self.cog
        await run(command, cog, interaction, **options)
        return interaction

    def names(self) -> list[str]:
        stored = self.uow.repository.committed.get(GUILD)
        return [] if stored is None else [p.name.value for p in stored.playlists]


def shown(interaction: FakeInteraction) -> str:
    embed = interaction.shown()
    assert embed is not None
    return embed.description or ""


def private_error(interaction: FakeInteraction) -> str:
    [reply] = [r for r in interaction.followup.sent + interaction.response.sent if r.ephemeral]
    assert reply.embed is not None
    return reply.embed.description or ""


class FakeAttachment:
    def __init__(self, content: bytes, *, size: int | None = None) -> None:
        self.content = content
        self.size = len(content) if size is None else size
        self.reads = 0

    async def read(self) -> bytes:
        self.reads += 1
        return self.content


@pytest.fixture
def bot(app: App) -> Bot:
    return Bot(app)


async def test_create_add_list_and_show(bot: Bot) -> None:
    bot.app.resolver.track("lofi", title="Lofi Beats")
    created = await bot.say(PlaylistCog.create, name="  Road trip ")
    assert created.response.deferred and "**Road trip**" in shown(created)

    await bot.say(PlaylistCog.use, playlist="road TRIP")
    added = await bot.say(PlaylistCog.add, song="lofi")
    assert "Lofi Beats" in shown(added) and "#1" in shown(added)

    listed = await bot.say(PlaylistCog.playlists)
    assert "**Road trip** · 1 song" in shown(listed)
    page = await bot.say(PlaylistCog.show, name="road trip")
    assert "`  1.` Lofi Beats" in shown(page)


async def test_add_without_an_active_playlist_hints_at_create_and_use_and_saves_nothing(bot: Bot) -> None:
    bot.app.resolver.track("lofi")
    interaction = await bot.say(PlaylistCog.add, song="lofi")

    assert "/create" in private_error(interaction) and "/use" in private_error(interaction)
    assert bot.app.resolver.resolve_calls == []  # refused before the slow lookup
    assert bot.names() == []


async def test_an_unplayable_song_is_not_saved(bot: Bot) -> None:
    await bot.say(PlaylistCog.create, name="Mix")
    interaction = await bot.say(PlaylistCog.add_to, playlist="Mix", song="nothing like this")

    assert "found nothing" in private_error(interaction)
    page = await bot.say(PlaylistCog.show, name="Mix")
    assert "empty" in shown(page)


async def test_bad_names_and_duplicates_are_friendly_refusals(bot: Bot) -> None:
    await bot.say(PlaylistCog.create, name="Mix")
    duplicate = await bot.say(PlaylistCog.create, name="MIX")
    assert "already exists" in private_error(duplicate)
    control = await bot.say(PlaylistCog.create, name="bad\x07name")
    assert "control characters" in private_error(control)
    missing = await bot.say(PlaylistCog.remove, playlist="Nope", index=1)
    assert "no playlist named “Nope”" in private_error(missing)
    assert bot.names() == ["Mix"]


async def test_use_queues_the_playlist_and_it_plays(bot: Bot) -> None:
    for query in ("a", "b"):
        bot.app.resolver.track(query)
    await bot.say(PlaylistCog.create, name="Mix")
    for query in ("a", "b"):
        await bot.say(PlaylistCog.add_to, playlist="Mix", song=query)

    used = await bot.say(PlaylistCog.use, playlist="mix")
    await settle()

    assert "Queued “Mix”: 2 songs, playing now" in shown(used)
    assert bot.app.titles() == ["a", "b"]


async def test_use_outside_voice_only_activates(app: App) -> None:
    bot = Bot(app, in_voice=False)
    app.resolver.track("a")
    await bot.say(PlaylistCog.create, name="Mix")
    await bot.say(PlaylistCog.add_to, playlist="Mix", song="a")

    used = await bot.say(PlaylistCog.use, playlist="Mix")

    assert "is now the active playlist (1 song)" in shown(used)
    assert len(app.registry) == 0
    listed = await bot.say(PlaylistCog.playlists)
    assert "active: Mix" in (listed.shown().footer.text or "")  # type: ignore[union-attr]


async def test_a_bare_play_plays_the_active_playlist(bot: Bot) -> None:
    bot.app.resolver.track("a")
    await bot.say(PlaylistCog.create, name="Mix")
    await bot.say(PlaylistCog.add_to, playlist="Mix", song="a")
    await bot.say(PlaylistCog.use, playlist="Mix")
    await bot.say(RequestCog.play, query=None)  # queued behind the copy /use put there
    await settle()

    assert bot.app.titles() == ["a", "a"]


async def test_names_autocomplete_by_prefix_ignoring_case(bot: Bot) -> None:
    for name in ("Rock", "road trip", "Jazz"):
        await bot.say(PlaylistCog.create, name=name)

    choices = await PlaylistCog._names(bot.cog, FakeInteraction(), "RO")  # type: ignore[arg-type]

    assert [c.value for c in choices] == ["road trip", "Rock"]


async def test_delete_asks_and_only_its_asker_confirms(bot: Bot) -> None:
    await bot.say(PlaylistCog.create, name="Mix")
    asked = await bot.say(PlaylistCog.delete, name="mix")
    view = asked.original_edits[-1]["view"]
    assert isinstance(view, ConfirmDelete) and "Delete **Mix**" in shown(asked)

    stranger = FakeInteraction(user_id=BOB)
    assert not await view.interaction_check(stranger)  # type: ignore[arg-type]
    assert bot.names() == ["Mix"]

    press = FakeInteraction()
    assert await view.interaction_check(press)  # type: ignore[arg-type]
    await view.confirm.callback(press)  # type: ignore[arg-type]
    assert "Deleted **Mix**" in press.response.edited[0]["embed"].description
    assert press.response.edited[0]["view"] is None
    assert bot.names() == []


async def test_delete_cancelled_or_unanswered_keeps_the_playlist(bot: Bot) -> None:
    await bot.say(PlaylistCog.create, name="Mix")
    asked = await bot.say(PlaylistCog.delete, name="Mix")
    view = asked.original_edits[-1]["view"]
    press = FakeInteraction()
    await view.cancel.callback(press)
    assert view.outcome == "cancelled" and bot.names() == ["Mix"]

    again = await bot.say(PlaylistCog.delete, name="Mix")
    timed_out = again.original_edits[-1]["view"]
    await timed_out.on_timeout()
    assert "was kept" in again.original_edits[-1]["embed"].description
    assert bot.names() == ["Mix"]


async def test_export_attaches_a_file_that_imports_back(bot: Bot) -> None:
    bot.app.resolver.track("a", title="Song A")
    await bot.say(PlaylistCog.create, name="Mix")
    await bot.say(PlaylistCog.add_to, playlist="Mix", song="a")

    exported = await bot.say(PlaylistCog.export, name="Mix")
    [file] = exported.original_edits[-1]["attachments"]
    assert isinstance(file, discord.File) and file.filename == "mix.musicbot.json"
    content = file.fp.read()
    assert json.loads(content)["tracks"][0]["title"] == "Song A"

    imported = await bot.say(PlaylistCog.import_, file=FakeAttachment(content), name="Copy")
    assert "Imported **Copy**: 1 song" in shown(imported)
    copy = await bot.say(PlaylistCog.show, name="Copy")
    assert "Song A" in shown(copy)


async def test_bad_or_large_files_are_refused_and_nothing_is_saved(bot: Bot) -> None:
    not_json = await bot.say(PlaylistCog.import_, file=FakeAttachment(b"{nope"))
    assert "can't import that file: it is not JSON" in private_error(not_json)

    large = FakeAttachment(b"{}", size=MAX_IMPORT_BYTES + 1)
    refused = await bot.say(PlaylistCog.import_, file=large)
    assert "larger than" in private_error(refused) and large.reads == 0
    assert not refused.response.deferred
    assert bot.names() == []


async def test_save_queue_and_long_playlists_page(bot: Bot) -> None:
    for n in range(12):
        await bot.app.play(f"song {n}")
    saved = await bot.say(PlaylistCog.save_queue, name="Tonight")
    assert "Saved 12 songs as **Tonight**" in shown(saved)

    page = await bot.say(PlaylistCog.show, name="Tonight")
    turner = page.original_edits[-1]["view"]
    assert isinstance(turner, PageTurner) and (turner.page, turner.pages) == (1, 2)
    press = FakeInteraction()
    await turner.next.callback(press)  # type: ignore[arg-type]
    assert "` 11.` song 10" in press.response.edited[0]["embed"].description
    assert turner.next.disabled
    turner.stop()


async def test_autocomplete_offers_nothing_rather_than_failing_when_storage_is_away(bot: Bot) -> None:
    async def unavailable(_: object) -> list[str]:
        raise StorageUnavailable

    bot.cog._p = SimpleNamespace(autocomplete=SimpleNamespace(execute=unavailable))  # type: ignore[assignment]

    assert await PlaylistCog._names(bot.cog, FakeInteraction(), "ro") == []  # type: ignore[arg-type]


async def test_removing_from_an_empty_playlist_or_past_its_end_says_so(bot: Bot) -> None:
    await bot.say(PlaylistCog.create, name="Mix")
    empty = await bot.say(PlaylistCog.remove, playlist="Mix", index=1)
    assert "“Mix” is empty: there is no song to remove" in private_error(empty)

    bot.app.resolver.track("a")
    await bot.say(PlaylistCog.add_to, playlist="Mix", song="a")
    past = await bot.say(PlaylistCog.remove, playlist="Mix", index=3)
    assert "There is no position 3 (valid: 1-1)" in private_error(past)
    removed = await bot.say(PlaylistCog.remove, playlist="mix", index=1)
    assert "Removed a `3:00` from **Mix** (0 left)" in shown(removed)
