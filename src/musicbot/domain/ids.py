"""Identifiers as distinct types, never framework objects."""

from typing import NewType

GuildId = NewType("GuildId", int)
UserId = NewType("UserId", int)
ChannelId = NewType("ChannelId", int)
SongId = NewType("SongId", int)
