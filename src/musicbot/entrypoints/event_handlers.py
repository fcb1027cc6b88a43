"""Who hears what the players record: the message bus and its handlers, subscribed in one place.

The order of the handlers of one event is the order below: a song that starts is recorded (in the background),
restarts the idle timer, is told by the driver, then lets radio top the queue up. A newcomer adding an observer
(a metric, a web hook, a status page) subscribes it here.
"""

from __future__ import annotations

from musicbot.application.guild.auto_leave import AutoLeave
from musicbot.application.history.recorder import PlayHistoryRecorder
from musicbot.application.monitoring.metrics import Metrics
from musicbot.application.monitoring.player_events import subscribe_metrics
from musicbot.application.playback.events import PlaybackNotifier, QueueFinished, subscribe_notifier
from musicbot.application.recommendation.events import RadioHandlers
from musicbot.application.recommendation.radio import Radio
from musicbot.application.saved_queues.live_queues import LiveQueues
from musicbot.application.support.messagebus import MessageBus
from musicbot.domain.events import SongStarted


def subscribe_auto_leave(bus: MessageBus, auto_leave: AutoLeave) -> None:
    """Idle time counts from the end of the queue (in every driver: the console leaves when idle too)."""

    def started(event: SongStarted) -> None:
        auto_leave.playback_started(event.guild_id)

    def finished(event: QueueFinished) -> None:
        auto_leave.playback_stopped(event.guild_id)

    bus.subscribe(SongStarted, started)
    bus.subscribe(QueueFinished, finished)


def message_bus(
    *,
    notifier: PlaybackNotifier,
    history: PlayHistoryRecorder,
    auto_leave: AutoLeave,
    radio: Radio,
    live_queues: LiveQueues,
    metrics: Metrics,
) -> MessageBus:
    bus = MessageBus()
    bus.subscribe(SongStarted, history.on_song_started)
    subscribe_auto_leave(bus, auto_leave)
    subscribe_notifier(bus, notifier)
    RadioHandlers(radio).subscribe(bus)
    live_queues.subscribe(bus)
    subscribe_metrics(bus, metrics)
    return bus
