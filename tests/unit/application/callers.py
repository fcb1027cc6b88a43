"""Who asks, for the use-cases that apply the voice rules: Alice, in the channel the test players join."""

from __future__ import annotations

from musicbot.application.playback.voice_rules import Caller
from musicbot.domain.ids import ChannelId, UserId
from tests.unit.application.wiring import ALICE, CHANNEL

HERE = Caller(user_id=ALICE, voice_channel_id=CHANNEL)


def in_channel(channel_id: ChannelId | None, user_id: UserId = ALICE) -> Caller:
    return Caller(user_id=user_id, voice_channel_id=channel_id)
