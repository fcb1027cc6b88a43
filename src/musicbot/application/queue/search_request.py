"""`SearchToQueue`: `/search` for a caller, who must be able to queue what they pick: asked before searching,
so nobody waits for five results they cannot use."""

from __future__ import annotations

from dataclasses import dataclass

from musicbot.application.playback.registry import PlayerRegistry
from musicbot.application.playback.voice_rules import Accepted, Caller, Permission, VoiceRules, proceed
from musicbot.application.sources.search import SearchCommand, SearchResult, SearchSongs
from musicbot.domain.ids import GuildId


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchToQueueCommand:
    guild_id: GuildId
    caller: Caller
    words: str


class SearchToQueue:
    def __init__(self, *, registry: PlayerRegistry, search: SearchSongs) -> None:
        self._rules = VoiceRules(registry)
        self._search = search

    async def execute(self, command: SearchToQueueCommand, *, accepted: Accepted = proceed) -> SearchResult:
        self._rules.authorize(Permission.REQUEST, command.guild_id, command.caller)
        await accepted()
        return await self._search.execute(SearchCommand(words=command.words))
