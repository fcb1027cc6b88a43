"""Lyrics for a song: looked up by title, artist and length, cached, shown plain (paged) or synced (live)."""
