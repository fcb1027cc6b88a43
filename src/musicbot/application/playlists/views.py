"""Playlists as read-only views: what listing and showing need, read without building the aggregate.

Reads do not change anything, so they need none of the aggregate's rules; a guild with thousands of playlists
is listed a page at a time by the database (cosmicpython's read model, chapter 12).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaylistSummary:
    name: str
    size: int
    max_size: int
    active: bool
    total_duration: float  # seconds, of the tracks whose length is known


@dataclass(frozen=True, slots=True, kw_only=True)
class SummaryPage:
    summaries: tuple[PlaylistSummary, ...]  # in key order (by name, ignoring case)
    total: int  # playlists the guild has
    active: str | None  # the active playlist's name
