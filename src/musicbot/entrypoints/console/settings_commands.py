"""`settings`: the console's guild settings, through the same use-cases as the bot's /settings. The person at the
console owns its one guild, so they are its server manager."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from musicbot.application.guild.settings_change import ChangeSettingsCommand
from musicbot.application.guild.settings_show import ShowSettingsQuery
from musicbot.application.playback.voice_rules import Caller
from musicbot.domain.guild_settings import MAX_AUTO_LEAVE_SECONDS, RoleId
from musicbot.domain.ids import ChannelId
from musicbot.domain.tracklist import RepeatMode
from musicbot.entrypoints.console.commands import ConsoleIdentity, UsageError
from musicbot.entrypoints.guild_settings_text import settings_lines
from musicbot.entrypoints.services import RuleServices

USAGE = (
    "settings [volume <0-200> | repeat <off|track|queue> | autoleave <minutes, 0: never> | 247 <on|off>"
    " | djrole <role id|clear> | musicchannel <channel id|clear>]"
)
CLEAR = ("clear", "none", "off")


class SettingsCommands:
    def __init__(self, rules: RuleServices, identity: ConsoleIdentity, *, default_dj_role: str | None = None) -> None:
        self._rules = rules
        self._id = identity
        self._default_dj_role = default_dj_role
        self._caller = Caller(user_id=identity.user_id, voice_channel_id=identity.channel_id, is_manager=True)
        self.table: dict[str, tuple[Callable[[str], Awaitable[str]], str]] = {
            "settings": (self.settings, f"{USAGE}: the guild's settings, kept across restarts"),
        }

    async def settings(self, args: str) -> str:
        words = args.split()
        if not words:
            return await self._show()
        if len(words) != 2:
            raise UsageError(f"usage: {USAGE}")
        name, value = words[0].lower(), words[1].lower()
        changes = _parse(name, value)
        command = ChangeSettingsCommand(guild_id=self._id.guild_id, caller=self._caller, **changes)
        await self._rules.change_settings.execute(command)
        return await self._show()

    async def _show(self) -> str:
        query = ShowSettingsQuery(guild_id=self._id.guild_id, caller=self._caller)
        saved = await self._rules.show_settings.execute(query)
        return "\n".join(settings_lines(saved, default_dj_role=self._default_dj_role))


def _parse(name: str, value: str) -> dict[str, Any]:
    if name in ("volume", "vol"):
        return {"volume": _int(value, "settings volume <0-200>")}
    if name in ("repeat", "loop"):
        try:
            return {"repeat": RepeatMode(value)}
        except ValueError:
            raise UsageError("usage: settings repeat <off|track|queue>") from None
    if name == "autoleave":
        minutes = _int(value, "settings autoleave <minutes, 0: never>")
        if not 0 <= minutes <= MAX_AUTO_LEAVE_SECONDS // 60:
            raise UsageError(f"the auto-leave time goes from 0 (never) to {MAX_AUTO_LEAVE_SECONDS // 60} minutes")
        return {"auto_leave_seconds": minutes * 60}
    if name in ("247", "24/7"):
        if value not in ("on", "off"):
            raise UsageError("usage: settings 247 <on|off>")
        return {"always_on": value == "on"}
    if name == "djrole":  # role and channel ids, for a database shared with the bot
        return {"dj_role_id": None if value in CLEAR else RoleId(_int(value, "settings djrole <role id|clear>"))}
    if name == "musicchannel":
        channel = None if value in CLEAR else ChannelId(_int(value, "settings musicchannel <channel id|clear>"))
        return {"music_channel_id": channel}
    raise UsageError(f"usage: {USAGE}")


def _int(text: str, usage: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise UsageError(f"usage: {usage}") from None
