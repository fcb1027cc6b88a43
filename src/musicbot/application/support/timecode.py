"""Positions in a song as people write them: "83", "1:23", "1:02:03", "1m23s"."""

from __future__ import annotations

import re

from musicbot.application.errors import InvalidSeek

_UNITS = re.compile(r"^(?:(?P<h>\d+)h)?(?:(?P<m>\d+)m)?(?:(?P<s>\d+(?:\.\d+)?)s?)?$")


def parse_position(text: str) -> float:
    """Seconds from a position a user typed; raises InvalidSeek with an example when it makes no sense."""
    value = text.strip().lower()
    if ":" in value:
        parts = value.split(":")
        if len(parts) <= 3 and all(p.isdecimal() for p in parts[:-1]) and _is_number(parts[-1]):
            seconds = 0.0
            for part in parts:
                seconds = seconds * 60 + float(part)
            if all(int(p) < 60 for p in parts[1:-1]) and float(parts[-1]) < 60:
                return seconds
    elif value and (match := _UNITS.match(value)) and any(match.groupdict().values()):
        hours, minutes, seconds = (float(match[g] or 0) for g in ("h", "m", "s"))
        return hours * 3600 + minutes * 60 + seconds
    raise InvalidSeek(f"{text.strip()!r} is not a position: try 83, 1:23 or 1:02:03")


def parse_seek(text: str) -> tuple[float, bool]:
    """A seek as typed: (seconds, relative). `+10`, `-30`, `+1:00` move from where the song is; the rest is a
    position (`parse_position`)."""
    value = text.strip()
    if value[:1] in ("+", "-"):
        seconds = parse_position(value[1:])
        return (-seconds if value[0] == "-" else seconds), True
    return parse_position(value), False


def format_duration(seconds: float | None) -> str:
    """1:23 or 1:02:03; "live" for an unknown length."""
    if seconds is None:
        return "live"
    whole = max(int(seconds), 0)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _is_number(text: str) -> bool:
    return bool(re.fullmatch(r"\d+(?:\.\d+)?", text))
