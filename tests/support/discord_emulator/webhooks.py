"""Answering interactions: the callback (`POST /interactions/{id}/{token}/callback`) and the interaction
webhook (`/webhooks/{app}/{token}`: the original response and follow-ups), with Discord's rules: one callback per
interaction, within `response_deadline` seconds; the token works for `token_lifetime` seconds; the first
follow-up after a "thinking" defer replaces the loading message."""

from __future__ import annotations

import time

from aiohttp import web

from tests.support.discord_emulator.http_util import json_response, no_content, read_body, snowflake
from tests.support.discord_emulator.interactions import Interaction, InteractionType, ResponseType
from tests.support.discord_emulator.messages import ApiError, Upload
from tests.support.discord_emulator.model import JSON, Message, MessageFlag
from tests.support.discord_emulator.state import EmulatorState

API = "/api/v10"

_ALLOWED: dict[int, set[int]] = {
    InteractionType.APPLICATION_COMMAND: {4, 5, 9},
    InteractionType.MESSAGE_COMPONENT: {4, 5, 6, 7, 9},
    InteractionType.MODAL_SUBMIT: {4, 5, 6, 7},
    InteractionType.AUTOCOMPLETE: {8},
    InteractionType.PING: {1},
}


class InteractionApi:
    def __init__(self, state: EmulatorState, *, response_deadline: float, token_lifetime: float) -> None:
        self.state = state
        self.response_deadline = response_deadline
        self.token_lifetime = token_lifetime

    def routes(self) -> list[web.RouteDef]:
        hook = API + "/webhooks/{app}/{token}"
        return [
            web.post(API + "/interactions/{interaction}/{token}/callback", self.callback),
            web.get(hook + "/messages/@original", self.get_original),
            web.patch(hook + "/messages/@original", self.edit_original),
            web.delete(hook + "/messages/@original", self.delete_original),
            web.post(hook, self.followup),
            web.get(hook + "/messages/{message}", self.get_message),
            web.patch(hook + "/messages/{message}", self.edit_message),
            web.delete(hook + "/messages/{message}", self.delete_message),
        ]

    # --- the callback ----------------------------------------------------------------------------------------

    async def callback(self, request: web.Request) -> web.Response:
        interaction = self.state.interactions.get(snowflake(request, "interaction"))
        if interaction is None or interaction.token != request.match_info["token"]:
            raise ApiError(404, 10062, "Unknown interaction")
        now = time.monotonic()
        interaction.callbacks.append("with_response" in request.query)
        if self.state.failing_callbacks > 0:
            self.state.failing_callbacks -= 1
            interaction.rejected.append("a callback failed (emulated outage)")
            raise ApiError(500, 0, "500: Internal Server Error")
        if interaction.response_type is not None:
            interaction.rejected.append("acknowledged twice")
            raise ApiError(400, 40060, "Interaction has already been acknowledged.")
        if now - interaction.created_at > self.response_deadline:
            interaction.rejected.append(f"answered after {now - interaction.created_at:.2f}s")
            self.state.changed()
            raise ApiError(404, 10062, "Unknown interaction")
        body, uploads = await read_body(request)
        kind = int(body.get("type", 0))
        data: JSON = body.get("data") or {}
        component_update = kind in (ResponseType.DEFERRED_UPDATE, ResponseType.UPDATE_MESSAGE)
        if kind not in _ALLOWED.get(interaction.type, set()) or (component_update and not interaction.source_message):
            interaction.rejected.append(f"response type {kind} for interaction type {interaction.type}")
            raise ApiError(400, 50035, "Invalid Form Body", {"type": {"_errors": [{"code": "BASE_TYPE_CHOICES"}]}})
        resource = self._respond(interaction, kind, data, uploads)
        interaction.response_type, interaction.responded_at = kind, now
        interaction.with_response = "with_response" in request.query
        self.state.changed()
        if "with_response" not in request.query:
            return no_content()
        original = interaction.original
        answer: JSON = {
            "interaction": {
                "id": str(interaction.id),
                "type": interaction.type,
                "response_message_loading": kind == ResponseType.DEFERRED_MESSAGE,
                "response_message_ephemeral": bool(original and original.ephemeral),
            }
        }
        if original is not None and kind in (4, 5, 7):
            answer["interaction"]["response_message_id"] = str(original.id)
        if resource is not None:
            answer["resource"] = resource
        return json_response(answer)

    def _respond(self, interaction: Interaction, kind: int, data: JSON, uploads: list[Upload]) -> JSON | None:
        messages = self.state.messages
        source = interaction.source_message
        if kind == ResponseType.MESSAGE:
            interaction.original = messages.create(
                interaction.channel, data, uploads, interaction=interaction, ephemeral_allowed=True
            )
        elif kind == ResponseType.DEFERRED_MESSAGE:
            flags = MessageFlag.LOADING | (int(data.get("flags") or 0) & MessageFlag.EPHEMERAL)
            interaction.original = messages.create(
                interaction.channel, {}, [], interaction=interaction, extra_flags=flags, validate=False
            )
        elif kind in (ResponseType.DEFERRED_UPDATE, ResponseType.UPDATE_MESSAGE) and source is not None:
            interaction.original = source
            if kind == ResponseType.UPDATE_MESSAGE:
                messages.edit(source, data, uploads)
        elif kind == ResponseType.AUTOCOMPLETE_RESULT:
            choices = data.get("choices") or []
            if len(choices) > 25:
                raise ApiError(400, 50035, "Invalid Form Body", {"data": {"choices": "at most 25"}})
            interaction.choices = choices
            return None
        elif kind == ResponseType.MODAL:
            if not data.get("custom_id") or not data.get("title") or not data.get("components"):
                raise ApiError(400, 50035, "Invalid Form Body", {"data": "a modal needs custom_id, title, components"})
            interaction.modal = data
            return None
        original = interaction.original
        resource: JSON = {"type": kind}
        if original is not None and kind != ResponseType.DEFERRED_UPDATE:
            resource["message"] = messages.payload(original)
        return resource

    # --- the interaction webhook -----------------------------------------------------------------------------

    def _interaction(self, request: web.Request) -> Interaction:
        if snowflake(request, "app") != self.state.application_id:
            raise ApiError(404, 10015, "Unknown Webhook")
        interaction = self.state.interactions_by_token.get(request.match_info["token"])
        if interaction is None:
            raise ApiError(404, 10015, "Unknown Webhook")
        if time.monotonic() - interaction.created_at > self.token_lifetime:
            raise ApiError(401, 50027, "Invalid Webhook Token")
        return interaction

    def _original(self, request: web.Request) -> tuple[Interaction, Message]:
        interaction = self._interaction(request)
        if interaction.original is None or interaction.original.deleted:
            raise ApiError(404, 10008, "Unknown Message")
        return interaction, interaction.original

    def _own_message(self, request: web.Request) -> tuple[Interaction, Message]:
        interaction = self._interaction(request)
        wanted = snowflake(request, "message")
        for message in [interaction.original, *interaction.followups]:
            if message is not None and message.id == wanted and not message.deleted:
                return interaction, message
        raise ApiError(404, 10008, "Unknown Message")

    async def get_original(self, request: web.Request) -> web.Response:
        _, message = self._original(request)
        return json_response(self.state.messages.payload(message))

    async def edit_original(self, request: web.Request) -> web.Response:
        interaction, message = self._original(request)
        return await self._edit(request, interaction, message)

    async def delete_original(self, request: web.Request) -> web.Response:
        _, message = self._original(request)
        self.state.messages.delete(message)
        return no_content()

    async def get_message(self, request: web.Request) -> web.Response:
        _, message = self._own_message(request)
        return json_response(self.state.messages.payload(message))

    async def edit_message(self, request: web.Request) -> web.Response:
        interaction, message = self._own_message(request)
        return await self._edit(request, interaction, message)

    async def delete_message(self, request: web.Request) -> web.Response:
        _, message = self._own_message(request)
        self.state.messages.delete(message)
        return no_content()

    async def followup(self, request: web.Request) -> web.Response:
        interaction = self._interaction(request)
        if interaction.response_type is None:
            raise ApiError(404, 10015, "Unknown Webhook")
        body, uploads = await read_body(request)
        original = interaction.original
        if original is not None and original.loading and interaction.response_type == ResponseType.DEFERRED_MESSAGE:
            # Discord turns the first follow-up after a "thinking" defer into the deferred message itself.
            message = self.state.messages.edit(original, body, uploads, clear_flags=MessageFlag.LOADING)
            interaction.original_edits += 1
        else:
            message = self.state.messages.create(
                interaction.channel, body, uploads, interaction=interaction, ephemeral_allowed=True
            )
        interaction.followups.append(message)
        self.state.changed()
        if request.query.get("wait") in ("1", "true", "True"):
            return json_response(self.state.messages.payload(message))
        return no_content()

    async def _edit(self, request: web.Request, interaction: Interaction, message: Message) -> web.Response:
        body, uploads = await read_body(request)
        self.state.messages.edit(message, body, uploads, clear_flags=MessageFlag.LOADING)
        if message is interaction.original:
            interaction.original_edits += 1
        self.state.changed()
        return json_response(self.state.messages.payload(message))
