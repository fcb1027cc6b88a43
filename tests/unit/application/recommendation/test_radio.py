"""Radio: when on and the queue is about to run out, more songs like the last ones come, never a repeat."""

from __future__ import annotations

import random
from dataclasses import dataclass

from musicbot.application.playback.events import subscribe_notifier
from musicbot.application.playback.player import GuildPlayer
from musicbot.application.playback.preparation import SongPreparer
from musicbot.application.playback.registry import PlayerRegistry
from musicbot.application.playback.settings import PlayerSettings
from musicbot.application.recommendation.events import RadioHandlers
from musicbot.application.recommendation.heard import PlayerQueueHeard
from musicbot.application.recommendation.picker import SongPicker
from musicbot.application.recommendation.radio import Radio, RadioCommand, seed_intent
from musicbot.application.recommendation.search_candidates import SearchCandidates
from musicbot.application.recommendation.settings import RecommendationSettings
from musicbot.application.recommendation.songs import song_key
from musicbot.application.support.messagebus import MessageBus
from musicbot.domain.events import SongStarted
from musicbot.domain.ids import ChannelId, GuildId, UserId
from musicbot.domain.track import Track
from tests.fakes.clock import ManualClock
from tests.fakes.events import RecordingEvents
from tests.fakes.listening_history import InMemoryListeningHistory
from tests.fakes.resolver import FakeTrackResolver
from tests.fakes.voice import FakeVoiceGateway
from tests.unit.application.recommendation.doubles import FakeSearch, track
from tests.unit.application.wiring import settle

GUILD, CHANNEL = GuildId(1), ChannelId(5)
ALICE, BOB = UserId(7), UserId(8)
SEED = track("Daft Punk - One More Time", "Daft Punk")


@dataclass
class RadioWorld:
    clock: ManualClock
    search: FakeSearch
    gateway: FakeVoiceGateway
    inner: RecordingEvents
    history: InMemoryListeningHistory
    registry: PlayerRegistry
    preparer: SongPreparer
    radio: Radio

    async def start(self, played: Track = SEED) -> GuildPlayer:
        player, _ = await self.registry.join(GUILD, CHANNEL)
        await player.enqueue(self.preparer.song_for(played, BOB))
        await settle()
        return player

    async def finish(self) -> None:
        await self.gateway.finish(GUILD)
        await settle()

    def started(self) -> list[str]:
        return [event.title or "" for event in self.inner.of_kind("song_started")]


def build(**options: int) -> RadioWorld:
    clock, search, gateway, inner = ManualClock(), FakeSearch(), FakeVoiceGateway(), RecordingEvents()
    history = InMemoryListeningHistory()
    settings = RecommendationSettings(**options)
    preparer = SongPreparer(resolver=FakeTrackResolver(clock), clock=clock, max_attempts=1)
    bus = MessageBus()

    async def record_play(event: SongStarted) -> None:  # the history recorder's part, on the same history
        await history.record(event.guild_id, event.song.requester, event.song.track, clock.now())

    bus.subscribe(SongStarted, record_play)

    def new_player(guild_id: GuildId, channel_id: ChannelId) -> GuildPlayer:
        return GuildPlayer(
            guild_id=guild_id,
            channel_id=channel_id,
            gateway=gateway,
            preparer=preparer,
            clock=clock,
            bus=bus,
            settings=PlayerSettings(),
            rng=random.Random(1),
        )

    registry = PlayerRegistry(gateway=gateway, factory=new_player)
    picker = SongPicker(
        source=SearchCandidates(search), history=history, heard=PlayerQueueHeard(registry), settings=settings
    )
    radio = Radio(picker=picker, history=history, registry=registry, preparer=preparer, settings=settings)
    subscribe_notifier(bus, inner)
    RadioHandlers(radio).subscribe(bus)
    return RadioWorld(clock, search, gateway, inner, history, registry, preparer, radio)


async def test_turning_radio_on_queues_songs_like_what_plays_when_nothing_follows() -> None:
    world = build(radio_batch=3)
    player = await world.start()

    status = await world.radio.execute(RadioCommand(guild_id=GUILD, user_id=ALICE, on=True))

    assert status.on and len(status.queued) == 3
    assert world.search.calls[0][0] == "daft punk best songs"
    assert [song.requester for song in player.tracklist.upcoming] == [ALICE] * 3


async def test_the_queue_never_runs_dry_and_no_song_comes_back_within_the_window() -> None:
    world = build(radio_batch=2, radio_no_repeat=50)
    await world.start()
    await world.radio.execute(RadioCommand(guild_id=GUILD, user_id=ALICE, on=True))

    for _ in range(80):
        await world.finish()

    played = world.started()
    assert len(played) == 81
    keys = [song_key(track(title)) for title in played]
    assert all(key not in keys[max(0, n - 50) : n] for n, key in enumerate(keys))
    assert world.inner.of_kind("queue_finished") == []


async def test_plays_are_recorded_in_the_history_by_requester() -> None:
    world = build()
    await world.start()

    recent = await world.history.recent(GUILD, 5)

    assert [(record.track.title, record.user_id) for record in recent] == [(SEED.title, BOB)]


async def test_with_radio_off_the_end_of_the_queue_is_announced() -> None:
    world = build()
    await world.start()
    await world.radio.execute(RadioCommand(guild_id=GUILD, user_id=ALICE, on=True))
    await world.radio.execute(RadioCommand(guild_id=GUILD, user_id=ALICE, on=False))
    player = world.registry.get(GUILD)
    await player.clear()

    await world.finish()

    assert len(world.inner.of_kind("queue_finished")) == 1
    assert not world.radio.is_on(GUILD) and len(world.radio) == 0


async def test_when_nothing_can_be_found_the_end_is_announced_and_nothing_breaks() -> None:
    world = build()
    await world.start()
    world.search.fail_all = True
    await world.radio.execute(RadioCommand(guild_id=GUILD, user_id=ALICE, on=True))

    await world.finish()

    assert len(world.inner.of_kind("queue_finished")) == 1
    assert world.radio.is_on(GUILD)


async def test_a_guild_that_leaves_frees_its_radio() -> None:
    world = build()
    await world.start()
    await world.radio.execute(RadioCommand(guild_id=GUILD, user_id=ALICE, on=True))

    await world.registry.leave(GUILD)
    await world.radio.execute(RadioCommand(guild_id=GuildId(2), user_id=ALICE, on=False))  # any use sweeps

    assert len(world.radio) == 0


async def test_radio_turned_on_before_anything_plays_starts_with_the_first_song() -> None:
    world = build(radio_batch=2)

    status = await world.radio.execute(RadioCommand(guild_id=GUILD, user_id=ALICE, on=True))
    player = await world.start()

    assert status.on and status.queued == ()
    assert len(player.tracklist.upcoming) == 2


def test_radio_seeds_come_from_the_artists_and_genres_of_the_last_plays() -> None:
    plays = [
        track("Daft Punk - Aerodynamic"),
        track("Daft Punk - Digital Love"),
        track("Justice - D.A.N.C.E. (disco house edit)"),
    ]

    intent = seed_intent(plays, count=3)

    assert intent.seed_artists == ("daft punk", "justice")
    assert set(intent.genres) == {"disco", "house"}
    assert intent.count == 3
