"""`LastCards`: each member's last recommendation card per server, for `/spotify save` (bounded, in memory)."""

from __future__ import annotations

from collections import OrderedDict

from musicbot.domain.ids import GuildId, UserId
from musicbot.domain.track import Track

MAX_CARDS = 5_000


class LastCards:
    def __init__(self, max_cards: int = MAX_CARDS) -> None:
        self._cards: OrderedDict[tuple[GuildId, UserId], tuple[Track, ...]] = OrderedDict()
        self._max = max_cards

    def remember(self, guild_id: GuildId, user_id: UserId, tracks: tuple[Track, ...]) -> None:
        self._cards[(guild_id, user_id)] = tracks
        self._cards.move_to_end((guild_id, user_id))
        while len(self._cards) > self._max:
            self._cards.popitem(last=False)

    def last(self, guild_id: GuildId, user_id: UserId) -> tuple[Track, ...]:
        return self._cards.get((guild_id, user_id), ())

    def forget(self, user_id: UserId) -> bool:
        mine = [key for key in self._cards if key[1] == user_id]
        for key in mine:
            del self._cards[key]
        return bool(mine)
