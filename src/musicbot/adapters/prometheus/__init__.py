"""Prometheus: the `Metrics` port over prometheus-client, in a registry of the process's own (not the global)."""

from musicbot.adapters.prometheus.metrics import PrometheusMetrics
from musicbot.adapters.prometheus.sampled import HistogramValues, Sampled, SampledHistogram

__all__ = ["HistogramValues", "PrometheusMetrics", "Sampled", "SampledHistogram"]
