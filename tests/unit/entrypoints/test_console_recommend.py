"""The console's `recommend` and `radio`: words parsed, the use-cases called, the answers people read."""

from __future__ import annotations

import pytest

from musicbot.entrypoints.console.commands import ConsoleIdentity, UsageError
from musicbot.entrypoints.console.recommend_commands import RecommendationCommands
from tests.unit.application.wiring import ALICE, CHANNEL, GUILD, App, build_app, settle
from tests.unit.entrypoints.discord.recommend_doubles import recommendation_services

IDENTITY = ConsoleIdentity(guild_id=GUILD, channel_id=CHANNEL, user_id=ALICE)


@pytest.fixture
def app() -> App:
    return build_app()


def commands_for(app: App) -> RecommendationCommands:
    return RecommendationCommands(recommendation_services(app), IDENTITY)


async def test_recommend_lists_the_picks_and_queues_them(app: App) -> None:
    text = await commands_for(app).recommend("happy and energetic")
    await settle()

    assert text.startswith("Recommended for “happy energetic” (offline):\n  1. ")
    assert text.endswith("Queued 10 songs, the first playing now.")
    player = app.player()
    assert player.tracklist.current is not None and len(player.tracklist.upcoming) == 9


async def test_dry_only_shows_them(app: App) -> None:
    text = await commands_for(app).recommend("--dry 80s pop classics")

    assert "Recommended for “80s pop" in text and text.endswith("run it again without --dry to queue them)")
    assert app.registry.find(GUILD) is None


@pytest.mark.parametrize(("name", "args"), [("recommend", ""), ("recommend", "--dry"), ("radio", "maybe")])
async def test_missing_words_explain_the_usage(app: App, name: str, args: str) -> None:
    handler, _ = commands_for(app).table[name]
    with pytest.raises(UsageError, match="usage"):
        await handler(args)


async def test_radio_on_joins_and_starts_the_music_as_on_discord_and_off_stops(app: App) -> None:
    commands = commands_for(app)
    on = await commands.radio("on")  # no player yet: as /radio on, the console joins and radio starts the music
    await settle()
    player = app.player()
    off = await commands.radio("OFF")

    assert on.startswith("📻 Radio is on: queued 3 songs like what played lately. More will follow.\n")
    assert player.tracklist.current is not None
    assert off == "📻 Radio is off."
    assert "radio" in commands.table and "recommend" in commands.table
