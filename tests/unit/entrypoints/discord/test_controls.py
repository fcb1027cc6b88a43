"""The buttons under a now-playing card go through the same use-cases and rules as the slash commands."""

from __future__ import annotations

from types import SimpleNamespace

import discord

from musicbot.domain.ids import UserId
from musicbot.domain.tracklist import RepeatMode
from musicbot.entrypoints.discord.controls import Action, PlayerButton, PlayerControls, controls_view
from tests.unit.application.wiring import ALICE, GUILD, OTHER_CHANNEL, App, settle
from tests.unit.entrypoints.discord.doubles import FakeInteraction, FakeReader, services_for

BOB = UserId(8)


def controls(app: App, reader: FakeReader | None = None) -> PlayerControls:
    services = services_for(app)
    return PlayerControls(playback=services.playback, rules=services.rules, reader=reader or FakeReader())  # type: ignore[arg-type]


def pressed(action: Action) -> FakeInteraction:
    return FakeInteraction(type=discord.InteractionType.component)


def labels(view: discord.ui.View) -> list[str | None]:
    return [item.item.label for item in view.children if isinstance(item, PlayerButton)]


async def test_pause_then_resume_update_the_card(app: App) -> None:
    await app.play("a")
    buttons = controls(app)

    first = pressed(Action.TOGGLE)
    await buttons.press(first, Action.TOGGLE)  # type: ignore[arg-type]
    assert app.gateway.is_paused(GUILD)
    [edit] = first.original_edits
    assert edit["embed"].title == "Paused"
    assert labels(edit["view"])[0] == "Resume"

    second = pressed(Action.TOGGLE)
    await buttons.press(second, Action.TOGGLE)  # type: ignore[arg-type]
    assert not app.gateway.is_paused(GUILD)
    assert labels(second.original_edits[0]["view"])[0] == "Pause"


async def test_repeat_cycles_off_track_queue(app: App) -> None:
    await app.play("a")
    buttons = controls(app)
    seen = []
    for _ in range(3):
        interaction = pressed(Action.REPEAT)
        await buttons.press(interaction, Action.REPEAT)  # type: ignore[arg-type]
        seen.append(app.player().tracklist.repeat)
    assert seen == [RepeatMode.TRACK, RepeatMode.QUEUE, RepeatMode.OFF]
    assert labels(interaction.original_edits[0]["view"])[3] == "Repeat: off"


async def test_skip_is_a_vote_when_others_listen(app: App) -> None:
    await app.play("a")
    await app.play("b")
    reader = FakeReader(user_id=BOB, listeners=frozenset({ALICE, BOB, UserId(9)}))
    interaction = pressed(Action.SKIP)

    await controls(app, reader).press(interaction, Action.SKIP)  # type: ignore[arg-type]
    await settle()

    [note] = interaction.followup.sent
    assert note.embed is not None and (note.embed.description or "").endswith(": 1/2.")
    assert app.titles() == ["a", "b"]


async def test_stop_clears_takes_the_buttons_away_and_says_who(app: App) -> None:
    await app.play("a")
    await app.play("b")
    interaction = pressed(Action.STOP)

    await controls(app).press(interaction, Action.STOP)  # type: ignore[arg-type]
    await settle()

    assert app.player().current is None
    assert interaction.original_edits == [{"view": None}]
    assert interaction.followup.sent[0].embed is not None
    assert interaction.followup.sent[0].embed.description == f"⏹ <@{ALICE}> stopped; 2 songs cleared."


async def test_a_button_pressed_from_elsewhere_is_refused_privately(app: App) -> None:
    await app.play("a")
    buttons = controls(app, FakeReader(channel=OTHER_CHANNEL))
    interaction = pressed(Action.TOGGLE)
    interaction.client = SimpleNamespace(controls=buttons)  # type: ignore[attr-defined]

    await PlayerButton(Action.TOGGLE).callback(interaction)  # type: ignore[arg-type]

    [reply] = interaction.response.sent
    assert reply.ephemeral and reply.embed is not None
    assert reply.embed.description == "✖ Join my voice channel to control me."
    assert not interaction.original_deleted  # a button's message is the card: never deleted
    assert not app.gateway.is_paused(GUILD)


async def test_nothing_playing_is_a_friendly_line_not_a_crash(app: App) -> None:
    await app.play("a")
    await app.finish()
    interaction = pressed(Action.TOGGLE)
    interaction.client = SimpleNamespace(controls=controls(app))  # type: ignore[attr-defined]

    await PlayerButton(Action.TOGGLE).callback(interaction)  # type: ignore[arg-type]

    [reply] = interaction.followup.sent  # after the silent deferral
    assert reply.ephemeral and reply.embed is not None
    assert reply.embed.description == "✖ Nothing is playing right now."


def test_buttons_are_dynamic_items_so_no_view_is_kept_per_message() -> None:
    view = controls_view()
    assert view.timeout is None
    assert [item.custom_id for item in view.children] == [  # type: ignore[attr-defined]
        "musicbot:player:toggle", "musicbot:player:skip", "musicbot:player:stop", "musicbot:player:repeat"
    ]  # fmt: skip
    assert all(isinstance(item, PlayerButton) for item in view.children)
