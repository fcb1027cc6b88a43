"""One evaluation request and what a person would expect the reader to take from it.

Labels are written `facet=value[, value...]`, separated by `;`:
`g` genres, `m` moods, `a` activities, `e` eras (`1990-1999`), `ar` referenced artists or songs (a name that may
be either), `-g` / `-m` / `-ar` what must be left out, `inst` instrumental ("no lyrics"), `en` the energy level
(`low`, `medium`, `high`; scored only where given), `l` the language of the lyrics asked for, `chat` (not a
music request: a greeting, thanks, a command). Names are compared case-insensitively; all other facets must
come out exactly as labelled (what a label leaves out must come out empty).
"""

from __future__ import annotations

from dataclasses import dataclass, field

CLASSES = ("negation", "chat", "reference", "language", "energy", "era", "slang", "plain")
FACETS = ("genres", "moods", "activities", "eras", "references", "exclusions", "energy", "language", "chat")
_KEYS = {"g": "genres", "m": "moods", "a": "activities", "e": "eras", "ar": "references", "l": "language"}
_EXCLUDED = {"-g": "genre", "-m": "mood", "-ar": "artist"}


@dataclass(frozen=True, slots=True)
class Case:
    klass: str
    text: str
    expected: dict[str, frozenset[str]] = field(default_factory=dict)  # facet -> values; energy only if given

    @classmethod
    def of(cls, klass: str, text: str, labels: str) -> Case:
        if klass not in CLASSES:
            raise ValueError(f"unknown class {klass!r}")
        found: dict[str, set[str]] = {facet: set() for facet in FACETS if facet != "energy"}
        for label in filter(None, (part.strip() for part in labels.split(";"))):
            key, _, value = label.partition("=")
            values = [v.strip() for v in value.split(",") if v.strip()]
            if key in _KEYS:
                found[_KEYS[key]].update(v.casefold() if key == "ar" else v for v in values)
            elif key in _EXCLUDED:
                found["exclusions"].update(f"{_EXCLUDED[key]}:{v.casefold()}" for v in values)
            elif key == "inst":
                found["exclusions"].add("instrumental")
            elif key == "en":
                found["energy"] = set(values)
            elif key == "chat":
                found["chat"].add("chat")
            else:
                raise ValueError(f"unknown label {label!r} in {text!r}")
        return cls(klass, text, {facet: frozenset(values) for facet, values in found.items()})
