"""A guild's settings: a value that holds a `Volume` and refuses what the rules refuse."""

from __future__ import annotations

from dataclasses import replace

import pytest

from musicbot.domain.errors import InvalidVolume
from musicbot.domain.guild_settings import MAX_AUTO_LEAVE_SECONDS, GuildSettings, InvalidAutoLeave
from musicbot.domain.idle import IdlePolicy
from musicbot.domain.ids import GuildId
from musicbot.domain.player_state import Volume

GUILD = GuildId(3)


def test_the_defaults_are_full_volume_and_five_minutes_idle() -> None:
    settings = GuildSettings(guild_id=GUILD)
    assert (settings.volume, settings.auto_leave_seconds, settings.always_on) == (Volume(100), 300, False)


def test_the_volume_is_a_volume_not_a_bare_number() -> None:
    with pytest.raises(TypeError, match="Volume"):
        GuildSettings(guild_id=GUILD, volume=250)  # type: ignore[arg-type]
    with pytest.raises(InvalidVolume):
        replace(GuildSettings(guild_id=GUILD), volume=Volume(201))


@pytest.mark.parametrize("seconds", [-1, MAX_AUTO_LEAVE_SECONDS + 1])
def test_an_auto_leave_time_out_of_range_is_refused(seconds: int) -> None:
    with pytest.raises(InvalidAutoLeave, match="0 \\(never\\) to 1440 minutes"):
        GuildSettings(guild_id=GUILD, auto_leave_seconds=seconds)


@pytest.mark.parametrize("seconds", [0, MAX_AUTO_LEAVE_SECONDS])
def test_the_auto_leave_limits_are_allowed(seconds: int) -> None:
    assert GuildSettings(guild_id=GUILD, auto_leave_seconds=seconds).auto_leave_seconds == seconds


def test_the_idle_policy_is_the_guild_s_idle_time_and_24_7_with_the_bot_wide_alone_time() -> None:
    settings = GuildSettings(guild_id=GUILD, auto_leave_seconds=600, always_on=True)
    assert settings.idle_policy(alone_seconds=90) == IdlePolicy(idle_seconds=600, alone_seconds=90, always_on=True)
