"""Worker builders for `YtDlpProcessPool` whose yt-dlp cannot warm up: one that hangs (a yt-dlp stuck in its
start, a machine too busy), one that fails (a broken install). Module-level, so the fork server can import them
and the workers run them for real."""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any


class _Hanging:
    def warm_up_now(self) -> None:
        time.sleep(3600)


def build_hanging(_options: Mapping[str, Any]) -> _Hanging:
    return _Hanging()


def build_broken(_options: Mapping[str, Any]) -> _Hanging:
    raise RuntimeError("yt-dlp is broken here")
