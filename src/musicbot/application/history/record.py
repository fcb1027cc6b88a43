from dataclasses import dataclass

from musicbot.application.history.model import PlayRecord
from musicbot.application.history.ports import HistoryUnitOfWorkFactory
from musicbot.application.support.clock import Clock
from musicbot.domain.ids import GuildId
from musicbot.domain.song import Song


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordPlayCommand:
    guild_id: GuildId
    song: Song


class RecordPlay:
    """Note that a song started playing (the history recorder does, for every `SongStarted`)."""

    def __init__(self, uow_factory: HistoryUnitOfWorkFactory, clock: Clock) -> None:
        self._uow_factory = uow_factory
        self._clock = clock

    async def execute(self, command: RecordPlayCommand) -> PlayRecord:
        play = PlayRecord(
            guild_id=command.guild_id,
            user_id=command.song.requester,
            track=command.song.track,
            played_at=self._clock.now(),
        )
        async with self._uow_factory() as uow:
            await uow.history.record(play)
            await uow.commit()
        return play
