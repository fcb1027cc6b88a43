"""The yt-dlp adapter: links and search words -> playable tracks (YouTube, SoundCloud, Bandcamp, any web page)."""

from musicbot.adapters.ytdlp.resolver import YtDlpTrackResolver

__all__ = ["YtDlpTrackResolver"]
