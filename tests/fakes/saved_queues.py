"""A `SavedQueueLookup` over a dict: what a process's storage would hand /join."""

from __future__ import annotations

from musicbot.domain.ids import GuildId
from musicbot.domain.queue_snapshot import QueueSnapshot


class FakeSavedQueues:
    def __init__(self, *snapshots: QueueSnapshot) -> None:
        self.snapshots = {snapshot.guild_id: snapshot for snapshot in snapshots}
        self.lookups: list[GuildId] = []

    async def saved_queue(self, guild_id: GuildId) -> QueueSnapshot | None:
        self.lookups.append(guild_id)
        return self.snapshots.get(guild_id)
