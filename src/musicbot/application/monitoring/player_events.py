"""What the guild players record, counted by the `Metrics` port: a handler of the message bus per event."""

from __future__ import annotations

from musicbot.application.monitoring.metrics import Metrics
from musicbot.application.support.messagebus import MessageBus
from musicbot.domain.events import (
    PlayerLeft,
    PlayerPaused,
    PlayerResumed,
    QueueEnded,
    SongFailed,
    SongStarted,
)

COUNTED: dict[type[object], str] = {
    SongStarted: "song_started",
    SongFailed: "song_failed",
    QueueEnded: "queue_ended",
    PlayerPaused: "paused",
    PlayerResumed: "resumed",
    PlayerLeft: "left",
}


def subscribe_metrics(bus: MessageBus, metrics: Metrics) -> None:
    for event_type, name in COUNTED.items():

        def count(_event: object, name: str = name) -> None:
            metrics.player_event(name)

        bus.subscribe(event_type, count)
