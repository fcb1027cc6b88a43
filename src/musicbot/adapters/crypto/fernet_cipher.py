"""`FernetTokenCipher`: tokens encrypted and authenticated at rest (AES-128-CBC + HMAC-SHA256, `cryptography`).

`MUSICBOT_SECRET_KEY` holds one or more Fernet keys, comma-separated: the first encrypts, all decrypt
(MultiFernet), so a key is rotated by putting the new one first, running `musicbot spotify rotate-key`, then
dropping the old one.
"""

from __future__ import annotations

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from musicbot.application.errors import ApplicationError


class InvalidSecretKey(ApplicationError):
    """The configured key is not a Fernet key, or no configured key opens a stored token."""


def generate_key() -> str:
    return Fernet.generate_key().decode("ascii")


class FernetTokenCipher:
    def __init__(self, keys: str) -> None:
        parts = [part.strip() for part in keys.split(",") if part.strip()]
        if not parts:
            raise InvalidSecretKey("MUSICBOT_SECRET_KEY is empty")
        try:
            self._fernet = MultiFernet([Fernet(part.encode("ascii")) for part in parts])
        except (ValueError, UnicodeEncodeError):
            raise InvalidSecretKey(
                "MUSICBOT_SECRET_KEY must be Fernet keys (44 characters of url-safe base64), comma-separated; "
                "make one with `musicbot spotify new-key`"
            ) from None

    def encrypt(self, plain: str) -> str:
        return self._fernet.encrypt(plain.encode("utf-8")).decode("ascii")

    def decrypt(self, token: str) -> str:
        try:
            return self._fernet.decrypt(token.encode("ascii")).decode("utf-8")
        except InvalidToken:
            raise InvalidSecretKey(
                "no key in MUSICBOT_SECRET_KEY opens a stored Spotify token (was the old key removed before rotating?)"
            ) from None

    def rotate(self, token: str) -> str:
        """The same secret under the first key."""
        try:
            return self._fernet.rotate(token.encode("ascii")).decode("ascii")
        except InvalidToken:
            raise InvalidSecretKey("no key in MUSICBOT_SECRET_KEY opens a stored Spotify token") from None
