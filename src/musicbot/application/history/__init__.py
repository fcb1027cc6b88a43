"""Listening history: what was played, where, for whom; recorded off the hot path, read back for
recommendations."""
