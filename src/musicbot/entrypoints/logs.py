"""structlog, configured once: pretty in a terminal, JSON in production, secrets never printed."""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import MutableMapping
from typing import Any, TextIO

import structlog

_SECRET_WORDS = ("token", "secret", "password", "api_key", "apikey", "authorization", "cookie")


@functools.lru_cache(maxsize=1024)  # log keys are few and fixed in the code; this runs for every key of every line
def _is_secret(key: str) -> bool:
    lowered = key.lower()
    return any(word in lowered for word in _SECRET_WORDS)


def redact_secrets(_: Any, __: str, event_dict: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    for key in list(event_dict):
        if _is_secret(key):
            event_dict[key] = "***"
    return event_dict


def configure_logging(level: str = "INFO", fmt: str = "auto", stream: TextIO | None = None) -> None:
    """Route structlog and stdlib logging (the application layer, libraries) through one pipeline."""
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
    handler = logging.StreamHandler(out)
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            foreign_pre_chain=shared,
            processors=[
                structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                structlog.processors.format_exc_info,
                renderer,
            ],
        )
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # spotipy logs every refused playlist at ERROR, and its auth headers at DEBUG: our adapter says what matters.
    logging.getLogger("spotipy").setLevel(logging.CRITICAL)
    # Alembic tells each plugin it loads at INFO; `storage` and `musicbot db` say in one line what migrating did.
    logging.getLogger("alembic").setLevel(logging.WARNING)
