"""The REST API under /api/v10 that a bot uses outside interactions: login, commands, channels, guilds.

Routes nobody implemented are logged loudly and recorded in `state.unknown_routes`, answering Discord's 404
body, so a missing route shows up as such instead of as a confusing client error.
"""

from __future__ import annotations

import itertools
import secrets

from aiohttp import web

from tests.support.discord_emulator import payloads
from tests.support.discord_emulator.http_util import json_response, log, no_content, read_body, read_json, snowflake
from tests.support.discord_emulator.messages import ApiError
from tests.support.discord_emulator.model import JSON, Channel, Guild
from tests.support.discord_emulator.state import EmulatorState

API = "/api/v10"
STATE = web.AppKey("state", EmulatorState)


class RestApi:
    def __init__(self, state: EmulatorState, gateway_url: str) -> None:
        self.state = state
        self.gateway_url = gateway_url

    def routes(self) -> list[web.RouteDef]:
        r = web
        app = API + "/applications/{app}"
        channel = API + "/channels/{channel}"
        guild = API + "/guilds/{guild}"
        return [
            r.get(API + "/users/@me", self.me),
            r.get(API + "/users/{user}", self.get_user),
            r.post(API + "/users/@me/channels", self.open_dm),
            r.get(API + "/oauth2/applications/@me", self.application),
            r.get(API + "/applications/@me", self.application),
            r.get(API + "/gateway", self.gateway),
            r.get(API + "/gateway/bot", self.gateway),
            r.get(app + "/commands", self.list_commands),
            r.put(app + "/commands", self.sync_commands),
            r.post(app + "/commands", self.upsert_command),
            r.get(app + "/guilds/{guild}/commands", self.list_commands),
            r.put(app + "/guilds/{guild}/commands", self.sync_commands),
            r.post(app + "/guilds/{guild}/commands", self.upsert_command),
            r.get(app + "/guilds/{guild}/commands/permissions", self.no_permissions),
            r.get(channel, self.get_channel),
            r.get(channel + "/messages", self.list_messages),
            r.post(channel + "/messages", self.post_message),
            r.get(channel + "/messages/{message}", self.get_message),
            r.patch(channel + "/messages/{message}", self.edit_message),
            r.delete(channel + "/messages/{message}", self.delete_message),
            r.post(channel + "/typing", self.typing),
            r.put(channel + "/voice-status", self.voice_status),
            r.get(guild, self.get_guild),
            r.get(guild + "/channels", self.guild_channels),
            r.get(guild + "/roles", self.guild_roles),
            r.get(guild + "/members/{user}", self.guild_member),
            r.get("/attachments/{channel}/{attachment}/{filename}", self.attachment),
        ]

    # --- login -----------------------------------------------------------------------------------------------

    def check_auth(self, request: web.Request) -> None:
        if request.headers.get("Authorization") != f"Bot {self.state.token}":
            raise ApiError(401, 0, "401: Unauthorized")

    async def me(self, request: web.Request) -> web.Response:
        self.check_auth(request)
        return json_response(payloads.bot_user(self.state.bot))

    async def get_user(self, request: web.Request) -> web.Response:
        self.check_auth(request)
        user = self.state.users.get(snowflake(request, "user"))
        if user is None:
            raise ApiError(404, 10013, "Unknown User")
        return json_response(payloads.user(user))

    async def application(self, request: web.Request) -> web.Response:
        self.check_auth(request)
        state = self.state
        return json_response(
            {
                "id": str(state.application_id),
                "name": state.bot.name,
                "icon": None,
                "description": "",
                "summary": "",
                "type": None,
                "rpc_origins": [],
                "bot_public": True,
                "bot_require_code_grant": False,
                "bot": payloads.user(state.bot),
                "owner": payloads.user(state.bot) | {"id": str(state.application_id + 1), "bot": False},
                "team": None,
                "verify_key": secrets.token_hex(32),
                "flags": state.application_flags,
                "interactions_endpoint_url": None,
                "redirect_uris": [],
                "approximate_guild_count": len(state.guilds),
                "integration_types_config": {"0": {}},
            }
        )

    async def gateway(self, request: web.Request) -> web.Response:
        data: JSON = {"url": self.gateway_url}
        if request.path.endswith("/bot"):
            self.check_auth(request)
            limit = {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": self.state.max_concurrency}
            data |= {"shards": self.state.recommended_shards, "session_start_limit": limit}
        return json_response(data)

    # --- application commands --------------------------------------------------------------------------------

    def _scope(self, request: web.Request) -> int | None:
        self.check_auth(request)
        if snowflake(request, "app") != self.state.application_id:
            raise ApiError(403, 50001, "Missing Access")
        if "guild" not in request.match_info:
            return None
        guild_id = snowflake(request, "guild")
        if guild_id not in self.state.guilds:
            raise ApiError(403, 50001, "Missing Access")
        return guild_id

    async def list_commands(self, request: web.Request) -> web.Response:
        return json_response(list(self.state.commands.scope(self._scope(request)).values()))

    async def sync_commands(self, request: web.Request) -> web.Response:
        guild_id = self._scope(request)
        body = await read_json(request)
        if not isinstance(body, list):
            raise ApiError(400, 50035, "Invalid Form Body", {"_errors": [{"code": "LIST_TYPE_CONVERT"}]})
        stored = self.state.commands.replace_all(guild_id, body)
        self.state.changed()
        return json_response(stored)

    async def upsert_command(self, request: web.Request) -> web.Response:
        guild_id = self._scope(request)
        body, _ = await read_body(request)
        stored = self.state.commands.upsert(guild_id, body)
        self.state.changed()
        return json_response(stored, status=201)

    async def no_permissions(self, request: web.Request) -> web.Response:
        self._scope(request)
        return json_response([])

    # --- channels and messages -------------------------------------------------------------------------------

    def _channel(self, request: web.Request) -> tuple[Guild, Channel]:
        self.check_auth(request)
        try:
            return self.state.find_channel(snowflake(request, "channel"))
        except KeyError:
            raise ApiError(404, 10003, "Unknown Channel") from None

    async def get_channel(self, request: web.Request) -> web.Response:
        _, channel = self._channel(request)
        return json_response(payloads.channel(channel))

    async def list_messages(self, request: web.Request) -> web.Response:
        _, channel = self._channel(request)
        limit = int(request.query.get("limit", "50"))
        before = int(request.query.get("before", "0")) or None
        after = int(request.query.get("after", "0")) or None
        found = [
            m
            for m in self.state.messages.in_channel(channel)
            if (before is None or m.id < before) and (after is None or m.id > after)
        ]
        found.sort(key=lambda m: m.id, reverse=True)
        return json_response([self.state.messages.payload(m) for m in found[:limit]])

    async def open_dm(self, request: web.Request) -> web.Response:
        self.check_auth(request)
        return json_response(self.state.direct_messages.open(await read_json(request)))

    async def post_message(self, request: web.Request) -> web.Response:
        if snowflake(request, "channel") in self.state.direct_messages.recipients:
            self.check_auth(request)
            body, _ = await read_body(request)
            return json_response(self.state.direct_messages.post(snowflake(request, "channel"), body))
        _, channel = self._channel(request)
        body, uploads = await read_body(request)
        message = self.state.messages.create(channel, body, uploads)
        return json_response(self.state.messages.payload(message))

    async def get_message(self, request: web.Request) -> web.Response:
        _, channel = self._channel(request)
        message = self.state.messages.get(channel.id, snowflake(request, "message"))
        return json_response(self.state.messages.payload(message))

    async def edit_message(self, request: web.Request) -> web.Response:
        _, channel = self._channel(request)
        message = self.state.messages.get(channel.id, snowflake(request, "message"))
        if message.author_id != self.state.bot.id:
            raise ApiError(403, 50005, "Cannot edit a message authored by another user")
        body, uploads = await read_body(request)
        self.state.messages.edit(message, body, uploads)
        return json_response(self.state.messages.payload(message))

    async def delete_message(self, request: web.Request) -> web.Response:
        _, channel = self._channel(request)
        self.state.messages.delete(self.state.messages.get(channel.id, snowflake(request, "message")))
        return no_content()

    async def typing(self, request: web.Request) -> web.Response:
        self._channel(request)
        return no_content()

    async def voice_status(self, request: web.Request) -> web.Response:
        guild, channel = self._channel(request)
        if not channel.is_voice:
            raise ApiError(400, 50024, "Cannot execute action on this channel type")
        body, _ = await read_body(request)
        channel.status = body.get("status") or None
        data = {"id": str(channel.id), "guild_id": str(guild.id), "status": channel.status}
        self.state.dispatch("VOICE_CHANNEL_STATUS_UPDATE", data, 1 << 0)
        self.state.changed()
        return no_content()

    async def attachment(self, request: web.Request) -> web.Response:
        message_attachments = (a for m in self.state.messages.by_id.values() for a in m.attachments)
        wanted = snowflake(request, "attachment")
        for found in itertools.chain(self.state.uploads.values(), message_attachments):
            if found.id == wanted:
                return web.Response(body=found.data, content_type=found.content_type or "application/octet-stream")
        raise ApiError(404, 0, "404: Not Found")

    # --- guilds ----------------------------------------------------------------------------------------------

    def _guild(self, request: web.Request) -> Guild:
        self.check_auth(request)
        guild = self.state.guilds.get(snowflake(request, "guild"))
        if guild is None:
            raise ApiError(404, 10004, "Unknown Guild")
        return guild

    async def get_guild(self, request: web.Request) -> web.Response:
        guild = self._guild(request)
        data = payloads.guild_create(guild, [], voice_states=False, joined_at=self.state.joined_at)
        for key in ("members", "channels", "threads", "voice_states", "presences", "joined_at", "large"):
            data.pop(key, None)
        return json_response(data)

    async def guild_channels(self, request: web.Request) -> web.Response:
        return json_response([payloads.channel(c) for c in self._guild(request).channels.values()])

    async def guild_roles(self, request: web.Request) -> web.Response:
        return json_response([payloads.role(r) for r in self._guild(request).roles.values()])

    async def guild_member(self, request: web.Request) -> web.Response:
        guild = self._guild(request)
        member = guild.members.get(snowflake(request, "user"))
        if member is None:
            raise ApiError(404, 10007, "Unknown Member")
        return json_response(payloads.member(member))


async def unknown_route(request: web.Request) -> web.Response:
    state = request.app[STATE]
    route = f"{request.method} {request.path}"
    state.unknown_routes.append(route)
    log.error(
        "DISCORD EMULATOR: UNKNOWN ROUTE %s (query %s) -- add it to tests/support/discord_emulator",
        route,
        dict(request.query),
    )
    return json_response({"message": "404: Not Found", "code": 0}, status=404)
