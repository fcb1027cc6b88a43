"""Scoring the offline reader on the evaluation requests: per facet (precision and recall over the values read)
and per class (the share of requests read fully right: every facet exactly as labelled).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from musicbot.application.recommendation.chat import is_chat
from musicbot.application.recommendation.intent import MusicIntent
from musicbot.application.recommendation.offline import parse_intent
from tests.evaluation.cases import CLASSES, FACETS, Case


def read(text: str) -> dict[str, frozenset[str]]:
    """What the reader took from `text`, facet by facet, in the labels' terms."""
    if is_chat(text):
        return {facet: frozenset() for facet in FACETS} | {"chat": frozenset({"chat"})}
    return facets(parse_intent(text))


def facets(intent: MusicIntent) -> dict[str, frozenset[str]]:
    exclusions = {f"genre:{name}" for name in intent.excluded_genres}
    exclusions |= {f"mood:{name}" for name in intent.excluded_moods}
    exclusions |= {f"artist:{name.casefold()}" for name in intent.excluded_artists}
    if intent.instrumental:
        exclusions.add("instrumental")
    level = intent.energy_level
    return {
        "genres": frozenset(intent.genres),
        "moods": frozenset(intent.moods),
        "activities": frozenset(intent.activities),
        "eras": frozenset(f"{era.start}-{era.end}" for era in intent.eras),
        "references": frozenset(
            [name.casefold() for name in intent.seed_artists] + [seed.title.casefold() for seed in intent.seed_tracks]
        ),
        "exclusions": frozenset(exclusions),
        "energy": frozenset({level.value} if level else ()),
        "language": frozenset({intent.language} if intent.language else ()),
        "chat": frozenset(),
    }


@dataclass(slots=True)
class Outcome:
    case: Case
    got: dict[str, frozenset[str]]

    def facet_errors(self) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
        """Facets read wrong: (what was expected, what was read)."""
        wrong = {}
        for facet in FACETS:
            if facet == "energy" and facet not in self.case.expected:
                continue
            expected = self.case.expected.get(facet, frozenset())
            if self.got[facet] != expected:
                wrong[facet] = (expected, self.got[facet])
        return wrong

    @property
    def right(self) -> bool:
        return not self.facet_errors()


@dataclass(slots=True)
class Score:
    outcomes: list[Outcome]
    true_positives: Counter[str] = field(default_factory=Counter)
    predicted: Counter[str] = field(default_factory=Counter)
    expected: Counter[str] = field(default_factory=Counter)

    @classmethod
    def of(cls, cases: tuple[Case, ...]) -> Score:
        score = cls([Outcome(case, read(case.text)) for case in cases])
        for outcome in score.outcomes:
            for facet in FACETS:
                if facet == "energy" and facet not in outcome.case.expected:
                    continue
                want, got = outcome.case.expected.get(facet, frozenset()), outcome.got[facet]
                score.true_positives[facet] += len(want & got)
                score.predicted[facet] += len(got)
                score.expected[facet] += len(want)
        return score

    def precision(self, facet: str) -> float:
        return self.true_positives[facet] / self.predicted[facet] if self.predicted[facet] else 1.0

    def recall(self, facet: str) -> float:
        return self.true_positives[facet] / self.expected[facet] if self.expected[facet] else 1.0

    def by_class(self) -> dict[str, tuple[int, int]]:
        """Class -> (requests fully right, requests)."""
        totals: dict[str, tuple[int, int]] = {}
        for klass in CLASSES:
            mine = [outcome for outcome in self.outcomes if outcome.case.klass == klass]
            totals[klass] = (sum(outcome.right for outcome in mine), len(mine))
        return totals

    @property
    def fully_right(self) -> float:
        return sum(outcome.right for outcome in self.outcomes) / len(self.outcomes)
