"""The buttons under a now-playing card, as persistent dynamic items: they work on any card, even one posted
before a restart, and no per-message view is kept. They go through the same use-cases and rules as the slash
commands."""

from __future__ import annotations

import enum
import re
from typing import Any, Protocol, runtime_checkable

import discord

from musicbot.application.guild.vote_skip import VoteSkipCommand
from musicbot.application.playback.common import ControlCommand, GuildCommand
from musicbot.application.playback.now_playing import NowPlaying
from musicbot.domain.ids import GuildId
from musicbot.domain.player_state import PlayerStatus
from musicbot.domain.tracklist import RepeatMode
from musicbot.entrypoints.discord import embeds
from musicbot.entrypoints.discord.acks import acknowledged, received
from musicbot.entrypoints.discord.context import InvocationReader
from musicbot.entrypoints.discord.errors import ShuttingDown, handle_error
from musicbot.entrypoints.discord.instruments import finished
from musicbot.entrypoints.formatting import songs
from musicbot.entrypoints.services import PlaybackServices, RuleServices


class Action(enum.StrEnum):
    TOGGLE = "toggle"  # pause or resume
    SKIP = "skip"
    STOP = "stop"
    REPEAT = "repeat"  # off → track → queue → off


_REPEAT_EMOJI = {RepeatMode.OFF: "🔁", RepeatMode.TRACK: "🔂", RepeatMode.QUEUE: "🔁"}


class PlayerControls:
    def __init__(self, *, playback: PlaybackServices, rules: RuleServices, reader: InvocationReader) -> None:
        self._s = playback
        self._rules = rules
        self._reader = reader

    async def press(self, interaction: discord.Interaction[Any], action: Action) -> None:
        if interaction.guild_id is not None:  # the guild's DJ role, for a card posted before a restart
            await self._rules.guild_settings.preload(GuildId(interaction.guild_id))
        who = self._reader.read(interaction)

        async def accepted() -> None:  # a silent acknowledgement: the card itself shows the change
            await interaction.response.defer()
            acknowledged(interaction)

        guild = GuildCommand(guild_id=who.guild_id)
        control = ControlCommand(guild_id=who.guild_id, caller=who.caller)
        if action is Action.SKIP:
            command = VoteSkipCommand(guild_id=who.guild_id, caller=who.caller, listeners=who.listeners)
            vote = await self._rules.vote_skip.execute(command, accepted=accepted)
            await interaction.followup.send(embed=embeds.vote(vote))
            return
        if action is Action.STOP:
            stopped = await self._s.stop.execute(control, accepted=accepted)
            await interaction.edit_original_response(view=None)
            user = f"<@{who.caller.user_id}>"
            await interaction.followup.send(embed=embeds.done(f"⏹ {user} stopped; {songs(stopped.count)} cleared."))
            return
        if action is Action.TOGGLE:
            await self._s.toggle_pause.execute(control, accepted=accepted)
        else:
            await self._s.cycle_repeat.execute(control, accepted=accepted)
        state = await self._s.now_playing.execute(guild)
        await interaction.edit_original_response(embed=embeds.now_playing(state), view=controls_view(state))


@runtime_checkable
class HasControls(Protocol):
    """The client the buttons are pressed on (the bot)."""

    controls: PlayerControls


class PlayerButton(
    discord.ui.DynamicItem[discord.ui.Button[discord.ui.View]],
    template=r"musicbot:player:(?P<action>toggle|skip|stop|repeat)",
):
    def __init__(self, action: Action, *, label: str | None = None, emoji: str | None = None) -> None:
        style = discord.ButtonStyle.danger if action is Action.STOP else discord.ButtonStyle.secondary
        button: discord.ui.Button[discord.ui.View] = discord.ui.Button(
            label=label, emoji=emoji, style=style, custom_id=f"musicbot:player:{action}"
        )
        super().__init__(button)
        self.action = action

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> PlayerButton:
        return cls(Action(match["action"]))

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        received(interaction)
        name = f"button:{self.action}"
        try:
            client = interaction.client
            if not isinstance(client, HasControls):  # pragma: no cover - registered only by the bot
                raise TypeError("player buttons need a client with controls")
            if getattr(client, "shutting_down", False):
                raise ShuttingDown
            await client.controls.press(interaction, self.action)
        except Exception as error:
            finished(interaction, error, name=name)
            await handle_error(interaction, error)
        else:
            finished(interaction, None, name=name)


def controls_view(state: NowPlaying | None = None) -> discord.ui.View:
    """The buttons for a card; labels follow the player's state (pause or resume, the repeat mode)."""
    paused = state is not None and state.status is PlayerStatus.PAUSED
    repeat = state.repeat if state is not None else RepeatMode.OFF
    view = discord.ui.View(timeout=None)
    view.add_item(PlayerButton(Action.TOGGLE, label="Resume" if paused else "Pause", emoji="▶" if paused else "⏸"))
    view.add_item(PlayerButton(Action.SKIP, label="Skip", emoji="⏭"))
    view.add_item(PlayerButton(Action.STOP, label="Stop", emoji="⏹"))
    view.add_item(PlayerButton(Action.REPEAT, label=f"Repeat: {repeat}", emoji=_REPEAT_EMOJI[repeat]))
    return view
