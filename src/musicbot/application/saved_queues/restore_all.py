from dataclasses import dataclass

from musicbot.application.saved_queues.ports import QueueUnitOfWorkFactory
from musicbot.domain.queue_snapshot import QueueSnapshot


@dataclass(frozen=True, slots=True, kw_only=True)
class RestoredQueues:
    snapshots: tuple[QueueSnapshot, ...]  # by guild id


class RestoreQueues:
    """At start: the queues saved when the bot stopped, for the caller to rejoin and resume
    (`ResumeQueue` rebuilds each one's player with `Player.from_snapshot`)."""

    def __init__(self, uow_factory: QueueUnitOfWorkFactory) -> None:
        self._uow_factory = uow_factory

    async def execute(self) -> RestoredQueues:
        async with self._uow_factory() as uow:
            snapshots = await uow.queues.all()
        return RestoredQueues(snapshots=tuple(snapshots))
