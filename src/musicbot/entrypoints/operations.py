"""The operations side of a process, bundled for its driver: metrics, the loop watch, readiness, health probes
and the owner's reports. Built from the container; the driver adds what only it knows (the Discord gateway,
the voice sender) and its own `StatusSource`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from musicbot.adapters.prometheus import PrometheusMetrics, Sampled
from musicbot.application.admin.access import OwnerPolicy
from musicbot.application.admin.ports import LogSource, StatusSource
from musicbot.application.admin.reports import CheckHealth, ReadLogs, ShowBotStats, ShowPerformance
from musicbot.application.admin.user_stats import LimiterQuota, ShowUserStats
from musicbot.application.monitoring.checks import DegradedNote, HealthProbe, Readiness, ReadinessCheck
from musicbot.application.monitoring.loop_watch import LoopWatch
from musicbot.application.monitoring.measured_source import metric_source
from musicbot.application.playback.player import GuildPlayer
from musicbot.application.source_ports import WarmingSource, WarmUp
from musicbot.entrypoints.container import Container
from musicbot.entrypoints.health import FfmpegProbe, OpenRouterProbe, SpotifyProbe, YtDlpProbe
from musicbot.entrypoints.logs import LogBuffer, installed_buffer


class ResolverWarmUp:
    """Readiness of yt-dlp's worker processes: not ready while they warm up (a burst right after the start would
    resolve on the bot's own threads, under its GIL), at most MUSICBOT_RESOLVER_WARM_TIMEOUT; then ready, and
    degraded when they are not warm (a yt-dlp that is broken or slow must not keep the bot out for ever).
    `state`: a `WarmingSource`'s `warm_up_state` (or a pool's `warm_up`)."""

    name = "yt-dlp workers"

    def __init__(self, state: Callable[[], WarmUp]) -> None:
        self._state = state

    @classmethod
    def of(cls, resolver: WarmingSource) -> ResolverWarmUp:
        return cls(resolver.warm_up_state)

    async def problem(self) -> str | None:
        state = self._state()
        return None if state.ready else state.detail

    async def degraded(self) -> str | None:
        state = self._state()
        return state.detail if state.ready else None


class _NoLogs:
    def tail(self, *, level: str, lines: int) -> list[str]:
        return ["(logging was not configured in this process: no lines are kept)"]


@dataclass(frozen=True, slots=True, kw_only=True)
class OperationsServices:
    metrics: PrometheusMetrics
    watch: LoopWatch
    owners: OwnerPolicy
    readiness: Readiness
    stats: ShowBotStats
    health: CheckHealth
    performance: ShowPerformance
    logs: ReadLogs
    user_stats: ShowUserStats


def build_operations(
    container: Container,
    status: StatusSource,
    *,
    checks: Sequence[ReadinessCheck] = (),
    notes: Sequence[DegradedNote] = (),
    probes: Sequence[HealthProbe] = (),
    logs: LogSource | None = None,
) -> OperationsServices:
    """`checks` and `probes`: the driver's own, in front of the database's and the shared dependencies'; `notes`:
    the driver's parts that may be ready but degraded (`ResolverWarmUp`)."""
    settings = container.settings()
    metrics: PrometheusMetrics = container.core.metrics()
    owners: OwnerPolicy = container.core.owners()
    database = container.core.database_probe()
    storage = container.saved_queues.storage()
    intent_reader = container.recommending.intent_reader()
    resilient = container.song_sources.resilient()
    all_probes: list[HealthProbe] = [
        *probes,
        database,
        FfmpegProbe(settings.ffmpeg_path),
        YtDlpProbe(container.song_sources.measured_source(), resilient.guard.breakers),
        SpotifyProbe(container.song_sources.catalog()),
        OpenRouterProbe(intent_reader.extractor, settings.openrouter_model),
    ]
    buffer: LogBuffer | None = installed_buffer()
    sample_shared(container)
    return OperationsServices(
        metrics=metrics,
        watch=container.core.loop_watch(),
        owners=owners,
        readiness=Readiness([*checks, database], notes=notes),
        stats=ShowBotStats(owners, status, metrics),
        health=CheckHealth(owners, all_probes),
        performance=ShowPerformance(owners, metrics),
        logs=ReadLogs(owners, logs or buffer or _NoLogs()),
        user_stats=ShowUserStats(
            container.core.uow_factory(),
            quota=LimiterQuota(container.recommending.recommend_limiter()),
            storage_available=lambda: storage.available,
        ),
    )


def sample_shared(container: Container) -> None:
    """Figures the container's objects keep, read at each scrape: caches, circuit breakers, AI calls, the
    database's errors, players by state."""
    metrics: PrometheusMetrics = container.core.metrics()
    resilient = container.song_sources.resilient()
    recommend = container.recommending.recommendations().recommend
    registry = container.players.playback().registry
    errors = container.core.database_probe().errors

    def cache_counts() -> dict[tuple[str, ...], float]:
        source, rec = resilient.stats(), recommend.stats()
        return {
            ("resolve", "hit"): source.resolver.hits + source.resolver.negative_hits,
            ("resolve", "miss"): source.resolver.misses,
            ("search", "hit"): source.search.hits,
            ("search", "miss"): source.search.misses,
            ("listing", "hit"): source.listing.hits,
            ("listing", "miss"): source.listing.misses,
            ("intent", "hit"): rec.intents.hits,
            ("intent", "miss"): rec.intents.misses,
        }

    def breakers() -> dict[tuple[str, ...], float]:
        values: dict[tuple[str, ...], float] = {}
        for source, state in resilient.guard.breakers.states().items():
            key = (metric_source(source), state.value)
            values[key] = values.get(key, 0.0) + 1
        return values

    def ai() -> dict[tuple[str, ...], float]:
        stats = recommend.stats().extractor
        return {("call",): stats.ai_calls, ("fallback",): stats.fallbacks, ("failure",): stats.failures}

    def players() -> dict[tuple[str, ...], float]:
        counts = {"playing": 0.0, "paused": 0.0, "idle": 0.0}
        for player in registry.players():
            state = player_state(player)
            counts[state] = counts.get(state, 0.0) + 1
        return {(state,): count for state, count in counts.items()}

    for family in (
        Sampled("musicbot_cache_lookups_total", "counter", "Cache lookups by cache and result", cache_counts,
                ("cache", "result")),
        Sampled("musicbot_circuit_breakers", "gauge", "Circuit breakers (one per source) by state", breakers,
                ("source", "state")),
        Sampled("musicbot_ai_requests_total", "counter", "OpenRouter calls, fallbacks to the lexicon, failures", ai,
                ("kind",)),
        Sampled("musicbot_database_errors_total", "counter", "Errors the database driver raised",
                lambda: {(): float(errors.count if errors else 0)}),
        Sampled("musicbot_players", "gauge", "Guild players by state", players, ("state",)),
    ):  # fmt: skip
        metrics.sample(family)


def player_state(player: GuildPlayer) -> str:
    """ "playing", "paused" or "idle" (connected, nothing playing)."""
    return player.state.status.value
