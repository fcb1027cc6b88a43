"""`RecordingMetrics`: the `Metrics` port, keeping what it was told."""

from __future__ import annotations

from dataclasses import dataclass, field

from musicbot.application.monitoring.metrics import Outcome


@dataclass
class RecordingMetrics:
    acknowledged: list[float] = field(default_factory=list)
    commands: list[tuple[str, Outcome, float]] = field(default_factory=list)
    resolutions: list[tuple[str, bool, float]] = field(default_factory=list)
    first_audio_seconds: list[float] = field(default_factory=list)
    lags: list[float] = field(default_factory=list)
    player_events: list[str] = field(default_factory=list)

    def interaction_acknowledged(self, seconds: float) -> None:
        self.acknowledged.append(seconds)

    def command_finished(self, command: str, outcome: Outcome, seconds: float) -> None:
        self.commands.append((command, outcome, seconds))

    def resolution_finished(self, source: str, *, ok: bool, seconds: float) -> None:
        self.resolutions.append((source, ok, seconds))

    def first_audio(self, seconds: float) -> None:
        self.first_audio_seconds.append(seconds)

    def loop_lag(self, seconds: float) -> None:
        self.lags.append(seconds)

    def player_event(self, event: str) -> None:
        self.player_events.append(event)
