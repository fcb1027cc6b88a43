"""The rules of a sign-in: PKCE as RFC 7636 computes it, single-use states bound to the member, pasted addresses."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet

from musicbot.adapters.crypto import FernetTokenCipher, InvalidSecretKey
from musicbot.application.spotify_accounts.connect import Callback
from musicbot.application.spotify_accounts.errors import InvalidLinkState, SpotifyAccountError
from musicbot.application.spotify_accounts.pending import PendingLinks, code_challenge, code_verifier
from musicbot.domain.ids import GuildId, UserId
from musicbot.entrypoints.settings import Settings
from musicbot.entrypoints.settings_secrets import secret_values
from musicbot.entrypoints.spotify_accounts import redirect_problem
from tests.fakes.clock import ManualClock

ALICE, BOB = UserId(1), UserId(2)


def test_the_challenge_is_rfc_7636s_s256_example() -> None:
    assert (
        code_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
    )
    verifier = code_verifier()
    assert 43 <= len(verifier) <= 128 and verifier != code_verifier()


def test_a_state_works_once_for_its_member_within_ten_minutes() -> None:
    clock = ManualClock()
    pending = PendingLinks(clock)
    link = pending.start(ALICE, GuildId(5))
    with pytest.raises(InvalidLinkState):
        pending.take(link.state, user_id=BOB)
    assert pending.take(link.state, user_id=ALICE).verifier == link.verifier
    with pytest.raises(InvalidLinkState):
        pending.take(link.state, user_id=ALICE)
    late = pending.start(ALICE, None)
    clock.advance(600)
    with pytest.raises(InvalidLinkState):
        pending.take(late.state)


def test_a_new_sign_in_replaces_the_members_unfinished_one() -> None:
    pending = PendingLinks(ManualClock())
    first = pending.start(ALICE, None)
    pending.start(ALICE, None)
    pending.start(BOB, None)
    assert len(pending) == 2
    with pytest.raises(InvalidLinkState):
        pending.take(first.state)


def test_pasted_addresses() -> None:
    found = Callback.from_pasted(' "http://127.0.0.1:8080/spotify/callback?code=abc&state=xyz" ')
    assert (found.code, found.state, found.error) == ("abc", "xyz", None)
    denied = Callback.from_pasted("https://bot.example/spotify/callback?error=access_denied&state=s")
    assert denied.error == "access_denied"
    for bad in ("", "hello", "https://bot.example/spotify/callback", "x" * 5000):
        with pytest.raises(SpotifyAccountError):
            Callback.from_pasted(bad)
    with pytest.raises(InvalidLinkState):
        Callback.from_pasted("https://bot.example/cb?code=abc")  # no state: never accepted


@pytest.mark.parametrize(
    ("uri", "ok"),
    [
        ("https://bot.example.org/spotify/callback", True),
        ("http://127.0.0.1:8080/spotify/callback", True),
        ("http://[::1]:8080/spotify/callback", True),
        ("http://localhost:8080/spotify/callback", False),
        ("http://bot.example.org/spotify/callback", False),
        ("ftp://127.0.0.1/x", False),
    ],
)
def test_redirect_uris_follow_spotifys_rules(uri: str, ok: bool) -> None:
    assert (redirect_problem(uri) is None) == ok
    if "localhost" in uri:
        assert "127.0.0.1" in str(redirect_problem(uri))


def test_the_first_key_encrypts_and_every_key_decrypts() -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    sealed = FernetTokenCipher(old).encrypt("secret-token")
    both = FernetTokenCipher(f" {new} , {old} ")
    assert both.decrypt(sealed) == "secret-token"
    assert FernetTokenCipher(new).decrypt(both.rotate(sealed)) == "secret-token"
    for bad in ("", " , ", "not-a-key"):
        with pytest.raises(InvalidSecretKey):
            FernetTokenCipher(bad)


def test_every_secret_key_is_redacted_from_logs() -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings = Settings(_env_file=None, secret_key=f"{new},{old}")  # type: ignore[call-arg]
    assert {new, old} <= set(secret_values(settings))
