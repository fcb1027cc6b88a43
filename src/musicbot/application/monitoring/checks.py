"""Readiness (may this process take traffic?) and health (what is wrong with each dependency, in words).

Each part is a small object behind a port; `Readiness` and `HealthReport` ask them all at once, each within a
time limit, so one dependency that hangs makes its own line fail, not the whole answer.
"""

from __future__ import annotations

import asyncio
import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

CHECK_TIMEOUT = 2.0  # seconds one part may take to answer


class ReadinessCheck(Protocol):
    name: str

    async def problem(self) -> str | None:
        """None when this part is ready, else what is wrong in a few words."""
        ...


class DegradedNote(Protocol):
    """A part that may let the process take traffic while something is wrong (it then says what)."""

    name: str

    async def degraded(self) -> str | None:
        """None when nothing is wrong, else what works less well, in a few words."""
        ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ReadinessReport:
    problems: dict[str, str]  # part -> what is wrong; empty when ready
    checked: tuple[str, ...]
    degraded: dict[str, str] = field(default_factory=dict)  # part -> what works less well (ready all the same)

    @property
    def ready(self) -> bool:
        return not self.problems


class Readiness:
    def __init__(
        self, checks: Sequence[ReadinessCheck], *, notes: Sequence[DegradedNote] = (), timeout: float = CHECK_TIMEOUT
    ) -> None:
        """`notes`: parts (often checks too) that may say the process is ready but degraded."""
        self._checks = tuple(checks)
        self._notes = tuple(notes)
        self._timeout = timeout

    async def check(self) -> ReadinessReport:
        answers = await asyncio.gather(*(self._ask(check) for check in self._checks))
        problems = {check.name: answer for check, answer in zip(self._checks, answers, strict=True) if answer}
        notes = await asyncio.gather(*(self._note(note) for note in self._notes))
        degraded = {note.name: said for note, said in zip(self._notes, notes, strict=True) if said}
        return ReadinessReport(
            problems=problems, checked=tuple(check.name for check in self._checks), degraded=degraded
        )

    async def _note(self, note: DegradedNote) -> str | None:
        try:
            async with asyncio.timeout(self._timeout):
                return await note.degraded()
        except Exception as error:  # a note that fails says so; readiness is the checks' to decide
            return f"{type(error).__name__}: {error}"

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
