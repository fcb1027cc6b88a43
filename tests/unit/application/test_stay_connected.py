import pytest

from musicbot.application.guild_state.settings import GuildSettingsStore
from musicbot.application.use_cases.stay_connected import SetStayConnected, StayConnectedCommand
from musicbot.application.use_cases.voice_rules import Caller, NotAllowed
from tests.unit.application.wiring import ALICE, GUILD, OTHER_GUILD


async def test_a_manager_turns_24_7_on_and_off() -> None:
    store = GuildSettingsStore()
    manager = Caller(user_id=ALICE, is_manager=True)

    result = await SetStayConnected(store).execute(StayConnectedCommand(guild_id=GUILD, caller=manager, enabled=True))
    assert result.enabled
    assert store.get(GUILD).stay_connected
    assert not store.get(OTHER_GUILD).stay_connected

    await SetStayConnected(store).execute(StayConnectedCommand(guild_id=GUILD, caller=manager, enabled=False))
    assert not store.get(GUILD).stay_connected
    assert len(store) == 0  # back to the defaults: nothing kept


async def test_others_may_not() -> None:
    store = GuildSettingsStore()
    dj = Caller(user_id=ALICE, is_dj=True)
    with pytest.raises(NotAllowed):
        await SetStayConnected(store).execute(StayConnectedCommand(guild_id=GUILD, caller=dj, enabled=True))
    assert len(store) == 0


def test_a_guild_that_removed_the_bot_is_forgotten() -> None:
    store = GuildSettingsStore()
    store.set_stay_connected(GUILD, True)
    store.forget(GUILD)
    assert len(store) == 0
