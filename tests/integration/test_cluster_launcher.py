"""`Cluster` over real child processes: each gets its range, one that dies is started again, SIGTERM (stop)
ends them all, and a configuration error stops the cluster instead of restarting forever."""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from musicbot.entrypoints.cluster import Cluster

# A child: records its shards and pid, then exits at once the first time (a crash), else waits for SIGTERM.
CHILD = """
import json, os, signal, sys, time
out = sys.argv[1]
runs = [json.loads(line) for line in open(out)] if os.path.exists(out) else []
first = not any(r["ids"] == os.environ["MUSICBOT_SHARD_IDS"] for r in runs)
with open(out, "a") as f:
    f.write(json.dumps({"ids": os.environ["MUSICBOT_SHARD_IDS"], "port": os.environ["MUSICBOT_HTTP_PORT"],
                        "pid": os.getpid()}) + "\\n")
if first and os.environ["MUSICBOT_SHARD_IDS"] == "0-1":
    sys.exit(1)
if os.environ.get("CHILD_CONFIG_ERROR"):
    sys.exit(2)
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
time.sleep(60)
"""


def runs(path: Path) -> list[dict[str, str]]:
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


async def wait_for(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 15
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.05)


async def test_children_get_their_ranges_a_dead_one_restarts_and_stop_ends_all(tmp_path: Path) -> None:
    out = tmp_path / "runs.jsonl"
    cluster = Cluster(
        [sys.executable, "-c", CHILD, str(out)],
        shard_count=4,
        processes=2,
        http_port=9000,
        environment={"PATH": os.environ.get("PATH", "")},
        backoff_first=0.1,
    )
    running = asyncio.create_task(cluster.run())
    await wait_for(lambda: len(runs(out)) >= 3)  # 0-1 twice (crashed once), 2-3 once
    seen = runs(out)
    assert sorted((r["ids"], r["port"]) for r in seen) == [("0-1", "9000"), ("0-1", "9000"), ("2-3", "9001")]
    assert cluster.starts == [2, 1]
    children = list(cluster.children.values())
    cluster.stop()
    assert await asyncio.wait_for(running, 10) == 0
    assert all(child.returncode == 0 for child in children)  # SIGTERM, handled: a clean exit


async def test_a_configuration_error_stops_the_cluster(tmp_path: Path) -> None:
    out = tmp_path / "runs.jsonl"
    cluster = Cluster(
        [sys.executable, "-c", CHILD, str(out)],
        shard_count=2,
        processes=2,
        http_port=0,
        environment={"PATH": os.environ.get("PATH", ""), "CHILD_CONFIG_ERROR": "1"},
        backoff_first=0.1,
    )
    assert await asyncio.wait_for(cluster.run(), 15) == 2
    assert all(child.returncode is not None for child in cluster.children.values())
