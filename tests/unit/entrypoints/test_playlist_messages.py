"""The friendly lines for the persistence errors, shared by the console and the bot."""

from __future__ import annotations

import pytest

from musicbot.application.storage_errors import (
    InvalidPlaylistFile,
    NoActivePlaylist,
    StorageUnavailable,
    TooManyPlaylists,
)
from musicbot.domain.errors import DuplicatePlaylist, InvalidPlaylistName, PlaylistFull, PlaylistNotFound
from musicbot.entrypoints.messages import friendly_error


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (NoActivePlaylist(), "No playlist is active yet: make one with /create, then pick it with /use."),
        (PlaylistNotFound("Mix"), "There is no playlist named “Mix”. See them all with /playlists."),
        (DuplicatePlaylist("Mix"), "A playlist named “Mix” already exists. Pick another name."),
        (InvalidPlaylistName("a playlist name cannot be empty"), "Bad playlist name: a playlist name cannot be empty."),
        (PlaylistFull(500), "That playlist is full (500 songs). Remove some or start another one."),
        (TooManyPlaylists(100), "This server has 100 playlists, the most it can keep. Delete one first."),
        (InvalidPlaylistFile('"tracks" must be a list'), 'I can\'t import that file: "tracks" must be a list.'),
        (StorageUnavailable(), "The bot's storage is unavailable; try again shortly."),
    ],
)
def test_each_persistence_error_has_a_friendly_message(error: Exception, message: str) -> None:
    assert friendly_error(error) == message


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (NoActivePlaylist(), "No playlist is active yet: make one with create, then pick it with use."),
        (PlaylistNotFound("Mix"), "There is no playlist named “Mix”. See them all with playlists."),
    ],
)
def test_the_console_is_told_its_own_commands(error: Exception, message: str) -> None:
    assert friendly_error(error, command_prefix="") == message
