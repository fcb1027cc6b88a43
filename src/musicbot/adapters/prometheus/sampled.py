"""Figures read when Prometheus scrapes (players by state, voice packets, caches, breakers...): a collector over
functions the composition root supplies, so nothing on the hot paths pays for a metric nobody reads."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Literal

from prometheus_client.metrics_core import CounterMetricFamily, GaugeMetricFamily, Metric
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


class SampledCollector(Collector):
    def __init__(self) -> None:
        self._families: list[Sampled] = []

    def add(self, family: Sampled) -> None:
        self._families.append(family)

    def collect(self) -> Iterator[Metric]:
        for family in self._families:
            try:
                values = family.read()
            except Exception:  # one figure that cannot be read loses its own line, never the scrape
                log.exception("reading the metric %s failed", family.name)
                continue
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
