"""Figures read when Prometheus scrapes (players by state, voice packets, caches, breakers...): a collector over
functions the composition root supplies, so nothing on the hot paths pays for a metric nobody reads."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from prometheus_client.metrics_core import CounterMetricFamily, GaugeMetricFamily, HistogramMetricFamily, Metric
from prometheus_client.registry import Collector

log = logging.getLogger(__name__)

Values = Mapping[tuple[str, ...], float]  # label values -> value (an empty tuple when there are no labels)


@dataclass(frozen=True, slots=True)
class Sampled:
    """One metric family: `read()` gives its samples. A counter's name ends in `_total` (as exposed)."""

    name: str
    kind: Literal["gauge", "counter"]
    documentation: str
    read: Callable[[], Values]
    labels: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class HistogramValues:
    """A histogram read at scrape time: (upper bound, observations up to it) ascending, ending with
    (inf, all of them); and the observations' sum."""

    buckets: Sequence[tuple[float, float]]
    sum: float


@dataclass(frozen=True, slots=True)
class SampledHistogram:
    """A histogram kept by the code that observes (a thread's own counts) and read when scraped."""

    name: str
    documentation: str
    read: Callable[[], HistogramValues]


class SampledCollector(Collector):
    def __init__(self) -> None:
        self._families: list[Sampled | SampledHistogram] = []

    def add(self, family: Sampled | SampledHistogram) -> None:
        self._families.append(family)

    def collect(self) -> Iterator[Metric]:
        for family in self._families:
            try:
                values = family.read()
            except Exception:  # one figure that cannot be read loses its own line, never the scrape
                log.exception("reading the metric %s failed", family.name)
                continue
            if isinstance(values, HistogramValues):
                yield _histogram(family.name, family.documentation, values)
                continue
            assert isinstance(family, Sampled)
            metric: GaugeMetricFamily | CounterMetricFamily
            if family.kind == "counter":
                metric = CounterMetricFamily(
                    family.name.removesuffix("_total"), family.documentation, labels=family.labels
                )
            else:
                metric = GaugeMetricFamily(family.name, family.documentation, labels=family.labels)
            for labels, value in values.items():
                metric.add_metric(list(labels), value)
            yield metric


def _histogram(name: str, documentation: str, values: HistogramValues) -> HistogramMetricFamily:
    buckets = [("+Inf" if bound == float("inf") else repr(bound), float(count)) for bound, count in values.buckets]
    return HistogramMetricFamily(name, documentation, buckets=buckets, sum_value=values.sum)
