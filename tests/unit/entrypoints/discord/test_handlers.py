"""The slash command handlers over the application's fakes: what a user sees, and that rules come first."""

from __future__ import annotations

from typing import Any

import pytest
from discord import app_commands

from musicbot.application.errors import TrackUnavailable
from musicbot.application.playback.voice_rules import Accepted, NotInBotChannel
from musicbot.domain.ids import UserId
from musicbot.entrypoints.discord.cogs.controls import ControlCog
from musicbot.entrypoints.discord.cogs.queue import QueueCog
from musicbot.entrypoints.discord.cogs.requests import RequestCog
from musicbot.entrypoints.discord.errors import handle_error
from musicbot.entrypoints.discord.pager import QueuePager
from musicbot.entrypoints.messages import UNEXPECTED
from tests.unit.application.wiring import ALICE, OTHER_CHANNEL, App, settle
from tests.unit.entrypoints.discord.doubles import FakeInteraction, FakeReader, services_for

BOB = UserId(8)


async def run(
    command: app_commands.Command[Any, ..., Any], cog: Any, interaction: FakeInteraction, **options: Any
) -> None:
    """Call a command as the tree does: an error goes to the error handler, wrapped as discord.py wraps it."""
    try:
        await command.callback(cog, interaction, **options)  # type: ignore[arg-type]
    except Exception as error:
        await handle_error(interaction, app_commands.CommandInvokeError(command, error))  # type: ignore[arg-type]
    await settle()


async def test_play_defers_then_answers_with_the_song(app: App) -> None:
    cog = RequestCog(services_for(app), FakeReader())  # type: ignore[arg-type]
    app.resolver.track("lofi", title="Lofi Beats")
    interaction = FakeInteraction()

    await run(RequestCog.play, cog, interaction, query="lofi")

    assert interaction.response.deferred
    embed = interaction.shown()
    assert embed is not None and "▶ Playing [Lofi Beats]" in (embed.description or "")
    assert app.titles() == ["Lofi Beats"]


async def test_play_without_words_and_no_active_playlist_says_what_to_do_and_touches_nothing(app: App) -> None:
    cog = RequestCog(services_for(app), FakeReader())  # type: ignore[arg-type]
    interaction = FakeInteraction()

    await run(RequestCog.play, cog, interaction, query=None)

    [reply] = interaction.followup.sent
    assert reply.ephemeral and reply.embed is not None
    assert "/create" in (reply.embed.description or "") and "/use" in (reply.embed.description or "")
    assert len(app.registry) == 0


async def test_a_track_that_cannot_play_is_a_private_friendly_line_after_the_deferral(app: App) -> None:
    cog = RequestCog(services_for(app), FakeReader())  # type: ignore[arg-type]
    app.resolver.add("gone", TrackUnavailable("the video was removed"))
    interaction = FakeInteraction()

    await run(RequestCog.play, cog, interaction, query="gone")

    assert interaction.steps[-2:] == ["followup (ephemeral)", "delete original"]  # the public "thinking…" goes
    [reply] = interaction.followup.sent
    assert reply.ephemeral
    assert reply.embed is not None and reply.embed.description == "✖ I can't play that: the video was removed."


async def test_someone_in_another_channel_is_refused_before_any_work(app: App) -> None:
    await app.play("a")
    cog = ControlCog(services_for(app), FakeReader(channel=OTHER_CHANNEL))  # type: ignore[arg-type]
    interaction = FakeInteraction()

    await run(ControlCog.pause, cog, interaction)

    [reply] = interaction.response.sent
    assert reply.ephemeral and reply.embed is not None
    assert reply.embed.description == "✖ Join my voice channel to control me."
    assert not interaction.response.deferred
    assert not app.gateway.is_paused(app.player().guild_id)


async def test_skip_by_a_listener_among_others_is_a_vote(app: App) -> None:
    await app.play("a")  # asked by Alice
    await app.play("b")
    reader = FakeReader(user_id=BOB, listeners=frozenset({ALICE, BOB, UserId(9)}))
    cog = ControlCog(services_for(app), reader)  # type: ignore[arg-type]
    interaction = FakeInteraction(user_id=BOB)

    await run(ControlCog.skip, cog, interaction)

    embed = interaction.shown()
    assert embed is not None and (embed.description or "").startswith("🗳 Vote to skip [a]")
    assert (embed.description or "").endswith(": 1/2.")
    assert app.titles() == ["a", "b"]


async def test_skip_by_the_requester_skips_at_once(app: App) -> None:
    await app.play("a")
    await app.play("b")
    cog = ControlCog(services_for(app), FakeReader(listeners=frozenset({ALICE, BOB})))  # type: ignore[arg-type]
    interaction = FakeInteraction()

    await run(ControlCog.skip, cog, interaction)

    embed = interaction.shown()
    assert (
        embed is not None
        and "⏭ Skipped [a]" in (embed.description or "")
        and "its requester" in (embed.description or "")
    )
    assert app.titles() == ["b"]


async def test_a_bad_seek_position_is_answered_before_deferring(app: App) -> None:
    await app.play("a")
    cog = ControlCog(services_for(app), FakeReader())  # type: ignore[arg-type]
    interaction = FakeInteraction()

    await run(ControlCog.seek, cog, interaction, position="soon")

    [reply] = interaction.response.sent
    assert reply.ephemeral and reply.embed is not None and "try 83, 1:23 or 1:02:03" in (reply.embed.description or "")


async def test_an_unexpected_error_reveals_nothing(app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    await app.play("a")
    services = services_for(app)
    cog = ControlCog(services, FakeReader())  # type: ignore[arg-type]

    async def broken(_: object, *, accepted: Accepted) -> None:  # accepted the command, then failed
        await accepted()
        raise KeyError("/etc/secret")

    monkeypatch.setattr(services.playback.pause, "execute", broken)
    interaction = FakeInteraction()

    await run(ControlCog.pause, cog, interaction)

    [reply] = interaction.followup.sent
    assert reply.ephemeral and reply.embed is not None and reply.embed.description == f"✖ {UNEXPECTED}"


async def test_a_long_queue_comes_with_a_pager_only_its_asker_turns(app: App) -> None:
    for name in "abcdefghijklmn":
        await app.play(name)
    cog = QueueCog(services_for(app), FakeReader())  # type: ignore[arg-type]
    interaction = FakeInteraction()

    await run(QueueCog.queue, cog, interaction)

    reply = interaction.response.sent[0]
    pager = reply.view
    assert isinstance(pager, QueuePager)
    assert pager.page.page == 1 and pager.page.pages == 2
    assert pager.previous.disabled and not pager.next.disabled

    other = FakeInteraction(user_id=BOB)
    assert not await pager.interaction_check(other)  # type: ignore[arg-type]
    assert other.response.sent[0].ephemeral

    turn = FakeInteraction()
    assert await pager.interaction_check(turn)  # type: ignore[arg-type]
    await pager.next.callback(turn)  # type: ignore[arg-type]
    assert pager.page.page == 2 and pager.next.disabled and not pager.previous.disabled
    [edit] = turn.response.edited
    assert "` 11.` [l]" in edit["embed"].description
    pager.stop()


async def test_a_short_queue_has_no_buttons(app: App) -> None:
    await app.play("a")
    cog = QueueCog(services_for(app), FakeReader())  # type: ignore[arg-type]
    interaction = FakeInteraction()

    await run(QueueCog.queue, cog, interaction)

    assert interaction.response.sent[0].view is None


def test_not_in_bot_channel_is_a_refusal_not_a_failure() -> None:
    from musicbot.entrypoints.discord.errors import is_expected

    assert is_expected(NotInBotChannel(OTHER_CHANNEL))
    assert not is_expected(RuntimeError())
