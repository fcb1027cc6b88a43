"""What the bot is given by the composition root: the use-cases, the rules, what to run at start and at close."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from musicbot.application.saved_queues.take_up import JoinOrTakeUp
from musicbot.application.scale.ports import IdentifyGate
from musicbot.entrypoints.listener_services import ListenerServices
from musicbot.entrypoints.operations import OperationsServices
from musicbot.entrypoints.runtime import Runtime
from musicbot.entrypoints.services import PlaybackServices, PlaylistServices, RecommendationServices, RuleServices
from musicbot.entrypoints.spotify_accounts import SpotifyAccountServices
from musicbot.entrypoints.storage import Storage


@dataclass(frozen=True, slots=True, kw_only=True)
class BotServices:
    playback: PlaybackServices
    rules: RuleServices
    playlists: PlaylistServices
    join: JoinOrTakeUp  # /join: takes up a queue saved while the bot was out of voice, else joins
    # Started once in setup_hook, before the gateway connects (migrations, yt-dlp's warm-up, ...); closed once
    # when the bot closes, before the gateway goes: the players first (each queue saved), then the voice output,
    # the clients, the database (`runtime.py`). Empty: nothing to start or close (tests that build services).
    runtime: Runtime = field(default_factory=Runtime)
    # Migrated at start; resumes the saved queues once the bot is ready; saves them again before the players
    # close at shutdown. None: nothing is kept across restarts (tests that need no database).
    storage: Storage | None = None
    # /recommend, /radio and plain requests; None: the bot has no such commands (tests of other parts).
    recommendations: RecommendationServices | None = None
    # /filter, ...; None: the bot has no such commands (tests of other parts).
    listener: ListenerServices | None = None
    # Metrics, health, the owner's reports and /stats; None: a bot without them (tests of other parts).
    operations: OperationsServices | None = None
    # Members' Spotify accounts and /forgetme; None: a bot without them (tests of other parts).
    spotify: SpotifyAccountServices | None = None
    # Identify turns shared with the other processes (Redis); None: discord.py's spacing in this process.
    identify_gate: IdentifyGate | None = None
    # /api/status's JSON (with Redis, the cluster's too); None: this process's, made by the HTTP server.
    status: Callable[[], Mapping[str, Any]] | None = None
