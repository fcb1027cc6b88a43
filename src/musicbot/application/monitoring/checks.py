"""Readiness (may this process take traffic?) and health (what is wrong with each dependency, in words).

Each part is a small object behind a port; `Readiness` and `HealthReport` ask them all at once, each within a
time limit, so one dependency that hangs makes its own line fail, not the whole answer.
"""

from __future__ import annotations

import asyncio
import enum
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

CHECK_TIMEOUT = 2.0  # seconds one part may take to answer


class ReadinessCheck(Protocol):
    name: str

    async def problem(self) -> str | None:
        """None when this part is ready, else what is wrong in a few words."""
        ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ReadinessReport:
    problems: dict[str, str]  # part -> what is wrong; empty when ready
    checked: tuple[str, ...]

    @property
    def ready(self) -> bool:
        return not self.problems


class Readiness:
    def __init__(self, checks: Sequence[ReadinessCheck], *, timeout: float = CHECK_TIMEOUT) -> None:
        self._checks = tuple(checks)
        self._timeout = timeout

    async def check(self) -> ReadinessReport:
        answers = await asyncio.gather(*(self._ask(check) for check in self._checks))
        problems = {check.name: answer for check, answer in zip(self._checks, answers, strict=True) if answer}
        return ReadinessReport(problems=problems, checked=tuple(check.name for check in self._checks))

    async def _ask(self, check: ReadinessCheck) -> str | None:
        try:
            async with asyncio.timeout(self._timeout):
                return await check.problem()
        except TimeoutError:
            return f"no answer within {self._timeout:g} s"
        except Exception as error:  # a check that fails is a part that is not ready, never a 500
            return f"{type(error).__name__}: {error}"


class HealthStatus(enum.StrEnum):
    OK = "ok"
    DEGRADED = "degraded"  # works, with a problem worth knowing (a recent failure, a fallback in use)
    DOWN = "down"
    OFF = "off"  # not configured: the feature is simply not there


@dataclass(frozen=True, slots=True, kw_only=True)
class Health:
    name: str
    status: HealthStatus
    detail: str


class HealthProbe(Protocol):
    name: str

    async def health(self) -> Health: ...


async def probe_all(probes: Sequence[HealthProbe], *, limit: float = CHECK_TIMEOUT) -> list[Health]:
    async def ask(probe: HealthProbe) -> Health:
        try:
            async with asyncio.timeout(limit):
                return await probe.health()
        except TimeoutError:
            return Health(name=probe.name, status=HealthStatus.DOWN, detail=f"no answer within {limit:g} s")
        except Exception as error:
            return Health(name=probe.name, status=HealthStatus.DOWN, detail=f"{type(error).__name__}: {error}")

    return list(await asyncio.gather(*(ask(probe) for probe in probes)))
