"""The languages the offline reader knows besides English, one small data module each."""

from __future__ import annotations

from musicbot.application.recommendation.languages.english import ENGLISH
from musicbot.application.recommendation.languages.french import FRENCH
from musicbot.application.recommendation.languages.german import GERMAN
from musicbot.application.recommendation.languages.indonesian import INDONESIAN
from musicbot.application.recommendation.languages.italian import ITALIAN
from musicbot.application.recommendation.languages.japanese import JAPANESE
from musicbot.application.recommendation.languages.pack import LanguagePack
from musicbot.application.recommendation.languages.portuguese import PORTUGUESE
from musicbot.application.recommendation.languages.spanish import SPANISH
from musicbot.application.recommendation.languages.vietnamese import VIETNAMESE

FOREIGN: tuple[LanguagePack, ...] = (SPANISH, PORTUGUESE, GERMAN, FRENCH, ITALIAN, VIETNAMESE, INDONESIAN, JAPANESE)
PACKS: tuple[LanguagePack, ...] = (ENGLISH, *FOREIGN)

__all__ = ["ENGLISH", "FOREIGN", "PACKS", "LanguagePack"]
