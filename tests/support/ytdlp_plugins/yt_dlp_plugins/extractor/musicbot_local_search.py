"""A yt-dlp search extractor over a catalogue of local media, so that search-based features (recommendations,
radio) run with the real yt-dlp and no internet: `localsearch5:chill study beats` -> the five catalogue entries
sharing the most words with the query (then the rest of the catalogue, as a real search never comes back empty).

The catalogue is JSON in $MUSICBOT_TEST_SEARCH_CATALOG: `[{"url": ..., "title": ..., "artist": ...}, ...]`.
Loaded as a yt-dlp plugin when this directory's parent is on PYTHONPATH (the e2e subprocesses), or registered
in the test's own process by `tests.support.local_search.register`.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from typing import Any

from yt_dlp.extractor.common import SearchInfoExtractor

CATALOG_ENV = "MUSICBOT_TEST_SEARCH_CATALOG"
_WORD = re.compile(r"[a-z0-9]+")


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


class LocalSearchIE(SearchInfoExtractor):
    IE_NAME = "localsearch"
    IE_DESC = "search over the tests' local media catalogue"
    _SEARCH_KEY = "localsearch"
    _MAX_RESULTS = 100

    def _search_results(self, query: str) -> Iterator[dict[str, Any]]:
        catalog: list[dict[str, str]] = json.loads(os.environ.get(CATALOG_ENV) or "[]")
        wanted = _words(query)
        ranked = sorted(
            enumerate(catalog),
            key=lambda item: (-len(wanted & _words(f"{item[1]['title']} {item[1].get('artist', '')}")), item[0]),
        )
        for _, entry in ranked:
            yield {
                "_type": "url",
                "url": entry["url"],
                "title": entry["title"],
                "uploader": entry.get("artist"),
                "ie_key": "Generic",
            }
