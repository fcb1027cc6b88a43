"""TLS for the voice websocket: discord.py 2.7.1 always dials `wss://{endpoint}` for voice.

A throw-away CA (trustme) signs a certificate for 127.0.0.1. The bot's process must trust that CA:

* in-process (what `DiscordEmulator.install()` does): replace aiohttp's default verified SSL context,
  `aiohttp.connector._SSL_CONTEXT_VERIFIED`, with one that also trusts the CA. aiohttp builds that context once
  at import time and looks the module global up on every TLS connection, so setting `SSL_CERT_FILE` after
  aiohttp was imported has no effect; patching the global does, and is undone on exit;
* or give the client `connector=aiohttp.TCPConnector(ssl=emulator.client_ssl_context)`;
* or, for a bot in another process, `SSL_CERT_FILE=<emulator.ca_pem_path>` in its environment.
"""

from __future__ import annotations

import ssl
from collections.abc import Callable
from pathlib import Path

import aiohttp.connector
import trustme


class EmulatorTls:
    def __init__(self) -> None:
        self.ca = trustme.CA()
        self._cert = self.ca.issue_cert("127.0.0.1", "localhost")
        self.server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self._cert.configure_cert(self.server_context)
        self.client_context = self.trusting_context()

    def trusting_context(self) -> ssl.SSLContext:
        """A client context like aiohttp's default (system CAs, http/1.1 ALPN) that also trusts the emulator."""
        context = ssl.create_default_context()
        context.set_alpn_protocols(("http/1.1",))
        self.ca.configure_trust(context)
        return context

    def write_ca(self, directory: Path) -> Path:
        path = directory / "discord-emulator-ca.pem"
        self.ca.cert_pem.write_to_path(str(path))
        return path

    def trust_in_process(self) -> Callable[[], None]:
        """Make aiohttp's default TLS verification trust the emulator's CA; returns the undo."""
        previous = aiohttp.connector._SSL_CONTEXT_VERIFIED
        aiohttp.connector._SSL_CONTEXT_VERIFIED = self.trusting_context()

        def undo() -> None:
            aiohttp.connector._SSL_CONTEXT_VERIFIED = previous

        return undo
