"""spotipy's and requests' exceptions -> `TrackUnavailable` with a reason users understand."""

from __future__ import annotations

from http import HTTPStatus

from spotipy.exceptions import SpotifyException, SpotifyOauthError  # type: ignore[import-untyped, unused-ignore]

from musicbot.application.errors import TrackUnavailable

CREDENTIALS_REFUSED = "the bot's Spotify credentials were refused; ask an admin to check them"
PLAYLIST_REFUSED = (
    "Spotify no longer lets bots read playlists they don't own (since 2026). Make a copy you own and link the "
    "bot through /spotify link, or use a YouTube playlist."
)
SEARCH = "search"  # the `kind` of a search: it has no link to check


def translate_error(error: BaseException, *, kind: str = "item") -> TrackUnavailable:
    """The error users should see; `kind` names what was looked up ("album") so the reason can say it."""
    if isinstance(error, TrackUnavailable):
        return error
    if isinstance(error, SpotifyOauthError):
        return _token_error(error)
    if isinstance(error, SpotifyException):
        return from_status(int(error.http_status), kind=kind, retry_after=retry_after_of(error))
    if isinstance(error, OSError):  # requests' ConnectionError and Timeout are OSErrors
        return TrackUnavailable("could not reach Spotify; try again shortly", transient=True)
    return TrackUnavailable("Spotify answered with something I could not read")


def from_status(status: int, *, kind: str = "item", retry_after: float | None = None) -> TrackUnavailable:
    if status == HTTPStatus.UNAUTHORIZED:
        return TrackUnavailable(CREDENTIALS_REFUSED)
    if kind == SEARCH and status in {HTTPStatus.NOT_FOUND, HTTPStatus.BAD_REQUEST, HTTPStatus.FORBIDDEN}:
        return TrackUnavailable(f"Spotify refused the search (HTTP {status})")
    if status in {HTTPStatus.NOT_FOUND, HTTPStatus.BAD_REQUEST}:
        private = ", or it is private" if kind == "playlist" else ""
        return TrackUnavailable(f"Spotify has no such {kind}{private} (check the link)")
    if status == HTTPStatus.FORBIDDEN:
        return TrackUnavailable(f"Spotify does not let the bot read this {kind}")
    if status == HTTPStatus.TOO_MANY_REQUESTS:
        later = f"in {retry_after:g} s" if retry_after is not None else "in a minute"
        return TrackUnavailable(f"Spotify is rate-limiting the bot; try again {later}", transient=True)
    if status >= HTTPStatus.INTERNAL_SERVER_ERROR:
        return TrackUnavailable(f"Spotify is having trouble (HTTP {status}); try again shortly", transient=True)
    return TrackUnavailable(f"Spotify answered HTTP {status}")


def _token_error(error: SpotifyOauthError) -> TrackUnavailable:
    # spotipy drops the HTTP status; it survives on the requests.HTTPError it raised from.
    response = getattr(error.__context__, "response", None)
    status = getattr(response, "status_code", None)
    if error.error in {"invalid_client", "unauthorized_client"} or status in {400, 401, 403}:
        return TrackUnavailable(CREDENTIALS_REFUSED)
    if isinstance(status, int):
        return from_status(status)
    return TrackUnavailable("could not log in to Spotify; try again shortly", transient=True)


def retry_after_of(error: SpotifyException) -> float | None:
    """The seconds Spotify asked to wait (its `Retry-After` header), when it said."""
    headers = error.headers or {}
    try:
        value = headers.get("Retry-After") or headers.get("retry-after")
        return float(value) if value is not None else None
    except (TypeError, ValueError):
        return None
