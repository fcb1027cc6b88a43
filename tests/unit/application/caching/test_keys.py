import pytest

from musicbot.application.support.caching.keys import normalise_query


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("  Daft   Punk  One More Time ", "daft punk one more time"),
        ("DAFT PUNK", "daft punk"),
        ("<https://YouTube.com/watch?v=AbC>", "https://youtube.com/watch?v=AbC"),
        ("HTTPS://www.Example.COM/Song.MP3", "https://www.example.com/Song.MP3"),
        ("http://[::1", "http://[::1"),
    ],
)
def test_normalise_query(typed: str, key: str) -> None:
    assert normalise_query(typed) == key
