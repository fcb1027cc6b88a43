"""The root of musicbot's exception tree and its domain branch.

Every error a user can cause or meet derives from `MusicBotError`; entrypoints map these types to friendly
messages in one table.
"""


class MusicBotError(Exception):
    """Base of every error musicbot raises on purpose."""


class DomainError(MusicBotError):
    """A rule of the domain was broken."""


class InvalidTransition(DomainError):
    def __init__(self, entity: str, current: object, target: object) -> None:
        super().__init__(f"{entity} cannot go from {current} to {target}")
        self.current = current
        self.target = target


class InvalidTrack(DomainError):
    """A track's data does not make sense (empty title, negative duration, ...)."""


class QueueFull(DomainError):
    def __init__(self, limit: int) -> None:
        super().__init__(f"the queue is full ({limit} songs)")
        self.limit = limit


class InvalidPosition(DomainError):
    def __init__(self, position: int, size: int) -> None:
        super().__init__(f"there is no position {position} (valid: 1-{size})" if size else "the queue is empty")
        self.position = position
        self.size = size


class NothingPlaying(DomainError):
    def __init__(self) -> None:
        super().__init__("nothing is playing")


class NothingBefore(DomainError):
    def __init__(self) -> None:
        super().__init__("no song played before this one")


class InvalidVolume(DomainError):
    def __init__(self, percent: int) -> None:
        super().__init__(f"volume must be between 0 and 200 %, not {percent}")
        self.percent = percent


class InvalidPlaylistName(DomainError):
    """A playlist name breaks the naming rules."""


class PlaylistFull(DomainError):
    def __init__(self, limit: int) -> None:
        super().__init__(f"the playlist is full ({limit} tracks)")
        self.limit = limit


class DuplicatePlaylist(DomainError):
    def __init__(self, name: str) -> None:
        super().__init__(f"a playlist named {name!r} already exists")
        self.name = name


class PlaylistNotFound(DomainError):
    def __init__(self, name: str) -> None:
        super().__init__(f"there is no playlist named {name!r}")
        self.name = name


class InvalidSeek(DomainError):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class AlreadyPaused(DomainError):
    def __init__(self) -> None:
        super().__init__("already paused")


class NotPaused(DomainError):
    def __init__(self) -> None:
        super().__init__("the player is not paused")


class PlaylistNotLoaded(DomainError):
    """A playlist's tracks were asked of an aggregate loaded without them: the use-case did not name it to its
    repository (a programming error, not a user's)."""

    def __init__(self, name: str) -> None:
        super().__init__(f"the tracks of playlist {name!r} were not loaded")
        self.name = name
