"""`musicbot spotify new-key` and `musicbot spotify rotate-key`: the key that encrypts members' Spotify tokens.

Rotation: put a new key first in MUSICBOT_SECRET_KEY (`new,old`), run `rotate-key` (every stored token is
encrypted again under the new key), then drop the old key.
"""

from __future__ import annotations

import asyncio
import sys
from typing import TextIO

from musicbot.adapters.crypto import FernetTokenCipher, InvalidSecretKey
from musicbot.adapters.crypto.fernet_cipher import generate_key
from musicbot.adapters.sql import create_database
from musicbot.adapters.sql.migrate import upgrade_async
from musicbot.adapters.sql.spotify_accounts import SqlAlchemyLinkedAccounts
from musicbot.entrypoints.composition.core import database_url
from musicbot.entrypoints.settings import Settings


def run_spotify_command(action: str, settings: Settings, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    if action == "new-key":
        print(generate_key(), file=out)
        return 0
    if settings.secret_key is None:
        print("musicbot: MUSICBOT_SECRET_KEY is not set: nothing to rotate", file=err)
        return 2
    try:
        cipher = FernetTokenCipher(settings.secret_key.get_secret_value())
        count = asyncio.run(_rotate(settings, cipher))
    except InvalidSecretKey as error:
        print(f"musicbot: {error}", file=err)
        return 2
    print(f"Encrypted {count} linked accounts' tokens again under the first key; the others may go now.", file=out)
    return 0


async def _rotate(settings: Settings, cipher: FernetTokenCipher) -> int:
    url = database_url(settings)
    await upgrade_async(url)
    database = create_database(url)
    try:
        return await SqlAlchemyLinkedAccounts(database, cipher).rotate_keys()
    finally:
        await database.dispose()
