import pytest

from musicbot.application.errors import NotConnected
from musicbot.application.guild.repeat import RepeatCommand, SetRepeat
from musicbot.domain.tracklist import RepeatMode
from tests.fakes.guild_settings import FakeSettingsStorage
from tests.unit.application.callers import HERE
from tests.unit.application.wiring import GUILD, App


@pytest.mark.parametrize("mode", list(RepeatMode))
async def test_set_repeat(app: App, mode: RepeatMode) -> None:
    await app.play("a")

    result = await SetRepeat(app.registry, FakeSettingsStorage().store()).execute(
        RepeatCommand(caller=HERE, guild_id=GUILD, mode=mode)
    )

    assert result.mode is mode
    assert app.player().tracklist.repeat is mode


async def test_repeat_off_again_lets_the_queue_run_out(app: App) -> None:
    await app.play("a")
    await SetRepeat(app.registry, FakeSettingsStorage().store()).execute(
        RepeatCommand(caller=HERE, guild_id=GUILD, mode=RepeatMode.TRACK)
    )
    await app.finish()
    await SetRepeat(app.registry, FakeSettingsStorage().store()).execute(
        RepeatCommand(caller=HERE, guild_id=GUILD, mode=RepeatMode.OFF)
    )

    await app.finish()

    assert app.player().current is None
    assert [event.kind for event in app.events.events] == ["song_started", "song_started", "queue_finished"]


async def test_repeat_when_not_connected(app: App) -> None:
    with pytest.raises(NotConnected):
        await SetRepeat(app.registry, FakeSettingsStorage().store()).execute(
            RepeatCommand(caller=HERE, guild_id=GUILD, mode=RepeatMode.QUEUE)
        )


async def test_the_repeat_mode_is_saved_as_the_guild_s(app: App) -> None:
    storage = FakeSettingsStorage()
    await app.play("a")

    await SetRepeat(app.registry, storage.store()).execute(
        RepeatCommand(caller=HERE, guild_id=GUILD, mode=RepeatMode.QUEUE)
    )

    assert storage.repository.committed[GUILD].repeat is RepeatMode.QUEUE
