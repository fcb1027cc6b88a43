"""Encryption of secrets at rest."""

from musicbot.adapters.crypto.fernet_cipher import FernetTokenCipher, InvalidSecretKey

__all__ = ["FernetTokenCipher", "InvalidSecretKey"]
