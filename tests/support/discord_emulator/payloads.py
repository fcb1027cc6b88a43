"""The JSON shapes Discord sends for the model's records (API v10), with the keys discord.py 2.7 requires."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tests.support.discord_emulator.model import (
    JSON,
    Attachment,
    Channel,
    Guild,
    Member,
    Message,
    Role,
    User,
    VoiceState,
)

ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024


def user(u: User) -> JSON:
    return {
        "id": str(u.id),
        "username": u.name,
        "global_name": None if u.bot else u.name,
        "discriminator": "0",
        "avatar": None,
        "bot": u.bot,
        "system": False,
        "public_flags": 0,
        "flags": 0,
        "banner": None,
        "accent_color": None,
        "avatar_decoration_data": None,
    }


def bot_user(u: User) -> JSON:
    return {**user(u), "verified": True, "mfa_enabled": False, "email": None, "locale": "en-US"}


def member(m: Member, *, with_user: bool = True, permissions: int | None = None) -> JSON:
    data: JSON = {
        "roles": [str(r.id) for r in m.roles],
        "nick": m.nick,
        "avatar": None,
        "banner": None,
        "joined_at": m.joined_at,
        "premium_since": None,
        "deaf": False,
        "mute": False,
        "flags": 0,
        "pending": False,
        "communication_disabled_until": None,
    }
    if with_user:
        data["user"] = user(m.user)
    if permissions is not None:
        data["permissions"] = str(permissions)
    return data


def role(r: Role) -> JSON:
    return {
        "id": str(r.id),
        "name": r.name,
        "color": 0,
        "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
        "hoist": False,
        "icon": None,
        "unicode_emoji": None,
        "position": r.position,
        "permissions": str(r.permissions),
        "managed": r.managed,
        "mentionable": False,
        "flags": 0,
    }


def channel(c: Channel, *, with_guild_id: bool = True) -> JSON:
    data: JSON = {
        "id": str(c.id),
        "type": c.kind.value,
        "name": c.name,
        "position": c.position,
        "permission_overwrites": [],
        "parent_id": None,
        "nsfw": False,
        "flags": 0,
        "last_message_id": None,
        "rate_limit_per_user": 0,
    }
    if c.is_voice:
        data |= {"bitrate": 64000, "user_limit": 0, "rtc_region": None, "video_quality_mode": 1, "status": c.status}
    else:
        data["topic"] = None
    if with_guild_id:
        data["guild_id"] = str(c.guild_id)
    return data


def voice_state(state: VoiceState, guild: Guild, *, with_guild: bool) -> JSON:
    data: JSON = {
        "user_id": str(state.user_id),
        "channel_id": str(state.channel_id),
        "session_id": state.session_id,
        "deaf": False,
        "mute": False,
        "self_deaf": state.self_deaf,
        "self_mute": state.self_mute,
        "self_stream": False,
        "self_video": False,
        "suppress": False,
        "request_to_speak_timestamp": None,
    }
    if with_guild:
        data["guild_id"] = str(guild.id)
        data["member"] = member(guild.members[state.user_id])
    return data


def left_voice(user_id: int, guild: Guild, session_id: str) -> JSON:
    """The VOICE_STATE_UPDATE sent when someone leaves voice: the same shape with `channel_id` null."""
    return {
        "guild_id": str(guild.id),
        "channel_id": None,
        "user_id": str(user_id),
        "session_id": session_id,
        "member": member(guild.members[user_id]),
        "deaf": False,
        "mute": False,
        "self_deaf": False,
        "self_mute": False,
        "self_video": False,
        "suppress": False,
        "request_to_speak_timestamp": None,
    }


def guild_create(guild: Guild, members: Iterable[Member], *, voice_states: bool, joined_at: str) -> JSON:
    listed = list(members)
    return {
        "id": str(guild.id),
        "name": guild.name,
        "icon": None,
        "splash": None,
        "discovery_splash": None,
        "banner": None,
        "description": None,
        "owner_id": str(guild.owner_id),
        "region": None,
        "afk_channel_id": None,
        "afk_timeout": 300,
        "verification_level": 0,
        "default_message_notifications": 0,
        "explicit_content_filter": 0,
        "mfa_level": 0,
        "nsfw_level": 0,
        "premium_tier": 0,
        "premium_subscription_count": 0,
        "premium_progress_bar_enabled": False,
        "preferred_locale": "en-US",
        "features": [],
        "application_id": None,
        "system_channel_id": None,
        "system_channel_flags": 0,
        "rules_channel_id": None,
        "public_updates_channel_id": None,
        "safety_alerts_channel_id": None,
        "vanity_url_code": None,
        "max_members": 500000,
        "max_video_channel_users": 25,
        "roles": [role(r) for r in guild.roles.values()],
        "emojis": [],
        "stickers": [],
        "soundboard_sounds": [],
        "joined_at": joined_at,
        "large": False,
        "unavailable": False,
        "member_count": len(guild.members),
        "members": [member(m) for m in listed],
        "channels": [channel(c, with_guild_id=False) for c in guild.channels.values()],
        "threads": [],
        "presences": [],
        "voice_states": [voice_state(s, guild, with_guild=False) for s in guild.voice_states.values()]
        if voice_states
        else [],
        "stage_instances": [],
        "guild_scheduled_events": [],
    }


def attachment(a: Attachment, base_url: str, channel_id: int) -> JSON:
    url = f"{base_url}/attachments/{channel_id}/{a.id}/{a.filename}"
    data: JSON = {"id": str(a.id), "filename": a.filename, "size": len(a.data), "url": url, "proxy_url": url}
    if a.content_type:
        data["content_type"] = a.content_type
    if a.description:
        data["description"] = a.description
    return data


def message(m: Message, author: User, *, base_url: str, application_id: int, extra: JSON | None = None) -> JSON:
    data: dict[str, Any] = {
        "id": str(m.id),
        "channel_id": str(m.channel_id),
        "guild_id": str(m.guild_id),
        "author": user(author),
        "content": m.content,
        "timestamp": m.created_at,
        "edited_timestamp": m.edited_at,
        "tts": False,
        "mention_everyone": False,
        "mentions": [],
        "mention_roles": [],
        "attachments": [attachment(a, base_url, m.channel_id) for a in m.attachments],
        "embeds": m.embeds,
        "components": m.components,
        "pinned": False,
        "type": m.type,
        "flags": m.flags,
        "reactions": [],
    }
    if m.webhook_id is not None:
        data["webhook_id"] = str(m.webhook_id)
        data["application_id"] = str(application_id)
    return data | (extra or {})
