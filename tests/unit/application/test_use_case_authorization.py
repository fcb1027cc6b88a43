"""Every use-case a driver calls applies the voice rules itself: a new driver passes the caller and cannot forget a
check. A refusal comes before anything changes and before the driver is told to acknowledge."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from musicbot.application.errors import NoVoiceChannel
from musicbot.application.guild.audio_filter import FilterCommand, SetAudioFilter
from musicbot.application.guild.cycle_repeat import CycleRepeat
from musicbot.application.guild.repeat import RepeatCommand, SetRepeat
from musicbot.application.guild.sessions import GuildSessions
from musicbot.application.guild.volume import SetVolume, VolumeCommand
from musicbot.application.guild.vote_skip import VoteSkip, VoteSkipCommand
from musicbot.application.playback.back import BackSong
from musicbot.application.playback.common import ControlCommand
from musicbot.application.playback.join import JoinCommand, JoinVoice
from musicbot.application.playback.leave import LeaveCommand, LeaveVoice
from musicbot.application.playback.pause import PausePlayback
from musicbot.application.playback.play import PlayCommand
from musicbot.application.playback.replay import ReplaySong
from musicbot.application.playback.resume import ResumePlayback
from musicbot.application.playback.seek import SeekCommand, SeekSong
from musicbot.application.playback.skip_to import SkipTo, SkipToCommand
from musicbot.application.playback.stop import StopPlayback
from musicbot.application.playback.toggle_pause import TogglePause
from musicbot.application.playback.voice_rules import Caller, NotInBotChannel
from musicbot.application.queue.clear import ClearQueue
from musicbot.application.queue.move import MoveCommand, MoveSong
from musicbot.application.queue.queue_tracks import QueueTracks, QueueTracksCommand
from musicbot.application.queue.remove import RemoveCommand, RemoveSong
from musicbot.application.queue.shuffle import ShuffleQueue
from musicbot.application.queue.tidy import FairQueueCommand, RemoveDuplicates, SetFairQueue
from musicbot.domain.audio_filter import AudioFilter, FilterPreset
from musicbot.domain.ids import UserId
from musicbot.domain.tracklist import RepeatMode
from tests.fakes.guild_settings import FakeSettingsStorage
from tests.unit.application.callers import in_channel
from tests.unit.application.wiring import ALICE, GUILD, OTHER_CHANNEL, App

Accepted = Callable[[], Awaitable[None]]
Run = Callable[[App, Caller, Accepted], Awaitable[Any]]


def _control(caller: Caller) -> ControlCommand:
    return ControlCommand(guild_id=GUILD, caller=caller)


def _store() -> Any:
    return FakeSettingsStorage().store()


CONTROLS: dict[str, Run] = {
    "pause": lambda app, c, a: PausePlayback(app.registry).execute(_control(c), accepted=a),
    "resume": lambda app, c, a: ResumePlayback(app.registry).execute(_control(c), accepted=a),
    "stop": lambda app, c, a: StopPlayback(app.registry).execute(_control(c), accepted=a),
    "shuffle": lambda app, c, a: ShuffleQueue(app.registry).execute(_control(c), accepted=a),
    "clear": lambda app, c, a: ClearQueue(app.registry).execute(_control(c), accepted=a),
    "back": lambda app, c, a: BackSong(app.registry).execute(_control(c), accepted=a),
    "replay": lambda app, c, a: ReplaySong(app.registry).execute(_control(c), accepted=a),
    "remove-dupes": lambda app, c, a: RemoveDuplicates(app.registry).execute(_control(c), accepted=a),
    "skipto": lambda app, c, a: SkipTo(app.registry).execute(
        SkipToCommand(guild_id=GUILD, caller=c, position=1), accepted=a
    ),
    "seek": lambda app, c, a: SeekSong(app.registry).execute(
        SeekCommand(guild_id=GUILD, caller=c, position=10), accepted=a
    ),
    "volume": lambda app, c, a: SetVolume(app.registry, _store()).execute(
        VolumeCommand(guild_id=GUILD, caller=c, percent=50), accepted=a
    ),
    "repeat": lambda app, c, a: SetRepeat(app.registry, _store()).execute(
        RepeatCommand(guild_id=GUILD, caller=c, mode=RepeatMode.QUEUE), accepted=a
    ),
    "dequeue": lambda app, c, a: RemoveSong(app.registry).execute(
        RemoveCommand(guild_id=GUILD, caller=c, position=1), accepted=a
    ),
    "move": lambda app, c, a: MoveSong(app.registry).execute(
        MoveCommand(guild_id=GUILD, caller=c, source=1, target=2), accepted=a
    ),
    "leave": lambda app, c, a: LeaveVoice(app.registry).execute(LeaveCommand(guild_id=GUILD, caller=c), accepted=a),
    "filter": lambda app, c, a: SetAudioFilter(app.registry, _store()).execute(
        FilterCommand(guild_id=GUILD, caller=c, audio_filter=AudioFilter.parse(FilterPreset.NIGHTCORE.value, None)),
        accepted=a,
    ),
    "fairqueue": lambda app, c, a: SetFairQueue(app.registry, _store()).execute(
        FairQueueCommand(guild_id=GUILD, caller=c, on=True), accepted=a
    ),
    "toggle pause": lambda app, c, a: TogglePause(app.registry).execute(_control(c), accepted=a),
    "cycle repeat": lambda app, c, a: CycleRepeat(app.registry, _store()).execute(_control(c), accepted=a),
    "skip (vote)": lambda app, c, a: VoteSkip(
        registry=app.registry, sessions=GuildSessions(app.clock), ratio=0.5
    ).execute(VoteSkipCommand(guild_id=GUILD, caller=c, listeners=frozenset()), accepted=a),
}
REQUESTS: dict[str, Run] = {
    "play": lambda app, c, a: app.play_song.execute(PlayCommand(guild_id=GUILD, caller=c, query="b"), accepted=a),
    "queue picks": lambda app, c, a: QueueTracks(registry=app.registry, preparer=app.preparer).execute(
        QueueTracksCommand(guild_id=GUILD, caller=c, tracks=(app.resolver.track("e"),)),
        accepted=a,
    ),
    "join (listeners there)": lambda app, c, a: JoinVoice(app.registry).execute(
        JoinCommand(guild_id=GUILD, caller=c, listeners=frozenset({ALICE, UserId(8)})), accepted=a
    ),
}


async def _refused(app: App, run: Run, caller: Caller) -> BaseException:
    await app.play("a")
    await app.play("c")
    await app.play("d")
    before = list(app.gateway.calls)
    titles = app.titles()
    told: list[bool] = []

    async def accepted() -> None:
        told.append(True)

    with pytest.raises((NotInBotChannel, NoVoiceChannel)) as refused:
        await run(app, caller, accepted)
    assert told == []  # the driver was not told to acknowledge: its refusal is its first answer
    assert app.gateway.calls == before and app.titles() == titles
    return refused.value


@pytest.mark.parametrize("name", list(CONTROLS) + list(REQUESTS))
async def test_a_caller_in_another_channel_is_refused_before_anything(app: App, name: str) -> None:
    refusal = await _refused(app, {**CONTROLS, **REQUESTS}[name], in_channel(OTHER_CHANNEL))
    assert isinstance(refusal, NotInBotChannel)
    assert str(refusal) == "join my voice channel to control me"


@pytest.mark.parametrize("name", list(CONTROLS) + list(REQUESTS))
async def test_a_caller_outside_voice_is_refused_too(app: App, name: str) -> None:
    await _refused(app, {**CONTROLS, **REQUESTS}[name], in_channel(None))
