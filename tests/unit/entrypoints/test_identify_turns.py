"""Identify turns: the bucket a shard waits in comes from Discord's max_concurrency (asked once), unless the
setting overrides it; Discord unreachable means one at a time, not no start."""

from __future__ import annotations

import pytest

from musicbot.entrypoints.discord.identify import IDENTIFY_SPACING, IdentifyTurns


class RecordingGate:
    def __init__(self) -> None:
        self.turns: list[tuple[int, float]] = []

    async def wait_turn(self, bucket: int, *, spacing: float) -> None:
        self.turns.append((bucket, spacing))


class Discord:
    def __init__(self, max_concurrency: int | Exception) -> None:
        self.answer = max_concurrency
        self.asked = 0

    async def max_concurrency(self) -> int:
        self.asked += 1
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer


async def test_buckets_follow_discords_max_concurrency_asked_once() -> None:
    gate, discord = RecordingGate(), Discord(16)
    turns = IdentifyTurns(gate, override=None, max_concurrency=discord.max_concurrency)

    for shard in (0, 5, 17, 31):
        await turns.wait(shard)

    assert gate.turns == [(0, IDENTIFY_SPACING), (5, IDENTIFY_SPACING), (1, IDENTIFY_SPACING), (15, IDENTIFY_SPACING)]
    assert discord.asked == 1


async def test_the_setting_overrides_discord() -> None:
    gate, discord = RecordingGate(), Discord(16)
    turns = IdentifyTurns(gate, override=2, max_concurrency=discord.max_concurrency)

    await turns.wait(5)

    assert gate.turns == [(1, IDENTIFY_SPACING)] and discord.asked == 0


@pytest.mark.parametrize("answer", [OSError("gateway unreachable"), 0])
async def test_discord_unreachable_or_odd_means_one_at_a_time(answer: int | Exception) -> None:
    gate = RecordingGate()
    turns = IdentifyTurns(gate, override=None, max_concurrency=Discord(answer).max_concurrency)

    await turns.wait(3)
    await turns.wait(2)

    assert [bucket for bucket, _ in gate.turns] == [0, 0]
