"""Deezer's public API (no key): artists like an artist and their songs, for recommendations and radio."""

from musicbot.adapters.deezer.api import DeezerApi, DeezerArtist, DeezerTrack, DeezerUnavailable
from musicbot.adapters.deezer.similar import DeezerSimilarCandidates

__all__ = ["DeezerApi", "DeezerArtist", "DeezerSimilarCandidates", "DeezerTrack", "DeezerUnavailable"]
