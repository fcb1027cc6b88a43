"""What both drivers say of radio (`/radio`, the console's `radio`)."""

from __future__ import annotations

from musicbot.application.recommendation.radio import RadioStatus
from musicbot.entrypoints.formatting import songs
from musicbot.entrypoints.wording.markup import Markup


def radio(status: RadioStatus, m: Markup) -> str:
    if not status.on:
        return "📻 Radio is off."
    if not status.queued:
        return "📻 Radio is on: songs like what played lately will follow when the queue runs low."
    lines = "".join(f"\n{m.track(track)}" for track in status.queued)
    return f"📻 Radio is on: queued {songs(len(status.queued))} like what played lately. More will follow.{lines}"
