import dataclasses

import pytest

from musicbot.domain.errors import (
    DuplicatePlaylist,
    InvalidPlaylistName,
    InvalidPosition,
    PlaylistFull,
    PlaylistNotFound,
)
from musicbot.domain.ids import GuildId
from musicbot.domain.playlist import (
    DEFAULT_PLAYLIST_MAX_SIZE,
    NAME_MAX_LENGTH,
    GuildPlaylists,
    Playlist,
    PlaylistInfo,
    PlaylistName,
)
from musicbot.domain.track import Track
from tests.unit.domain.builders import at, make_track, playable_track

GUILD = GuildId(10)
OTHER_GUILD = GuildId(20)


def titles(playlist: Playlist) -> list[str]:
    return [track.title for track in playlist.tracks]


def playlist_of(*names: str, max_size: int = DEFAULT_PLAYLIST_MAX_SIZE) -> Playlist:
    playlist = Playlist(guild_id=GUILD, name=PlaylistName("mix"), max_size=max_size)
    for name in names:
        playlist.add(make_track(name))
    return playlist


# --- names --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("Rock", "Rock"),
        ("  Rock  ", "Rock"),
        ("\tChill\n", "Chill"),
        ("\u3000和風\u3000", "和風"),  # ideographic spaces are whitespace too
        ("Rock  &  Roll", "Rock  &  Roll"),  # inner spaces are the user's business
        ("Lo-fi 🎵", "Lo-fi 🎵"),
        ("Café", "Café"),
        ("x", "x"),
    ],
)
def test_a_name_is_trimmed(raw: str, value: str) -> None:
    name = PlaylistName(raw)

    assert name.value == value
    assert str(name) == value


@pytest.mark.parametrize("raw", ["", " ", "\t\n ", "\u3000", "\u00a0"])
def test_a_name_cannot_be_empty(raw: str) -> None:
    with pytest.raises(InvalidPlaylistName, match="empty"):
        PlaylistName(raw)


def test_a_name_has_at_most_50_characters() -> None:
    assert NAME_MAX_LENGTH == 50
    assert PlaylistName("a" * 50).value == "a" * 50
    assert PlaylistName("  " + "a" * 50 + "  ").value == "a" * 50  # the trimmed length counts
    assert PlaylistName("é" * 50).value == "é" * 50  # characters, not bytes
    assert PlaylistName("🎵" * 50).value == "🎵" * 50
    with pytest.raises(InvalidPlaylistName, match="50"):
        PlaylistName("a" * 51)
    with pytest.raises(InvalidPlaylistName, match="50"):
        PlaylistName("🎵" * 51)


@pytest.mark.parametrize(
    "raw",
    [
        "a\x00b",  # NUL (Cc)
        "\x07bell",  # BEL (Cc)
        "Rock\nRoll",  # a newline inside the name
        "Rock\tRoll",
        "del\x7f",
        "zero\u200bwidth",  # zero-width space (Cf): invisible, so two names would look the same
        "\u200b",
        "evil\u202eflipped",  # right-to-left override (Cf)
        "line\u2028sep",  # line separator (Zl)
        "para\u2029sep",  # paragraph separator (Zp)
        "private\ue000",  # private use (Co)
        "lone\ud800surrogate",  # surrogate (Cs)
        "tag\U000e0041",  # tag character (Cf)
        "unassigned\u0378",  # unassigned (Cn)
        "Ro\u200dck",  # a joiner between letters: invisible, "Rock" to the eye
        "\u200d🎵",
        "🎵\u200d",
        "ab\u200c",  # a non-joiner with nothing to keep apart
    ],
)
def test_a_name_cannot_hold_control_or_invisible_characters(raw: str) -> None:
    with pytest.raises(InvalidPlaylistName, match="control"):
        PlaylistName(raw)


@pytest.mark.parametrize(
    "raw",
    [
        "👨\u200d👩\u200d👧 Family",  # a family emoji: three people joined by zero-width joiners
        "👩🏽\u200d💻 coding",  # a skin tone, then a joiner
        "❤️\u200d🔥",  # a variation selector, then a joiner
        "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f Scotland",  # a subdivision flag's tags
        "می\u200cخواهم",  # Persian: a zero-width non-joiner between letters
    ],
)
def test_a_name_may_hold_the_joiners_of_emoji_and_scripts(raw: str) -> None:
    assert PlaylistName(raw).value == raw


def test_a_name_is_frozen() -> None:
    name = PlaylistName("Rock")

    with pytest.raises(dataclasses.FrozenInstanceError):
        name.value = "Pop"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Rock", "rock"),
        ("Rock", "  ROCK "),
        ("Straße", "STRASSE"),
        ("Straße", "strasse"),
        ("Ǆ", "ǆ"),  # one-character digraphs in each case
        ("Ǆ", "ǅ"),
        ("Ǆ", "DŽ"),  # the digraph and its two letters (compatibility)
        ("ﬁre", "FIRE"),  # the "fi" ligature
        ("Café", "Cafe\u0301"),  # composed and decomposed é
        ("Σίσυφος", "ΣΊΣΥΦΟΣ"),  # final sigma
        ("ΐ", "Ϊ́"),  # folding decomposes this one: the key must be normalised again
        ("ΰ", "ΰ".upper()),
        ("Ｒｏｃｋ", "rock"),  # full-width letters
    ],
)
def test_names_that_differ_only_in_case_or_form_have_the_same_key(first: str, second: str) -> None:
    assert PlaylistName(first).key == PlaylistName(second).key


@pytest.mark.parametrize(("first", "second"), [("Rock", "Roc k"), ("Rock", "Rocks"), ("Cafe", "Café")])
def test_different_names_have_different_keys(first: str, second: str) -> None:
    assert PlaylistName(first).key != PlaylistName(second).key


# --- a playlist's tracks ------------------------------------------------------------------------------
def test_add_appends_and_returns_the_1_based_position() -> None:
    playlist = playlist_of()

    assert [playlist.add(make_track(t)) for t in ("a", "b", "c")] == [1, 2, 3]
    assert titles(playlist) == ["a", "b", "c"]
    assert len(playlist) == 3


def test_stored_tracks_have_no_stream() -> None:
    playlist = playlist_of()
    track = playable_track("a", expires_at=at(60))

    playlist.add(track)

    (stored,) = playlist.tracks
    assert stored == track.without_stream()
    assert stored.stream_url is None
    assert stored.http_headers == ()


def test_tracks_given_at_creation_are_stored_without_stream() -> None:
    playlist = Playlist(
        guild_id=GUILD,
        name=PlaylistName("mix"),
        _tracks=[playable_track("a"), playable_track("b", expires_at=at(1))],
    )

    assert titles(playlist) == ["a", "b"]
    assert all(track.stream_url is None for track in playlist.tracks)


def test_a_playlist_cannot_be_created_over_its_maximum_size() -> None:
    with pytest.raises(PlaylistFull):
        Playlist(guild_id=GUILD, name=PlaylistName("mix"), max_size=1, _tracks=[make_track("a")] * 2)


def test_add_beyond_the_maximum_size_raises_and_changes_nothing() -> None:
    playlist = playlist_of("a", "b", max_size=2)

    with pytest.raises(PlaylistFull) as raised:
        playlist.add(make_track("c"))

    assert raised.value.limit == 2
    assert titles(playlist) == ["a", "b"]


def test_the_same_track_can_be_stored_twice() -> None:
    playlist = playlist_of()
    track: Track = make_track("a")

    playlist.add(track)
    playlist.add(track)

    assert titles(playlist) == ["a", "a"]


def test_tracks_cannot_be_changed_from_outside() -> None:
    playlist = playlist_of("a")

    assert isinstance(playlist.tracks, tuple)


@pytest.mark.parametrize(
    ("position", "removed", "left"),
    [(1, "a", ["b", "c"]), (2, "b", ["a", "c"]), (3, "c", ["a", "b"])],
)
def test_remove_returns_the_track_and_closes_the_gap(position: int, removed: str, left: list[str]) -> None:
    playlist = playlist_of("a", "b", "c")

    assert playlist.remove(position).title == removed
    assert titles(playlist) == left


@pytest.mark.parametrize("position", [0, -1, 4])
def test_remove_outside_the_playlist_is_invalid(position: int) -> None:
    playlist = playlist_of("a", "b", "c")

    with pytest.raises(InvalidPosition) as raised:
        playlist.remove(position)

    assert (raised.value.position, raised.value.size) == (position, 3)
    assert titles(playlist) == ["a", "b", "c"]


def test_an_empty_playlist_has_no_position() -> None:
    with pytest.raises(InvalidPosition, match="empty"):
        playlist_of().remove(1)


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        (1, 3, ["b", "c", "a"]),  # to the last place
        (3, 1, ["c", "a", "b"]),
        (2, 1, ["b", "a", "c"]),
        (2, 2, ["a", "b", "c"]),
    ],
)
def test_move_puts_the_track_at_the_target(source: int, target: int, expected: list[str]) -> None:
    playlist = playlist_of("a", "b", "c")

    moved = playlist.move(source, target)

    assert titles(playlist) == expected
    assert playlist.tracks[target - 1] is moved


@pytest.mark.parametrize(("source", "target"), [(0, 1), (4, 1), (1, 0), (1, 4)])
def test_move_from_or_to_outside_the_playlist_is_invalid(source: int, target: int) -> None:
    playlist = playlist_of("a", "b", "c")

    with pytest.raises(InvalidPosition):
        playlist.move(source, target)

    assert titles(playlist) == ["a", "b", "c"]


# --- a guild's playlists ------------------------------------------------------------------------------
def test_create_then_get_ignoring_case_and_spaces() -> None:
    guild = GuildPlaylists(GUILD)

    created = guild.create("Road Trip", max_size=7)

    assert guild.get("  road TRIP ") is created
    assert created.guild_id == GUILD
    assert created.name.value == "Road Trip"
    assert created.max_size == 7
    assert len(created) == 0


def test_get_an_unknown_playlist() -> None:
    guild = GuildPlaylists(GUILD)
    guild.create("Rock")

    with pytest.raises(PlaylistNotFound) as raised:
        guild.get("  Jazz ")

    assert raised.value.name == "Jazz"


@pytest.mark.parametrize(("first", "second"), [("Rock", "ROCK"), ("Straße", "STRASSE"), ("ΐ", "Ϊ́")])
def test_names_are_unique_ignoring_case(first: str, second: str) -> None:
    guild = GuildPlaylists(GUILD)
    guild.create(first)

    with pytest.raises(DuplicatePlaylist):
        guild.create(second)

    assert [p.name.value for p in guild.playlists] == [first]


def test_create_rejects_an_invalid_name() -> None:
    guild = GuildPlaylists(GUILD)

    with pytest.raises(InvalidPlaylistName):
        guild.create("a" * 51)

    assert guild.playlists == ()


def test_playlists_are_listed_by_name_ignoring_case() -> None:
    guild = GuildPlaylists(GUILD)
    for name in ("beta", "Alpha", "gamma", "Delta"):
        guild.create(name)

    assert [p.name.value for p in guild.playlists] == ["Alpha", "beta", "Delta", "gamma"]


def test_loaded_playlists_are_checked() -> None:
    rock = Playlist(guild_id=GUILD, name=PlaylistName("Rock"))

    assert GuildPlaylists(GUILD, [rock]).get("rock") is rock
    with pytest.raises(DuplicatePlaylist):
        GuildPlaylists(GUILD, [rock, Playlist(guild_id=GUILD, name=PlaylistName("ROCK"))])
    with pytest.raises(ValueError, match="another guild"):
        GuildPlaylists(OTHER_GUILD, [rock])


def test_no_playlist_is_active_at_first() -> None:
    guild = GuildPlaylists(GUILD)
    guild.create("Rock")

    assert guild.active is None


def test_activate_makes_a_playlist_active() -> None:
    guild = GuildPlaylists(GUILD)
    rock = guild.create("Rock")
    jazz = guild.create("Jazz")

    assert guild.activate("rock") == PlaylistInfo.of(rock)
    assert guild.active is rock
    guild.activate("JAZZ")
    assert guild.active is jazz


def test_activate_an_unknown_playlist() -> None:
    guild = GuildPlaylists(GUILD)

    with pytest.raises(PlaylistNotFound):
        guild.activate("Rock")
    assert guild.active is None


def test_rename_keeps_the_playlist_and_its_tracks_active() -> None:
    guild = GuildPlaylists(GUILD)
    rock = guild.create("Rock")
    rock.add(make_track("a"))
    guild.activate("Rock")

    assert guild.rename("rock", "  Classic Rock ") == PlaylistInfo.of(rock)

    assert rock.name.value == "Classic Rock"
    assert guild.active is rock
    assert guild.get("classic rock") is rock
    assert titles(rock) == ["a"]
    with pytest.raises(PlaylistNotFound):
        guild.get("Rock")


def test_rename_an_inactive_playlist_leaves_the_active_one() -> None:
    guild = GuildPlaylists(GUILD)
    rock = guild.create("Rock")
    guild.create("Jazz")
    guild.activate("Rock")

    guild.rename("Jazz", "Bebop")

    assert guild.active is rock
    assert [p.name.value for p in guild.playlists] == ["Bebop", "Rock"]


def test_rename_to_another_case_of_the_same_name() -> None:
    guild = GuildPlaylists(GUILD)
    rock = guild.create("rock")
    guild.activate("rock")

    guild.rename("rock", "ROCK")

    assert rock.name.value == "ROCK"
    assert guild.playlists == (rock,)
    assert guild.active is rock


def test_rename_to_a_taken_name_changes_nothing() -> None:
    guild = GuildPlaylists(GUILD)
    rock = guild.create("Rock")
    jazz = guild.create("Jazz")
    guild.activate("Rock")

    with pytest.raises(DuplicatePlaylist):
        guild.rename("Rock", "JAZZ")

    assert rock.name.value == "Rock"
    assert guild.get("rock") is rock
    assert guild.get("jazz") is jazz
    assert guild.active is rock


def test_rename_an_unknown_playlist() -> None:
    with pytest.raises(PlaylistNotFound):
        GuildPlaylists(GUILD).rename("Rock", "Jazz")


def test_delete_the_active_playlist_clears_active() -> None:
    guild = GuildPlaylists(GUILD)
    rock = guild.create("Rock")
    guild.activate("Rock")

    assert guild.delete("ROCK") == PlaylistInfo.of(rock)

    assert guild.active is None
    assert guild.playlists == ()
    recreated = guild.create("Rock")
    assert recreated is not rock
    assert guild.active is None


def test_delete_another_playlist_keeps_the_active_one() -> None:
    guild = GuildPlaylists(GUILD)
    rock = guild.create("Rock")
    guild.create("Jazz")
    guild.activate("Rock")

    guild.delete("Jazz")

    assert guild.active is rock
    assert guild.playlists == (rock,)


def test_delete_an_unknown_playlist() -> None:
    with pytest.raises(PlaylistNotFound):
        GuildPlaylists(GUILD).delete("Rock")


def test_an_aggregate_rebuilt_from_its_snapshot_behaves_as_the_one_stored() -> None:
    """What storage kept comes back through the snapshot constructors: no adapter writes private fields."""
    name = PlaylistName.from_snapshot("Road Trip")
    road = Playlist.from_snapshot(guild_id=GUILD, name=name, max_size=2, tracks=[make_track("a")])
    stored = GuildPlaylists.from_snapshot(GUILD, [(name.key, road)], name.key)

    assert stored.active is road and stored.get("road trip") is road
    assert list(stored.members()) == [road] and road.tracks == (make_track("a"),)
    road.add(make_track("b"))
    with pytest.raises(PlaylistFull):
        road.add(make_track("c"))
    with pytest.raises(DuplicatePlaylist):
        stored.create("ROAD TRIP")
