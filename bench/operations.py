"""What operations cost the bot: a metric call on a command's path, a scrape, the HTTP endpoints, the loop watch.

Run: `.venv/bin/python -m bench.operations`. Each figure is printed next to a reference measured in the same
run (a plain dict increment; an idle event loop), as a ratio. The figures go in docs/benchmarks.md.
"""

from __future__ import annotations

import asyncio
import statistics
import time
import timeit

import aiohttp

from musicbot.adapters.prometheus import PrometheusMetrics, Sampled
from musicbot.application.monitoring.checks import Readiness
from musicbot.application.monitoring.loop_watch import LoopWatch
from musicbot.application.monitoring.metrics import Outcome
from musicbot.entrypoints.web import OpsServer

COMMANDS = [f"command{i}" for i in range(40)]
CALLS = 200_000


def per_call(statement: str, namespace: dict[str, object]) -> float:
    """Seconds per call, best of 5."""
    timer = timeit.Timer(statement, globals=namespace)
    return min(timer.repeat(5, CALLS)) / CALLS


def call_costs() -> list[str]:
    metrics = PrometheusMetrics()
    counts: dict[tuple[str, str], int] = {("play", "ok"): 0}
    space = {"metrics": metrics, "Outcome": Outcome, "counts": counts}
    reference = per_call("counts[('play', 'ok')] += 1", space)
    rows = [f"| reference: a dict increment | {reference * 1e9:.0f} ns | 1× |"]
    for label, statement in (
        ("`command_finished` (labelled counter + histogram)", "metrics.command_finished('play', Outcome.OK, 0.2)"),
        ("`interaction_acknowledged` (histogram)", "metrics.interaction_acknowledged(0.05)"),
        ("`resolution_finished` (histogram + counter)", "metrics.resolution_finished('http', ok=False, seconds=0.3)"),
        ("`loop_lag` (histogram)", "metrics.loop_lag(0.001)"),
    ):  # fmt: skip
        cost = per_call(statement, space)
        rows.append(f"| {label} | {cost * 1e9:.0f} ns | {cost / reference:.0f}× |")
    return rows


def populated() -> PrometheusMetrics:
    """Every command with every outcome, every source, and sampled families as the bot has them."""
    metrics = PrometheusMetrics()
    for command in COMMANDS:
        for outcome in Outcome:
            metrics.command_finished(command, outcome, 0.1)
    for source in ("youtube", "soundcloud", "bandcamp", "spotify", "http", "local", "search"):
        metrics.resolution_finished(source, ok=False, seconds=0.5)
    metrics.sample(
        Sampled(
            "musicbot_players", "gauge", "p", lambda: {(s,): 10.0 for s in ("playing", "paused", "idle")}, ("state",)
        )
    )
    metrics.sample(
        Sampled(
            "musicbot_gateway_latency_seconds", "gauge", "g", lambda: {(str(i),): 0.05 for i in range(16)}, ("shard",)
        )
    )
    return metrics  # fmt: skip


async def http_costs(metrics: PrometheusMetrics) -> list[str]:
    server = OpsServer(
        host="127.0.0.1", port=0, watch=LoopWatch(metrics), readiness=Readiness([]), metrics=metrics, status=dict
    )
    await server.start()
    rows = []
    try:
        async with aiohttp.ClientSession() as session:
            for path in ("/livez", "/readyz", "/api/status", "/metrics"):
                times = []
                for _ in range(300):
                    started = time.perf_counter()
                    async with session.get(f"http://127.0.0.1:{server.port}{path}") as response:
                        body = await response.read()
                    times.append(time.perf_counter() - started)
                times.sort()
                p50, p99 = statistics.median(times) * 1000, times[int(len(times) * 0.99)] * 1000
                rows.append(f"| GET {path} | {p50:.2f} ms | {p99:.2f} ms | {len(body):,} B |")
    finally:
        await server.stop()
    return rows


async def stall_during_scrapes(metrics: PrometheusMetrics, *, scrapes: int = 50) -> list[float]:
    """How late a 2 ms ticker on the loop gets while the exposition is rendered (on the loop, as /metrics does)."""
    lateness: list[float] = []
    done = asyncio.Event()

    async def ticker() -> None:
        while not done.is_set():
            due = time.perf_counter() + 0.002
            await asyncio.sleep(0.002)
            lateness.append(time.perf_counter() - due)

    task = asyncio.create_task(ticker())
    for _ in range(scrapes):
        metrics.exposition()
        await asyncio.sleep(0.02)
    done.set()
    await task
    return sorted(lateness)


async def watch_cost(seconds: float = 5.0) -> str:
    async def cpu_over(watching: bool) -> float:
        watch = LoopWatch(PrometheusMetrics())
        if watching:
            watch.start()
        started = time.process_time()
        await asyncio.sleep(seconds)
        used = time.process_time() - started
        await watch.stop()
        return used

    idle = await cpu_over(False)
    watched = await cpu_over(True)
    return (
        f"Loop watch (4 wake-ups a second): {(watched - idle) / seconds * 100:.3f} % of a core "
        f"(idle loop {idle / seconds * 100:.3f} %, watched {watched / seconds * 100:.3f} %)."
    )


async def main() -> None:
    print("| call | cost | vs dict increment |\n|---|---|---|")
    print("\n".join(call_costs()))
    metrics = populated()
    started = time.perf_counter()
    for _ in range(200):
        text = metrics.exposition()
    scrape = (time.perf_counter() - started) / 200
    print(f"\nexposition() with {len(COMMANDS) * len(Outcome)} command series: {scrape * 1000:.2f} ms, {len(text):,} B")
    on = await stall_during_scrapes(metrics)
    print(f"\nA 2 ms ticker on the loop during 50 scrapes: p99 {on[int(len(on) * 0.99)] * 1000:.1f} ms late, "
          f"max {on[-1] * 1000:.1f} ms")  # fmt: skip
    print("\n| endpoint | p50 | p99 | body |\n|---|---|---|---|")
    print("\n".join(await http_costs(metrics)))
    print("\n" + await watch_cost())


if __name__ == "__main__":
    asyncio.run(main())
