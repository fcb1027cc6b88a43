"""The application branch of the exception tree: what use-cases and ports promise to raise."""

from musicbot.domain.errors import AlreadyPaused as AlreadyPaused  # the player's rules are the domain's now
from musicbot.domain.errors import InvalidSeek as InvalidSeek
from musicbot.domain.errors import MusicBotError
from musicbot.domain.errors import NotPaused as NotPaused


class ApplicationError(MusicBotError):
    """A use-case could not do what was asked."""


class InvalidQuery(ApplicationError):
    """What the user typed cannot be a song request (empty, too long, a scheme we refuse...)."""


class TrackUnavailable(ApplicationError):
    """A source could not give a playable track. `transient` errors may succeed when tried again."""

    def __init__(self, reason: str, *, transient: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.transient = transient


class NoResults(TrackUnavailable):
    def __init__(self, query: str) -> None:
        super().__init__(f"nothing found for {query!r}")
        self.query = query


class PlaybackFailed(ApplicationError):
    """The audio output could not play a stream."""


class NotConnected(ApplicationError):
    """The bot is not in a voice channel in this guild."""

    def __init__(self) -> None:
        super().__init__("I am not in a voice channel; join one and use play or join")


class NoVoiceChannel(ApplicationError):
    """The user asked to play but is in no voice channel the bot could join."""

    def __init__(self) -> None:
        super().__init__("join a voice channel first")


class PlayerClosed(ApplicationError):
    """The guild's player was closed (the bot left) while the request was under way."""

    def __init__(self) -> None:
        super().__init__("the player was closed")
