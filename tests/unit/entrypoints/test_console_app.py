"""The console's loop: what it says at start, `help`, `settings`, and a scripted run starting fresh."""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator

from musicbot.application.guild.player_setup import ApplySavedSettings
from musicbot.domain.tracklist import RepeatMode
from musicbot.entrypoints.console.app import ConsoleApp
from musicbot.entrypoints.console.commands import ConsoleIdentity
from musicbot.entrypoints.event_handlers import subscribe_auto_leave
from tests.fakes.guild_settings import FakeSettingsStorage
from tests.unit.application.wiring import ALICE, CHANNEL, GUILD, build_app
from tests.unit.entrypoints.discord.doubles import services_for

IDENTITY = ConsoleIdentity(guild_id=GUILD, channel_id=CHANNEL, user_id=ALICE)


async def lines(*commands: str) -> AsyncIterator[str]:
    for command in commands:
        yield command + "\n"


def console(*, fresh: bool = False, storage: FakeSettingsStorage | None = None) -> tuple[ConsoleApp, io.StringIO]:
    storage = storage or FakeSettingsStorage()
    app = build_app(player_setup=ApplySavedSettings(storage.store()))
    services = services_for(app, settings=storage)
    out = io.StringIO()
    console = ConsoleApp(
        services.playback,
        out,
        identity=IDENTITY,
        fresh=fresh,
        playlists=services.playlists,
        rules=services.rules,
        default_dj_role="DJ",
    )
    return console, out


async def test_the_start_announces_no_join() -> None:
    app, out = console()
    await app.run(lines("quit"))
    assert out.getvalue() == "musicbot console: type help for the commands.\n"


async def test_help_names_the_aliases_and_every_setting() -> None:
    app, out = console()
    await app.run(lines("help", "quit"))
    said = out.getvalue()
    assert "(also: p)" in said and "(also: np, now)" in said and "(also: remove, rm)" in said
    assert "djrole <role id|clear>" in said and "musicchannel <channel id|clear>" in said


async def test_settings_names_the_dj_role_that_applies() -> None:
    app, out = console()
    await app.run(lines("settings", "quit"))
    assert "DJ role: the role named “DJ”" in out.getvalue()


async def test_a_fresh_run_starts_with_repeat_off_and_keeps_the_saved_mode() -> None:
    storage = FakeSettingsStorage()
    saved, _ = console(storage=storage)
    await saved.run(lines("repeat queue", "quit"))  # saved for the guild

    fresh, out = console(fresh=True, storage=storage)
    await fresh.run(lines("settings", "quit"))

    said = out.getvalue()
    assert "Repeat: queue" in said  # the saved setting is left as it is
    assert fresh._services.registry.find(GUILD).tracklist.repeat is RepeatMode.OFF  # type: ignore[union-attr]


async def test_a_console_playlist_name_cannot_hold_a_bar() -> None:
    app, out = console()
    await app.run(lines("create Rock|Pop", "savequeue a | b", "playlists", "create Rock & Pop", "quit"))
    said = out.getvalue()
    assert said.count("cannot contain | at the console") == 2
    assert "No playlists yet" in said and "Created “Rock & Pop”" in said


async def test_the_console_leaves_when_idle_after_the_queue_ended() -> None:
    """Auto-leave hears the queue finish through the bus, as the bot does; a console is never "alone"."""
    app = build_app()
    app.resolver.track("a")
    services = services_for(app)
    subscribe_auto_leave(app.bus, services.rules.auto_leave)
    out = io.StringIO()
    console = ConsoleApp(services.playback, out, identity=IDENTITY, rules=services.rules, sweep_every=0.01)

    async def script() -> AsyncIterator[str]:
        yield "play a\n"
        await app.finish()  # the queue finished: the idle time starts
        app.clock.advance(300)
        for _ in range(100):
            if GUILD not in app.registry:
                break
            await asyncio.sleep(0.01)
        yield "quit\n"

    await console.run(script())

    assert GUILD not in app.registry
    assert "👋 Left the voice channel: nothing was playing for a while." in out.getvalue()
