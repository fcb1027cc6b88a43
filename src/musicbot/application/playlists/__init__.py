"""Saved playlists: create, fill, show, use, export and import them."""
