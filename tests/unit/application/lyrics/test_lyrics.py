import pytest

from musicbot.application.errors import InvalidQuery
from musicbot.application.lyrics.find import FindLyrics, LyricsCommand, query_for
from musicbot.application.lyrics.model import (
    LyricLine,
    Lyrics,
    LyricsQuery,
    LyricsUnavailable,
    line_index,
    pages,
    parse_lrc,
    wait_for_next,
)
from musicbot.application.storage_errors import StorageUnavailable
from musicbot.domain.errors import NothingPlaying
from tests.unit.application.wiring import GUILD, App
from tests.unit.domain.builders import make_song, make_track

SONG = Lyrics(title="Song", artist="Band", plain="la la")


class FakeSource:
    def __init__(self, answer: Lyrics | None = SONG, *, down: bool = False) -> None:
        self.answer = answer
        self.down = down
        self.asked: list[LyricsQuery] = []

    async def find(self, query: LyricsQuery) -> Lyrics | None:
        self.asked.append(query)
        if self.down:
            raise LyricsUnavailable
        return self.answer


class FakeCache:
    def __init__(self, *, broken: bool = False) -> None:
        self.kept: dict[str, Lyrics | None] = {}
        self.broken = broken

    async def get(self, key: str) -> tuple[bool, Lyrics | None] | None:
        if self.broken:
            raise StorageUnavailable
        return (self.kept[key] is not None, self.kept[key]) if key in self.kept else None

    async def put(self, key: str, lyrics: Lyrics | None) -> None:
        if self.broken:
            raise StorageUnavailable
        self.kept[key] = lyrics


def test_lrc_lines_in_time_order_tags_and_blank_stamps_kept() -> None:
    lines = parse_lrc("[ar:Band]\n[00:12.50]Second\n[00:01.00][01:00.00] Chorus\n[00:30.00]\nno stamp")
    assert lines == (
        LyricLine(at=1.0, text="Chorus"),
        LyricLine(at=12.5, text="Second"),
        LyricLine(at=30.0, text=""),
        LyricLine(at=60.0, text="Chorus"),
    )
    assert line_index(lines, 0.5) == -1
    assert line_index(lines, 12.5) == 1
    assert wait_for_next(lines, 10.0) == pytest.approx(2.5)
    assert wait_for_next(lines, 10.0, rate=2.0) == pytest.approx(1.25)  # a sped-up song reaches it sooner
    assert wait_for_next(lines, 61.0) is None


def test_pages_cut_at_line_ends() -> None:
    text = "\n".join(f"line {i:03}" for i in range(300))
    cut = pages(text, size=100)
    assert all(len(page) <= 100 for page in cut)
    assert "\n".join(cut) == text
    assert pages("") == [""]


@pytest.mark.parametrize(
    ("title", "artist", "expected"),
    [
        ("Band - Song (Official Video)", None, ("Song", "Band")),
        ("Song [Lyrics]", "Band - Topic", ("Song", "Band")),
        ("Song (Live at Wembley)", "Band", ("Song (Live at Wembley)", "Band")),
        ("Just A Title", None, ("Just A Title", None)),
    ],
)
def test_the_song_playing_is_asked_for_without_the_video_s_decorations(
    title: str, artist: str | None, expected: tuple[str, str | None]
) -> None:
    query = query_for(make_song(track=make_track(title, artist=artist, duration=200)))
    assert (query.title, query.artist, query.duration) == (*expected, 200)


async def test_the_song_playing_is_looked_up_once_then_cached(app: App) -> None:
    await app.play("Band - Song")
    source, cache = FakeSource(), FakeCache()
    find = FindLyrics(registry=app.registry, source=source, cache=cache)

    first = await find.execute(LyricsCommand(guild_id=GUILD))
    again = await find.execute(LyricsCommand(guild_id=GUILD, words="  "))

    assert first.lyrics == again.lyrics == SONG
    assert first.asked == "Band – Song"
    assert first.song is app.player().current
    assert len(source.asked) == 1


async def test_none_found_is_kept_too_and_words_are_searched_as_typed(app: App) -> None:
    source, cache = FakeSource(None), FakeCache()
    find = FindLyrics(registry=app.registry, source=source, cache=cache)
    result = await find.execute(LyricsCommand(guild_id=GUILD, words="some   words"))
    await find.execute(LyricsCommand(guild_id=GUILD, words="Some words"))
    assert result.lyrics is None
    assert result.song is None
    assert source.asked == [LyricsQuery(title="some words", words="some words")]


async def test_a_broken_cache_costs_nothing_but_the_cache(app: App) -> None:
    find = FindLyrics(registry=app.registry, source=FakeSource(), cache=FakeCache(broken=True))
    assert (await find.execute(LyricsCommand(guild_id=GUILD, words="x"))).lyrics == SONG


async def test_errors_the_user_understands(app: App) -> None:
    find = FindLyrics(registry=app.registry, source=FakeSource(down=True))
    with pytest.raises(NothingPlaying):
        await find.execute(LyricsCommand(guild_id=GUILD))
    with pytest.raises(InvalidQuery):
        await find.execute(LyricsCommand(guild_id=GUILD, words="x" * 201))
    with pytest.raises(LyricsUnavailable):
        await find.execute(LyricsCommand(guild_id=GUILD, words="x"))
