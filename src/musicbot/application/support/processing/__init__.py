"""Resolving songs at scale: a priority worker pool."""
