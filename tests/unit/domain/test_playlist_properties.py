"""Random sequences of playlist operations against models made of plain lists and dicts."""

from __future__ import annotations

import itertools
import unicodedata

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from musicbot.domain.errors import (
    DuplicatePlaylist,
    InvalidPlaylistName,
    InvalidPosition,
    PlaylistFull,
    PlaylistNotFound,
)
from musicbot.domain.ids import GuildId
from musicbot.domain.playlist import GuildPlaylists, Playlist, PlaylistInfo, PlaylistName
from tests.unit.domain.builders import at, playable_track

GUILD = GuildId(1)
positions = st.integers(min_value=-1, max_value=8)
_titles = itertools.count(1)


class PlaylistMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.playlist = Playlist(guild_id=GUILD, name=PlaylistName("mix"))
        self.max_size = 0
        self.titles: list[str] = []  # the model: titles in order
        self.added: list[str] = []
        self.removed: list[str] = []

    @initialize(max_size=st.integers(min_value=1, max_value=6))
    def start(self, max_size: int) -> None:
        self.playlist = Playlist(guild_id=GUILD, name=PlaylistName("mix"), max_size=max_size)
        self.max_size = max_size

    @rule(data=st.data())
    def add(self, data: st.DataObject) -> None:
        # sometimes a track already stored: a playlist may hold the same track twice
        title = data.draw(st.sampled_from([*self.titles, f"track {next(_titles)}"]))
        track = playable_track(title, expires_at=at(60))
        if len(self.titles) >= self.max_size:
            with pytest.raises(PlaylistFull):
                self.playlist.add(track)
            return
        assert self.playlist.add(track) == len(self.titles) + 1
        self.titles.append(title)
        self.added.append(title)

    @rule(position=positions)
    def remove(self, position: int) -> None:
        if not 1 <= position <= len(self.titles):
            with pytest.raises(InvalidPosition):
                self.playlist.remove(position)
            return
        assert self.playlist.remove(position).title == self.titles[position - 1]
        self.removed.append(self.titles.pop(position - 1))

    @rule(source=positions, destination=positions)
    def move(self, source: int, destination: int) -> None:
        size = len(self.titles)
        if not (1 <= source <= size and 1 <= destination <= size):
            with pytest.raises(InvalidPosition):
                self.playlist.move(source, destination)
            return
        assert self.playlist.move(source, destination).title == self.titles[source - 1]
        self.titles.insert(destination - 1, self.titles.pop(source - 1))

    @invariant()
    def matches_the_model(self) -> None:
        assert [track.title for track in self.playlist.tracks] == self.titles
        assert len(self.playlist) == len(self.titles) <= self.max_size

    @invariant()
    def no_track_is_lost_or_duplicated(self) -> None:
        stored = [track.title for track in self.playlist.tracks]
        assert sorted(stored + self.removed) == sorted(self.added)

    @invariant()
    def stored_tracks_have_no_stream(self) -> None:
        for track in self.playlist.tracks:
            assert (track.stream_url, track.stream_expires_at, track.http_headers) == (None, None, ())


# Spellings of the same name, grouped by hand: the model's idea of "the same ignoring case" does not
# come from the code under test.
SAME_NAME = [
    ["Rock", "ROCK", "  rock "],
    ["Straße", "STRASSE", "strasse"],
    ["Ǆ", "ǅ", "ǆ", "DŽ"],
    ["ΐ", "Ϊ́"],
    ["Jazz"],
    ["Jazz Club", "JAZZ CLUB"],
]
spellings = st.sampled_from([(group, spelling) for group, names in enumerate(SAME_NAME) for spelling in names])


class GuildPlaylistsMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.guild = GuildPlaylists(GUILD)
        self.model: dict[int, tuple[str, Playlist]] = {}  # group -> (shown name, playlist)
        self.active: int | None = None

    @rule(name=spellings)
    def create(self, name: tuple[int, str]) -> None:
        group, spelling = name
        if group in self.model:
            with pytest.raises(DuplicatePlaylist):
                self.guild.create(spelling)
            return
        self.model[group] = (spelling.strip(), self.guild.create(spelling))

    @rule(name=spellings)
    def delete(self, name: tuple[int, str]) -> None:
        group, spelling = name
        if group not in self.model:
            with pytest.raises(PlaylistNotFound):
                self.guild.delete(spelling)
            return
        assert self.guild.delete(spelling) == PlaylistInfo.of(self.model.pop(group)[1])
        if self.active == group:
            self.active = None

    @rule(old=spellings, new=spellings)
    def rename(self, old: tuple[int, str], new: tuple[int, str]) -> None:
        (old_group, old_spelling), (new_group, new_spelling) = old, new
        if old_group not in self.model:
            with pytest.raises(PlaylistNotFound):
                self.guild.rename(old_spelling, new_spelling)
            return
        if new_group != old_group and new_group in self.model:
            with pytest.raises(DuplicatePlaylist):
                self.guild.rename(old_spelling, new_spelling)
            return
        playlist = self.model.pop(old_group)[1]
        assert self.guild.rename(old_spelling, new_spelling) == PlaylistInfo.of(playlist)
        self.model[new_group] = (new_spelling.strip(), playlist)
        if self.active == old_group:
            self.active = new_group

    @rule(name=spellings)
    def activate(self, name: tuple[int, str]) -> None:
        group, spelling = name
        if group not in self.model:
            with pytest.raises(PlaylistNotFound):
                self.guild.activate(spelling)
            return
        assert self.guild.activate(spelling) == PlaylistInfo.of(self.model[group][1])
        self.active = group

    @invariant()
    def matches_the_model(self) -> None:
        assert len(self.guild.playlists) == len(self.model)
        for group, (shown, playlist) in self.model.items():
            assert playlist.name.value == shown
            for spelling in SAME_NAME[group]:
                assert self.guild.get(spelling) is playlist
        for group in set(range(len(SAME_NAME))) - set(self.model):
            with pytest.raises(PlaylistNotFound):
                self.guild.get(SAME_NAME[group][0])

    @invariant()
    def the_active_playlist_is_one_that_exists(self) -> None:
        expected = None if self.active is None else self.model[self.active][1]
        assert self.guild.active is expected


fast = settings(max_examples=200, stateful_step_count=30, deadline=None)
PlaylistMachine.TestCase.settings = fast
GuildPlaylistsMachine.TestCase.settings = fast
test_playlist_machine = PlaylistMachine.TestCase
test_guild_playlists_machine = GuildPlaylistsMachine.TestCase


# --- names --------------------------------------------------------------------------------------------
def _variants(text: str) -> list[str]:
    return [
        text.lower(),
        text.casefold(),
        unicodedata.normalize("NFD", text),
        unicodedata.normalize("NFC", text),
        unicodedata.normalize("NFKC", text),
    ]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.one_of(st.characters(), st.sampled_from("ßΣσςǄǅǆΐΰİıﬁ´ \u0301")), max_size=20))
def test_a_name_and_its_lower_case_folded_or_normalised_forms_are_the_same_playlist(text: str) -> None:
    try:
        name = PlaylistName(text)
    except InvalidPlaylistName:
        return
    for variant in _variants(name.value):
        if variant != variant.strip():
            continue  # NFKC turns "´" into " ́": trimming that makes it another name, not another form
        try:
            other = PlaylistName(variant)
        except InvalidPlaylistName:  # a form can grow past 50 characters ("ﷺ" is 18 under NFKC)
            continue
        assert other.key == name.key
    # the key is its own key: it is a fixed point, not one step of a chain
    assume(len(name.key) <= 50 and name.key == name.key.strip())
    assert PlaylistName(name.key).key == name.key


# Plain text seldom holds the characters that matter here, so they are mixed in on purpose.
name_texts = st.text(
    alphabet=st.one_of(st.characters(), st.sampled_from("a \t\n\x00\x7f\u200b\u200c\u200d\u202e\u2028\ue000ßΣǄ´🎵🏽")),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(name_texts)
def test_a_valid_name_is_trimmed_short_and_printable(text: str) -> None:
    try:
        name = PlaylistName(text)
    except InvalidPlaylistName:
        stripped = text.strip()
        assert (
            not stripped
            or len(stripped) > 50
            or any(unicodedata.category(ch)[0] == "C" or ch in "\u2028\u2029" for ch in stripped)
        )
        return
    assert name.value == text.strip()
    assert 1 <= len(name.value) <= 50
    # Format characters only where they join visible ones (emoji sequences, letters, a flag's tags).
    for index, ch in enumerate(name.value):
        category = unicodedata.category(ch)
        assert category not in {"Cc", "Cs", "Co", "Cn"}
        if category == "Cf":
            assert ch in "\u200c\u200d" or 0xE0020 <= ord(ch) < 0xE0080
            assert index > 0, "a joiner never starts a name"
