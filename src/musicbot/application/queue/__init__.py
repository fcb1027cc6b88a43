"""Editing and viewing a guild's queue: clear, move, remove, shuffle, tidy, view, load a linked playlist."""
