"""The in-process message bus: every event goes to the handlers registered for its type, in order.

The shape of cosmicpython's `messagebus.handle`: the composition root subscribes the handlers at start (the
driver's notifier, the history recorder, radio, auto-leave, the queue saver, metrics); whoever records events
(the guild player, a use-case) hands them to `handle`. A handler may return follow-up events, handled after the
ones already queued. A failing handler is logged and skipped: a side effect never breaks the others nor the
player. A newcomer adds an observer with one `subscribe` call, no wrapper and no flag.
"""

from __future__ import annotations

import inspect
import logging
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable, Iterable
from typing import Any, TypeVar

log = logging.getLogger(__name__)

E = TypeVar("E")
FollowUps = Iterable[object] | None
Handler = Callable[[E], Awaitable[FollowUps] | FollowUps]


class MessageBus:
    def __init__(self) -> None:
        self._handlers: defaultdict[type[Any], list[Handler[Any]]] = defaultdict(list)

    def subscribe(self, event_type: type[E], handler: Handler[E]) -> None:
        """`handler` runs for every event of exactly `event_type`, after the handlers subscribed before it."""
        self._handlers[event_type].append(handler)

    def handlers(self, event_type: type[object]) -> int:
        """How many handlers an event of this type reaches (0: nobody listens)."""
        return len(self._handlers.get(event_type, ()))

    def handle_now(self, event: object) -> None:
        """Run the handlers of `event` at once, without awaiting: for a fact that must be noted before the
        command returns (a queue changed: a flush right after must save it). Its handlers must be plain, quick
        functions; follow-ups are not taken."""
        for handler in self._handlers.get(type(event), ()):
            try:
                result = handler(event)
            except Exception:
                log.exception("handling %s with %s failed", type(event).__name__, _name(handler))
                continue
            if inspect.iscoroutine(result):
                result.close()
                log.error("%s is a coroutine: %s is handled at once, nothing awaits it", _name(handler), event)

    async def handle(self, *events: object) -> None:
        """Run the handlers of each event, and of the events they return, one event after the other."""
        queue = deque(events)
        while queue:
            event = queue.popleft()
            for handler in self._handlers.get(type(event), ()):
                follow_ups = await _run(handler, event)
                if follow_ups:
                    queue.extend(follow_ups)


async def _run(handler: Handler[Any], event: object) -> FollowUps:
    try:
        result = handler(event)
        if inspect.isawaitable(result):
            result = await result
    except Exception:  # one observer failing must not keep the event from the others
        log.exception("handling %s with %s failed", type(event).__name__, _name(handler))
        return None
    return result


def _name(handler: Handler[Any]) -> str:
    return str(getattr(handler, "__qualname__", handler))
