"""/admin refuses anyone but the owner in one short private line; owners get their report privately; /stats is
anyone's own."""

from __future__ import annotations

from typing import Any

import pytest
from discord import app_commands

from musicbot.entrypoints.discord.cogs.admin import AdminCog
from musicbot.entrypoints.discord.errors import handle_error
from tests.unit.application.wiring import ALICE, App, settle
from tests.unit.entrypoints.discord.doubles import FakeInteraction, operations_for


async def run(command: Any, cog: Any, interaction: FakeInteraction, **options: Any) -> None:
    try:
        await command.callback(cog, interaction, **options)
    except Exception as error:
        await handle_error(interaction, app_commands.CommandInvokeError(command, error))  # type: ignore[arg-type]
    await settle()


@pytest.mark.parametrize("command", [AdminCog.stats, AdminCog.health, AdminCog.performance, AdminCog.logs])
async def test_admin_commands_refuse_anyone_but_the_owner(app: App, command: Any) -> None:
    cog = AdminCog(operations_for(app, owners=(12345,)))
    interaction = FakeInteraction(user_id=ALICE)

    await run(command, cog, interaction)

    texts = [str(c["embed"].description) for c in interaction.original_edits if "embed" in c]
    texts += [str(r.embed.description) for r in interaction.followup.sent if r.embed is not None]
    assert any("Only the bot's owner can use this." in text for text in texts)
    assert all("musicbot 1.2.3" not in text and "one" not in text for text in texts)
    assert all(reply.ephemeral for reply in interaction.followup.sent)


async def test_the_owner_gets_the_stats_and_the_logs_as_a_file(app: App) -> None:
    cog = AdminCog(operations_for(app, owners=(ALICE,)))
    stats = FakeInteraction(user_id=ALICE)
    await run(AdminCog.stats, cog, stats)
    shown = stats.shown()
    assert shown is not None and "musicbot 1.2.3, up 1 h 2 min" in str(shown.description)

    logs = FakeInteraction(user_id=ALICE)
    await run(AdminCog.logs, cog, logs, level="INFO", lines=1)
    [edit] = logs.original_edits
    [file] = edit["attachments"]
    assert file.filename == "musicbot-logs.jsonl"
    assert file.fp.read().decode() == '{"event": "two", "level": "warning"}\n'


async def test_stats_shows_a_members_own_use(app: App) -> None:
    cog = AdminCog(operations_for(app))
    interaction = FakeInteraction(user_id=ALICE)
    await run(AdminCog.user_stats, cog, interaction)
    shown = interaction.shown()
    assert shown is not None and "Songs you asked for: 0 songs here, 0 songs in all" in str(shown.description)


async def test_a_stopping_bot_refuses_new_commands_in_words(app: App, tmp_path: Any) -> None:
    from musicbot.entrypoints.discord.bot import MusicBot
    from musicbot.entrypoints.discord.errors import ShuttingDown, message_for
    from musicbot.entrypoints.settings import Settings
    from tests.unit.entrypoints.discord.doubles import services_for

    settings = Settings(_env_file=None, data_dir=tmp_path)  # type: ignore[call-arg]
    bot = MusicBot(settings=settings, wire=lambda _: services_for(app), prepare=False)
    try:
        bot._shut_down = True
        with pytest.raises(ShuttingDown) as refused:
            await bot.tree.interaction_check(FakeInteraction())  # type: ignore[arg-type]
        assert message_for(refused.value) == "I'm restarting right now: try again in a moment."
    finally:
        bot._shut_down = False
        await bot.close()
