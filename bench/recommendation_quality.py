"""How well and how fast the offline reader understands requests as members write them.

Scores the evaluation requests of `tests/evaluation/` (slang, typos, negation, eight languages besides English,
references, eras, energy, chat): per class, the share read fully right (every facet as labelled), and per facet,
precision and recall; for the tuning part, the held-out part (written first, never tuned against) and the late
part (written after the reader was finished, never tuned against) apart. Then the time to
read one request (chat check + intent), p50 and p99 over every request, `--rounds` times each, against
tokenising the same text alone as a reference in the same run. Run: `.venv/bin/python -m bench.recommendation_quality
[--rounds 20] [--failures]` (`--failures` lists the tuning part's misses only: the other parts' are not shown,
so that nobody tunes against them).
"""

from __future__ import annotations

import argparse
import statistics
import time

from musicbot.application.recommendation.chat import is_chat
from musicbot.application.recommendation.offline import parse_intent
from musicbot.application.recommendation.text import tokens
from tests.evaluation.cases import CLASSES, FACETS, Case
from tests.evaluation.heldout import HELDOUT
from tests.evaluation.late import LATE
from tests.evaluation.scoring import Score
from tests.evaluation.tuned import TUNED

PARTS = ("tuning", "held-out", "late")


def quality(scores: tuple[Score, ...]) -> list[str]:
    lines = ["| class | " + " | ".join(f"{part}: fully right" for part in PARTS) + " |", "|---" * 4 + "|"]
    for klass in CLASSES:
        cells = []
        for score in scores:
            right, total = score.by_class()[klass]
            cells.append(f"{right}/{total} ({right / total:.0%})")
        lines.append(f"| {klass} | " + " | ".join(cells) + " |")
    overall = [f"{sum(o.right for o in s.outcomes)}/{len(s.outcomes)} ({s.fully_right:.1%})" for s in scores]
    lines += ["| **all** | " + " | ".join(overall) + " |", ""]
    lines += ["| facet | " + " | ".join(f"{part} precision / recall" for part in PARTS) + " |", "|---" * 4 + "|"]
    for facet in FACETS:
        cells = [f"{s.precision(facet):.2f} / {s.recall(facet):.2f}" for s in scores]
        lines.append(f"| {facet} | " + " | ".join(cells) + " |")
    return lines


def read(text: str) -> None:
    if not is_chat(text):
        parse_intent(text)


def timings(cases: tuple[Case, ...], rounds: int) -> list[str]:
    texts = [case.text for case in cases]
    for text in texts:  # warm: caches of compiled patterns
        read(text)
    reading: list[float] = []
    reference: list[float] = []
    for _ in range(rounds):
        for text in texts:
            started = time.perf_counter()
            read(text)
            reading.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            tokens(text)
            reference.append((time.perf_counter() - started) * 1000)

    def p(values: list[float], q: float) -> float:
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, int(len(ordered) * q))]

    ratio = statistics.median(reading) / statistics.median(reference)
    return [
        "| measurement | reads | p50 ms | p99 ms | max ms |",
        "|---|---|---|---|---|",
        f"| read a request (chat check + intent) | {len(reading)} | {statistics.median(reading):.3f} | "
        f"{p(reading, 0.99):.3f} | {max(reading):.3f} |",
        f"| reference: tokenise the same text | {len(reference)} | {statistics.median(reference):.4f} | "
        f"{p(reference, 0.99):.4f} | {max(reference):.4f} |",
        f"| ratio (p50 read / p50 tokenise) | | {ratio:.0f}x | | |",
    ]


def main(rounds: int, failures: bool) -> None:
    tuned = Score.of(TUNED)
    print(f"{len(TUNED)} tuning, {len(HELDOUT)} held-out and {len(LATE)} late requests\n")
    print("\n".join(quality((tuned, Score.of(HELDOUT), Score.of(LATE)))))
    print()
    print("\n".join(timings((*TUNED, *HELDOUT, *LATE), rounds)))
    if failures:
        print("\nTuning part, read wrong:")
        for outcome in tuned.outcomes:
            if not outcome.right:
                wrong = {facet: (sorted(want), sorted(got)) for facet, (want, got) in outcome.facet_errors().items()}
                print(f"- [{outcome.case.klass}] {outcome.case.text!r}: {wrong}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--failures", action="store_true", help="list the tuning part's misses")
    args = parser.parse_args()
    main(args.rounds, args.failures)
