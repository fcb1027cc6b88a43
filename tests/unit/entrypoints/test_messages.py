from __future__ import annotations

import pytest

from musicbot.application.errors import (
    InvalidQuery,
    InvalidSeek,
    NoResults,
    NotConnected,
    NoVoiceChannel,
    TrackUnavailable,
)
from musicbot.domain.errors import InvalidPosition, InvalidVolume, MusicBotError, NothingPlaying, QueueFull
from musicbot.entrypoints.messages import UNEXPECTED, friendly_error


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (NoResults("lofi beats"), "I found nothing for “lofi beats”. Try other words or a link."),
        (TrackUnavailable("the server answered HTTP 404"), "I can't play that: the server answered HTTP 404."),
        (InvalidQuery("that request is too long"), "That request is too long."),
        (NothingPlaying(), "Nothing is playing right now."),
        (NotConnected(), "I'm not in a voice channel. Use play or join from a voice channel."),
        (NoVoiceChannel(), "Join a voice channel first, then ask me again."),
        (QueueFull(10), "The queue is full (10 songs). Remove some or wait a bit."),
        (InvalidPosition(7, 3), "There is no position 7 (valid: 1-3)."),
        (InvalidPosition(1, 0), "The queue is empty."),
        (InvalidVolume(300), "Volume goes from 0 to 200 %."),
        (InvalidSeek("the song is 3 s long"), "The song is 3 s long."),
        (MusicBotError("something specific"), "Something specific."),
    ],
)
def test_each_error_type_has_a_friendly_message(error: Exception, message: str):
    assert friendly_error(error) == message


def test_errors_we_did_not_expect_reveal_nothing():
    assert friendly_error(KeyError("/etc/passwd")) == UNEXPECTED
