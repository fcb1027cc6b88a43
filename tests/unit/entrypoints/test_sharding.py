"""Shards and processes: the settings that name them, the launcher's ranges and backoff, Discord's routing rule."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from musicbot.entrypoints.cluster import Backoff, child_environment, shard_ranges
from musicbot.entrypoints.settings import Settings
from musicbot.entrypoints.settings_secrets import secret_values
from musicbot.entrypoints.shard_ids import parse_shard_ids


@pytest.mark.parametrize(
    ("text", "ids"),
    [("0,1", (0, 1)), ("0-3", (0, 1, 2, 3)), ("3, 1,1", (1, 3)), ("0-1,4", (0, 1, 4)), ("", ())],
)
def test_shard_ids_are_read_as_lists_and_ranges(text: str, ids: tuple[int, ...]) -> None:
    assert parse_shard_ids(text) == ids


@pytest.mark.parametrize("text", ["a", "1-", "-1", "0..3"])
def test_a_shard_id_that_is_not_a_number_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not a shard id or range"):
        parse_shard_ids(text)


def test_shard_ids_must_fit_the_count(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MUSICBOT_SHARD_COUNT", "4")
    monkeypatch.setenv("MUSICBOT_SHARD_IDS", "2-3")
    assert Settings(_env_file=None).shard_ids == (2, 3)  # type: ignore[call-arg]
    monkeypatch.setenv("MUSICBOT_SHARD_IDS", "3-4")
    with pytest.raises(ValidationError, match="between 0 and 3"):
        Settings(_env_file=None)  # type: ignore[call-arg]
    monkeypatch.delenv("MUSICBOT_SHARD_COUNT")
    with pytest.raises(ValidationError, match="needs MUSICBOT_SHARD_COUNT too"):
        Settings(_env_file=None)  # type: ignore[call-arg]


def test_the_redis_password_is_a_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MUSICBOT_REDIS_URL", "redis://:hunter2@redis.internal:6379/0")
    assert "hunter2" in set(secret_values(Settings(_env_file=None)))  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("count", "processes", "ranges"),
    [(4, 2, [(0, 1), (2, 3)]), (5, 2, [(0, 1), (2, 3, 4)]), (3, 3, [(0,), (1,), (2,)]), (1, 1, [(0,)])],
)
def test_processes_get_contiguous_ranges_covering_every_shard_once(
    count: int, processes: int, ranges: list[tuple[int, ...]]
) -> None:
    assert [tuple(r) for r in shard_ranges(count, processes)] == ranges


def test_more_processes_than_shards_is_refused() -> None:
    with pytest.raises(ValueError, match="processes"):
        shard_ranges(2, 3)


def test_child_i_gets_its_shards_its_port_and_only_checks_the_schema() -> None:
    env = child_environment({"PATH": "/bin"}, index=1, shards=range(2, 4), shard_count=4, http_port=8080)
    assert env == {
        "PATH": "/bin",
        "MUSICBOT_SHARD_COUNT": "4",
        "MUSICBOT_SHARD_IDS": "2-3",
        "MUSICBOT_HTTP_PORT": "8081",
        "MUSICBOT_DATABASE_MIGRATE": "check",
    }
    assert child_environment({}, index=1, shards=range(1, 2), shard_count=2, http_port=0)["MUSICBOT_HTTP_PORT"] == "0"


def test_restarts_back_off_and_reset_after_a_steady_run() -> None:
    backoff = Backoff(first=1, longest=8)
    assert [backoff.after_exit(0.1) for _ in range(5)] == [1, 2, 4, 8, 8]
    assert backoff.after_exit(120) == 1
