"""/back, /replay, relative seek, /remove-dupes, /fairqueue and /search, through the use-cases and the fakes."""

from dataclasses import replace

import pytest

from musicbot.application.errors import InvalidQuery, NoResults
from musicbot.application.playback.back import BackSong
from musicbot.application.playback.common import ControlCommand
from musicbot.application.playback.replay import ReplaySong
from musicbot.application.playback.seek import SeekCommand, SeekSong
from musicbot.application.queue.tidy import FairQueueCommand, RemoveDuplicates, SetFairQueue
from musicbot.application.sources.search import SearchCommand, SearchSongs
from musicbot.application.support.timecode import parse_seek
from musicbot.domain.errors import NothingBefore
from musicbot.domain.ids import UserId
from tests.fakes.guild_settings import FakeSettingsStorage
from tests.unit.application.callers import HERE, in_channel
from tests.unit.application.sources.fakes import FakeSource
from tests.unit.application.wiring import CHANNEL, GUILD, App
from tests.unit.domain.builders import make_track

COMMAND = ControlCommand(guild_id=GUILD, caller=HERE)


async def test_back_plays_the_song_before_then_this_one(app: App) -> None:
    await app.play("a")
    await app.play("b")
    await app.play("c")
    await app.finish()  # a -> b

    result = await BackSong(app.registry).execute(COMMAND)

    assert result.song.track.title == "a"
    assert app.titles() == ["a", "b", "c"]
    request = app.gateway.current(GUILD)
    assert request is not None and request.title == "a"
    await app.finish()
    assert app.titles() == ["b", "c"]
    await BackSong(app.registry).execute(COMMAND)  # "a" again: it played last
    assert app.titles()[0] == "a"


async def test_back_with_nothing_before_says_so(app: App) -> None:
    await app.play("a")
    with pytest.raises(NothingBefore):
        await BackSong(app.registry).execute(COMMAND)
    assert app.titles() == ["a"]


async def test_replay_starts_the_song_over(app: App) -> None:
    app.resolver.track("a", duration=200)
    await app.play("a")
    app.clock.advance(50)
    await ReplaySong(app.registry).execute(COMMAND)
    request = app.gateway.current(GUILD)
    assert request is not None and request.start_at == 0
    assert app.player().elapsed() == 0


@pytest.mark.parametrize(("typed", "expected"), [("+10", 60), ("-30", 20), ("-2:00", 0), ("+10:00", 199), ("80", 80)])
async def test_relative_seek_moves_from_where_the_song_is(app: App, typed: str, expected: float) -> None:
    app.resolver.track("a", duration=200)
    await app.play("a")
    app.clock.advance(50)
    seconds, relative = parse_seek(typed)
    result = await SeekSong(app.registry).execute(
        SeekCommand(caller=HERE, guild_id=GUILD, position=seconds, relative=relative)
    )
    assert result.position == expected
    request = app.gateway.current(GUILD)
    assert request is not None and request.start_at == expected


async def test_remove_dupes_keeps_the_first_of_each(app: App) -> None:
    for title in ("a", "b", "a", "c", "b", "b"):
        await app.play(title)
    result = await RemoveDuplicates(app.registry).execute(COMMAND)
    assert result.count == 3
    assert app.titles() == ["a", "b", "c"]


async def test_fair_queue_takes_turns_by_requester_and_places_new_songs_at_their_turn(app: App) -> None:
    storage = FakeSettingsStorage()
    fair = SetFairQueue(app.registry, storage.store())
    alice, bob, carol = UserId(1), UserId(2), UserId(3)

    async def queue(title: str, who: UserId) -> int:
        app.resolver.track(title)
        return (await app.play_song.execute(replace(app.play_command(title), caller=in_channel(CHANNEL, who)))).position

    for title, who in [("now", alice), ("a1", alice), ("a2", alice), ("a3", alice), ("b1", bob), ("c1", carol)]:
        await queue(title, who)
    result = await fair.execute(FairQueueCommand(caller=HERE, guild_id=GUILD, on=True))

    assert (result.on, result.requesters) == (True, 3)
    assert storage.repository.committed[GUILD].fair_queue
    # Alice is playing now: Bob and Carol go first in the first round.
    assert app.titles() == ["now", "b1", "c1", "a1", "a2", "a3"]
    assert await queue("b2", bob) == 4  # Bob's second turn, before Alice's second song
    assert app.titles() == ["now", "b1", "c1", "a1", "b2", "a2", "a3"]

    await fair.execute(FairQueueCommand(caller=HERE, guild_id=GUILD, on=False))
    assert await queue("c2", carol) == 7  # off: at the end again
    assert not storage.repository.committed[GUILD].fair_queue


async def test_search_gives_five_choices_and_explains_bad_words() -> None:
    source = FakeSource()
    source.results["lofi"] = [make_track(f"lofi {n}") for n in range(8)]
    result = await SearchSongs(source).execute(SearchCommand(words="  lofi "))
    assert [t.title for t in result.tracks] == [f"lofi {n}" for n in range(5)]
    assert source.searches == [("lofi", 5)]
    with pytest.raises(NoResults):
        await SearchSongs(source).execute(SearchCommand(words="nothing"))
    with pytest.raises(InvalidQuery, match="say what to search for"):
        await SearchSongs(source).execute(SearchCommand(words="   "))
    with pytest.raises(InvalidQuery, match="at most 4 characters"):
        await SearchSongs(source, max_query_length=4).execute(SearchCommand(words="lofi beats"))
