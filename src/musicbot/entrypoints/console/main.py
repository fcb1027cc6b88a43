"""Build and run the console: the container with a local audio output and console events, started and closed
by the same runtime as the bot."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

import structlog

from musicbot.adapters.audio.local_output import LocalAudioOutput
from musicbot.adapters.audio.sinks import (
    AudioSink,
    FfplaySink,
    NullSink,
    WavFileSink,
    ffplay_available,
    speakers_problem,
)
from musicbot.application.admin.access import OwnerPolicy
from musicbot.entrypoints.console.app import ConsoleApp, stdin_lines
from musicbot.entrypoints.console.commands import ConsoleIdentity
from musicbot.entrypoints.console.events import ConsoleEvents
from musicbot.entrypoints.console.line_input import PromptedLines
from musicbot.entrypoints.console.operations_commands import ConsoleStatus
from musicbot.entrypoints.console.resume import resume_saved_queue
from musicbot.entrypoints.container import Container
from musicbot.entrypoints.operations import build_operations
from musicbot.entrypoints.runtime import process_runtime
from musicbot.entrypoints.settings import Settings
from musicbot.entrypoints.spotify_accounts import build_spotify_accounts

log = structlog.get_logger(__name__)


_NOWHERE = "audio goes nowhere; use --output out.wav to record it"


def choose_sink(
    output: Path | None,
    *,
    speakers: bool,
    null: bool,
    out: TextIO,
    probe: Callable[[], str | None] = speakers_problem,
) -> AudioSink:
    """The WAV file or nothing when asked; else the speakers, once ffplay was seen to open a sound device."""
    if output is not None:
        return WavFileSink(output)
    if null:
        return NullSink()
    if not (speakers or ffplay_available()):
        print(f"(no ffplay found: {_NOWHERE})", file=out)
        return NullSink()
    if (problem := probe()) is not None:  # a server, a container, an SSH session: no sound device
        print(f"({problem}: {_NOWHERE})", file=out)
        return NullSink()
    return FfplaySink()


def sink_lost_notice(out: TextIO) -> Callable[[str], None]:
    def notice(reason: str) -> None:
        print(f"(the audio output stopped working: {reason}; {_NOWHERE})", file=out, flush=True)

    return notice


async def run_console(
    settings: Settings, sink: AudioSink, *, realtime: bool = True, resume: bool | None = None
) -> None:
    """`resume`: take up the saved queue and keep this session's queue for the next; None: only when typed at
    a terminal. A script gets the same result every run: its own songs, repeat off, the saved queue untouched."""
    out = sys.stdout
    interactive = sys.stdin.isatty()
    resume = interactive if resume is None else resume
    gateway = LocalAudioOutput(
        sink, ffmpeg_path=settings.ffmpeg_path, realtime=realtime, on_sink_lost=sink_lost_notice(out)
    )
    container = Container(
        settings=settings,
        gateway=gateway,
        events=ConsoleEvents(out),
        allow_local_files=True,  # the person at the console owns this machine's files
    )
    container.core.owners.override(OwnerPolicy(everyone=True))  # the console's user owns the process
    services = container.players.playback()
    operations = build_operations(container, ConsoleStatus(services.registry))
    spotify = build_spotify_accounts(container)
    # Without storage the console plays, saving nothing (one warning says why).
    runtime = process_runtime(container, operations=operations, spotify=spotify, voice=gateway, save_queues=resume)
    app = ConsoleApp(
        services,
        out,
        fresh=not resume,
        recommendations=container.recommending.recommendations(),
        playlists=container.saved_playlists.playlists(),
        rules=container.guild_rules.rules(),
        listener=container.listener_extras.listener(),
        default_dj_role=settings.dj_role,
        operations=operations,
        spotify=spotify,
    )
    main = asyncio.current_task()
    loop = asyncio.get_running_loop()
    if main is not None:
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(signal.SIGTERM, main.cancel)
    storage = container.saved_queues.storage()
    # Typed at a terminal: line editing and history (kept in the data directory); piped: plain lines.
    typed = PromptedLines(settings.data_dir / "console_history") if interactive else None
    try:
        await runtime.start()
        if storage.available:
            if resume:
                await resume_saved_queue(storage, ConsoleIdentity(), app.say)
            elif any(saved.guild_id == ConsoleIdentity().guild_id for saved in await storage.saved_queues()):
                app.say("(a saved queue is left as it is: musicbot console --resume takes it up)")
        await app.run(typed if typed is not None else stdin_lines(sys.stdin))
    finally:
        if typed is not None:
            typed.close()
        # The queue saved as it is (it comes back at the next start), the players closed (playback stops,
        # FFmpeg is reaped, the output file's header is final), then the rest; the database last.
        await runtime.aclose()
        log.debug("console closed")
