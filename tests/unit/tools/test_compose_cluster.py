"""docker-compose.yml's `cluster` profile: a second bot process with the other shards, on the same PostgreSQL and
Redis, only checking the schema the one-shot migration upgraded (the file read as compose reads it, YAML merge
keys included; tests/e2e/test_compose.py runs it with a compose CLI where Docker is)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

COMPOSE = Path(__file__).parents[3] / "docker-compose.yml"


def services() -> dict[str, Any]:
    return dict(yaml.safe_load(COMPOSE.read_text())["services"])


def test_the_cluster_profile_adds_a_second_bot_on_the_same_database_and_redis() -> None:
    found = services()
    first, second = found["musicbot"], found["musicbot-2"]
    assert "profiles" not in first and second["profiles"] == ["cluster"]
    assert "cluster" in found["redis"]["profiles"]
    assert second["environment"]["MUSICBOT_DATABASE_URL"] == first["environment"]["MUSICBOT_DATABASE_URL"]
    assert second["environment"]["MUSICBOT_SHARD_IDS"].startswith("${MUSICBOT_CLUSTER_SHARD_IDS")
    assert second["environment"]["MUSICBOT_DATABASE_MIGRATE"] == "check"
    assert second["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}
    assert second["depends_on"]["redis"] == {"condition": "service_healthy"}
    # The default profile stays free of Redis: the first bot does not wait for it (a bot started before Redis
    # answers joins the cluster by itself: tests/e2e/discord/test_redis_after_start.py).
    assert "redis" not in first["depends_on"]
    assert second["command"] == first["command"] == ["run"]
    assert second["volumes"] != first["volumes"] and second["ports"] != first["ports"]
