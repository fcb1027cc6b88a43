"""HTTP details discord.py depends on: the exact JSON content type, Discord's error bodies, multipart uploads."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import BodyPartReader, web

from tests.support.discord_emulator.messages import ApiError, Upload
from tests.support.discord_emulator.model import JSON

log = logging.getLogger("discord_emulator")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
_FILE_FIELD = re.compile(r"^files\[(\d+)\]$")


def json_response(data: Any, status: int = 200) -> web.Response:
    # discord.py compares the whole header with "application/json"; aiohttp's json_response adds a charset.
    return web.Response(body=json.dumps(data).encode(), status=status, headers={"Content-Type": "application/json"})


def no_content() -> web.Response:
    return web.Response(status=204)


def error_response(error: ApiError) -> web.Response:
    return json_response(error.body(), status=error.status)


async def read_body(request: web.Request) -> tuple[JSON, list[Upload]]:
    """The JSON payload and any uploaded files (`payload_json` + `files[n]` in a multipart body)."""
    if not request.body_exists:
        return {}, []
    if request.content_type.startswith("multipart/"):
        payload: JSON = {}
        uploads: list[Upload] = []
        reader = await request.multipart()
        while (part := await reader.next()) is not None:
            if not isinstance(part, BodyPartReader):
                continue
            data = await part.read()
            match = _FILE_FIELD.match(part.name or "")
            if part.name == "payload_json":
                payload = json.loads(data)
            elif match:
                index = int(match.group(1))
                filename = part.filename or f"file{index}"
                uploads.append(Upload(index, filename, part.headers.get("Content-Type"), data))
        return payload, uploads
    body = await read_json(request)
    if not isinstance(body, dict):
        raise ApiError(400, 50035, "Invalid Form Body", {"_errors": [{"code": "DICT_TYPE_CONVERT"}]})
    return body, []


async def read_json(request: web.Request) -> Any:
    text = await request.text()
    if not text:
        return {}
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ApiError(400, 50109, "The request body contains invalid JSON.") from exc


def snowflake(request: web.Request, key: str) -> int:
    try:
        return int(request.match_info[key])
    except ValueError as exc:
        raise ApiError(400, 50035, "Invalid Form Body", {key: {"_errors": [{"code": "NUMBER_TYPE_COERCE"}]}}) from exc


@web.middleware
async def api_errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except ApiError as error:
        log.info("%s %s -> %s %s", request.method, request.path, error.status, error.message)
        return error_response(error)
