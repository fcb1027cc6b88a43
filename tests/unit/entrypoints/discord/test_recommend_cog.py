"""/recommend, its buttons and /radio over the application's fakes: what a member sees, and the rules first."""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import discord
import pytest

from musicbot.application.errors import NoVoiceChannel
from musicbot.entrypoints.discord.cogs.recommendations import RecommendationCog
from musicbot.entrypoints.discord.recommend_view import RecommendationView
from tests.unit.application.wiring import ALICE, GUILD, App, settle
from tests.unit.entrypoints.discord.doubles import FakeInteraction, FakeReader, services_for
from tests.unit.entrypoints.discord.test_handlers import run


@dataclass
class CardInteraction(FakeInteraction):
    async def original_response(self) -> Any:
        return SimpleNamespace(edit=self.edit_original_response)


def cog_for(app: App, reader: FakeReader | None = None) -> tuple[RecommendationCog, Any]:
    services = services_for(app)
    assert services.recommendations is not None
    events = SimpleNamespace(remember_channel=lambda guild, channel: None)
    cog = RecommendationCog(services, services.recommendations, reader or FakeReader(), events)  # type: ignore[arg-type]
    return cog, services


async def test_recommend_defers_then_shows_a_card_with_a_button_per_pick(app: App) -> None:
    cog, _ = cog_for(app)
    interaction = CardInteraction(command=SimpleNamespace(qualified_name="recommend"))

    await run(RecommendationCog.recommend, cog, interaction, prompt="rock for my workout")

    assert interaction.response.deferred
    card = interaction.shown()
    assert card is not None and card.title == "🎧 rock, for workout" and "` 1.`" in (card.description or "")
    view = interaction.original_edits[-1]["view"]
    assert isinstance(view, RecommendationView)
    labels = [item.label for item in view.children if isinstance(item, discord.ui.Button)]
    assert labels == [*(str(n) for n in range(1, 11)), "Queue all 10"]
    assert len(app.registry) == 0  # nothing queued until someone presses


async def test_queue_all_queues_every_pick_and_the_card_marks_them(app: App) -> None:
    cog, _ = cog_for(app)
    asked = CardInteraction(command=SimpleNamespace(qualified_name="recommend"))
    await run(RecommendationCog.recommend, cog, asked, prompt="80s pop classics")
    view: RecommendationView = asked.original_edits[-1]["view"]

    one = FakeInteraction(type=discord.InteractionType.component)
    await view.pressed(one, 2)  # type: ignore[arg-type]
    rest = FakeInteraction(type=discord.InteractionType.component)
    await view.pressed(rest, None)  # type: ignore[arg-type]
    await settle()

    [first_note] = one.followup.sent
    assert first_note.embed is not None and f"<@{ALICE}> queued **" in (first_note.embed.description or "")
    [second_note] = rest.followup.sent
    assert second_note.embed is not None and "queued 9 recommended songs" in (second_note.embed.description or "")
    assert ((rest.shown() and rest.shown().description) or "").count("✅") == 10  # type: ignore[union-attr]
    assert rest.original_edits[-1]["view"] is None and view.is_finished()  # nothing left to press
    player = app.player(GUILD)
    assert player.tracklist.current is not None and len(player.tracklist.upcoming) == 9
    assert player.tracklist.current.track.page_url == view.found.tracks[2].page_url


async def test_a_member_outside_voice_cannot_press(app: App) -> None:
    cog, _ = cog_for(app)
    asked = CardInteraction(command=SimpleNamespace(qualified_name="recommend"))
    await run(RecommendationCog.recommend, cog, asked, prompt="jazz")
    view: RecommendationView = asked.original_edits[-1]["view"]
    view._reader = FakeReader(channel=None)  # type: ignore[assignment]
    press = FakeInteraction(type=discord.InteractionType.component)

    with pytest.raises(NoVoiceChannel):
        await view.pressed(press, None)  # type: ignore[arg-type]

    assert not press.response.done and len(app.registry) == 0


async def test_radio_on_brings_the_bot_and_starts_the_music(app: App) -> None:
    cog, _ = cog_for(app)
    interaction = FakeInteraction(command=SimpleNamespace(qualified_name="radio"))

    await run(RecommendationCog.radio, cog, interaction, mode="on")

    embed = interaction.shown()
    assert embed is not None and (embed.description or "").startswith("📻 Radio is on: queued 3 songs")
    player = app.player(GUILD)
    assert player.tracklist.current is not None and len(player.tracklist.upcoming) == 2


async def test_radio_needs_a_listener_in_voice_and_off_always_answers(app: App) -> None:
    cog, services = cog_for(app, FakeReader(channel=None))
    refused = FakeInteraction(command=SimpleNamespace(qualified_name="radio"))
    off = FakeInteraction(command=SimpleNamespace(qualified_name="radio"))

    await run(RecommendationCog.radio, cog, refused, mode="on")
    await run(RecommendationCog.radio, cog, off, mode="off")

    [reply] = refused.response.sent
    assert (
        reply.ephemeral and reply.embed is not None and "Join a voice channel first" in (reply.embed.description or "")
    )
    assert not services.recommendations.radio.is_on(GUILD)
    shown = off.shown()
    assert shown is not None and shown.description == "📻 Radio is off."
