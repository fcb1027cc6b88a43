import pytest

from musicbot.application.errors import InvalidSeek
from musicbot.application.support.timecode import format_duration, parse_position


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("0", 0.0),
        ("83", 83.0),
        ("83.5", 83.5),
        ("1:23", 83.0),
        ("01:05", 65.0),
        ("0:59.5", 59.5),
        ("1:02:03", 3723.0),
        ("75:00", 4500.0),  # minutes may run past 59 when there is no hour part
        ("1m23s", 83.0),
        ("1M23S", 83.0),
        ("90s", 90.0),
        ("2m", 120.0),
        ("1h", 3600.0),
        ("1h2m3s", 3723.0),
        ("1h5s", 3605.0),
        ("1.5s", 1.5),
        ("  1:23  ", 83.0),
    ],
)
def test_parse_position_reads_what_people_type(text: str, seconds: float) -> None:
    assert parse_position(text) == seconds


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "abc",
        "-5",
        "1:60",
        "1:60:00",
        "0:00:60",
        "1:2:3:4",
        ":",
        "1:",
        ":30",
        "1::2",
        "1:-2",
        "s",
        "m",
        "1.5m",
        "1s2m",
        "1 m",
        "1e3",
        "inf",
        "nan",
        "²",
        "²:00",
        "1:²",
    ],
)
def test_parse_position_refuses_nonsense_with_an_example(text: str) -> None:
    with pytest.raises(InvalidSeek, match=r"try 83, 1:23 or 1:02:03"):
        parse_position(text)


def test_parse_position_names_what_was_typed() -> None:
    with pytest.raises(InvalidSeek) as caught:
        parse_position("  soon ")
    assert caught.value.reason.startswith("'soon' is not a position")


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (None, "live"),
        (0, "0:00"),
        (5, "0:05"),
        (59.9, "0:59"),
        (60, "1:00"),
        (83, "1:23"),
        (600, "10:00"),
        (3599, "59:59"),
        (3600, "1:00:00"),
        (3723, "1:02:03"),
        (36000, "10:00:00"),
        (-4, "0:00"),
    ],
)
def test_format_duration(seconds: float | None, text: str) -> None:
    assert format_duration(seconds) == text


def test_a_formatted_duration_parses_back() -> None:
    for seconds in (0, 7, 83, 3599, 3723, 86399):
        assert parse_position(format_duration(seconds)) == seconds
