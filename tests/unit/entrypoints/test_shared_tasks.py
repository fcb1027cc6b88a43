"""A settings change heard from another process: the row read again and this process's player given the new
volume and repeat mode at once; a guild this process never loaded is left alone."""

from __future__ import annotations

from dataclasses import replace

from musicbot.domain.ids import ChannelId, GuildId
from musicbot.domain.player_state import Volume
from musicbot.domain.tracklist import RepeatMode
from musicbot.entrypoints.shared_state import SharedState
from musicbot.entrypoints.shared_tasks import SharedTasks
from tests.fakes.guild_settings import FakeSettingsStorage
from tests.unit.application.wiring import build_app

GUILD = GuildId(2**40 + 1)


async def test_a_change_from_another_process_reaches_the_playing_player() -> None:
    app = build_app()
    storage = FakeSettingsStorage()
    here, there = storage.store(), storage.store()  # two processes over one database
    await here.load(GUILD)
    player, _ = await app.registry.join(GUILD, ChannelId(5))
    tasks = SharedTasks(SharedState(), here, dict, registry=app.registry)

    await there.update(GUILD, lambda s: replace(s, volume=Volume(35), repeat=RepeatMode.QUEUE))
    await tasks.settings_changed(GUILD)

    assert here.get(GUILD).volume.percent == 35
    assert player.state.volume.percent == 35 and player.tracklist.repeat is RepeatMode.QUEUE


async def test_a_guild_never_loaded_here_is_not_read() -> None:
    storage = FakeSettingsStorage()
    here = storage.store()
    tasks = SharedTasks(SharedState(), here, dict, registry=build_app().registry)
    await tasks.settings_changed(GUILD)
    assert not here.is_loaded(GUILD) and storage.units == []
