"""`musicbot`: the command line."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
from collections.abc import Sequence
from pathlib import Path

from musicbot import __version__
from musicbot.entrypoints.logs import configure_logging, register_secrets
from musicbot.entrypoints.settings import Settings
from musicbot.entrypoints.settings_errors import BadSetting, load_settings
from musicbot.entrypoints.settings_secrets import secret_values


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
        "At the end of piped input the queue plays to its end. Typed at a terminal, the console takes up the "
        "queue it had when it was closed; piped input starts fresh (no saved queue, repeat off, the saved queue "
        "left as it is) unless --resume.",
    )
    where = console.add_mutually_exclusive_group()
    where.add_argument(
        "--output", "-o", type=Path, metavar="FILE.wav", help="write the audio to a WAV file as it plays"
    )
    where.add_argument("--speakers", action="store_true", help="play through ffplay (the default when it is installed)")
    where.add_argument("--null", action="store_true", help="decode and pace the audio, but output nothing")
    console.add_argument(
        "--resume",
        action="store_true",
        help="take up the saved queue and repeat mode even when commands are piped in (typed: always)",
    )
    console.add_argument(
        "--fast", action="store_true", help="do not pace in real time: decode as fast as possible (benchmarks)"
    )
    commands.add_parser(
        "start",
        help="the Discord bot when DISCORD_TOKEN is set, else the console player (what `make run` does)",
        description="Start the Discord bot if a token is configured; otherwise say so and open the console.",
    )
    run = commands.add_parser(
        "run",
        help="start the Discord bot (needs DISCORD_TOKEN)",
        description="Connect to Discord and serve the slash commands until stopped (SIGTERM or Ctrl-C). "
        "The token comes from DISCORD_TOKEN, in the environment or in .env.",
    )
    _shard_options(run)
    cluster = commands.add_parser(
        "cluster",
        help="run the bot as several processes on this machine, each with a range of shards",
        description="Migrate the database once, then start --processes `musicbot run` children with contiguous "
        "shard ranges (child i serves MUSICBOT_HTTP_PORT + i), restart one that dies, stop all on SIGTERM. "
        "Set MUSICBOT_DATABASE_URL (PostgreSQL) and MUSICBOT_REDIS_URL so that they share state.",
    )
    cluster.add_argument("--shard-count", type=int, required=True, metavar="N", help="shards in all")
    cluster.add_argument("--processes", type=int, default=1, metavar="P", help="child processes (default 1)")
    sync = commands.add_parser(
        "sync-commands",
        help="push the slash commands to Discord now (run does it by itself when they change)",
        description="Log in, sync the slash commands, and exit. With --guild, copy them to one server, "
        "where they show at once (handy while testing).",
    )
    sync.add_argument("--guild", type=int, metavar="ID", help="sync to this server only")
    db = commands.add_parser(
        "db",
        help="the database: apply migrations (run and console do it by themselves at start)",
        description="SQLite in the data directory unless MUSICBOT_DATABASE_URL names another database.",
    )
    db_commands = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    db_commands.add_parser(
        "upgrade",
        help="bring the database's schema to the newest version (creates the SQLite file when missing)",
        description="Apply every migration the database lacks; safe to run again. Back the database up first.",
    )
    db_commands.add_parser("current", help="say which schema version the database is at")
    saving = db_commands.add_parser(
        "backup",
        help="copy the database to FILE while the bot runs (SQLite's online backup, or pg_dump)",
        description="A consistent copy, safe while the bot runs. PostgreSQL needs pg_dump (postgresql-client).",
    )
    saving.add_argument("file", type=Path, metavar="FILE")
    spotify = commands.add_parser("spotify", help="the key that encrypts members' Spotify tokens")
    spotify_commands = spotify.add_subparsers(dest="spotify_command", metavar="ACTION", required=True)
    spotify_commands.add_parser("new-key", help="print a new key for MUSICBOT_SECRET_KEY")
    spotify_commands.add_parser(
        "rotate-key",
        help="encrypt every stored token again under the first key of MUSICBOT_SECRET_KEY",
        description="Put the new key first (MUSICBOT_SECRET_KEY=new,old), run this, then drop the old key.",
    )
    return parser


def _shard_options(run: argparse.ArgumentParser) -> None:
    run.add_argument("--shard-count", metavar="N", help="shards in all (MUSICBOT_SHARD_COUNT)")
    run.add_argument("--shard-ids", metavar="IDS", help="this process's shards: 0,1 or 0-3 (MUSICBOT_SHARD_IDS)")


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # Options win over the environment, checked like it (one line naming the setting when wrong).
    options = {name: getattr(args, name, None) for name in ("shard_count", "shard_ids")}
    try:
        settings = load_settings(**{name: value for name, value in options.items() if value is not None})
    except BadSetting as error:
        print(f"musicbot: bad setting: {error}", file=sys.stderr)
        return 2
    bot = args.command in ("run", "cluster") or (args.command == "start" and settings.discord_token is not None)
    # The bot logs to standard output (what `docker logs` and journald collect; JSON when not a terminal); the
    # console keeps standard output for its own answers and logs to standard error.
    configure_logging(
        _log_level(args, settings),
        settings.log_format,
        sys.stdout if bot else sys.stderr,
        file=settings.log_file,
        file_max_bytes=settings.log_file_max_bytes,
        file_backups=settings.log_file_backups,
    )
    register_secrets(secret_values(settings))
    if args.command == "console":
        return _console(args, settings)
    if args.command == "run":
        return _run(settings)
    if args.command == "start":
        if settings.discord_token is not None:
            return _run(settings)
        print("No DISCORD_TOKEN set: starting the console player (put DISCORD_TOKEN=... in .env for the bot).")
        return _console(build_parser().parse_args(["console"]), settings)
    if args.command == "cluster":
        return _cluster(settings, args.shard_count, args.processes)
    if args.command == "sync-commands":
        return _sync_commands(settings, args.guild)
    if args.command == "db":
        from musicbot.entrypoints.database_cli import run_db_command

        return run_db_command(args.db_command, settings, target=getattr(args, "file", None))
    if args.command == "spotify":
        from musicbot.entrypoints.spotify_key_cli import run_spotify_command

        return run_spotify_command(args.spotify_command, settings)
    return 2  # pragma: no cover - argparse rejects unknown commands


def _log_level(args: argparse.Namespace, settings: Settings) -> str:
    """At a terminal the console's own lines matter most: unless MUSICBOT_LOG_LEVEL says otherwise, only
    warnings and errors are logged over its prompt (a search with the network down logged 55 records)."""
    console = args.command == "console" or (args.command == "start" and settings.discord_token is None)
    if console and sys.stdin.isatty() and "log_level" not in settings.model_fields_set:
        return "WARNING"
    return settings.log_level


def _console(args: argparse.Namespace, settings: Settings) -> int:
    from musicbot.adapters.audio.sinks import AudioSinkError
    from musicbot.entrypoints.composition.core import database_url
    from musicbot.entrypoints.console.main import choose_sink, run_console
    from musicbot.entrypoints.storage import url_problem

    if (problem := url_problem(database_url(settings))) is not None:
        print(f"musicbot: {problem}", file=sys.stderr)
        return 2
    try:
        sink = choose_sink(args.output, speakers=args.speakers, null=args.null, out=sys.stdout)
    except AudioSinkError as error:
        print(f"musicbot: {error}", file=sys.stderr)
        return 1
    # Ctrl-C, or SIGTERM (which cancels the console's task): the console closed cleanly, saving its queue.
    with contextlib.suppress(KeyboardInterrupt, asyncio.CancelledError):
        asyncio.run(run_console(settings, sink, realtime=not args.fast, resume=True if args.resume else None))
    return 0


def _run(settings: Settings) -> int:
    from musicbot.entrypoints.discord.runner import serve

    return asyncio.run(serve(settings))


def _cluster(settings: Settings, shard_count: int, processes: int) -> int:
    from musicbot.entrypoints.cluster import Cluster, run_command, serve_cluster
    from musicbot.entrypoints.database_cli import run_db_command

    if not 1 <= processes <= shard_count:
        print(f"musicbot: --processes must be between 1 and --shard-count ({shard_count})", file=sys.stderr)
        return 2
    # Once, before the children (which only check it); a database unreachable now is the children's warning.
    if (code := run_db_command("upgrade", settings)) == 2:
        return code
    cluster = Cluster(run_command(), shard_count=shard_count, processes=processes, http_port=settings.http_port)
    return asyncio.run(serve_cluster(cluster))


def _sync_commands(settings: Settings, guild_id: int | None) -> int:
    from musicbot.entrypoints.discord.runner import sync_now

    return asyncio.run(sync_now(settings, guild_id))


if __name__ == "__main__":
    sys.exit(main())
