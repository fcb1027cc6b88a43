"""What the bot is given by the composition root: the use-cases, the rules, what to run at start and at close."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from musicbot.entrypoints.services import PlaybackServices, RuleServices


async def _nothing() -> None:
    return None


@dataclass(frozen=True, slots=True, kw_only=True)
class BotServices:
    playback: PlaybackServices
    rules: RuleServices
    # Run once in setup_hook, before the gateway connects (yt-dlp compiles its extractors: ~0.3 s).
    warm_up: Callable[[], Awaitable[object]] = _nothing
    # Run once when the bot closes, after every guild's player was closed and before the gateway goes: the
    # voice output's aclose, the processing pool, the resolver's threads.
    shutdown: Callable[[], Awaitable[object]] = _nothing
