"""One presenter per use-case result, shared by the slash commands, the text commands and the buttons: the
sentence comes from `entrypoints/wording` (the console says the same), written in Discord's Markdown and put in
an embed here. (Richer results, now playing, queue pages, votes, live in `embeds`.)"""

from __future__ import annotations

import discord

from musicbot.application.guild.repeat import RepeatResult
from musicbot.application.guild.volume import VolumeResult
from musicbot.application.playback.common import CountResult, SongResult
from musicbot.application.playback.join import JoinResult
from musicbot.application.playback.leave import LeaveResult
from musicbot.application.playback.seek import SeekResult
from musicbot.application.recommendation.radio import RadioStatus
from musicbot.application.saved_queues.take_up import JoinOrTakeUpResult
from musicbot.entrypoints.discord import embeds
from musicbot.entrypoints.discord.markdown import DISCORD
from musicbot.entrypoints.discord.resume import resumed_note
from musicbot.entrypoints.wording import playback as said
from musicbot.entrypoints.wording.radio import radio as radio_text


def paused(result: SongResult) -> discord.Embed:
    return embeds.done(said.paused(result, DISCORD))


def resumed(result: SongResult) -> discord.Embed:
    return embeds.done(said.resumed(result, DISCORD))


def jumped_to(result: SongResult) -> discord.Embed:
    return embeds.done(said.jumped_to(result, DISCORD))


def back_to(result: SongResult) -> discord.Embed:
    return embeds.done(said.back_to(result, DISCORD))


def replaying(result: SongResult) -> discord.Embed:
    return embeds.done(said.replaying(result, DISCORD))


def stopped(result: CountResult) -> discord.Embed:
    return embeds.done(said.stopped(result))


def seeked(result: SeekResult) -> discord.Embed:
    return embeds.done(said.seeked(result, DISCORD))


def volume_set(result: VolumeResult) -> discord.Embed:
    return embeds.done(said.volume_set(result))


def left(result: LeaveResult) -> discord.Embed:
    return embeds.done(said.left(result))


def repeat_set(result: RepeatResult) -> discord.Embed:
    return embeds.done(said.repeat_set(result))


def shuffled(result: CountResult) -> discord.Embed:
    return embeds.done(said.shuffled(result))


def joined(result: JoinResult) -> discord.Embed:
    return embeds.done(said.joined(result, DISCORD))


def joined_or_taken_up(result: JoinOrTakeUpResult) -> discord.Embed:
    """/join's answer: the saved queue it took up, or where it joined."""
    if result.taken_up is not None:
        return embeds.done(resumed_note(result.taken_up, again=True))
    return joined(result.joined)


def removed(result: SongResult) -> discord.Embed:
    return embeds.done(said.removed(result, DISCORD))


def moved(result: SongResult, target: int) -> discord.Embed:
    return embeds.done(said.moved(result, target, DISCORD))


def cleared(result: CountResult) -> discord.Embed:
    return embeds.done(said.cleared(result))


def duplicates_removed(result: CountResult) -> discord.Embed:
    return embeds.done(said.duplicates_removed(result))


def radio(status: RadioStatus) -> discord.Embed:
    return (embeds.done if status.on else embeds.info)(radio_text(status, DISCORD))
