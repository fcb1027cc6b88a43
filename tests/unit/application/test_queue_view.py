import pytest

from musicbot.application.queue.view import QueuePage, QueueQuery, ViewQueue
from musicbot.domain.tracklist import RepeatMode
from tests.unit.application.wiring import GUILD, OTHER_GUILD, App


async def view(app: App, page: int = 1, page_size: int = 10) -> QueuePage:
    return await ViewQueue(app.registry).execute(QueueQuery(guild_id=GUILD, page=page, page_size=page_size))


@pytest.fixture
async def twelve_queued(app: App) -> App:
    app.resolver.track("now", duration=300)
    await app.play("now")
    for i in range(1, 13):
        app.resolver.track(f"q{i}", duration=60 * i)
        await app.play(f"q{i}")
    return app


def titles(page: QueuePage) -> list[str]:
    return [entry.song.track.title for entry in page.entries]


async def test_the_first_page(twelve_queued: App) -> None:
    page = await view(twelve_queued, page_size=5)

    assert (page.page, page.pages, page.total) == (1, 3, 12)
    assert [entry.position for entry in page.entries] == [1, 2, 3, 4, 5]
    assert titles(page) == ["q1", "q2", "q3", "q4", "q5"]
    assert page.total_duration == 60 * sum(range(1, 13))  # the upcoming songs, not the current one
    assert page.now_playing is not None
    assert page.now_playing.song.track.title == "now"
    assert page.repeat is RepeatMode.OFF


async def test_a_middle_page_numbers_positions_over_the_whole_queue(twelve_queued: App) -> None:
    page = await view(twelve_queued, page=2, page_size=5)

    assert [entry.position for entry in page.entries] == [6, 7, 8, 9, 10]
    assert titles(page) == ["q6", "q7", "q8", "q9", "q10"]


async def test_the_last_page_may_be_short(twelve_queued: App) -> None:
    page = await view(twelve_queued, page=3, page_size=5)

    assert [(entry.position, entry.song.track.title) for entry in page.entries] == [(11, "q11"), (12, "q12")]


@pytest.mark.parametrize("asked", [4, 99])
async def test_a_page_past_the_end_shows_the_last_one(twelve_queued: App, asked: int) -> None:
    page = await view(twelve_queued, page=asked, page_size=5)

    assert (page.page, page.pages) == (3, 3)
    assert titles(page) == ["q11", "q12"]


@pytest.mark.parametrize("asked", [0, -3])
async def test_a_page_before_the_start_shows_the_first(twelve_queued: App, asked: int) -> None:
    page = await view(twelve_queued, page=asked, page_size=5)

    assert page.page == 1
    assert titles(page)[0] == "q1"


async def test_a_page_size_below_one_counts_as_one(twelve_queued: App) -> None:
    page = await view(twelve_queued, page=2, page_size=0)

    assert (page.page, page.pages, titles(page)) == (2, 12, ["q2"])


async def test_the_default_page_size_is_ten(twelve_queued: App) -> None:
    page = await ViewQueue(twelve_queued.registry).execute(QueueQuery(guild_id=GUILD))

    assert len(page.entries) == 10
    assert page.pages == 2


async def test_live_streams_do_not_count_towards_the_total_duration(app: App) -> None:
    await app.play("now")
    app.resolver.track("radio", duration=None)
    await app.play("radio")
    app.resolver.track("short", duration=95.5)
    await app.play("short")

    page = await view(app)

    assert page.total == 2
    assert page.total_duration == 95.5


async def test_a_guild_without_the_bot_has_an_empty_queue(app: App) -> None:
    await app.play("now")

    page = await ViewQueue(app.registry).execute(QueueQuery(guild_id=OTHER_GUILD, page=3))

    assert page == QueuePage(
        now_playing=None, entries=(), page=1, pages=1, total=0, total_duration=0.0, repeat=RepeatMode.OFF
    )


async def test_an_idle_player_has_one_empty_page(app: App) -> None:
    await app.play("now")
    await app.finish()

    page = await view(app, page=2)

    assert (page.now_playing, page.entries, page.page, page.pages, page.total) == (None, (), 1, 1, 0)


async def test_the_page_shows_the_repeat_mode(app: App) -> None:
    await app.play("now")
    await app.player().set_repeat(RepeatMode.QUEUE)

    page = await view(app)

    assert page.repeat is RepeatMode.QUEUE
