"""Interactions a test sends as a human (slash commands, clicks, autocomplete, modal submits) and how the bot
answered them: the callback type, whether it deferred, ephemeral or not, the final reply and the follow-ups."""

# Waits take `timeout=` so that a failure says what never happened ("timed out waiting for the final reply
# to /play"), which a bare asyncio.timeout() around the call cannot.
# ruff: noqa: ASYNC109

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from tests.support.discord_emulator import payloads
from tests.support.discord_emulator.model import JSON, Channel, Guild, Member, Message, MessageFlag
from tests.support.discord_emulator.notify import Notifier


class InteractionType:
    PING = 1
    APPLICATION_COMMAND = 2
    MESSAGE_COMPONENT = 3
    AUTOCOMPLETE = 4
    MODAL_SUBMIT = 5


class ResponseType:
    PONG = 1
    MESSAGE = 4
    DEFERRED_MESSAGE = 5
    DEFERRED_UPDATE = 6
    UPDATE_MESSAGE = 7
    AUTOCOMPLETE_RESULT = 8
    MODAL = 9


def iter_components(components: list[JSON] | tuple[JSON, ...]) -> Iterator[JSON]:
    """Every component, depth first (action rows, sections, containers and labels hold others)."""
    for component in components:
        yield component
        yield from iter_components(component.get("components", []))
        if isinstance(component.get("component"), dict):
            yield from iter_components([component["component"]])
        if isinstance(component.get("accessory"), dict):
            yield from iter_components([component["accessory"]])


@dataclass(frozen=True, slots=True, kw_only=True)
class Reply:
    """What a user saw at one moment: a snapshot of a message (later edits do not change it)."""

    content: str
    embeds: tuple[JSON, ...]
    components: tuple[JSON, ...]
    flags: int
    attachments: tuple[str, ...]
    message: Message

    @classmethod
    def of(cls, message: Message) -> Reply:
        return cls(
            content=message.content,
            embeds=tuple(message.embeds),
            components=tuple(message.components),
            flags=message.flags,
            attachments=tuple(a.filename for a in message.attachments),
            message=message,
        )

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & MessageFlag.EPHEMERAL)

    @property
    def text(self) -> str:
        """Content plus every embed's title, description, field names/values and footer: for assertions."""
        parts = [self.content]
        for embed in self.embeds:
            parts += [embed.get("title", ""), embed.get("description", "")]
            parts += [f"{f.get('name', '')} {f.get('value', '')}" for f in embed.get("fields", [])]
            parts.append(embed.get("footer", {}).get("text", ""))
        return "\n".join(p for p in parts if p)

    def custom_ids(self) -> list[str]:
        return [c["custom_id"] for c in iter_components(self.components) if "custom_id" in c]

    def button(self, label: str) -> JSON:
        for component in iter_components(self.components):
            if component.get("type") == 2 and component.get("label") == label:
                return component
        raise KeyError(f"no button labelled {label!r}; custom ids: {self.custom_ids()}")


@dataclass(slots=True, kw_only=True)
class Interaction:
    """One interaction and everything the bot did with its token."""

    id: int
    token: str
    type: int
    guild: Guild
    channel: Channel
    member: Member
    data: JSON
    notifier: Notifier
    source_message: Message | None = None  # the message whose component was used
    created_at: float = field(default_factory=time.monotonic)
    dispatched_at: float | None = None  # when its INTERACTION_CREATE frame was written to the bot's socket
    response_type: int | None = None
    responded_at: float | None = None
    original: Message | None = None
    original_edits: int = 0
    followups: list[Message] = field(default_factory=list)
    choices: list[JSON] | None = None
    modal: JSON | None = None
    rejected: list[str] = field(default_factory=list)  # callbacks Discord refused (late, twice...)
    with_response: bool | None = None  # whether the callback taken asked for the message back (`?with_response`)
    callbacks: list[bool] = field(default_factory=list)  # every callback attempt: whether it asked so

    @property
    def deferred(self) -> bool:
        return self.response_type in (ResponseType.DEFERRED_MESSAGE, ResponseType.DEFERRED_UPDATE)

    @property
    def ephemeral(self) -> bool:
        return self.original is not None and self.original.ephemeral

    @property
    def response_delay(self) -> float | None:
        """From its creation, as Discord counts its 3 s: includes the emulator's work on the frames before it."""
        return None if self.responded_at is None else self.responded_at - self.created_at

    @property
    def answer_delay(self) -> float | None:
        """From its frame written to the bot's socket to the first callback: the bot's part of `response_delay`
        (in a burst the emulator builds every interaction before writing the first frame)."""
        if self.responded_at is None or self.dispatched_at is None:
            return None
        return self.responded_at - self.dispatched_at

    def _final(self) -> Reply | None:
        kind, original = self.response_type, self.original
        if kind is None:
            return None
        if kind in (ResponseType.MESSAGE, ResponseType.UPDATE_MESSAGE) and original is not None:
            return Reply.of(original)
        if kind in (ResponseType.DEFERRED_MESSAGE, ResponseType.DEFERRED_UPDATE) and original is not None:
            return Reply.of(original) if self.original_edits and not original.loading else None
        return None

    async def acknowledged(self, timeout: float = 5.0) -> int:
        """The callback type of the bot's first response."""
        return await self.notifier.wait_for(
            lambda: self.response_type, timeout=timeout, what=f"a response to interaction {self.data.get('name')}"
        )

    async def final(self, timeout: float = 10.0) -> Reply:
        """The reply once it is complete: a message response, or a deferred one after the bot edited it."""
        return await self.notifier.wait_for(self._final, timeout=timeout, what=f"the final reply to {self._label()}")

    async def followup(self, index: int = 0, timeout: float = 10.0) -> Reply:
        def probe() -> Reply | None:
            return Reply.of(self.followups[index]) if len(self.followups) > index else None

        return await self.notifier.wait_for(probe, timeout=timeout, what=f"follow-up #{index} to {self._label()}")

    async def autocomplete_choices(self, timeout: float = 5.0) -> list[JSON]:
        return await self.notifier.wait_for(lambda: self.choices, timeout=timeout, what="autocomplete choices")

    async def modal_shown(self, timeout: float = 5.0) -> JSON:
        return await self.notifier.wait_for(lambda: self.modal, timeout=timeout, what="a modal")

    def _label(self) -> str:
        if self.type == InteractionType.MESSAGE_COMPONENT:
            return f"the click on {self.data.get('custom_id')!r}"
        return f"/{self.data.get('name', '?')}"


def interaction_payload(
    interaction: Interaction, *, application_id: int, app_permissions: int, message: JSON | None
) -> JSON:
    guild, channel, member = interaction.guild, interaction.channel, interaction.member
    perms = guild.permissions_of(member)
    data: dict[str, Any] = {
        "id": str(interaction.id),
        "application_id": str(application_id),
        "type": interaction.type,
        "data": interaction.data,
        "guild_id": str(guild.id),
        "guild": {"id": str(guild.id), "locale": "en-US", "features": []},
        "channel_id": str(channel.id),
        "channel": payloads.channel(channel) | {"permissions": str(perms)},
        "member": payloads.member(member, permissions=perms),
        "token": interaction.token,
        "version": 1,
        "app_permissions": str(app_permissions),
        "locale": "en-US",
        "guild_locale": "en-US",
        "entitlements": [],
        "entitlement_sku_ids": [],
        "authorizing_integration_owners": {"0": str(guild.id)},
        "context": 0,
        "attachment_size_limit": payloads.ATTACHMENT_SIZE_LIMIT,
    }
    if message is not None:
        data["message"] = message
    return data


def modal_submit_components(modal: JSON, values: dict[str, str | list[str]]) -> list[JSON]:
    """The submitted components mirror the modal's: text inputs carry `value`, selects carry `values`."""

    def fill(component: JSON) -> JSON:
        out: JSON = {"type": component["type"]}
        if "id" in component:
            out["id"] = component["id"]
        if "custom_id" in component:
            out["custom_id"] = component["custom_id"]
            given = values.get(component["custom_id"], component.get("value", ""))
            if component["type"] == 4:
                out["value"] = given
            else:
                out["values"] = given if isinstance(given, list) else [given]
        if "components" in component:
            out["components"] = [fill(c) for c in component["components"]]
        if isinstance(component.get("component"), dict):
            out["component"] = fill(component["component"])
        return out

    return [fill(c) for c in modal.get("components", [])]
