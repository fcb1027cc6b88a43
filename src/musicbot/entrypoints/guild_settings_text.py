"""A guild's settings as lines a person reads: the same words for /settings and the console's `settings`."""

from __future__ import annotations

from collections.abc import Callable

from musicbot.domain.guild_settings import GuildSettings


def auto_leave_text(seconds: int) -> str:
    if seconds == 0:
        return "never"
    minutes, rest = divmod(seconds, 60)
    if not rest:
        return f"after {minutes} min idle"
    return f"after {minutes} min {rest} s idle" if minutes else f"after {rest} s idle"


def settings_lines(
    settings: GuildSettings,
    *,
    role: Callable[[int], str] = str,
    channel: Callable[[int], str] = str,
    default_dj_role: str | None = None,
) -> list[str]:
    """`role`/`channel` show an id (a mention on Discord); `default_dj_role` is the bot-wide role name."""
    if settings.dj_role_id is not None:
        dj = role(settings.dj_role_id)
    else:
        dj = f"the role named “{default_dj_role}”" if default_dj_role else "none"
    music = "any channel" if settings.music_channel_id is None else channel(settings.music_channel_id)
    return [
        f"Volume: {settings.volume.percent}%",
        f"Repeat: {settings.repeat}",
        f"24/7: {'on' if settings.always_on else 'off'}",
        f"Auto-leave: {'off (24/7)' if settings.always_on else auto_leave_text(settings.auto_leave_seconds)}",
        f"DJ role: {dj}",
        f"Music channel: {music}",
    ]
