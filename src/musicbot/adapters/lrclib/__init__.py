"""LRCLIB (lrclib.net), an open lyrics database with synced (LRC) lyrics: no key, an identifying User-Agent."""

from musicbot.adapters.lrclib.client import LrclibLyricsSource

__all__ = ["LrclibLyricsSource"]
