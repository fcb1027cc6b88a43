import pytest

from musicbot.application.guild.audio_filter import FilterCommand, SetAudioFilter
from musicbot.application.storage_errors import StorageUnavailable
from musicbot.domain.audio_filter import NO_FILTER, AudioFilter, FilterPreset
from tests.fakes.guild_settings import FakeSettingsStorage
from tests.unit.application.callers import HERE
from tests.unit.application.wiring import GUILD, App

NIGHTCORE = AudioFilter(FilterPreset.NIGHTCORE)


async def set_filter(app: App, audio_filter: AudioFilter, storage: FakeSettingsStorage | None = None) -> None:
    store = (storage or FakeSettingsStorage()).store()
    result = await SetAudioFilter(app.registry, store).execute(
        FilterCommand(caller=HERE, guild_id=GUILD, audio_filter=audio_filter)
    )
    assert result.audio_filter == audio_filter


async def test_the_filter_reaches_the_song_that_plays_without_restarting_it(app: App) -> None:
    await app.play("a")
    storage = FakeSettingsStorage()

    await set_filter(app, NIGHTCORE, storage)

    assert app.gateway.voice(GUILD).filters == [NIGHTCORE]
    assert len(app.gateway.requests(GUILD)) == 1
    assert storage.repository.committed[GUILD].audio_filter == NIGHTCORE


async def test_the_next_song_and_a_seek_carry_the_filter(app: App) -> None:
    await app.play("a")
    await app.play("b")
    await set_filter(app, NIGHTCORE)
    await app.player().seek(1.0)
    await app.finish()

    assert [r.audio_filter for r in app.gateway.requests(GUILD)] == [NO_FILTER, NIGHTCORE, NIGHTCORE]


async def test_the_position_advances_at_the_filter_s_tempo(app: App) -> None:
    await app.play("a")
    app.clock.advance(10)
    await set_filter(app, AudioFilter(FilterPreset.SPEED, 2.0))
    app.clock.advance(5)
    assert app.player().elapsed() == pytest.approx(20.0)
    await set_filter(app, NO_FILTER)
    app.clock.advance(5)
    assert app.player().elapsed() == pytest.approx(25.0)


async def test_a_filter_that_cannot_be_saved_is_not_applied(app: App) -> None:
    await app.play("a")
    with pytest.raises(StorageUnavailable):
        await set_filter(app, NIGHTCORE, FakeSettingsStorage(fail_commits=StorageUnavailable()))
    assert app.gateway.voice(GUILD).filters == []
    assert app.player().audio_filter == NO_FILTER


async def test_a_filter_chosen_before_joining_is_kept_for_the_guild(app: App) -> None:
    storage = FakeSettingsStorage()
    await set_filter(app, NIGHTCORE, storage)  # no player yet: saved only
    assert storage.repository.committed[GUILD].audio_filter == NIGHTCORE
