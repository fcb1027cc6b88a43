import pytest

from musicbot.application.errors import NotConnected
from musicbot.application.guild.volume import SetVolume, VolumeCommand
from musicbot.application.storage_errors import StorageUnavailable
from musicbot.domain.errors import InvalidVolume
from tests.fakes.guild_settings import FakeSettingsStorage
from tests.unit.application.callers import HERE
from tests.unit.application.wiring import GUILD, App, AppFactory


async def set_volume(app: App, percent: int, storage: FakeSettingsStorage | None = None) -> int:
    store = (storage or FakeSettingsStorage()).store()
    result = await SetVolume(app.registry, store).execute(VolumeCommand(caller=HERE, guild_id=GUILD, percent=percent))
    return result.percent


async def test_the_volume_is_saved_as_the_guild_s_volume(app: App) -> None:
    storage = FakeSettingsStorage()
    await app.play("a")

    await set_volume(app, 35, storage)

    assert storage.repository.committed[GUILD].volume.percent == 35


async def test_a_volume_that_cannot_be_saved_is_not_applied(app: App) -> None:
    storage = FakeSettingsStorage(fail_commits=StorageUnavailable())
    await app.play("a")

    with pytest.raises(StorageUnavailable):
        await set_volume(app, 35, storage)

    assert app.player().state.volume.percent == 100
    assert app.gateway.voice(GUILD).volumes == []


async def test_volume_reaches_the_song_that_plays(app: App) -> None:
    await app.play("a")

    assert await set_volume(app, 150) == 150

    assert app.gateway.voice(GUILD).volumes == [1.5]
    assert app.player().state.volume.percent == 150
    assert len(app.gateway.requests(GUILD)) == 1  # not restarted


async def test_volume_carries_over_to_the_next_song(app: App) -> None:
    await app.play("a")
    await app.play("b")
    await set_volume(app, 40)

    await app.finish()

    request = app.gateway.current(GUILD)
    assert request is not None
    assert (request.title, request.volume) == ("b", 0.4)


async def test_volume_while_idle_is_kept_for_later(app: App) -> None:
    await app.play("a")
    await app.finish()

    await set_volume(app, 0)
    await app.play("b")

    assert app.gateway.voice(GUILD).volumes == []
    request = app.gateway.current(GUILD)
    assert request is not None
    assert request.volume == 0.0


@pytest.mark.parametrize("percent", [-1, 201, 1000])
async def test_volume_out_of_range_is_refused(app: App, percent: int) -> None:
    await app.play("a")

    with pytest.raises(InvalidVolume, match="between 0 and 200"):
        await set_volume(app, percent)

    assert app.player().state.volume.percent == 100
    assert app.gateway.voice(GUILD).volumes == []


@pytest.mark.parametrize("percent", [0, 200])
async def test_volume_limits_are_allowed(app: App, percent: int) -> None:
    await app.play("a")

    assert await set_volume(app, percent) == percent


async def test_the_default_volume_comes_from_settings(make_app: AppFactory) -> None:
    app = make_app(default_volume=80)

    await app.play("a")

    request = app.gateway.current(GUILD)
    assert request is not None
    assert request.volume == 0.8


async def test_volume_when_not_connected(app: App) -> None:
    storage = FakeSettingsStorage()
    with pytest.raises(NotConnected):
        await set_volume(app, 50, storage)
    assert storage.commits == 0
