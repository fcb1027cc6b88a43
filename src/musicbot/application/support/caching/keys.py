"""Cache keys: what users type, reduced so that the same request written twice finds the same entry."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit


def normalise_query(text: str) -> str:
    """Search words fold case and spacing; a link keeps its path and query exactly (video ids are case-sensitive).

    Discord's `<link>` wrapping (which hides the embed) is dropped, as the resolver drops it.
    """
    query = " ".join(text.split())
    if query.startswith("<") and query.endswith(">"):
        query = query[1:-1].strip()
    if "://" not in query:
        return query.casefold()
    try:
        parts = urlsplit(query)
    except ValueError:  # a malformed netloc ("http://[::1"): keep the text; the resolver will refuse it
        return query
    return urlunsplit(parts._replace(scheme=parts.scheme.lower(), netloc=parts.netloc.lower()))
