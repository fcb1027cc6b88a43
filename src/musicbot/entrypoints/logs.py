"""structlog, configured once: pretty in a terminal, JSON in production, secrets never printed.

Besides the stream: an optional rotating JSON file, and the last records in memory (`LogBuffer`), which
/admin logs attaches. Secrets are redacted by key (`token=...`) and, once `register_secrets` was told them,
by value wherever they appear (a token pasted into a URL, an exception message).
"""

from __future__ import annotations

import collections
import functools
import logging
import logging.handlers
import sys
import threading
from collections.abc import Iterable, MutableMapping
from pathlib import Path
from typing import Any, TextIO

import structlog

_SECRET_WORDS = ("token", "secret", "password", "api_key", "apikey", "authorization", "cookie")


@functools.lru_cache(maxsize=1024)  # log keys are few and fixed in the code; this runs for every key of every line
def _is_secret(key: str) -> bool:
    lowered = key.lower()
    return any(word in lowered for word in _SECRET_WORDS)


_secret_values: tuple[str, ...] = ()
BUFFER_RECORDS = 5000  # records /admin logs can reach back


def register_secrets(values: Iterable[str | None]) -> None:
    """Values never to print (the configured token, keys, database password), wherever they appear."""
    global _secret_values
    _secret_values = tuple(sorted({v for v in values if v and len(v) >= 6} | set(_secret_values), key=len))[::-1]


def _scrub(text: str) -> str:
    for value in _secret_values:
        if value in text:
            text = text.replace(value, "***")
    return text


def redact_secrets(_: Any, __: str, event_dict: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    for key in list(event_dict):
        if _is_secret(key):
            event_dict[key] = "***"
        elif _secret_values and isinstance(value := event_dict[key], str):
            event_dict[key] = _scrub(value)
    return event_dict


def _scrub_rendered(_: Any, __: str, rendered: Any) -> Any:
    # Last: a traceback is only text once rendered.
    return _scrub(rendered) if _secret_values and isinstance(rendered, str) else rendered


class LogBuffer(logging.Handler):
    """The last `capacity` records, rendered as JSON lines (redacted), for /admin logs."""

    def __init__(self, capacity: int = BUFFER_RECORDS) -> None:
        super().__init__(logging.DEBUG)
        self._records: collections.deque[tuple[int, str]] = collections.deque(maxlen=capacity)
        self._guard = threading.Lock()

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = self.format(record)
        except Exception:
            self.handleError(record)
            return
        with self._guard:
            self._records.append((record.levelno, line))

    def tail(self, *, level: str, lines: int) -> list[str]:
        floor = logging.getLevelName(level.upper())
        floor = floor if isinstance(floor, int) else logging.INFO
        with self._guard:
            records = list(self._records)
        return [line for levelno, line in records if levelno >= floor][-lines:]


_buffer: LogBuffer | None = None


def installed_buffer() -> LogBuffer | None:
    """The buffer `configure_logging` installed (None before, or in a process that logs nowhere)."""
    return _buffer


def configure_logging(
    level: str = "INFO",
    fmt: str = "auto",
    stream: TextIO | None = None,
    *,
    file: Path | None = None,
    file_max_bytes: int = 10_000_000,
    file_backups: int = 5,
) -> LogBuffer:
    """Route structlog and stdlib logging (the application layer, libraries) through one pipeline: to `stream`
    (standard error unless given), to a rotating JSON `file` when given, and to the in-memory buffer."""
    global _buffer
    out = stream or sys.stderr
    pretty = fmt == "console" or (fmt == "auto" and out.isatty())
    shared: list[Any] = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        redact_secrets,
    ]
    renderer: Any = structlog.dev.ConsoleRenderer() if pretty else structlog.processors.JSONRenderer()
    structlog.configure(
        # filter_by_level first: a structlog call below the level is dropped before the other processors run
        # (stdlib would drop it only after the time stamp and the redaction, on every command's hot path).
        processors=[structlog.stdlib.filter_by_level, *shared, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )

    def formatter(render: Any) -> logging.Formatter:
        return structlog.stdlib.ProcessorFormatter(
            foreign_pre_chain=shared,
            processors=[
                structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                structlog.processors.format_exc_info,
                render,
                _scrub_rendered,
            ],
        )

    handler = logging.StreamHandler(out)
    handler.setFormatter(formatter(renderer))
    handlers: list[logging.Handler] = [handler]
    if file is not None:
        file.parent.mkdir(parents=True, exist_ok=True)
        rotating = logging.handlers.RotatingFileHandler(
            file, maxBytes=file_max_bytes, backupCount=file_backups, encoding="utf-8"
        )
        rotating.setFormatter(formatter(structlog.processors.JSONRenderer()))
        handlers.append(rotating)
    _buffer = LogBuffer()
    _buffer.setFormatter(formatter(structlog.processors.JSONRenderer()))
    handlers.append(_buffer)
    root = logging.getLogger()
    for old in root.handlers:
        if isinstance(old, logging.handlers.RotatingFileHandler):
            old.close()
    root.handlers[:] = handlers
    root.setLevel(level)
    # spotipy logs every refused playlist at ERROR, and its auth headers at DEBUG: our adapter says what matters.
    logging.getLogger("spotipy").setLevel(logging.CRITICAL)
    # Alembic tells each plugin it loads at INFO; `storage` and `musicbot db` say in one line what migrating did.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    return _buffer
