"""Presenters for recommendations (radio's is in `presenters`). Pure: results in, embeds out."""

from __future__ import annotations

from urllib.parse import quote

import discord

from musicbot.application.queue.queue_tracks import QueueTracksResult
from musicbot.application.recommendation.recommend import Recommendations
from musicbot.domain.track import Track
from musicbot.entrypoints.discord.embeds import DONE, PLAYING, TITLE_LIMIT, URL_LIMIT

SHOWN = 10  # songs listed (and given a button) on a card; "Queue all" takes every one
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~"


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def track_line(track: Track) -> str:
    title = discord.utils.escape_markdown(_clip(track.title, TITLE_LIMIT)).replace("[", "\\[").replace("]", "\\]")
    url = quote(track.page_url, safe=_URL_SAFE)
    linked = f"[{title}](<{url}>)" if url.startswith(("https://", "http://")) and len(url) <= URL_LIMIT else title
    artist = f" — {discord.utils.escape_markdown(_clip(track.artist, 40))}" if track.artist else ""
    return linked + artist


def recommendations_card(
    found: Recommendations, *, requester: int, queued: frozenset[int] = frozenset()
) -> discord.Embed:
    """The picks, numbered; those already queued (0-based indexes) are marked."""
    lines = [
        f"`{n + 1:>2}.` {'✅ ' if n in queued else ''}{track_line(track)}"
        for n, track in enumerate(found.tracks[:SHOWN])
    ]
    more = len(found.tracks) - SHOWN
    if more > 0:
        lines.append(f"…and {more} more with **Queue all**")
    embed = discord.Embed(
        title=_clip(f"🎧 {found.intent.describe()}", 256),
        description="\n".join(lines),
        colour=PLAYING,
    )
    how = "read by AI" if found.used_ai else "read offline"
    embed.set_footer(text=f"Request {how} · press a number to queue that song, or Queue all")
    embed.add_field(name="Asked by", value=f"<@{requester}>")
    return embed


def queued(result: QueueTracksResult, *, user: int, tracks: tuple[Track, ...]) -> discord.Embed:
    """Who queued which picks (`tracks`: those pressed), said in the channel under the card."""
    title = discord.utils.escape_markdown(tracks[0].title) if tracks else ""
    what = f"**{title}**" if len(tracks) == 1 else f"{result.queued} recommended songs"
    where = "playing now" if result.position == 0 else f"from #{result.position}"
    left = f"; {result.left_out} left out, the queue is full" if result.left_out else ""
    return discord.Embed(description=f"<@{user}> queued {what} ({where}{left}).", colour=DONE)
