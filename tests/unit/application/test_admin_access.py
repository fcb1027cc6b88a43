"""Only the bot's owner reads the admin reports; the rule is the use-cases', so every driver gets it."""

from __future__ import annotations

import pytest

from musicbot.adapters.prometheus import PrometheusMetrics
from musicbot.application.admin.access import NotOwner, OwnerPolicy
from musicbot.application.admin.reports import LogsQuery, ReadLogs, ShowPerformance
from musicbot.application.errors import InvalidQuery
from musicbot.domain.ids import UserId

OWNER, OTHER = UserId(1), UserId(2)


class Logs:
    def tail(self, *, level: str, lines: int) -> list[str]:
        return [f"{level} x{lines}"]


def test_only_owners_pass_and_the_application_owner_is_added_at_login() -> None:
    policy = OwnerPolicy([OWNER])
    performance = ShowPerformance(policy, PrometheusMetrics())
    assert performance.execute(OWNER)
    with pytest.raises(NotOwner):
        performance.execute(OTHER)
    with pytest.raises(NotOwner):
        performance.execute(None)
    policy.add([OTHER])
    assert performance.execute(OTHER)


def test_the_console_user_owns_the_process() -> None:
    assert ShowPerformance(OwnerPolicy(everyone=True), PrometheusMetrics()).execute(None)


def test_logs_check_the_owner_first_then_the_level_and_count() -> None:
    logs = ReadLogs(OwnerPolicy([OWNER]), Logs())
    with pytest.raises(NotOwner):
        logs.execute(LogsQuery(user_id=OTHER, level="loud", lines=0))
    assert logs.execute(LogsQuery(user_id=OWNER, level="warning", lines=5)) == ["WARNING x5"]
    with pytest.raises(InvalidQuery):
        logs.execute(LogsQuery(user_id=OWNER, level="loud"))
    with pytest.raises(InvalidQuery):
        logs.execute(LogsQuery(user_id=OWNER, lines=0))
