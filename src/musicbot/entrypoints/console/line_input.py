"""Typed input at a terminal: line editing and history (the arrow keys) through `readline`, kept across runs.

`input()` runs on a daemon thread, one line at a time and only when the console asks for the next one, so the
prompt comes after the last command's answer and a pending read never holds up the exit. readline puts the
terminal in its own mode while it reads: `close` gives the terminal back as it found it, even when the console
stops in the middle of a read (Ctrl-C, SIGTERM).
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import threading
from collections.abc import AsyncIterator
from pathlib import Path
from types import ModuleType
from typing import Any

HISTORY_LENGTH = 1000
PROMPT = "musicbot> "


def _readline() -> ModuleType | None:
    try:
        import readline  # optional: absent on Windows, where the console reads plain lines
    except ImportError:
        return None
    return readline


class PromptedLines:
    """Lines typed at `prompt`, with editing and a history file when readline is available."""

    def __init__(self, history_file: Path | None, *, prompt: str = PROMPT) -> None:
        self._history_file = history_file
        self._prompt = prompt
        self._readline = _readline()
        self._terminal: Any = None
        with contextlib.suppress(Exception):  # not a terminal after all, or no termios (Windows)
            import termios

            self._terminal = termios.tcgetattr(sys.stdin.fileno())
        if self._readline is not None and history_file is not None:
            self._readline.set_history_length(HISTORY_LENGTH)
            with contextlib.suppress(OSError):  # the first run has none
                self._readline.read_history_file(history_file)

    async def __aiter__(self) -> AsyncIterator[str]:
        loop = asyncio.get_running_loop()
        while True:
            answer: asyncio.Future[str | None] = loop.create_future()
            threading.Thread(target=self._read, args=(loop, answer), name="console-input", daemon=True).start()
            line = await answer
            if line is None:
                print(file=sys.stdout, flush=True)  # Ctrl-D left the cursor after the prompt
                return
            yield line + "\n"

    def close(self) -> None:
        """Save the history and give the terminal back as it was found."""
        if self._readline is not None and self._history_file is not None:
            with contextlib.suppress(OSError):
                self._history_file.parent.mkdir(parents=True, exist_ok=True)
                self._readline.write_history_file(self._history_file)
        if self._terminal is not None:
            with contextlib.suppress(Exception):
                import termios

                termios.tcsetattr(sys.stdin.fileno(), termios.TCSADRAIN, self._terminal)

    def _read(self, loop: asyncio.AbstractEventLoop, answer: asyncio.Future[str | None]) -> None:
        try:
            line: str | None = input(self._prompt)
        except (EOFError, KeyboardInterrupt, OSError, ValueError):
            line = None
        with contextlib.suppress(RuntimeError):  # the loop closed while the user was typing
            loop.call_soon_threadsafe(_settle, answer, line)


def _settle(answer: asyncio.Future[str | None], line: str | None) -> None:
    if not answer.done():
        answer.set_result(line)
