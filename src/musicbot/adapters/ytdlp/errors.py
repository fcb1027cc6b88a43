"""yt-dlp's exceptions -> `TrackUnavailable` with a reason a user understands, and whether to try again."""

from __future__ import annotations

import re
from http import HTTPStatus

from yt_dlp.networking.exceptions import CertificateVerifyError, HTTPError, IncompleteRead, TransportError
from yt_dlp.utils import GeoRestrictedError, UnsupportedError

from musicbot.application.errors import TrackUnavailable

MAX_REASON_LENGTH = 200

# Matched against the lower-cased messages of the whole exception chain, in this order (the age check must
# win over the generic sign-in one). These are the messages YouTube and other sites give today.
_KNOWN_MESSAGES: tuple[tuple[tuple[str, ...], str, bool], ...] = (
    (("private video", "video is private"), "this video is private", False),
    (("confirm your age", "age-restricted", "age restricted", "inappropriate for some users"),
     "this video is age-restricted (it needs a cookies file of an adult account)", False),
    (("members-only", "members only", "join this channel"), "this video is for channel members only", False),
    (("sign in to confirm", "not a bot", "--cookies", "cookies-from-browser", "login required"),
     "sign-in required by YouTube (set a cookies file)", False),
    (("live event will begin", "premieres in", "premiere will begin", "is_upcoming"),
     "this live event has not started yet", True),
    (("not available in your country", "geo restrict", "geo-restrict"),
     "this is not available in the bot's country", False),
    (("copyright", "has been removed", "account associated with this video has been terminated"),
     "this video was removed", False),
    (("video unavailable", "video is unavailable", "this video is not available", "content isn't available"),
     "this video is unavailable", False),
    (("requested format is not available", "no video formats found", "no formats found"),
     "no playable audio format found", False),
    (("unsupported url",), "unsupported URL (I found nothing playable there)", False),
    (("timed out", "timeout"), "the source did not answer in time", True),
)  # fmt: skip
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
_NOISE = (
    re.compile(r"^(ERROR|WARNING):\s*", re.IGNORECASE),
    re.compile(r"^\[[\w:.-]+\]\s*(?:[^\s:]+:\s)?"),  # "[generic] some-id: "
    re.compile(r";?\s*please report this issue on.*$", re.IGNORECASE | re.DOTALL),
    re.compile(r"\s*\(caused by .*\)\s*$", re.DOTALL),
)


def translate_error(error: BaseException) -> TrackUnavailable:
    """The `TrackUnavailable` a user should see for any exception yt-dlp (or our extraction code) raised."""
    if isinstance(error, TrackUnavailable):
        return error
    chain = _chain(error)
    for exc in chain:
        if isinstance(exc, HTTPError):
            return _http_status(int(exc.status))
    text = " ".join(_ANSI.sub("", str(exc)) for exc in chain).lower()
    if any(isinstance(exc, GeoRestrictedError) for exc in chain):
        return TrackUnavailable("this is not available in the bot's country")
    if any(isinstance(exc, UnsupportedError) for exc in chain):
        return TrackUnavailable("unsupported URL (I found nothing playable there)")
    for patterns, reason, transient in _KNOWN_MESSAGES:
        if any(pattern in text for pattern in patterns):
            return TrackUnavailable(reason, transient=transient)
    for exc in chain:
        if isinstance(exc, CertificateVerifyError):
            return TrackUnavailable("the server's TLS certificate is not valid")
        if isinstance(exc, IncompleteRead):
            return TrackUnavailable("the connection broke while reading the source", transient=True)
        if isinstance(exc, TransportError | ConnectionError | TimeoutError):
            return TrackUnavailable("could not connect to the source", transient=True)
    return TrackUnavailable(clean_reason(str(error)) or "the source could not be read")


def clean_reason(message: str) -> str:
    """yt-dlp's message without colour codes, log prefixes and bug-report boilerplate, at most 200 chars."""
    text = _ANSI.sub("", message).strip()
    for pattern in _NOISE:
        text = pattern.sub("", text).strip()
    text = " ".join(text.split())
    if len(text) > MAX_REASON_LENGTH:
        text = text[: MAX_REASON_LENGTH - 1].rstrip() + "…"
    return text


def _http_status(status: int) -> TrackUnavailable:
    try:
        phrase = HTTPStatus(status).phrase.lower()
    except ValueError:
        phrase = "error"
    transient = status == HTTPStatus.TOO_MANY_REQUESTS or status >= 500
    reason = f"the server answered HTTP {status} ({phrase})"
    if status == HTTPStatus.TOO_MANY_REQUESTS:
        reason += "; try again later"
    return TrackUnavailable(reason, transient=transient)


def _chain(error: BaseException) -> list[BaseException]:
    """`error` and what caused it: yt-dlp hides causes in `exc_info` and `cause` as well as `__cause__`."""
    found: list[BaseException] = []
    pending: list[object] = [error]
    while pending and len(found) < 12:
        current = pending.pop(0)
        if not isinstance(current, BaseException) or any(current is seen for seen in found):
            continue
        found.append(current)
        exc_info = getattr(current, "exc_info", None)
        if isinstance(exc_info, tuple) and len(exc_info) > 1:
            pending.append(exc_info[1])
        pending += [getattr(current, "cause", None), current.__cause__, current.__context__]
    return found
