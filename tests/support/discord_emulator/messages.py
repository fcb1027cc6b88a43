"""Messages the bot sends (channel posts, interaction replies, follow-ups): created, edited, deleted, validated
with Discord's limits so that a too-long embed fails here as it would in production."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tests.support.discord_emulator import payloads
from tests.support.discord_emulator.interactions import InteractionType, iter_components
from tests.support.discord_emulator.model import JSON, Attachment, Channel, Message, MessageFlag, iso_now

if TYPE_CHECKING:
    from tests.support.discord_emulator.interactions import Interaction
    from tests.support.discord_emulator.state import EmulatorState

_GUILD_MESSAGES = 1 << 9
# Flags a bot may set on a message; EPHEMERAL only where an interaction answer allows it.
_SETTABLE_FLAGS = (1 << 2) | (1 << 12) | (1 << 15)
_EMBED_LIMITS = {"title": 256, "description": 4096}


class ApiError(Exception):
    """An error response exactly as Discord words it: HTTP status, JSON error code and message."""

    def __init__(self, status: int, code: int, message: str, errors: JSON | None = None) -> None:
        super().__init__(f"{status} {code} {message} {errors or ''}")
        self.status, self.code, self.message, self.errors = status, code, message, errors

    def body(self) -> JSON:
        body: JSON = {"message": self.message, "code": self.code}
        if self.errors:
            body["errors"] = self.errors
        return body


@dataclass(frozen=True, slots=True)
class Upload:
    """One `files[n]` part of a multipart request."""

    index: int
    filename: str
    content_type: str | None
    data: bytes


def _invalid(path: str, message: str) -> ApiError:
    errors: JSON = {"_errors": [{"code": "BASE_TYPE_INVALID", "message": message}]}
    for key in reversed(path.split(".")):
        errors = {key: errors}
    return ApiError(400, 50035, "Invalid Form Body", errors)


def validate_message(message: Message) -> None:
    if len(message.content) > 2000:
        raise _invalid("content", "Must be 2000 or fewer in length.")
    if len(message.embeds) > 10:
        raise _invalid("embeds", "Must be 10 or fewer in length.")
    total = 0
    for i, embed in enumerate(message.embeds):
        for key, limit in _EMBED_LIMITS.items():
            if len(embed.get(key) or "") > limit:
                raise _invalid(f"embeds.{i}.{key}", f"Must be {limit} or fewer in length.")
        fields = embed.get("fields", [])
        if len(fields) > 25:
            raise _invalid(f"embeds.{i}.fields", "Must be 25 or fewer in length.")
        for j, field in enumerate(fields):
            if len(field.get("name", "")) > 256 or len(field.get("value", "")) > 1024:
                raise _invalid(f"embeds.{i}.fields.{j}", "Field name/value too long.")
        texts = [embed.get("title"), embed.get("description"), embed.get("footer", {}).get("text")]
        texts += [embed.get("author", {}).get("name")] + [f"{f.get('name')}{f.get('value')}" for f in fields]
        total += sum(len(t) for t in texts if t)
    if total > 6000:
        raise _invalid("embeds", "Embed size exceeds maximum size of 6000")
    if len(message.components) > 5 and not message.flags & (1 << 15):
        raise _invalid("components", "Must be 5 or fewer in length.")
    for component in iter_components(message.components):
        if len(component.get("custom_id", "")) > 100 or len(component.get("label") or "") > 80:
            raise _invalid("components", "custom_id or label too long.")
        if component.get("type") == 1 and len(component.get("components", [])) > 5:
            raise _invalid("components", "An action row holds at most 5 components.")
    if not (message.content or message.embeds or message.components or message.attachments):
        raise ApiError(400, 50006, "Cannot send an empty message")


class MessageStore:
    def __init__(self, state: EmulatorState) -> None:
        self._state = state
        self.by_id: dict[int, Message] = {}

    def in_channel(self, channel: Channel, *, ephemeral: bool = False) -> list[Message]:
        return [
            m
            for m in self.by_id.values()
            if m.channel_id == channel.id and not m.deleted and (ephemeral or not m.ephemeral)
        ]

    def get(self, channel_id: int, message_id: int) -> Message:
        message = self.by_id.get(message_id)
        # Ephemeral messages exist only for their interaction's webhook, never for the channel endpoints.
        if message is None or message.deleted or message.channel_id != channel_id or message.ephemeral:
            raise ApiError(404, 10008, "Unknown Message")
        return message

    def create(
        self,
        channel: Channel,
        body: JSON,
        uploads: list[Upload],
        *,
        interaction: Interaction | None = None,
        ephemeral_allowed: bool = False,
        extra_flags: int = 0,
        validate: bool = True,
    ) -> Message:
        allowed = _SETTABLE_FLAGS | (MessageFlag.EPHEMERAL if ephemeral_allowed else 0)
        message = Message(
            id=self._state.new_id(),
            channel_id=channel.id,
            guild_id=channel.guild_id,
            author_id=self._state.bot.id,
            flags=(int(body.get("flags") or 0) & allowed) | extra_flags,
            interaction_id=interaction.id if interaction else None,
            webhook_id=self._state.application_id if interaction else None,
        )
        if interaction is not None:
            message.type = 20 if interaction.type == InteractionType.APPLICATION_COMMAND else 0
        self._apply(message, body, uploads)
        if validate:
            validate_message(message)
        message.history.append(message.snapshot())
        self.by_id[message.id] = message
        if not message.ephemeral:
            self._state.dispatch("MESSAGE_CREATE", self.payload(message), _GUILD_MESSAGES)
        self._state.changed()
        return message

    def edit(self, message: Message, body: JSON, uploads: list[Upload], *, clear_flags: int = 0) -> Message:
        if message.deleted:
            raise ApiError(404, 10008, "Unknown Message")
        self._apply(message, body, uploads)
        if "flags" in body and body["flags"] is not None:
            keep = message.flags & (MessageFlag.EPHEMERAL | MessageFlag.LOADING)
            message.flags = keep | (int(body["flags"]) & _SETTABLE_FLAGS)
        message.flags &= ~clear_flags
        validate_message(message)
        message.edited_at = iso_now()
        message.history.append(message.snapshot())
        if not message.ephemeral:
            self._state.dispatch("MESSAGE_UPDATE", self.payload(message), _GUILD_MESSAGES)
        self._state.changed()
        return message

    def delete(self, message: Message) -> None:
        if message.deleted:
            raise ApiError(404, 10008, "Unknown Message")
        message.deleted = True
        if not message.ephemeral:
            data = {"id": str(message.id), "channel_id": str(message.channel_id), "guild_id": str(message.guild_id)}
            self._state.dispatch("MESSAGE_DELETE", data, _GUILD_MESSAGES)
        self._state.changed()

    def payload(self, message: Message) -> JSON:
        state = self._state
        extra: dict[str, Any] = {}
        interaction = state.interactions.get(message.interaction_id or 0)
        guild = state.guilds[message.guild_id]
        if interaction is not None:
            user = payloads.user(interaction.member.user)
            extra["interaction_metadata"] = {
                "id": str(interaction.id),
                "type": interaction.type,
                "user": user,
                "authorizing_integration_owners": {"0": str(guild.id)},
            }
            if interaction.type == InteractionType.APPLICATION_COMMAND:
                extra["interaction"] = {
                    "id": str(interaction.id),
                    "type": interaction.type,
                    "name": interaction.data.get("name", ""),
                    "user": user,
                }
        if state.bot.id in guild.members:
            extra["member"] = payloads.member(guild.members[state.bot.id], with_user=False)
        return payloads.message(
            message, state.bot, base_url=state.base_url, application_id=state.application_id, extra=extra
        )

    def _apply(self, message: Message, body: JSON, uploads: list[Upload]) -> None:
        if "content" in body:
            message.content = str(body["content"] or "")
        if "embeds" in body:
            message.embeds = [{"type": "rich", **e} for e in body["embeds"] or []]
        if "components" in body:
            message.components = _with_ids(body["components"] or [])
        by_index = {u.index: u for u in uploads}
        if "attachments" in body and body["attachments"] is not None:
            kept = {a.id: a for a in message.attachments}
            attachments: list[Attachment] = []
            for entry in body["attachments"]:
                ref = int(entry["id"])
                if ref in kept:
                    attachments.append(kept[ref])
                elif ref in by_index:
                    attachments.append(self._attachment(by_index.pop(ref), entry))
            message.attachments = attachments
        message.attachments += [self._attachment(u, {}) for u in by_index.values()]

    def _attachment(self, upload: Upload, entry: JSON) -> Attachment:
        return Attachment(
            id=self._state.new_id(),
            filename=entry.get("filename") or upload.filename,
            data=upload.data,
            content_type=upload.content_type,
            description=entry.get("description"),
        )


def _with_ids(components: list[JSON]) -> list[JSON]:
    """Discord numbers every component of a message (`id`) when the bot did not."""
    counter = itertools.count(1)
    copied: list[JSON] = [_deep_copy(c) for c in components]
    taken = {c["id"] for c in iter_components(copied) if "id" in c}
    for component in iter_components(copied):
        if "id" not in component:
            component["id"] = next(i for i in counter if i not in taken)
    return copied


def _deep_copy(component: JSON) -> JSON:
    out = dict(component)
    if "components" in out:
        out["components"] = [_deep_copy(c) for c in out["components"]]
    for key in ("component", "accessory"):
        if isinstance(out.get(key), dict):
            out[key] = _deep_copy(out[key])
    return out
