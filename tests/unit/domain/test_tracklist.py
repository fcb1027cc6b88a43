import random

import pytest

from musicbot.domain.errors import InvalidPosition, QueueFull
from musicbot.domain.song import Song
from musicbot.domain.tracklist import DEFAULT_HISTORY_SIZE, DEFAULT_MAX_SIZE, RepeatMode, Tracklist
from tests.unit.domain.builders import make_song


def songs(*titles: str) -> list[Song]:
    return [make_song(title) for title in titles]


def names(items: tuple[Song, ...] | list[Song]) -> list[str]:
    return [song.track.title for song in items]


def title(song: Song | None) -> str | None:
    return None if song is None else song.track.title


def tracklist(*titles: str, playing: str | None = None, **options: object) -> Tracklist:
    """A tracklist with `playing` as the current song and `titles` upcoming."""
    tl = Tracklist(**options)  # type: ignore[arg-type]
    if playing is not None:
        tl.add(make_song(playing))
        tl.skip()
    tl.add_many(songs(*titles))
    return tl


# --- a new tracklist ----------------------------------------------------------------------------------
def test_a_new_tracklist_is_empty() -> None:
    tl = Tracklist()

    assert tl.current is None
    assert tl.upcoming == ()
    assert tl.history == ()
    assert len(tl) == 0
    assert tl.room == DEFAULT_MAX_SIZE
    assert tl.repeat is RepeatMode.OFF
    assert tl.peek_next() is None


@pytest.mark.parametrize("max_size", [0, -1])
def test_needs_room_for_at_least_one_song(max_size: int) -> None:
    with pytest.raises(ValueError, match="max_size"):
        Tracklist(max_size=max_size)


# --- adding -------------------------------------------------------------------------------------------
def test_add_appends_and_returns_the_position() -> None:
    tl = Tracklist()
    a, b, c = songs("a", "b", "c")

    assert [tl.add(a), tl.add(b), tl.add(c)] == [1, 2, 3]
    assert names(tl.upcoming) == ["a", "b", "c"]
    assert tl.at(1) is a
    assert tl.at(3) is c


def test_add_next_puts_the_song_at_position_1() -> None:
    tl = tracklist("a", "b", playing="now")

    assert tl.add_next(make_song("urgent")) == 1
    assert names(tl.upcoming) == ["urgent", "a", "b"]
    assert title(tl.current) == "now"


@pytest.mark.parametrize(
    ("position", "expected"),
    [
        (1, ["x", "a", "b", "c"]),
        (2, ["a", "x", "b", "c"]),
        (3, ["a", "b", "x", "c"]),
        (4, ["a", "b", "c", "x"]),
    ],
)
def test_insert_puts_the_song_at_the_position(position: int, expected: list[str]) -> None:
    tl = tracklist("a", "b", "c")

    assert tl.insert(make_song("x"), position) == position
    assert names(tl.upcoming) == expected
    assert tl.at(position).track.title == "x"


@pytest.mark.parametrize("position", [0, -1, 5, 100])
def test_insert_outside_1_to_size_plus_1_is_invalid(position: int) -> None:
    tl = tracklist("a", "b", "c")

    with pytest.raises(InvalidPosition) as raised:
        tl.insert(make_song("x"), position)

    assert (raised.value.position, raised.value.size) == (position, 4)
    assert names(tl.upcoming) == ["a", "b", "c"]


def test_insert_into_an_empty_queue_only_at_1() -> None:
    tl = Tracklist()

    with pytest.raises(InvalidPosition):
        tl.insert(make_song("x"), 2)
    assert tl.insert(make_song("x"), 1) == 1


def test_add_many_appends_in_order_and_returns_the_first_position() -> None:
    tl = tracklist("a", playing="now")

    assert tl.add_many(songs("b", "c")) == 2
    assert names(tl.upcoming) == ["a", "b", "c"]


def test_add_many_of_nothing_changes_nothing() -> None:
    tl = tracklist("a")

    tl.add_many([])

    assert names(tl.upcoming) == ["a"]


def test_add_many_is_all_or_nothing_when_the_queue_would_overflow() -> None:
    tl = tracklist("a", playing="now", max_size=4)

    with pytest.raises(QueueFull) as raised:
        tl.add_many(songs("b", "c", "d"))

    assert raised.value.limit == 4
    assert names(tl.upcoming) == ["a"]
    assert tl.add_many(songs("b", "c")) == 2
    assert len(tl) == 4


def test_the_maximum_size_counts_the_current_song() -> None:
    tl = tracklist("a", "b", playing="now", max_size=3)

    assert tl.room == 0
    for add in (tl.add, tl.add_next, lambda s: tl.insert(s, 2), lambda s: tl.add_many([s])):
        with pytest.raises(QueueFull):
            add(make_song("x"))
    assert names(tl.upcoming) == ["a", "b"]


def test_room_comes_back_when_a_song_leaves() -> None:
    tl = tracklist("a", "b", playing="now", max_size=3)

    tl.remove(1)

    assert tl.room == 1
    tl.add(make_song("c"))
    assert names(tl.upcoming) == ["b", "c"]


def test_the_same_song_cannot_be_queued_twice() -> None:
    tl = Tracklist()
    song = make_song("a")
    tl.add(song)

    with pytest.raises(ValueError, match="already"):
        tl.add(song)
    with pytest.raises(ValueError, match="already"):
        tl.add_next(song)
    with pytest.raises(ValueError, match="already"):
        tl.add_many([song])
    assert tl.upcoming == (song,)


def test_the_current_song_cannot_be_queued_again() -> None:
    tl = tracklist(playing="now")
    current = tl.current
    assert current is not None

    with pytest.raises(ValueError, match="already"):
        tl.add(current)
    with pytest.raises(ValueError, match="already"):
        tl.add_many([current])
    assert tl.upcoming == ()


def test_add_many_rejects_a_batch_holding_a_song_twice_and_adds_none() -> None:
    tl = tracklist("a")
    song = make_song("b")

    with pytest.raises(ValueError, match="already"):
        tl.add_many([make_song("c"), song, song])

    assert names(tl.upcoming) == ["a"]


def test_the_same_track_can_be_queued_twice_as_two_songs() -> None:
    tl = Tracklist()
    first, second = make_song("same"), make_song("same")

    tl.add(first)
    tl.add(second)

    assert tl.upcoming == (first, second)


# --- removing and moving ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("position", "removed", "left"),
    [(1, "a", ["b", "c"]), (2, "b", ["a", "c"]), (3, "c", ["a", "b"])],
)
def test_remove_returns_the_song_and_closes_the_gap(position: int, removed: str, left: list[str]) -> None:
    tl = tracklist("a", "b", "c", playing="now")

    assert tl.remove(position).track.title == removed
    assert names(tl.upcoming) == left
    assert title(tl.current) == "now"


@pytest.mark.parametrize("position", [0, -1, 4])
def test_remove_outside_the_queue_is_invalid(position: int) -> None:
    tl = tracklist("a", "b", "c")

    with pytest.raises(InvalidPosition) as raised:
        tl.remove(position)

    assert (raised.value.position, raised.value.size) == (position, 3)
    assert names(tl.upcoming) == ["a", "b", "c"]


def test_an_empty_queue_has_no_position() -> None:
    tl = tracklist(playing="now")

    with pytest.raises(InvalidPosition, match="empty") as raised:
        tl.remove(1)
    assert raised.value.size == 0
    for operation in (tl.at, tl.skip_to, lambda p: tl.move(p, 1)):
        with pytest.raises(InvalidPosition):
            operation(1)


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        (1, 4, ["b", "c", "d", "a"]),  # to the last place
        (4, 1, ["d", "a", "b", "c"]),
        (2, 3, ["a", "c", "b", "d"]),
        (3, 2, ["a", "c", "b", "d"]),
        (2, 2, ["a", "b", "c", "d"]),
        (3, 4, ["a", "b", "d", "c"]),
    ],
)
def test_move_puts_the_song_at_the_target(source: int, target: int, expected: list[str]) -> None:
    tl = tracklist("a", "b", "c", "d")
    moving = tl.at(source)

    assert tl.move(source, target) is moving
    assert names(tl.upcoming) == expected
    assert tl.at(target) is moving


@pytest.mark.parametrize(("source", "target"), [(0, 1), (5, 1), (1, 0), (1, 5), (-1, 2)])
def test_move_from_or_to_outside_the_queue_is_invalid(source: int, target: int) -> None:
    tl = tracklist("a", "b", "c", "d")

    with pytest.raises(InvalidPosition):
        tl.move(source, target)

    assert names(tl.upcoming) == ["a", "b", "c", "d"]


def test_clear_returns_the_upcoming_songs_and_keeps_the_current_one() -> None:
    tl = tracklist("a", "b", playing="now")
    upcoming = tl.upcoming

    assert tl.clear() == list(upcoming)
    assert tl.upcoming == ()
    assert title(tl.current) == "now"
    assert tl.history == ()


def test_shuffle_keeps_the_current_song_and_the_same_songs() -> None:
    tl = tracklist(*"abcdefghij", playing="now")
    before = tl.upcoming
    expected = list(before)
    random.Random(7).shuffle(expected)

    tl.shuffle(random.Random(7))

    assert tl.upcoming == tuple(expected)
    assert tl.upcoming != before
    assert title(tl.current) == "now"


# --- moving on ----------------------------------------------------------------------------------------
def test_skip_with_repeat_off_sends_the_current_song_to_history() -> None:
    tl = tracklist("a", "b", playing="now")

    assert title(tl.skip()) == "a"
    assert names(tl.upcoming) == ["b"]
    assert names(tl.history) == ["now"]


def test_skip_does_not_hold_the_song_with_repeat_track() -> None:
    tl = tracklist("a", "b", playing="now", repeat=RepeatMode.TRACK)

    assert title(tl.skip()) == "a"
    assert names(tl.upcoming) == ["b"]
    assert names(tl.history) == ["now"]


def test_skip_sends_the_current_song_to_the_end_with_repeat_queue() -> None:
    tl = tracklist("a", "b", playing="now", repeat=RepeatMode.QUEUE)

    assert title(tl.skip()) == "a"
    assert names(tl.upcoming) == ["b", "now"]
    assert tl.history == ()


def test_skip_the_last_song_leaves_nothing_playing() -> None:
    tl = tracklist(playing="now")

    assert tl.skip() is None
    assert tl.current is None
    assert names(tl.history) == ["now"]


@pytest.mark.parametrize("mode", list(RepeatMode))
def test_skip_or_advance_on_an_empty_tracklist_gives_nothing(mode: RepeatMode) -> None:
    tl = Tracklist(repeat=mode)

    assert tl.skip() is None
    assert tl.advance() is None
    assert tl.drop_current() is None
    assert (tl.current, tl.upcoming, tl.history) == (None, (), ())


def test_advance_with_repeat_off_plays_the_queue_once() -> None:
    tl = tracklist("a", "b")

    played = [title(tl.advance()) for _ in range(4)]

    assert played == ["a", "b", None, None]
    assert names(tl.history) == ["a", "b"]


def test_advance_with_repeat_track_keeps_the_current_song() -> None:
    tl = tracklist("a", "b", playing="now", repeat=RepeatMode.TRACK)

    assert [title(tl.advance()) for _ in range(3)] == ["now", "now", "now"]
    assert names(tl.upcoming) == ["a", "b"]
    assert tl.history == ()


def test_advance_with_repeat_track_and_nothing_playing_starts_the_next_song() -> None:
    tl = tracklist("a", "b", repeat=RepeatMode.TRACK)

    assert title(tl.advance()) == "a"
    assert title(tl.advance()) == "a"


def test_advance_with_repeat_queue_cycles_through_every_song() -> None:
    tl = tracklist("a", "b", playing="now", repeat=RepeatMode.QUEUE)

    played = [title(tl.advance()) for _ in range(6)]

    assert played == ["a", "b", "now", "a", "b", "now"]
    assert names(tl.upcoming) == ["a", "b"]
    assert tl.history == ()


def test_advance_with_repeat_queue_and_one_song_replays_it() -> None:
    tl = tracklist(playing="now", repeat=RepeatMode.QUEUE)

    assert title(tl.advance()) == "now"
    assert tl.upcoming == ()


def test_changing_the_repeat_mode_mid_way() -> None:
    tl = tracklist("a", "b", playing="now", repeat=RepeatMode.QUEUE)

    tl.advance()  # a; now goes to the end
    tl.repeat = RepeatMode.TRACK
    tl.advance()  # a again
    tl.repeat = RepeatMode.OFF
    tl.advance()  # b; a goes to history

    assert title(tl.current) == "b"
    assert names(tl.upcoming) == ["now"]
    assert names(tl.history) == ["a"]


@pytest.mark.parametrize("mode", list(RepeatMode))
@pytest.mark.parametrize(("upcoming", "playing"), [(("a", "b"), "now"), ((), "now"), (("a",), None)])
def test_peek_next_tells_what_advance_will_play(
    mode: RepeatMode, upcoming: tuple[str, ...], playing: str | None
) -> None:
    tl = tracklist(*upcoming, playing=playing, repeat=mode)

    expected = tl.peek_next()

    assert tl.advance() is expected


@pytest.mark.parametrize("mode", list(RepeatMode))
def test_drop_current_removes_a_failed_song_whatever_the_repeat_mode(mode: RepeatMode) -> None:
    tl = tracklist("a", "b", playing="broken", repeat=mode)

    assert title(tl.drop_current()) == "a"
    assert names(tl.upcoming) == ["b"]
    assert names(tl.history) == ["broken"]


def test_skip_to_with_repeat_off_sends_the_passed_songs_to_history() -> None:
    tl = tracklist("a", "b", "c", "d", playing="now")

    assert title(tl.skip_to(3)) == "c"
    assert names(tl.upcoming) == ["d"]
    assert names(tl.history) == ["now", "a", "b"]


def test_skip_to_with_repeat_track_sends_the_passed_songs_to_history() -> None:
    tl = tracklist("a", "b", "c", playing="now", repeat=RepeatMode.TRACK)

    assert title(tl.skip_to(2)) == "b"
    assert names(tl.upcoming) == ["c"]
    assert names(tl.history) == ["now", "a"]


def test_skip_to_with_repeat_queue_keeps_the_passed_songs_at_the_end() -> None:
    tl = tracklist("a", "b", "c", "d", playing="now", repeat=RepeatMode.QUEUE)

    assert title(tl.skip_to(3)) == "c"
    assert names(tl.upcoming) == ["d", "now", "a", "b"]
    assert tl.history == ()
    assert len(tl) == 5


def test_skip_to_the_last_position() -> None:
    tl = tracklist("a", "b", "c")

    assert title(tl.skip_to(3)) == "c"
    assert tl.upcoming == ()
    assert names(tl.history) == ["a", "b"]


def test_skip_to_1_is_a_skip() -> None:
    tl = tracklist("a", "b", playing="now")

    assert title(tl.skip_to(1)) == "a"
    assert names(tl.upcoming) == ["b"]
    assert names(tl.history) == ["now"]


@pytest.mark.parametrize("position", [0, -1, 3])
def test_skip_to_outside_the_queue_is_invalid_and_changes_nothing(position: int) -> None:
    tl = tracklist("a", "b", playing="now")

    with pytest.raises(InvalidPosition):
        tl.skip_to(position)

    assert title(tl.current) == "now"
    assert names(tl.upcoming) == ["a", "b"]
    assert tl.history == ()


def test_stop_retires_the_current_song_and_returns_the_upcoming_ones() -> None:
    tl = tracklist("a", "b", playing="now", repeat=RepeatMode.QUEUE)

    assert names(tl.stop()) == ["a", "b"]
    assert tl.current is None
    assert tl.upcoming == ()
    assert names(tl.history) == ["now"]
    assert len(tl) == 0


# --- history ------------------------------------------------------------------------------------------
def test_history_keeps_only_the_latest_songs_oldest_first() -> None:
    tl = tracklist(*"abcde", history_size=2)

    for _ in range(6):
        tl.advance()

    assert names(tl.history) == ["d", "e"]


def test_a_zero_history_keeps_nothing() -> None:
    tl = tracklist("a", "b", history_size=0)

    tl.advance()
    tl.advance()
    tl.advance()

    assert tl.history == ()


def test_the_default_history_is_bounded() -> None:
    tl = tracklist(*(str(n) for n in range(DEFAULT_HISTORY_SIZE + 10)))

    while tl.advance() is not None:
        pass

    assert len(tl.history) == DEFAULT_HISTORY_SIZE
    assert names(tl.history)[-1] == str(DEFAULT_HISTORY_SIZE + 9)


def test_requeue_current_puts_the_song_back_in_front() -> None:
    tracklist = Tracklist()
    first, second = make_song("first"), make_song("second")
    tracklist.add_many([first, second])
    tracklist.skip()

    assert tracklist.requeue_current() is first
    assert tracklist.current is None
    assert tracklist.upcoming == (first, second)
    assert tracklist.history == ()
    assert tracklist.requeue_current() is None
