"""When the garbage collector may walk the whole heap: never while a stream plays, unless memory says it must.

A full (generation 2) pass holds the GIL for as long as it walks every object not frozen, and the voice sender's
thread waits for it: every playing server's packet is late by as much. During a burst of 100 /play the bot
follows ~46,000 objects more than before it (100 new voice sessions: lists, deques, coroutines, contexts,
locks; `bench/play_burst.py --gc-types`), ~5 ms of walking on an idle core, but the loop's thread spends most of
a burst runnable and waiting for a CPU (the bot's 100 FFmpegs and yt-dlp's workers start then), and a pass
preempted in the middle holds the GIL throughout: the collector's own full passes took 19 and 87 ms in two
quiet-machine bursts, and the second made 103 of the sender's intervals 50 ms or more.

So while a stream plays, the collector starts no full pass of its own (its gen-2 threshold is held out of
reach), and each periodic tick walks the young generations and then freezes their survivors (`gc.freeze()`
moves a list: O(1)), which are mostly the live voice sessions: what is left for any pass stays a few seconds'
worth of new objects. Frozen objects are still freed by reference counting; only cycles among them wait. Once
nothing plays, the next tick unfreezes everything and walks it all once (~140 ms over the start-up heap, no
listener to hear it), which frees the ended sessions' cycles, then freezes again. A bot that is never silent
does the same when what it froze while on air exceeds `RECLAIM_ABOVE` objects: one pause, hours apart, rather
than memory that only grows.
"""

from __future__ import annotations

import gc
import logging
from enum import Enum
from typing import Protocol

log = logging.getLogger(__name__)

HELD = 1_000_000_000  # gen-2 threshold while a stream plays: generation-1 passes before a full one, never reached
RECLAIM_ABOVE = 500_000  # objects frozen while on air beyond which a full pass runs anyway (start-up: ~250,000)


class Pass(Enum):
    YOUNG_THEN_FREEZE = "young generations, survivors frozen"
    FULL = "full"
    RECLAIM = "everything unfrozen, one full pass, frozen again"


class Collector(Protocol):
    """What the policy needs of the garbage collector (`gc` itself: `GcCollector`)."""

    def collect(self, generation: int) -> int: ...
    def freeze(self) -> None: ...
    def unfreeze(self) -> None: ...
    def frozen(self) -> int: ...
    def automatic_full_passes(self, allowed: bool) -> None: ...


class GcCollector:
    """The interpreter's collector. The gen-2 threshold it had when built is the one given back."""

    def __init__(self) -> None:
        self._full_every = gc.get_threshold()[2]

    def collect(self, generation: int) -> int:
        return gc.collect(generation)

    def freeze(self) -> None:
        gc.freeze()

    def unfreeze(self) -> None:
        gc.unfreeze()

    def frozen(self) -> int:
        return gc.get_freeze_count()

    def automatic_full_passes(self, allowed: bool) -> None:
        young, middle, _ = gc.get_threshold()
        gc.set_threshold(young, middle, self._full_every if allowed else HELD)


class CyclePolicy:
    """One periodic tick's collection, by whether a stream plays (`tick(on_air)`); returns what it did."""

    def __init__(self, collector: Collector | None = None, *, reclaim_above: int = RECLAIM_ABOVE) -> None:
        self._collector = collector or GcCollector()
        self._reclaim_above = reclaim_above
        self._frozen_before: int | None = None  # frozen count before the first freeze of this spell on air

    def tick(self, on_air: bool) -> Pass:
        collector = self._collector
        if on_air:
            if self._frozen_before is None:
                self._frozen_before = collector.frozen()
            grown = collector.frozen() - self._frozen_before
            if grown <= self._reclaim_above:
                collector.automatic_full_passes(False)
                collector.collect(1)
                collector.freeze()
                return Pass.YOUNG_THEN_FREEZE
            log.warning("full garbage collection while streams play: %d objects frozen since they started", grown)
        collector.automatic_full_passes(True)
        if self._frozen_before is None:
            collector.collect(2)
            return Pass.FULL
        self._frozen_before = None
        collector.unfreeze()
        collector.collect(2)
        collector.freeze()
        return Pass.RECLAIM

    def stop(self) -> None:
        """The collector's own full passes back, as they were (what stays frozen stays so)."""
        self._collector.automatic_full_passes(True)
