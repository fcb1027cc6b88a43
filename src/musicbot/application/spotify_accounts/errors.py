"""What linking and using a member's Spotify account can fail with; every message is for the member to read."""

from __future__ import annotations

from musicbot.application.errors import ApplicationError


class SpotifyAccountError(ApplicationError):
    """A member's Spotify request failed; `reason` says why in words they can act on."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class AccountsDisabled(SpotifyAccountError):
    """The owner has not configured what linking needs (the reason names the missing setting)."""


class NotLinked(SpotifyAccountError):
    def __init__(self) -> None:
        super().__init__("your Spotify account is not linked: use /spotify connect first")


class LinkExpired(SpotifyAccountError):
    """Spotify refused the refresh token (`invalid_grant`): refresh tokens end six months after linking."""

    def __init__(self) -> None:
        super().__init__(
            "Spotify no longer accepts your link (links end six months after you connect, or when you remove "
            "the app in your Spotify account): use /spotify connect again"
        )


class InvalidLinkState(SpotifyAccountError):
    """The `state` is unknown, used already, expired, or belongs to someone else: the link is refused."""

    def __init__(self) -> None:
        super().__init__(
            "that sign-in link is not valid any more (each link works once, for 10 minutes, for the member who "
            "asked for it): use /spotify connect again"
        )


class NotAllowListed(SpotifyAccountError):
    """403 for a member missing from a development-mode app's user list."""

    def __init__(self) -> None:
        super().__init__(
            "Spotify refused your account: this bot's Spotify app is in development mode and only lets in the "
            "users its owner listed (at most 5). Ask the bot's owner to add your Spotify e-mail in the Spotify "
            "Developer Dashboard (the app → User Management), then connect again"
        )


class SpotifyUnavailable(SpotifyAccountError):
    """Spotify could not answer now (down, rate-limited, unreachable): try later; nothing was lost."""

    def __init__(self, reason: str, *, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.retry_after = retry_after
