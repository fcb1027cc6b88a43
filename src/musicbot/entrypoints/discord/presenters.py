"""One presenter per use-case result, shared by the slash commands, the text commands and the buttons: both
say the same words from here. (Embeds for richer results, now playing, queue pages, votes, live in `embeds`.)"""

from __future__ import annotations

import discord

from musicbot.application.guild.repeat import RepeatResult
from musicbot.application.guild.volume import VolumeResult
from musicbot.application.playback.common import CountResult, SongResult
from musicbot.application.playback.join import JoinResult
from musicbot.application.playback.leave import LeaveResult
from musicbot.application.playback.seek import SeekResult
from musicbot.application.saved_queues.take_up import JoinOrTakeUpResult
from musicbot.application.support.timecode import format_duration
from musicbot.entrypoints.discord import embeds
from musicbot.entrypoints.discord.resume import resumed_note
from musicbot.entrypoints.formatting import songs


def paused(result: SongResult) -> discord.Embed:
    return embeds.done(f"⏸ Paused {embeds.title_of(result.song)}.")


def resumed(result: SongResult) -> discord.Embed:
    return embeds.done(f"▶ Resumed {embeds.title_of(result.song)}.")


def jumped_to(result: SongResult) -> discord.Embed:
    return embeds.done(f"⏭ Jumped to {embeds.line_of(result.song)}")


def stopped(result: CountResult) -> discord.Embed:
    return embeds.done(f"⏹ Stopped; {songs(result.count)} cleared.")


def seeked(result: SeekResult) -> discord.Embed:
    return embeds.done(f"⏩ Jumped to {format_duration(result.position)} in {embeds.title_of(result.song)}.")


def volume_set(result: VolumeResult) -> discord.Embed:
    return embeds.done(f"🔊 Volume set to {result.percent}%.")


def left(result: LeaveResult) -> discord.Embed:
    return embeds.done(f"👋 Left the voice channel; {songs(result.dropped)} dropped.")


def repeat_set(result: RepeatResult) -> discord.Embed:
    return embeds.done(f"🔁 Repeat is {result.mode}.")


def shuffled(result: CountResult) -> discord.Embed:
    return embeds.done(f"🔀 Shuffled {songs(result.count)}.")


def joined(result: JoinResult) -> discord.Embed:
    where = f"<#{result.channel_id}>"
    return embeds.done(f"Joined {where}." if result.moved else f"I'm already in {where}.")


def joined_or_taken_up(result: JoinOrTakeUpResult) -> discord.Embed:
    """/join's answer: the saved queue it took up, or where it joined."""
    if result.taken_up is not None:
        return embeds.done(resumed_note(result.taken_up, again=True))
    return joined(result.joined)
