"""The console typed at a real terminal (a pseudo-terminal): line editing and history with the arrow keys,
kept across runs, and the terminal given back as it was."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import termios
import time
from pathlib import Path

import pytest

from tests.e2e.conftest import musicbot_command

pytestmark = pytest.mark.slow

PROMPT = "musicbot> "
UP, LEFT = "\x1b[A", "\x1b[D"


class Terminal:
    """`musicbot console` on a pseudo-terminal: type into it, read what it shows."""

    def __init__(self, tmp_path: Path) -> None:
        self.controller, worker = pty.openpty()
        self.settings_before = termios.tcgetattr(worker)
        environment = {k: v for k, v in os.environ.items() if not k.startswith("MUSICBOT_")}
        environment |= {"MUSICBOT_DATA_DIR": str(tmp_path / "data"), "TERM": "xterm", "MUSICBOT_LOG_FORMAT": "json"}
        self.process = subprocess.Popen(
            [*musicbot_command(), "console", "--null"],
            stdin=worker,
            stdout=worker,
            stderr=subprocess.DEVNULL,
            cwd=tmp_path,
            env=environment,
            start_new_session=True,
        )
        self.worker = worker
        self.shown = ""

    def wait_until(self, shown: str, *, count: int = 1, timeout: float = 30.0) -> None:
        """Until `shown` appeared `count` times. Keys typed before the prompt would meet no line editor yet."""
        deadline = time.monotonic() + timeout
        while self.shown.count(shown) < count:
            left = deadline - time.monotonic()
            assert left > 0, f"{shown!r} not shown {count} times; the terminal shows:\n{self.shown}"
            ready, _, _ = select.select([self.controller], [], [], left)
            if ready:
                try:
                    self.shown += os.read(self.controller, 4096).decode("utf-8", "replace")
                except OSError:  # the program ended
                    break

    def type(self, keys: str) -> None:
        os.write(self.controller, keys.encode())

    def close(self) -> int:
        try:
            return self.process.wait(timeout=20)
        finally:
            os.close(self.controller)
            os.close(self.worker)


def test_the_arrow_keys_edit_and_recall_lines_and_history_is_kept(tmp_path: Path) -> None:
    first = Terminal(tmp_path)
    first.wait_until(PROMPT)
    first.type("settings volume 4\r")
    first.wait_until(PROMPT, count=2)
    first.type(f"{UP}{LEFT}7\r")  # the last line again, edited: "settings volume 74"
    first.wait_until("Volume: 74%")
    first.wait_until(PROMPT, count=3)
    first.type("quit\r")
    assert first.close() == 0
    assert "^[[A" not in first.shown and "Volume: 4%" in first.shown

    again = Terminal(tmp_path)  # the history outlived the program
    again.wait_until(PROMPT)
    again.type(f"{UP}{UP}\r")  # two lines back: "settings volume 74"
    again.wait_until("Volume: 74%")
    again.wait_until(PROMPT, count=2)
    again.type("\x04")  # Ctrl-D: the end of the input
    assert again.close() == 0


def test_the_terminal_is_given_back_as_it_was(tmp_path: Path) -> None:
    terminal = Terminal(tmp_path)
    terminal.wait_until(PROMPT)
    time.sleep(0.3)  # readline holds the terminal now (no echo, no line mode)
    terminal.process.terminate()  # SIGTERM in the middle of a read
    try:
        assert terminal.process.wait(timeout=20) == 0
        after = termios.tcgetattr(terminal.worker)
    finally:
        terminal.close()
    flags = termios.ECHO | termios.ICANON
    assert after[3] & flags == terminal.settings_before[3] & flags
