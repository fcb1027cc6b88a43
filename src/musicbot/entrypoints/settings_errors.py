"""A setting that cannot be read, said in one line naming the variable (never pydantic's traceback)."""

from __future__ import annotations

import json
import re

from pydantic import ValidationError
from pydantic_settings import SettingsError

from musicbot.entrypoints.settings import Settings

_FIELD = re.compile(r'field "(\w+)"')
_ALIASED = {"discord_token": "DISCORD_TOKEN"}


class BadSetting(Exception):
    """The message is one line: `MUSICBOT_NAME: what is wrong`."""


def load_settings(**overrides: object) -> Settings:
    """The settings; `overrides` (command-line options, by field name) win over the environment."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        first = error.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else "?"
        raise BadSetting(f"{variable(field)}: {first['msg']}") from None
    except SettingsError as error:  # a JSON setting (MUSICBOT_YTDLP_OPTIONS) that is not JSON
        found = _FIELD.search(str(error))
        cause = error.__cause__
        detail = f"not valid JSON ({cause})" if isinstance(cause, json.JSONDecodeError) else str(cause or error)
        raise BadSetting(f"{variable(found.group(1)) if found else 'a setting'}: {detail}") from None


def variable(field: str) -> str:
    """The environment variable (or `.env` line) that sets `field`."""
    return _ALIASED.get(field, f"MUSICBOT_{field.upper()}")
