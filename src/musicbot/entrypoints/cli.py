"""`musicbot`: the command line."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

from musicbot import __version__
from musicbot.entrypoints.logs import configure_logging
from musicbot.entrypoints.settings import Settings


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="musicbot",
        description="A self-hostable Discord music bot. Settings come from MUSICBOT_* variables and .env.",
    )
    parser.add_argument("--version", action="version", version=f"musicbot {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    console = commands.add_parser(
        "console",
        help="try the bot in a terminal: the same commands, played to a file, the speakers or nowhere",
        description="Type commands (play <url or words>, queue, skip, pause, volume 50, ...) or pipe them in. "
        "At the end of piped input the queue plays to its end.",
    )
    where = console.add_mutually_exclusive_group()
    where.add_argument(
        "--output", "-o", type=Path, metavar="FILE.wav", help="write the audio to a WAV file as it plays"
    )
    where.add_argument("--speakers", action="store_true", help="play through ffplay (the default when it is installed)")
    where.add_argument("--null", action="store_true", help="decode and pace the audio, but output nothing")
    console.add_argument(
        "--fast", action="store_true", help="do not pace in real time: decode as fast as possible (benchmarks)"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = Settings()
    except ValidationError as error:
        print(f"musicbot: bad setting: {error.errors()[0]['loc'][0]}: {error.errors()[0]['msg']}", file=sys.stderr)
        return 2
    configure_logging(settings.log_level, settings.log_format)
    if args.command == "console":
        return _console(args, settings)
    return 2  # pragma: no cover - argparse rejects unknown commands


def _console(args: argparse.Namespace, settings: Settings) -> int:
    from musicbot.adapters.audio.sinks import AudioSinkError
    from musicbot.entrypoints.console.main import choose_sink, run_console

    try:
        sink = choose_sink(args.output, speakers=args.speakers, null=args.null, out=sys.stdout)
    except AudioSinkError as error:
        print(f"musicbot: {error}", file=sys.stderr)
        return 1
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run_console(settings, sink, realtime=not args.fast))
    return 0


if __name__ == "__main__":
    sys.exit(main())
