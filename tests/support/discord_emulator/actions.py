"""What a human does in the Discord client, turned into INTERACTION_CREATE events: run a slash command, type
into an autocompleted option, click a button, pick from a select menu, submit a modal."""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence

from tests.support.discord_emulator.commands import EmulatorError, build_command_data
from tests.support.discord_emulator.interactions import (
    Interaction,
    InteractionType,
    Reply,
    interaction_payload,
    iter_components,
    modal_submit_components,
)
from tests.support.discord_emulator.model import JSON, Channel, ChannelKind, Guild, Member, Message
from tests.support.discord_emulator.state import EmulatorState
from tests.support.discord_emulator.uploads import UserFile, upload

_SELECT_TYPES = (3, 5, 6, 7, 8)


def _text_channel(guild: Guild, channel: Channel | str | None) -> Channel:
    if isinstance(channel, Channel):
        return channel
    if channel is not None:
        return guild.channel(channel)
    return next(c for c in guild.channels.values() if c.kind is ChannelKind.TEXT)


def _send(
    state: EmulatorState,
    *,
    kind: int,
    guild: Guild,
    channel: Channel,
    member: Member,
    data: JSON,
    source: Message | None = None,
) -> Interaction:
    if not state.bot_connected():
        raise EmulatorError("the bot is not connected to the gateway: nothing would receive the interaction")
    if member.guild_id != guild.id or member.id not in guild.members:
        raise EmulatorError(f"{member.name} is not a member of {guild.name}")
    interaction = Interaction(
        id=state.new_id(),
        token="aW50ZXJhY3Rpb246" + secrets.token_urlsafe(48),
        type=kind,
        guild=guild,
        channel=channel,
        member=member,
        data=data,
        notifier=state.notifier,
        source_message=source,
    )
    state.interactions[interaction.id] = interaction
    state.interactions_by_token[interaction.token] = interaction
    message = state.messages.payload(source) if source is not None else None
    payload = interaction_payload(
        interaction,
        application_id=state.application_id,
        app_permissions=state.bot_permissions(guild),
        message=message,
    )
    state.dispatch("INTERACTION_CREATE", payload, None)
    state.changed()
    return interaction


def slash(
    state: EmulatorState,
    guild: Guild,
    member: Member,
    command: str,
    options: Mapping[str, object] | None = None,
    *,
    channel: Channel | str | None = None,
    focused: str | None = None,
) -> Interaction:
    path = command.strip().lstrip("/").split()
    definition = state.commands.find(guild.id, path[0])
    where = _text_channel(guild, channel)

    def attach(file: UserFile) -> tuple[str, JSON]:
        return upload(state, where.id, file)

    data = build_command_data(
        definition, path, options or {}, guild=guild, command_id=state.new_id(), focused=focused, upload=attach
    )
    kind = InteractionType.AUTOCOMPLETE if focused else InteractionType.APPLICATION_COMMAND
    return _send(state, kind=kind, guild=guild, channel=where, member=member, data=data)


def _component(message: Message, custom_id: str) -> JSON:
    for component in iter_components(message.components):
        if component.get("custom_id") == custom_id:
            if component.get("disabled"):
                raise EmulatorError(f"component {custom_id!r} is disabled")
            return component
    ids = [c["custom_id"] for c in iter_components(message.components) if "custom_id" in c]
    raise EmulatorError(f"message {message.id} has no component {custom_id!r} (it has {ids})")


def _message(target: Message | Reply) -> Message:
    message = target.message if isinstance(target, Reply) else target
    if message.deleted:
        raise EmulatorError(f"message {message.id} was deleted")
    return message


def click(state: EmulatorState, target: Message | Reply, custom_id: str, member: Member) -> Interaction:
    message = _message(target)
    component = _component(message, custom_id)
    if component.get("type") != 2:
        raise EmulatorError(f"{custom_id!r} is a component of type {component.get('type')}, not a button")
    data = {"custom_id": custom_id, "component_type": 2, "id": component.get("id")}
    return _component_interaction(state, message, member, data)


def select(
    state: EmulatorState, target: Message | Reply, custom_id: str, values: Sequence[str], member: Member
) -> Interaction:
    message = _message(target)
    component = _component(message, custom_id)
    if component.get("type") not in _SELECT_TYPES:
        raise EmulatorError(f"{custom_id!r} is not a select menu")
    offered = [o["value"] for o in component.get("options", [])]
    if component["type"] == 3 and not set(values) <= set(offered):
        raise EmulatorError(f"{custom_id!r} offers {offered}, not {list(values)}")
    low, high = component.get("min_values", 1), component.get("max_values", 1)
    if not low <= len(values) <= high:
        raise EmulatorError(f"{custom_id!r} takes {low}..{high} values")
    data = {"custom_id": custom_id, "component_type": component["type"], "values": list(values)}
    return _component_interaction(state, message, member, data | {"id": component.get("id")})


def _component_interaction(state: EmulatorState, message: Message, member: Member, data: JSON) -> Interaction:
    guild = state.guilds[message.guild_id]
    if message.ephemeral:
        owner = state.interactions.get(message.interaction_id or 0)
        if owner is not None and owner.member.id != member.id:
            raise EmulatorError("only the user who got an ephemeral message can see (and click) it")
    channel = guild.channels[message.channel_id]
    return _send(
        state,
        kind=InteractionType.MESSAGE_COMPONENT,
        guild=guild,
        channel=channel,
        member=member,
        data=data,
        source=message,
    )


def submit_modal(
    state: EmulatorState, shown_by: Interaction, values: dict[str, str | list[str]], member: Member | None = None
) -> Interaction:
    if shown_by.modal is None:
        raise EmulatorError("that interaction did not answer with a modal")
    data = {
        "custom_id": shown_by.modal["custom_id"],
        "components": modal_submit_components(shown_by.modal, values),
    }
    return _send(
        state,
        kind=InteractionType.MODAL_SUBMIT,
        guild=shown_by.guild,
        channel=shown_by.channel,
        member=member or shown_by.member,
        data=data,
        source=shown_by.source_message,
    )
