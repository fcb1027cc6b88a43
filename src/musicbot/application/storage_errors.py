"""The persistence branch of the application's exception tree."""

from musicbot.application.errors import ApplicationError
from musicbot.domain.errors import PlaylistNotLoaded

__all__ = [
    "InvalidPlaylistFile",
    "NoActivePlaylist",
    "PersistenceError",
    "PlaylistNotLoaded",  # raised by the domain aggregate; kept importable here, where it was first
    "StorageUnavailable",
    "TooManyPlaylists",
]


class PersistenceError(ApplicationError):
    """Something kept across restarts could not be read or written."""


class StorageUnavailable(PersistenceError):
    """The database could not be reached or refused the write; nothing of the failed transaction was kept."""

    def __init__(self, reason: str = "the bot's storage is unavailable; try again shortly") -> None:
        super().__init__(reason)
        self.reason = reason


class NoActivePlaylist(PersistenceError):
    def __init__(self) -> None:
        super().__init__("no playlist is active: pick one with playlist use, or name the playlist")


class InvalidPlaylistFile(PersistenceError):
    """An imported playlist file was refused; nothing was saved. `reason` says what to fix."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"this playlist file cannot be imported: {reason}")
        self.reason = reason


class TooManyPlaylists(PersistenceError):
    def __init__(self, limit: int) -> None:
        super().__init__(f"this server has {limit} playlists, the most it can keep; delete one first")
        self.limit = limit
