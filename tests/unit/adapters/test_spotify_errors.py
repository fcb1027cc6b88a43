"""spotipy's real exception types, as it raises them, translated for users."""

from __future__ import annotations

from collections.abc import Mapping

import pytest
import requests
from spotipy.exceptions import SpotifyException, SpotifyOauthError  # type: ignore[import-untyped, unused-ignore]

from musicbot.adapters.spotify.errors import CREDENTIALS_REFUSED, translate_error
from musicbot.application.errors import TrackUnavailable


def api_error(status: int, headers: Mapping[str, str] | None = None) -> SpotifyException:
    return SpotifyException(status, -1, "https://api.spotify.com/v1/tracks/x:\n message", headers=headers)


@pytest.mark.parametrize(
    ("status", "kind", "reason", "transient"),
    [
        (401, "track", CREDENTIALS_REFUSED, False),
        (404, "track", "Spotify has no such track (check the link)", False),
        (400, "album", "Spotify has no such album (check the link)", False),
        (404, "playlist", "Spotify has no such playlist, or it is private (check the link)", False),
        (403, "artist", "Spotify does not let the bot read this artist", False),
        (429, "track", "Spotify is rate-limiting the bot; try again in a minute", True),
        (500, "track", "Spotify is having trouble (HTTP 500); try again shortly", True),
        (503, "track", "Spotify is having trouble (HTTP 503); try again shortly", True),
        (400, "search", "Spotify refused the search (HTTP 400)", False),
        (429, "search", "Spotify is rate-limiting the bot; try again in a minute", True),
    ],
)
def test_api_statuses(status: int, kind: str, reason: str, transient: bool) -> None:
    translated = translate_error(api_error(status), kind=kind)

    assert (translated.reason, translated.transient) == (reason, transient)


def test_retry_after_is_passed_on() -> None:
    translated = translate_error(api_error(429, requests.structures.CaseInsensitiveDict({"retry-after": "12"})))

    assert translated.reason == "Spotify is rate-limiting the bot; try again in 12 s"


def oauth_error(status: int, error: str | None) -> SpotifyOauthError:
    """What spotipy raises for a failed token request: the HTTPError is only the context."""
    response = requests.Response()
    response.status_code = status
    try:
        try:
            raise requests.HTTPError(response=response)
        except requests.HTTPError:
            raise SpotifyOauthError(f"error: {error}", error=error) from None
    except SpotifyOauthError as raised:
        return raised


def test_a_refused_secret_is_for_an_admin() -> None:
    assert translate_error(oauth_error(400, "invalid_client")).reason == CREDENTIALS_REFUSED
    assert translate_error(oauth_error(401, None)).reason == CREDENTIALS_REFUSED


def test_a_token_service_in_trouble_is_transient() -> None:
    assert translate_error(oauth_error(503, None)).transient
    assert translate_error(SpotifyOauthError("no response")).transient


def test_network_failures_are_transient_and_the_unexpected_is_not() -> None:
    assert translate_error(requests.ConnectionError("refused")).transient
    assert translate_error(requests.Timeout("slow")).transient
    assert translate_error(KeyError("name")).reason == "Spotify answered with something I could not read"
    already = TrackUnavailable("kept")
    assert translate_error(already) is already
