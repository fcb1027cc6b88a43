"""`spotify connect|finish <address>|status|disconnect` and `forgetme` in the console: the copy-paste flow (the
console has no browser of its own: open the printed link, then paste where Spotify sent you)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from musicbot.application.spotify_accounts.connect import Callback
from musicbot.entrypoints.console.commands import ConsoleIdentity, UsageError
from musicbot.entrypoints.spotify_accounts import SpotifyAccountServices

USAGE = "spotify connect | spotify finish <the address Spotify sent you to> | spotify status | spotify disconnect"


class SpotifyCommands:
    def __init__(self, accounts: SpotifyAccountServices, identity: ConsoleIdentity) -> None:
        self._accounts = accounts
        self._id = identity
        self.table: dict[str, tuple[Callable[[str], Awaitable[str]], str]] = {
            "spotify": (self.spotify, USAGE),
            "forgetme": (self.forget, "forgetme: delete everything kept about you (Spotify link, taste, history)"),
        }

    async def spotify(self, args: str) -> str:
        action, _, rest = args.partition(" ")
        linking = self._accounts.require()
        user = self._id.user_id
        if action == "connect":
            sign_in = linking.start.execute(user, self._id.guild_id)
            return (
                f"Open this link, sign in to Spotify and agree (it works once, for {sign_in.minutes} minutes):\n"
                f"{sign_in.url}\nThen type: spotify finish <the whole address your browser ended on>"
            )
        if action == "finish":
            if not rest.strip():
                raise UsageError("usage: spotify finish <the whole address your browser ended on>")
            account = await linking.finish.execute(Callback.from_pasted(rest), user_id=user)
            self._accounts.refresh_soon(account.user_id)
            return f"Linked to Spotify as {account.display_name or account.account_id}."
        if action == "status":
            found = await linking.status.execute(user)
            if not found.linked:
                return "Spotify: not linked (spotify connect links your account)."
            artists = f"; top artists: {', '.join(found.profile_artists)}" if found.profile_artists else ""
            return f"Spotify: linked as {found.display_name or found.account_id}{artists}."
        if action == "disconnect":
            deleted = await linking.disconnect.execute(user)
            return "Unlinked: tokens and taste profile deleted." if any(deleted.values()) else "Spotify: not linked."
        raise UsageError(f"usage: {USAGE}")

    async def forget(self, _args: str) -> str:
        result = await self._accounts.forget.execute(self._id.user_id)
        deleted = ", ".join(f"{label}: {count}" for label, count in result.deleted.items())
        return f"Deleted {deleted}. Kept: {'; '.join(result.kept)}."
