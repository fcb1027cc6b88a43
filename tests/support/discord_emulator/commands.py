"""Application commands: what `tree.sync()` stored, and the `data` of a slash command a human fills in.

Discord's client only lets a user invoke a registered command with the options its definition declares, picked
from its choices and within its limits; `build_command_data` enforces the same, so a test cannot send what no
human could. Without a stored definition (the bot did not sync in this test) option types are inferred from the
Python values.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from tests.support.discord_emulator import payloads
from tests.support.discord_emulator.model import JSON, Channel, Guild, Member, Role, User
from tests.support.discord_emulator.uploads import UserFile

Upload = Callable[[UserFile], tuple[str, JSON]]  # a file attached to an option: its id and resolved object


class EmulatorError(AssertionError):
    """A test asked the emulator for something a real Discord user could not do."""


class OptionType:
    SUB_COMMAND = 1
    SUB_COMMAND_GROUP = 2
    STRING = 3
    INTEGER = 4
    BOOLEAN = 5
    USER = 6
    CHANNEL = 7
    ROLE = 8
    MENTIONABLE = 9
    NUMBER = 10
    ATTACHMENT = 11


@dataclass(slots=True)
class CommandRegistry:
    """Global and per-guild command definitions, as `PUT /applications/{app}/commands` stores them."""

    application_id: int
    new_id: Callable[[], int]
    global_commands: dict[str, JSON] = field(default_factory=dict)
    guild_commands: dict[int, dict[str, JSON]] = field(default_factory=dict)
    syncs: int = 0

    def scope(self, guild_id: int | None) -> dict[str, JSON]:
        return self.global_commands if guild_id is None else self.guild_commands.setdefault(guild_id, {})

    def upsert(self, guild_id: int | None, definition: JSON) -> JSON:
        scope = self.scope(guild_id)
        previous = scope.get(definition["name"])
        stored: JSON = {
            "type": 1,
            "description": "",
            "options": [],
            "default_member_permissions": None,
            "nsfw": False,
            "contexts": None,
            "integration_types": [0],
            **definition,
            "id": previous["id"] if previous else str(self.new_id()),
            "application_id": str(self.application_id),
            "version": str(self.new_id()),
        }
        if guild_id is not None:
            stored["guild_id"] = str(guild_id)
        scope[definition["name"]] = stored
        return stored

    def replace_all(self, guild_id: int | None, definitions: list[JSON]) -> list[JSON]:
        self.syncs += 1
        stored = [self.upsert(guild_id, d) for d in definitions]
        names = {d["name"] for d in definitions}
        scope = self.scope(guild_id)
        for name in list(scope):
            if name not in names:
                del scope[name]
        return stored

    def find(self, guild_id: int, name: str) -> JSON | None:
        return self.guild_commands.get(guild_id, {}).get(name) or self.global_commands.get(name)


class _Resolver:
    """Collects `data.resolved` for user/member, role, channel and attachment options."""

    def __init__(self, guild: Guild, upload: Upload | None = None) -> None:
        self.guild = guild
        self.upload = upload
        self.resolved: dict[str, dict[str, JSON]] = {}

    def add(self, value: object) -> str:
        if isinstance(value, UserFile) and self.upload is not None:
            attachment_id, data = self.upload(value)
            self.resolved.setdefault("attachments", {})[attachment_id] = data
            return attachment_id
        if isinstance(value, Member):
            perms = self.guild.permissions_of(value)
            self.resolved.setdefault("users", {})[str(value.id)] = payloads.user(value.user)
            member_data = payloads.member(value, with_user=False, permissions=perms)
            self.resolved.setdefault("members", {})[str(value.id)] = member_data
            return str(value.id)
        if isinstance(value, User):
            self.resolved.setdefault("users", {})[str(value.id)] = payloads.user(value)
            return str(value.id)
        if isinstance(value, Role):
            self.resolved.setdefault("roles", {})[str(value.id)] = payloads.role(value)
            return str(value.id)
        if isinstance(value, Channel):
            data = payloads.channel(value) | {"permissions": str(self.guild.everyone.permissions)}
            self.resolved.setdefault("channels", {})[str(value.id)] = data
            return str(value.id)
        raise EmulatorError(f"cannot resolve {value!r}: pass a Member, User, Role, Channel or UserFile")


_SNOWFLAKE_TYPES = {
    OptionType.USER: (Member, User),
    OptionType.ROLE: (Role,),
    OptionType.CHANNEL: (Channel,),
    OptionType.ATTACHMENT: (UserFile,),
}


def _infer_type(value: object) -> int:
    if isinstance(value, bool):
        return OptionType.BOOLEAN
    if isinstance(value, int):
        return OptionType.INTEGER
    if isinstance(value, float):
        return OptionType.NUMBER
    if isinstance(value, Member | User):
        return OptionType.USER
    if isinstance(value, Role):
        return OptionType.ROLE
    if isinstance(value, Channel):
        return OptionType.CHANNEL
    if isinstance(value, UserFile):
        return OptionType.ATTACHMENT
    return OptionType.STRING


def _check_value(definition: JSON, value: object) -> None:
    name, kind = definition["name"], definition["type"]
    expected: dict[int, tuple[type, ...]] = {
        OptionType.STRING: (str,),
        OptionType.INTEGER: (int,),
        OptionType.BOOLEAN: (bool,),
        OptionType.NUMBER: (int, float),
        OptionType.MENTIONABLE: (Member, User, Role),
        **_SNOWFLAKE_TYPES,
    }
    allowed = expected.get(kind)
    if allowed and (not isinstance(value, allowed) or (kind != OptionType.BOOLEAN and isinstance(value, bool))):
        raise EmulatorError(f"option {name!r} takes type {kind}, got {value!r}")
    choices = definition.get("choices")
    if choices and value not in [c["value"] for c in choices]:
        raise EmulatorError(f"option {name!r} only offers {[c['value'] for c in choices]}, got {value!r}")
    if isinstance(value, int | float) and not isinstance(value, bool):
        low, high = definition.get("min_value"), definition.get("max_value")
        if (low is not None and value < low) or (high is not None and value > high):
            raise EmulatorError(f"option {name!r} must be within [{low}, {high}], got {value!r}")
    if isinstance(value, str):
        shortest, longest = definition.get("min_length", 0), definition.get("max_length", 6000)
        if not shortest <= len(value) <= longest:
            raise EmulatorError(f"option {name!r} must be {shortest}..{longest} characters long")
    types = definition.get("channel_types")
    if isinstance(value, Channel) and types and value.kind.value not in types:
        raise EmulatorError(f"option {name!r} accepts channel types {definition['channel_types']}")


def _leaf_options(
    definitions: list[JSON] | None, values: Mapping[str, object], focused: str | None, resolver: _Resolver
) -> list[JSON]:
    by_name = {d["name"]: d for d in definitions or []}
    if definitions is not None:
        unknown = set(values) - set(by_name)
        if unknown:
            raise EmulatorError(f"unknown options {sorted(unknown)}; the command declares {sorted(by_name)}")
        if focused is None:
            missing = [d["name"] for d in definitions if d.get("required") and d["name"] not in values]
            if missing:
                raise EmulatorError(f"required options missing: {missing}")
    options: list[JSON] = []
    for name, value in values.items():
        definition = by_name.get(name) or {"name": name, "type": _infer_type(value)}
        kind = definition["type"]
        if name == focused:
            options.append({"name": name, "type": kind, "value": str(value), "focused": True})
            continue
        if definitions is not None:
            _check_value(definition, value)
        raw: Any = resolver.add(value) if kind in (*_SNOWFLAKE_TYPES, OptionType.MENTIONABLE) else value
        options.append({"name": name, "type": kind, "value": raw})
    return options


def build_command_data(
    command: JSON | None,
    path: list[str],
    values: Mapping[str, object],
    *,
    guild: Guild,
    command_id: int,
    focused: str | None = None,
    upload: Upload | None = None,
) -> JSON:
    """The `data` of an APPLICATION_COMMAND (or, with `focused`, an autocomplete) interaction.

    `path` is the command name split on spaces: `["playlist", "add"]` is the subcommand `add` of `/playlist`.
    """
    resolver = _Resolver(guild, upload)
    definitions: list[JSON] | None = command.get("options", []) if command else None
    chain: list[JSON] = []
    for sub in path[1:]:
        found = next((d for d in definitions or [] if d["name"] == sub and d["type"] in (1, 2)), None)
        if command is not None and found is None:
            raise EmulatorError(f"/{' '.join(path)}: {sub!r} is not a subcommand")
        kind = found["type"] if found else OptionType.SUB_COMMAND
        chain.append({"name": sub, "type": kind, "options": []})
        definitions = found.get("options", []) if found else None
    leaves = _leaf_options(definitions, values, focused, resolver)
    options = leaves
    for entry in reversed(chain):
        entry["options"] = options
        options = [entry]
    data: JSON = {
        "id": command["id"] if command else str(command_id),
        "name": path[0],
        "type": 1,
        "options": options,
    }
    if command is not None and "guild_id" in command:
        data["guild_id"] = command["guild_id"]
    if resolver.resolved:
        data["resolved"] = resolver.resolved
    return data
