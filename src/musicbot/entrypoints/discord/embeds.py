"""Presenters: a use-case's result in, a Discord embed out. Pure: no I/O, so tests read what users would see."""

from __future__ import annotations

import discord

from musicbot.application.guild.auto_leave import Disconnected, LeaveReason
from musicbot.application.guild.vote_skip import SkipReason, VoteSkipResult
from musicbot.application.playback.events import BatchProgress
from musicbot.application.playback.now_playing import NowPlaying
from musicbot.application.playback.play import PlayResult
from musicbot.application.queue.load_playlist import LoadPlaylistResult
from musicbot.application.queue.view import QueuePage
from musicbot.application.support.timecode import format_duration
from musicbot.domain.player_state import PlayerStatus
from musicbot.domain.song import Song
from musicbot.entrypoints.discord.help import sections
from musicbot.entrypoints.discord.markdown import DISCORD
from musicbot.entrypoints.discord.markdown import TITLE_LIMIT as TITLE_LIMIT
from musicbot.entrypoints.discord.markdown import URL_LIMIT as URL_LIMIT
from musicbot.entrypoints.discord.markdown import line_of as line_of
from musicbot.entrypoints.discord.markdown import title_of as title_of
from musicbot.entrypoints.formatting import progress_bar, songs
from musicbot.entrypoints.wording import playback as wording

PLAYING = discord.Colour.blurple()
DONE = discord.Colour.green()
INFO = discord.Colour.light_grey()
FAILED = discord.Colour.red()
DESCRIPTION_LIMIT = 4096

_SKIPPED_BY = {
    SkipReason.REQUESTER: "its requester",
    SkipReason.DJ: "a DJ",
    SkipReason.MANAGER: "a server manager",
}
_LEFT_BECAUSE = {
    LeaveReason.IDLE: "nothing was playing for a while",
    LeaveReason.ALONE: "nobody was listening",
}


def done(text: str) -> discord.Embed:
    return discord.Embed(description=text, colour=DONE)


def info(text: str) -> discord.Embed:
    return discord.Embed(description=text, colour=INFO)


def error(text: str) -> discord.Embed:
    return discord.Embed(description=f"✖ {text}", colour=FAILED)


def song_card(song: Song) -> discord.Embed:
    """Said in the channel when a song starts by itself (the queue moved on)."""
    embed = discord.Embed(title="Now playing", description=line_of(song), colour=PLAYING)
    embed.add_field(name="Requested by", value=f"<@{song.requester}>")
    if song.track.thumbnail:
        embed.set_thumbnail(url=song.track.thumbnail)
    return embed


def now_playing(view: NowPlaying) -> discord.Embed:
    state = "Paused" if view.status is PlayerStatus.PAUSED else "Now playing"
    timing = f"{format_duration(view.elapsed)} / {format_duration(view.duration)}"
    embed = discord.Embed(
        title=state,
        description=f"{line_of(view.song)}\n\n`{progress_bar(view.progress)}` {timing}",
        colour=PLAYING,
    )
    embed.add_field(name="Requested by", value=f"<@{view.song.requester}>")
    embed.set_footer(text=f"Volume {view.volume}% · Repeat {view.repeat}")
    if view.song.track.thumbnail:
        embed.set_thumbnail(url=view.song.track.thumbnail)
    return embed


def queue_page(page: QueuePage) -> discord.Embed:
    lines = []
    if page.now_playing is not None:
        playing = page.now_playing
        timing = f"{format_duration(playing.elapsed)} / {format_duration(playing.duration)}"
        lines.append(f"**Now playing:** {title_of(playing.song)} `{timing}`")
    else:
        lines.append(wording.NOTHING_PLAYING)
    lines.append("")
    for link in (True, False):  # without links when ten long ones would not fit
        entries = [f"`{e.position:>3}.` {line_of(e.song, link=link)} · <@{e.song.requester}>" for e in page.entries]
        description = "\n".join(lines + (entries or [wording.queue_empty(DISCORD)]))
        if len(description) <= DESCRIPTION_LIMIT:
            break
    embed = discord.Embed(title="Queue", description=description[:DESCRIPTION_LIMIT], colour=PLAYING)
    if page.total:
        embed.set_footer(text=wording.queue_footer(page))
    return embed


def play_result(result: PlayResult) -> discord.Embed:
    embed = discord.Embed(description=wording.played(result, DISCORD), colour=PLAYING if result.started else DONE)
    if result.song.track.thumbnail:
        embed.set_thumbnail(url=result.song.track.thumbnail)
    return embed


def playlist_result(result: LoadPlaylistResult) -> discord.Embed:
    return done(wording.loading(result, DISCORD))


def batch(progress: BatchProgress) -> discord.Embed:
    """One report per playlist load, edited as it goes."""
    title = discord.utils.escape_markdown(progress.title)
    skipped = f", {progress.skipped} skipped" if progress.skipped else ""
    counts = f"{progress.queued}/{progress.total} queued{skipped}"
    if progress.cancelled:
        return info(f"⏹ Stopped loading **{title}** ({counts}).")
    if progress.done:
        note = f"\n{discord.utils.escape_markdown(progress.note)}" if progress.note else ""
        return done(f"✔ Loaded **{title}**: {counts}.{note}")
    return info(f"⏬ Loading **{title}**: {counts}…")


def vote(result: VoteSkipResult) -> discord.Embed:
    if not result.skipped:
        return info(f"🗳 Vote to skip {title_of(result.song)}: {result.votes}/{result.needed}.")
    by = _SKIPPED_BY.get(result.reason, "") if result.reason is not None else ""
    return done(wording.skipped(result.song, result.now_playing, DISCORD, by=by))


def song_failed(song: Song, reason: str) -> discord.Embed:
    return discord.Embed(
        description=f"✖ Could not play {title_of(song)}: {discord.utils.escape_markdown(reason)}", colour=FAILED
    )


def queue_finished() -> discord.Embed:
    return info("■ The queue is finished. Add more with /play.")


def auto_left(reason: LeaveReason) -> discord.Embed:
    return info(f"👋 I left the voice channel: {_LEFT_BECAUSE[reason]}. Use /play or /join to call me back.")


def disconnected(what: Disconnected) -> discord.Embed:
    where = f"<#{what.channel_id}>"
    if what.kept:
        return info(
            f"🔌 I was disconnected from {where}. The queue ({songs(what.songs)}) is saved: "
            "use /join to bring me back where it was."
        )
    return info(f"🔌 I was disconnected from {where}; the queue ({songs(what.songs)}) could not be saved.")


def help_list() -> discord.Embed:
    embed = discord.Embed(title="Commands", colour=PLAYING)
    for section, commands in sections().items():
        embed.add_field(
            name=section,
            value="\n".join(f"`{command.usage}` {command.description}" for command in commands),
            inline=False,
        )
    embed.set_footer(text="Queue positions start at 1: the song that plays next.")
    return embed
