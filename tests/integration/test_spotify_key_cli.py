"""`musicbot spotify new-key|rotate-key` against a real SQLite database."""

from __future__ import annotations

import io
from pathlib import Path

from cryptography.fernet import Fernet

from musicbot.adapters.crypto import FernetTokenCipher
from musicbot.entrypoints.settings import Settings
from musicbot.entrypoints.spotify_key_cli import run_spotify_command


def test_the_cli_makes_a_key_and_rotates_stored_tokens(tmp_path: Path) -> None:
    made = io.StringIO()
    assert run_spotify_command("new-key", Settings(_env_file=None), out=made) == 0  # type: ignore[call-arg]
    old = made.getvalue().strip()
    FernetTokenCipher(old)  # a usable key
    new = Fernet.generate_key().decode()
    settings = Settings(_env_file=None, data_dir=tmp_path, secret_key=f"{new},{old}")  # type: ignore[call-arg]
    out = io.StringIO()
    assert run_spotify_command("rotate-key", settings, out=out) == 0
    assert "Encrypted 0 linked accounts" in out.getvalue()
    err = io.StringIO()
    assert run_spotify_command("rotate-key", Settings(_env_file=None, data_dir=tmp_path), err=err) == 2  # type: ignore[call-arg]
    assert "not set" in err.getvalue()
