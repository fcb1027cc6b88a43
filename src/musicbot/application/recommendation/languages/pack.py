"""What a language brings to the offline reader: its words for moods, activities and genres (mapped to the
lexicon's English names), and the small words around them: stop words, negations, reference cues, chat, eras.

Written as people type (accents optional: the matcher folds them). Phrases are separated by `|` so that a
phrase may hold spaces ("para llorar").
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Term:
    name: str
    synonyms: tuple[str, ...] = ()
    energy: float | None = None
    language: str | None = None


def word_set(text: str) -> frozenset[str]:
    """The words of `text`, split on white space: long word lists stay readable."""
    return frozenset(text.split())


def phrases(text: str) -> tuple[str, ...]:
    """`"triste|para llorar"` -> ("triste", "para llorar")."""
    return tuple(" ".join(part.split()) for part in text.split("|") if part.strip())


def term(name: str, *synonyms: str, energy: float | None = None, language: str | None = None) -> Term:
    return Term(name, (name, *synonyms), energy, language)


@dataclass(frozen=True, slots=True, kw_only=True)
class LanguagePack:
    """`moods`, `activities`, `genres`: the lexicon's English name -> this language's phrases (`|`-separated).
    `new_genres`: genres this language has and English lacks ("schlager"). Cues are phrases too:
    `negations` come before what is left out ("sin"), `negations_after` after it ("igai"); `references` before a
    name ("como"), `references_after` after it ("mitai"). `era_before` / `era_after` surround a decade's digits
    ("los 80", "80er"). `instrumental`: ways of saying "no lyrics". `chat`: greetings, thanks, player commands.
    """

    code: str
    stopwords: frozenset[str]
    moods: dict[str, str] = field(default_factory=dict)
    activities: dict[str, str] = field(default_factory=dict)
    genres: dict[str, str] = field(default_factory=dict)
    new_genres: tuple[Term, ...] = ()
    languages: dict[str, str] = field(default_factory=dict)  # "espanol" -> "es"
    negations: str = ""
    negations_after: str = ""
    references: str = ""
    references_after: str = ""
    era_before: str = ""
    era_after: str = ""
    instrumental: str = ""
    chat: frozenset[str] = frozenset()
    requests: frozenset[str] = frozenset()  # words that ask for music: never chat ("pon", "mets")
