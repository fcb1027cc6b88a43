"""A garbage collector for `entrypoints/discord/cycles.CyclePolicy`: records what the policy asked of it."""

from __future__ import annotations


class FakeCollector:
    """Counts frozen objects as the interpreter would: `alive` new ones between two freezes."""

    def __init__(self, alive: int = 1_000) -> None:
        self.alive = alive
        self.calls: list[str] = []
        self.full_allowed = True
        self._frozen = 250_000

    def collect(self, generation: int) -> int:
        self.calls.append(f"collect {generation}")
        return 0

    def freeze(self) -> None:
        self.calls.append("freeze")
        self._frozen += self.alive

    def unfreeze(self) -> None:
        self.calls.append("unfreeze")

    def frozen(self) -> int:
        return self._frozen

    def automatic_full_passes(self, allowed: bool) -> None:
        self.full_allowed = allowed
