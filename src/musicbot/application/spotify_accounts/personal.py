"""`RecommendFor`: `/recommend for:me` (the member's Spotify taste, plus their words if any) and `for:server` (the
linked members in the voice channel, plus the server's own history), through the recommendation pipeline: the
same intent reader (the AI service or the offline lexicon), candidate sources and ranking as `/recommend`, with
the listeners' taste profiles as one more source.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from musicbot.application.recommendation.errors import NoRecommendations
from musicbot.application.recommendation.fallback import FallbackIntentExtractor
from musicbot.application.recommendation.intent import MAX_TERMS, MusicIntent
from musicbot.application.recommendation.picker import SongPicker
from musicbot.application.recommendation.ports import Audience
from musicbot.application.recommendation.rate_limit import SlidingWindowRateLimiter
from musicbot.application.recommendation.recommend import Recommendations
from musicbot.application.spotify_accounts.errors import NotLinked
from musicbot.application.spotify_accounts.ports import LinkedAccounts, TasteProfiles
from musicbot.application.spotify_accounts.taste import RefreshTaste
from musicbot.application.support.requests import clean_request
from musicbot.domain.ids import GuildId, UserId

SEED_ARTISTS = 3  # the profile's top artists a request without words starts from


class Scope(enum.StrEnum):
    ME = "me"
    SERVER = "server"


@dataclass(frozen=True, slots=True, kw_only=True)
class RecommendForCommand:
    guild_id: GuildId
    user_id: UserId
    scope: Scope
    prompt: str = ""
    listeners: frozenset[UserId] = frozenset()  # who is in the requester's voice channel


class RecommendFor:
    def __init__(
        self,
        *,
        extractor: FallbackIntentExtractor,
        picker: SongPicker,
        limiter: SlidingWindowRateLimiter,
        accounts: LinkedAccounts,
        profiles: TasteProfiles,
        refresh: RefreshTaste,
        max_prompt_length: int,
    ) -> None:
        self._extractor = extractor
        self._picker = picker
        self._limiter = limiter
        self._accounts = accounts
        self._profiles = profiles
        self._refresh = refresh
        self._max_prompt = max_prompt_length

    async def execute(self, command: RecommendForCommand) -> Recommendations:
        prompt = clean_request(command.prompt, max_length=self._max_prompt, missing=None)  # words are optional
        self._limiter.acquire(command.user_id)
        if command.scope is Scope.ME:
            members = frozenset({command.user_id})
            if not await self._accounts.linked_among(members):
                raise NotLinked
        else:
            members = await self._accounts.linked_among(command.listeners | {command.user_id})
        artists: list[str] = []
        for user_id in sorted(members):
            profile = await self._profiles.get(user_id) or await self._refresh.execute(user_id)
            artists.extend(profile.artists[:SEED_ARTISTS])
        used_ai = False
        if prompt:
            extraction = await self._extractor.extract_with_origin(prompt)
            intent, used_ai = extraction.intent, extraction.used_ai
        else:
            seeds = tuple(dict.fromkeys(" ".join(a.split())[:80] for a in artists if a.strip()))
            intent = MusicIntent(seed_artists=seeds[:MAX_TERMS])
        listeners = members if command.scope is Scope.ME else command.listeners | {command.user_id}
        tracks = await self._picker.pick(intent, Audience(guild_id=command.guild_id, listeners=listeners))
        if not tracks:
            raise NoRecommendations
        return Recommendations(intent=intent, tracks=tuple(tracks), used_ai=used_ai)
