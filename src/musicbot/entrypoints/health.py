"""Health probes of the dependencies the console and the bot share (FFmpeg, yt-dlp, Spotify, OpenRouter), for
/admin health and the console's `health`. Each says in words what works and what does not."""

from __future__ import annotations

import asyncio
import importlib.metadata
from datetime import UTC, datetime

from musicbot.adapters.ffmpeg_binary import find_ffmpeg
from musicbot.adapters.spotify import SpotipyCatalog
from musicbot.application.monitoring.checks import Health, HealthStatus
from musicbot.application.monitoring.measured_source import MeasuredSource
from musicbot.application.recommendation.fallback import FallbackIntentExtractor
from musicbot.application.support.resilience.circuit_breaker import CircuitBreakers
from musicbot.domain.errors import MusicBotError

OK, DEGRADED, DOWN, OFF = HealthStatus.OK, HealthStatus.DEGRADED, HealthStatus.DOWN, HealthStatus.OFF
RECENT = 600.0  # seconds: a failure this recent makes a working source "degraded"


class FfmpegProbe:
    name = "FFmpeg"

    def __init__(self, configured: str | None) -> None:
        self._configured = configured

    async def health(self) -> Health:
        try:
            path = find_ffmpeg(self._configured)
        except MusicBotError as error:
            return Health(name=self.name, status=DOWN, detail=str(error))
        process = await asyncio.create_subprocess_exec(
            path, "-hide_banner", "-version", stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL
        )
        out, _ = await process.communicate()
        if process.returncode != 0:
            return Health(name=self.name, status=DOWN, detail=f"{path} -version exited with {process.returncode}")
        first = out.decode(errors="replace").splitlines()[0] if out else "?"
        return Health(name=self.name, status=OK, detail=f"{first.removeprefix('ffmpeg ')} ({path})")


class YtDlpProbe:
    name = "yt-dlp"

    def __init__(self, source: MeasuredSource, breakers: CircuitBreakers) -> None:
        self._source, self._breakers = source, breakers

    async def health(self) -> Health:
        version = importlib.metadata.version("yt-dlp")
        failing = [f"{source} ({state})" for source, state in self._breakers.states().items() if state != "closed"]
        last = self._source.last_failure
        words = [f"version {version}", f"{self._source.failures} failures since start"]
        if last is not None:
            words.append(f"last failure {_ago(last.at)} ago from {last.source}: {last.reason}")
        if failing:
            words.append("paused after repeated failures: " + ", ".join(failing))
        recent = last is not None and (datetime.now(UTC) - last.at).total_seconds() < RECENT
        status = DEGRADED if failing or recent else OK
        return Health(name=self.name, status=status, detail="; ".join(words))


class SpotifyProbe:
    name = "Spotify"

    def __init__(self, catalog: object) -> None:
        self._catalog = catalog

    async def health(self) -> Health:
        if not isinstance(self._catalog, SpotipyCatalog):
            return Health(
                name=self.name,
                status=OFF,
                detail="not configured (MUSICBOT_SPOTIFY_CLIENT_ID and _SECRET): Spotify links are explained away",
            )
        try:
            detail = await self._catalog.check()
        except MusicBotError as error:
            return Health(name=self.name, status=DOWN, detail=str(error))
        return Health(name=self.name, status=DEGRADED if "paused" in detail else OK, detail=detail)


class OpenRouterProbe:
    name = "OpenRouter"

    def __init__(self, extractor: FallbackIntentExtractor, model: str) -> None:
        self._extractor, self._model = extractor, model

    async def health(self) -> Health:
        if not self._extractor.has_ai:
            return Health(name=self.name, status=OFF, detail="no key: the offline lexicon reads requests")
        stats = self._extractor.stats()
        detail = f"model {self._model}; {stats.ai_calls} calls, {stats.failures} failed, {stats.fallbacks} fell back"
        status = DEGRADED if stats.failures else OK
        return Health(name=self.name, status=status, detail=detail)


def _ago(when: datetime) -> str:
    seconds = max(0, int((datetime.now(UTC) - when).total_seconds()))
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 7200:
        return f"{seconds // 60} min"
    return f"{seconds // 3600} h"
