"""Playlist names: what a user types, checked once and compared ignoring case."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from musicbot.domain.errors import InvalidPlaylistName

NAME_MAX_LENGTH = 50
# Control, format, surrogate, private-use, unassigned characters and line/paragraph separators.
_FORBIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


_ZWJ, _ZWNJ, _VS16, _BLACK_FLAG = "\u200d", "\u200c", "\ufe0f", "\U0001f3f4"
_TAGS = range(0xE0020, 0xE0080)  # the letters of a subdivision flag (🏴 + tags: Scotland, Wales)


def _forbidden(text: str, index: int) -> bool:
    """Invisible format characters are refused (two names would look the same), except those that join visible
    ones: ZWJ inside an emoji sequence (👨‍👩‍👧, 👩🏽‍💻, ❤️‍🔥), ZWNJ between letters (Persian, Indic scripts),
    the tags of a flag."""
    ch = text[index]
    if unicodedata.category(ch) not in _FORBIDDEN_CATEGORIES:
        return False
    before = text[index - 1] if index > 0 else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    if ch == _ZWJ:
        return not (_pictographic(before) and _pictographic(after))
    if ch == _ZWNJ:
        return not (before.isalpha() and after.isalpha())
    if ord(ch) in _TAGS:
        return not (before == _BLACK_FLAG or (before and ord(before) in _TAGS))
    return True


def _pictographic(ch: str) -> bool:
    # Emoji are symbols (So); skin tones are modifiers (Sk); VS16 asks for the emoji form of the one before.
    return bool(ch) and (ch == _VS16 or (ord(ch) > 0x7F and unicodedata.category(ch) in {"So", "Sk"}))


@dataclass(frozen=True, slots=True)
class PlaylistName:
    """A trimmed name of 1-50 printable characters; two names are the same playlist ignoring case."""

    value: str

    def __post_init__(self) -> None:
        trimmed = self.value.strip()
        if not trimmed:
            raise InvalidPlaylistName("a playlist name cannot be empty")
        if len(trimmed) > NAME_MAX_LENGTH:
            raise InvalidPlaylistName(f"a playlist name has at most {NAME_MAX_LENGTH} characters")
        if any(_forbidden(trimmed, index) for index in range(len(trimmed))):
            raise InvalidPlaylistName("a playlist name cannot contain control characters")
        object.__setattr__(self, "value", trimmed)

    @classmethod
    def from_snapshot(cls, value: str) -> PlaylistName:
        """A name as it was stored: validated by `__post_init__` on its way in, so not checked again (10,000
        names a guild would cost ~100 ms a command, bench/persistence.py)."""
        name = object.__new__(cls)
        object.__setattr__(name, "value", value)
        return name

    @property
    def key(self) -> str:
        """What uniqueness is judged on.

        Normalised again after case folding: folding can decompose a character ("ΐ" folds to three code
        points) so that a name and its upper-case form would otherwise differ.
        """
        return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", self.value).casefold())

    def __str__(self) -> str:
        return self.value
