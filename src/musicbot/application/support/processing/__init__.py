"""Resolving songs at scale: a priority worker pool and background batch loading."""
