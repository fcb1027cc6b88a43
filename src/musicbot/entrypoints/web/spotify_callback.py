"""`GET /spotify/callback`: where Spotify sends a member's browser after they agreed; `state` says who it is.

The page answers in plain words and never shows a token. The route is mounted on the operations server at the
path of the configured redirect URI.
"""

from __future__ import annotations

import html
import logging
from urllib.parse import urlsplit

from aiohttp import web

from musicbot.application.spotify_accounts.connect import Callback
from musicbot.application.spotify_accounts.errors import SpotifyAccountError
from musicbot.entrypoints.spotify_accounts import CALLBACK_PATH, SpotifyAccountServices

log = logging.getLogger(__name__)

_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>musicbot · Spotify</title>
<meta name="referrer" content="no-referrer"></head>
<body style="font-family:sans-serif;max-width:40em;margin:3em auto"><h1>{title}</h1><p>{text}</p></body></html>"""


def mount_spotify_callback(app: web.Application, accounts: SpotifyAccountServices) -> str | None:
    """Adds the route (before the server starts); its path, or None when linking is off."""
    linking = accounts.linking
    if linking is None:
        return None
    path = urlsplit(linking.redirect_uri).path or CALLBACK_PATH

    async def callback(request: web.Request) -> web.Response:
        query = {key: request.query[key] for key in ("state", "code", "error") if key in request.query}
        try:
            account = await linking.finish.execute(Callback.from_query(query))
        except SpotifyAccountError as error:
            return _page("Not linked", error.reason, status=400)
        except Exception:
            log.exception("the Spotify callback failed")
            return _page("Not linked", "Something went wrong on the bot's side; try /spotify connect again.", 500)
        accounts.refresh_soon(account.user_id)
        who = account.display_name or account.account_id
        return _page("Linked", f"Your Spotify account {who} is linked. You can close this tab and go back to Discord.")

    app.router.add_get(path, callback)
    return path


def _page(title: str, text: str, status: int = 200) -> web.Response:
    body = _PAGE.format(title=html.escape(title), text=html.escape(text))
    response = web.Response(text=body, status=status, content_type="text/html")
    response.headers["Cache-Control"] = "no-store"
    return response
