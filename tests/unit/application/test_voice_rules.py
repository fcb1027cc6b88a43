import pytest

from musicbot.application.errors import NoVoiceChannel
from musicbot.application.playback.voice_rules import Caller, NotAllowed, NotInBotChannel, VoiceRules
from tests.unit.application.wiring import ALICE, CHANNEL, GUILD, OTHER_CHANNEL, App

HERE = Caller(user_id=ALICE, voice_channel_id=CHANNEL)
ELSEWHERE = Caller(user_id=ALICE, voice_channel_id=OTHER_CHANNEL)
NOWHERE = Caller(user_id=ALICE)


async def test_when_the_bot_is_connected_only_its_listeners_control_it(app: App) -> None:
    await app.play("a")
    rules = VoiceRules(app.registry)

    rules.check_control(GUILD, HERE)
    for caller in (ELSEWHERE, NOWHERE):
        with pytest.raises(NotInBotChannel) as raised:
            rules.check_control(GUILD, caller)
        assert raised.value.channel_id == CHANNEL


async def test_managers_and_djs_control_it_from_its_channel_too(app: App) -> None:
    await app.play("a")
    with pytest.raises(NotInBotChannel):
        VoiceRules(app.registry).check_control(GUILD, Caller(user_id=ALICE, voice_channel_id=OTHER_CHANNEL, is_dj=True))


def test_when_the_bot_is_not_connected_there_is_nothing_to_guard(app: App) -> None:
    rules = VoiceRules(app.registry)
    rules.check_control(GUILD, NOWHERE)
    rules.check_request(GUILD, ELSEWHERE)  # play from any voice channel connects it there
    with pytest.raises(NoVoiceChannel):
        rules.check_request(GUILD, NOWHERE)


async def test_a_request_while_connected_comes_from_its_channel(app: App) -> None:
    await app.play("a")
    rules = VoiceRules(app.registry)
    rules.check_request(GUILD, HERE)
    with pytest.raises(NotInBotChannel):
        rules.check_request(GUILD, ELSEWHERE)


async def test_join_moves_the_bot_only_away_from_nobody_or_for_a_dj(app: App) -> None:
    await app.play("a")
    rules = VoiceRules(app.registry)

    with pytest.raises(NotInBotChannel):
        rules.check_move(GUILD, ELSEWHERE, listeners=2)
    rules.check_move(GUILD, ELSEWHERE, listeners=0)
    rules.check_move(GUILD, Caller(user_id=ALICE, voice_channel_id=OTHER_CHANNEL, is_dj=True), listeners=2)
    rules.check_move(GUILD, Caller(user_id=ALICE, voice_channel_id=OTHER_CHANNEL, is_manager=True), listeners=2)
    rules.check_move(GUILD, HERE, listeners=2)
    with pytest.raises(NoVoiceChannel):
        rules.check_move(GUILD, NOWHERE, listeners=0)


async def test_after_the_bot_left_its_old_channel_is_no_rule(app: App) -> None:
    await app.play("a")
    await app.registry.leave(GUILD)
    rules = VoiceRules(app.registry)
    assert rules.bot_channel(GUILD) is None
    rules.check_control(GUILD, ELSEWHERE)


def test_only_managers_pass_require_manager() -> None:
    VoiceRules.require_manager(Caller(user_id=ALICE, is_manager=True), "do that")
    with pytest.raises(NotAllowed, match="Manage Server"):
        VoiceRules.require_manager(Caller(user_id=ALICE, is_dj=True), "do that")
