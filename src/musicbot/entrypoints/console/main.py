"""Build and run the console: the container with a local audio output and console events."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys
from pathlib import Path
from typing import TextIO

import structlog

from musicbot.adapters.audio.local_output import LocalAudioOutput
from musicbot.adapters.audio.sinks import AudioSink, FfplaySink, NullSink, WavFileSink, ffplay_available
from musicbot.application.admin.access import OwnerPolicy
from musicbot.entrypoints.console.app import ConsoleApp, stdin_lines
from musicbot.entrypoints.console.commands import ConsoleIdentity
from musicbot.entrypoints.console.events import ConsoleEvents
from musicbot.entrypoints.console.operations_commands import ConsoleStatus
from musicbot.entrypoints.console.resume import resume_saved_queue
from musicbot.entrypoints.container import Container
from musicbot.entrypoints.operations import build_operations
from musicbot.entrypoints.settings import Settings

log = structlog.get_logger(__name__)


def choose_sink(output: Path | None, *, speakers: bool, null: bool, out: TextIO) -> AudioSink:
    if output is not None:
        return WavFileSink(output)
    if null:
        return NullSink()
    if speakers or ffplay_available():
        return FfplaySink()
    print("(no ffplay found: audio goes to a null sink; use --output out.wav to record it)", file=out)
    return NullSink()


async def run_console(settings: Settings, sink: AudioSink, *, realtime: bool = True) -> None:
    out = sys.stdout
    gateway = LocalAudioOutput(sink, ffmpeg_path=settings.ffmpeg_path, realtime=realtime)
    container = Container(
        settings=settings,
        gateway=gateway,
        events=ConsoleEvents(out),
        allow_local_files=True,  # the person at the console owns this machine's files
    )
    container.owners.override(OwnerPolicy(everyone=True))  # the console's user owns the process
    resolver = container.resolver()
    services = container.playback()
    recommendations = container.recommendations()
    operations = build_operations(container, ConsoleStatus(services.registry))
    app = ConsoleApp(
        services,
        out,
        interactive=sys.stdin.isatty(),
        recommendations=recommendations,
        playlists=container.playlists(),
        rules=container.rules(),
        operations=operations,
    )
    main = asyncio.current_task()
    loop = asyncio.get_running_loop()
    if main is not None:
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(signal.SIGTERM, main.cancel)
    storage = container.storage()
    operations.watch.start()
    try:
        await resolver.warm_up()
        # Migrations; without storage the console plays, saving nothing (one warning says why).
        if await storage.start():
            await resume_saved_queue(storage, ConsoleIdentity(), app.say)
        await app.run(stdin_lines(sys.stdin))
    finally:
        # The queue is saved as it is (it comes back at the next start) before the player closes.
        await storage.suspend(services.registry.players())
        # Graceful: stop playback, reap FFmpeg, close the output file so its header is final.
        await services.registry.close_all()
        await container.pool().close()
        await gateway.aclose()
        await recommendations.aclose()
        resolver.close()
        container.catalog().close()
        await operations.watch.stop()
        await storage.close()  # last: the plays being recorded, then the database's connections
        log.debug("console closed")
