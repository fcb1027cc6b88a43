"""The pieces of a sentence in Discord's Markdown: titles as links, names in bold, every piece of data escaped
so a title cannot format, link or mention. `DISCORD` is the `Markup` the shared sentences
(`entrypoints/wording`) are written with on Discord."""

from __future__ import annotations

import re
from urllib.parse import quote

import discord

from musicbot.application.support.timecode import format_duration
from musicbot.domain.song import Song, SongState
from musicbot.domain.track import Track

TITLE_LIMIT = 80  # characters of a title shown in a list
URL_LIMIT = 300  # a longer link is left out rather than crowd the embed
NAME_LIMIT = 60
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~"


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def title_of(song: Song, limit: int = TITLE_LIMIT, *, link: bool = True) -> str:
    """The song's title as a Markdown link to its page, safe to put in an embed."""
    title = discord.utils.escape_markdown(clip(song.track.title, limit))
    text = re.sub(r"(?<!\\)\[", r"\\[", title).replace("]", "\\]")
    url = quote(song.track.page_url, safe=_URL_SAFE)  # a space or ">" in the URL would end the link
    if not link or not url.startswith(("https://", "http://")) or len(url) > URL_LIMIT:
        return text
    return f"[{text}](<{url}>)"


def line_of(song: Song, *, link: bool = True) -> str:
    artist = f" — {discord.utils.escape_markdown(clip(song.track.artist, 40))}" if song.track.artist else ""
    return f"{title_of(song, link=link)}{artist}{_length(song)}"


def _length(song: Song) -> str:
    if song.track.duration is None and song.state is not SongState.READY:
        return ""  # a playlist entry not resolved yet: its length is unknown, not live
    return f" `{format_duration(song.track.duration)}`"


def _escape(text: str, limit: int) -> str:
    return discord.utils.escape_mentions(discord.utils.escape_markdown(clip(text, limit)))


def name_of(name: str) -> str:
    """A playlist's name in bold, safe in Markdown (a name is data: `**`, `@everyone`... are shown, not obeyed)."""
    return f"**{_escape(name, NAME_LIMIT)}**"


def track_line(track: Track) -> str:
    """A saved track (no link: a playlist keeps pages, not streams) with its artist and length when known."""
    artist = f" — {_escape(track.artist, 40)}" if track.artist else ""
    length = f" `{format_duration(track.duration)}`" if track.duration is not None else ""
    return f"{_escape(track.title, TITLE_LIMIT)}{artist}{length}"


class DiscordMarkup:
    def song(self, song: Song) -> str:
        return title_of(song)

    def song_line(self, song: Song) -> str:
        return line_of(song)

    def track(self, track: Track) -> str:
        return track_line(track)

    def name(self, name: str) -> str:
        return name_of(name)

    def strong(self, text: str) -> str:
        return name_of(text)

    def command(self, name: str) -> str:
        return f"/{name}"

    def voice_channel(self, channel_id: int) -> str:
        return f"<#{channel_id}>"


DISCORD = DiscordMarkup()
