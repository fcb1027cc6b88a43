import pytest

from musicbot.application.guild.stay_connected import SetStayConnected, StayConnectedCommand
from musicbot.application.playback.voice_rules import Caller, NotAllowed
from tests.fakes.guild_settings import FakeSettingsStorage
from tests.unit.application.wiring import ALICE, GUILD, OTHER_GUILD


async def test_a_manager_turns_24_7_on_and_off_and_it_is_saved() -> None:
    storage = FakeSettingsStorage()
    store = storage.store()
    manager = Caller(user_id=ALICE, is_manager=True)

    result = await SetStayConnected(store).execute(StayConnectedCommand(guild_id=GUILD, caller=manager, enabled=True))
    assert result.enabled
    assert store.get(GUILD).always_on
    assert storage.repository.committed[GUILD].always_on
    assert not store.get(OTHER_GUILD).always_on

    await SetStayConnected(store).execute(StayConnectedCommand(guild_id=GUILD, caller=manager, enabled=False))
    assert not store.get(GUILD).always_on
    assert not storage.repository.committed[GUILD].always_on


async def test_others_may_not() -> None:
    storage = FakeSettingsStorage()
    store = storage.store()
    dj = Caller(user_id=ALICE, is_dj=True)
    with pytest.raises(NotAllowed):
        await SetStayConnected(store).execute(StayConnectedCommand(guild_id=GUILD, caller=dj, enabled=True))
    assert storage.commits == 0
    assert not store.get(GUILD).always_on
