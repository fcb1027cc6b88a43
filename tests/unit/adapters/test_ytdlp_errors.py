"""yt-dlp's real exception types, with the messages sites give, translated for users."""

from __future__ import annotations

import pytest
from yt_dlp.networking.exceptions import IncompleteRead, TransportError
from yt_dlp.utils import DownloadError, ExtractorError, GeoRestrictedError, UnsupportedError

from musicbot.adapters.ytdlp.errors import MAX_REASON_LENGTH, clean_reason, translate_error
from musicbot.application.errors import NoResults


def wrapped(error: Exception) -> DownloadError:
    """What YoutubeDL.extract_info raises: a DownloadError carrying the extractor's error in exc_info."""
    return DownloadError(f"ERROR: {error}", exc_info=(type(error), error, None))


@pytest.mark.parametrize(
    ("message", "reason", "transient"),
    [
        ("[youtube] abc: Private video. Sign in if you've been granted access to this video. Use --cookies",
         "this video is private", False),
        ("[youtube] abc: Sign in to confirm you’re not a bot. Use --cookies-from-browser or --cookies",
         "sign-in required by YouTube (set a cookies file)", False),
        ("[youtube] abc: Sign in to confirm your age. This video may be inappropriate for some users.",
         "this video is age-restricted (it needs a cookies file of an adult account)", False),
        ("[youtube] abc: Join this channel to get access to members-only content like this video",
         "this video is for channel members only", False),
        ("[youtube] abc: Video unavailable", "this video is unavailable", False),
        ("[youtube] abc: This live event will begin in 3 hours.", "this live event has not started yet", True),
        ("[youtube] abc: Requested format is not available. Use --list-formats",
         "no playable audio format found", False),
    ],
)  # fmt: skip
def test_known_site_messages_get_a_short_reason(message: str, reason: str, transient: bool) -> None:
    translated = translate_error(wrapped(ExtractorError(message, expected=True)))

    assert (translated.reason, translated.transient) == (reason, transient)


def test_an_unsupported_url_says_so() -> None:
    assert translate_error(wrapped(UnsupportedError("https://example.com/"))).reason.startswith("unsupported URL")


def test_a_geo_restriction_says_so() -> None:
    error = GeoRestrictedError("The uploader has not made this video available in your country")

    assert translate_error(wrapped(error)).reason == "this is not available in the bot's country"


def test_connection_problems_are_transient() -> None:
    try:
        try:
            raise TransportError("[Errno 111] Connection refused")
        except TransportError as cause:
            raise ExtractorError("Unable to download webpage", cause=cause) from cause
    except ExtractorError as error:
        translated = translate_error(wrapped(error))

    assert (translated.reason, translated.transient) == ("could not connect to the source", True)


def test_a_broken_read_is_transient() -> None:
    translated = translate_error(IncompleteRead(partial=10, expected=100))

    assert translated.transient is True


def test_our_own_errors_pass_through_unchanged() -> None:
    original = NoResults("zzz")

    assert translate_error(original) is original


def test_anything_else_keeps_a_cleaned_message() -> None:
    translated = translate_error(KeyError("formats"))

    assert translated.reason == "'formats'"
    assert translated.transient is False


def test_reasons_lose_colour_prefixes_and_boilerplate_and_stay_short() -> None:
    raw = (
        "\x1b[0;31mERROR:\x1b[0m [generic] some-id: Something odd "
        + "happened " * 40
        + "; please report this issue on  https://github.com/yt-dlp/yt-dlp/issues?q= , filling out the template"
    )

    reason = clean_reason(raw)

    assert reason.startswith("Something odd happened")
    assert "\x1b" not in reason
    assert "ERROR" not in reason
    assert "report this issue" not in reason
    assert len(reason) <= MAX_REASON_LENGTH
