"""The Prometheus adapter: what the core reports shows in the exposition, percentiles come from the buckets,
and a figure that cannot be read loses its own line only."""

from __future__ import annotations

from musicbot.adapters.discord_voice.send_timing import SecondsHistogram
from musicbot.adapters.prometheus import HistogramValues, PrometheusMetrics, Sampled, SampledHistogram
from musicbot.application.monitoring.metrics import Outcome


def test_events_show_in_the_exposition_with_prometheus_names() -> None:
    metrics = PrometheusMetrics()
    metrics.command_finished("play", Outcome.OK, 0.2)
    metrics.command_finished("play", Outcome.FAILED, 0.4)
    metrics.interaction_acknowledged(0.03)
    metrics.resolution_finished("youtube", ok=False, seconds=1.2)
    metrics.first_audio(0.4)

    text = metrics.exposition().decode()
    assert 'musicbot_interactions_total{command="play",outcome="ok"} 1.0' in text
    assert 'musicbot_interactions_total{command="play",outcome="failed"} 1.0' in text
    assert "musicbot_interaction_ack_seconds_count 1.0" in text
    assert 'musicbot_resolution_failures_total{source="youtube"} 1.0' in text
    assert "musicbot_play_first_audio_seconds_sum 0.4" in text
    assert metrics.counters() == {
        "commands": 2.0,
        "commands ok": 1.0,
        "commands failed": 1.0,
        "resolutions failed": 1.0,
    }


def test_percentiles_are_interpolated_within_buckets() -> None:
    metrics = PrometheusMetrics()
    for _ in range(90):
        metrics.interaction_acknowledged(0.03)  # bucket (0.025, 0.05]
    for _ in range(10):
        metrics.interaction_acknowledged(0.7)  # bucket (0.5, 1.0]
    [ack] = [s for s in metrics.latencies() if s.name == "interaction acknowledgement"]
    assert ack.count == 100
    assert 0.025 < ack.p50 <= 0.05
    assert 0.5 < ack.p95 <= 1.0 and 0.5 < ack.p99 <= 1.0


def test_a_sampled_figure_that_fails_loses_only_its_own_line() -> None:
    metrics = PrometheusMetrics()

    def broken() -> dict[tuple[str, ...], float]:
        raise RuntimeError("gone")

    metrics.sample(Sampled("musicbot_broken", "gauge", "fails", broken))
    metrics.sample(Sampled("musicbot_players", "gauge", "players", lambda: {("playing",): 2.0}, ("state",)))
    metrics.sample(Sampled("musicbot_voice_packets_sent_total", "counter", "sent", lambda: {(): 150.0}))
    text = metrics.exposition().decode()
    assert "musicbot_broken" not in text
    assert 'musicbot_players{state="playing"} 2.0' in text
    assert "musicbot_voice_packets_sent_total 150.0" in text


def test_a_histogram_kept_by_a_thread_is_exposed_with_its_buckets_at_scrape_time() -> None:
    metrics = PrometheusMetrics()
    intervals = SecondsHistogram()
    metrics.sample(
        SampledHistogram(
            "musicbot_voice_send_interval_seconds",
            "between packets",
            lambda: HistogramValues(buckets=intervals.cumulative((0.025, 0.05)), sum=intervals.total),
        )
    )
    for seconds in (0.020, 0.020, 0.030, 0.060):
        intervals.observe(seconds)  # after the family was added: read when scraped, not when added
    text = metrics.exposition().decode()
    assert "# TYPE musicbot_voice_send_interval_seconds histogram" in text
    assert 'musicbot_voice_send_interval_seconds_bucket{le="0.025"} 2.0' in text
    assert 'musicbot_voice_send_interval_seconds_bucket{le="0.05"} 3.0' in text
    assert 'musicbot_voice_send_interval_seconds_bucket{le="+Inf"} 4.0' in text
    assert "musicbot_voice_send_interval_seconds_count 4.0" in text
    assert "musicbot_voice_send_interval_seconds_sum 0.13" in text
