import dataclasses
import math

import pytest

from musicbot.domain.errors import InvalidTrack
from musicbot.domain.track import SourceKind, Track
from tests.unit.domain.builders import T0, at, make_track, playable_track


def test_keeps_every_field() -> None:
    track = Track(
        title="Bohemian Rhapsody",
        artist="Queen",
        duration=354.0,
        source=SourceKind.YOUTUBE,
        page_url="https://youtube.com/watch?v=fJ9rUzIMcZQ",
        stream_url="https://rr1.googlevideo.com/a",
        stream_expires_at=at(3600),
        thumbnail="https://i.ytimg.com/t.jpg",
        http_headers=(("Referer", "https://youtube.com"),),
    )

    assert (track.title, track.artist, track.duration) == ("Bohemian Rhapsody", "Queen", 354.0)
    assert track.source is SourceKind.YOUTUBE
    assert track.page_url == "https://youtube.com/watch?v=fJ9rUzIMcZQ"
    assert track.stream_url == "https://rr1.googlevideo.com/a"
    assert track.stream_expires_at == at(3600)
    assert track.thumbnail == "https://i.ytimg.com/t.jpg"
    assert track.http_headers == (("Referer", "https://youtube.com"),)


def test_optional_fields_default_to_nothing() -> None:
    track = Track(title="t", page_url="u", source=SourceKind.HTTP)

    assert track.artist is None
    assert track.duration is None
    assert track.stream_url is None
    assert track.stream_expires_at is None
    assert track.thumbnail is None
    assert track.http_headers == ()


def test_is_frozen_and_slotted() -> None:
    track = make_track()

    with pytest.raises(dataclasses.FrozenInstanceError):
        track.title = "other"  # type: ignore[misc]
    assert not hasattr(track, "__dict__")


def test_equal_by_value() -> None:
    assert make_track("a") == make_track("a")
    assert make_track("a") != make_track("b")
    assert hash(make_track("a")) == hash(make_track("a"))


@pytest.mark.parametrize("title", ["", " ", "\t\n"])
def test_rejects_an_empty_title(title: str) -> None:
    with pytest.raises(InvalidTrack, match="title"):
        make_track(title=title, page_url="https://example.com")


@pytest.mark.parametrize("page_url", ["", "   "])
def test_rejects_an_empty_page_url(page_url: str) -> None:
    with pytest.raises(InvalidTrack, match="page URL"):
        make_track(page_url=page_url)


@pytest.mark.parametrize("duration", [-1.0, -0.001, -math.inf, math.nan, math.inf])
def test_rejects_a_duration_that_is_not_a_finite_non_negative_number(duration: float) -> None:
    with pytest.raises(InvalidTrack, match="duration"):
        make_track(duration=duration)


@pytest.mark.parametrize("duration", [0.0, 0.5, 354.0])
def test_accepts_a_zero_or_positive_duration(duration: float) -> None:
    assert make_track(duration=duration).duration == duration


def test_is_not_playable_without_a_stream() -> None:
    assert not make_track().is_playable_at(T0)


def test_is_playable_forever_when_the_stream_never_expires() -> None:
    assert playable_track(expires_at=None).is_playable_at(at(10**9))


def test_is_playable_until_the_stream_expires() -> None:
    track = playable_track(expires_at=at(60))

    assert track.is_playable_at(at(0))
    assert track.is_playable_at(at(59.999))
    assert not track.is_playable_at(at(60))
    assert not track.is_playable_at(at(61))


def test_without_stream_forgets_only_the_stream() -> None:
    track = dataclasses.replace(playable_track("x", expires_at=at(60)), artist="A", duration=5.0, thumbnail="th")

    bare = track.without_stream()

    assert bare.stream_url is None
    assert bare.stream_expires_at is None
    assert bare.http_headers == ()
    assert (bare.title, bare.artist, bare.duration, bare.source, bare.page_url, bare.thumbnail) == (
        "x",
        "A",
        5.0,
        SourceKind.YOUTUBE,
        track.page_url,
        "th",
    )
    assert track.stream_url is not None  # the original is untouched
    assert not bare.is_playable_at(T0)
