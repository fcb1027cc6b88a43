"""Joining and leaving through discord.py, with its objects specced from the real classes (no Discord to run).

The real VoiceClient against the Discord emulator is for the end-to-end tests; here only our side of the calls.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from unittest.mock import AsyncMock, MagicMock, NonCallableMagicMock, create_autospec, patch

import discord
import pytest

from musicbot.adapters.discord_voice import DiscordVoiceGateway, VoiceConnectFailed, joiner
from musicbot.adapters.discord_voice.join_queue import JoinQueues
from musicbot.adapters.discord_voice.joiner import JoinPolicy
from musicbot.adapters.discord_voice.link import MusicVoiceClient
from musicbot.domain.ids import ChannelId, GuildId

GUILD, CHANNEL, OTHER_CHANNEL = GuildId(1), ChannelId(10), ChannelId(11)


def voice_client(channel: MagicMock, *, connected: bool = True) -> MagicMock:
    voice = create_autospec(MusicVoiceClient, instance=True)
    voice.kicked = False
    voice.is_connected.return_value = connected
    voice.channel = channel
    voice.guild = channel.guild
    return voice


def voice_channel(channel_id: int, guild: MagicMock, *, allowed: bool = True) -> MagicMock:
    channel = create_autospec(discord.VoiceChannel, instance=True)
    channel.id, channel.name, channel.guild = channel_id, f"voice-{channel_id}", guild
    channel.user_limit, channel.members = 0, []
    channel.permissions_for.return_value = discord.Permissions(connect=allowed, speak=allowed)
    channel.connect = AsyncMock(side_effect=lambda **_: voice_client(channel))
    return channel


@pytest.fixture
def guild() -> MagicMock:
    made = create_autospec(discord.Guild, instance=True)
    made.id, made.voice_client = GUILD, None
    return made


@pytest.fixture
def client(guild: MagicMock) -> MagicMock:
    made = create_autospec(discord.Client, instance=True)
    channels = {CHANNEL: voice_channel(CHANNEL, guild), OTHER_CHANNEL: voice_channel(OTHER_CHANNEL, guild)}
    made.get_channel.side_effect = channels.get
    made.get_guild.return_value = guild
    made.voice_clients = []
    made.shard_count = None
    made.is_ws_ratelimited.return_value = False
    return made


@pytest.fixture
async def gateway(client: MagicMock) -> AsyncIterator[DiscordVoiceGateway]:
    made = DiscordVoiceGateway(client, connect_timeout=0.2, join_policy=JoinPolicy(attempts=2, attempt_timeout=0.2))
    yield made
    await made.aclose()


async def test_connect_joins_self_deafened_and_hands_the_connection_to_the_engine(
    gateway: DiscordVoiceGateway, client: MagicMock
) -> None:
    await gateway.connect(GUILD, CHANNEL)
    channel = client.get_channel(CHANNEL)
    channel.connect.assert_awaited_once()
    options = channel.connect.await_args.kwargs
    assert options["self_deaf"] is True
    with patch.object(joiner, "MusicVoiceClient") as made:  # `cls`: our client, each kept by the joiner
        assert options["cls"](client, channel) is made.return_value
    made.assert_called_once_with(client, channel)
    assert options["reconnect"] is True
    assert gateway.engine.connection(GUILD) is not None
    assert gateway.is_connected(GUILD)


async def test_connect_while_in_another_channel_moves(
    gateway: DiscordVoiceGateway, client: MagicMock, guild: MagicMock
) -> None:
    voice = voice_client(client.get_channel(CHANNEL))
    guild.voice_client = voice

    async def move(channel: MagicMock, **_: object) -> None:
        voice.channel = channel

    voice.move_to.side_effect = move
    await gateway.connect(GUILD, OTHER_CHANNEL)
    voice.move_to.assert_awaited_once()
    client.get_channel(OTHER_CHANNEL).connect.assert_not_awaited()
    assert gateway.engine.connection(GUILD) is voice


async def test_a_move_that_did_not_happen_is_an_error(
    gateway: DiscordVoiceGateway, client: MagicMock, guild: MagicMock
) -> None:
    guild.voice_client = voice_client(client.get_channel(CHANNEL))  # move_to returns, the channel stays
    with pytest.raises(VoiceConnectFailed, match="could not move to voice-11"):
        await gateway.connect(GUILD, OTHER_CHANNEL)


async def test_a_join_that_times_out_says_so(gateway: DiscordVoiceGateway, client: MagicMock) -> None:
    client.get_channel(CHANNEL).connect.side_effect = asyncio.TimeoutError
    with pytest.raises(VoiceConnectFailed, match="in time"):
        await gateway.connect(GUILD, CHANNEL)
    assert not gateway.is_connected(GUILD)


async def test_a_join_that_hangs_is_cut_by_our_own_timeout(gateway: DiscordVoiceGateway, client: MagicMock) -> None:
    async def hang(**_: object) -> None:
        await asyncio.sleep(10)

    client.get_channel(CHANNEL).connect.side_effect = hang
    with pytest.raises(VoiceConnectFailed, match="in time"):
        await gateway.connect(GUILD, CHANNEL)
    assert client.get_channel(CHANNEL).connect.await_count == 2  # each attempt cut, then tried again


async def test_a_join_that_hangs_once_is_retried_and_the_client_it_left_is_abandoned(
    gateway: DiscordVoiceGateway, client: MagicMock, guild: MagicMock
) -> None:
    """discord.py 2.7.1 can miss a wake-up while joining: the attempt hangs with its client registered."""
    channel = client.get_channel(CHANNEL)
    hung = voice_client(channel, connected=False)
    calls = 0

    async def connect(**_: object) -> MagicMock:
        nonlocal calls
        calls += 1
        if calls == 1:
            guild.voice_client = hung  # discord.py registered it before waiting
            await asyncio.sleep(10)
        return voice_client(channel)

    channel.connect.side_effect = connect
    await gateway.connect(GUILD, CHANNEL)
    hung.disconnect.assert_awaited_with(force=True)  # else the guild stays "already connected" to nothing
    assert calls == 2 and gateway.is_connected(GUILD)


async def test_each_join_attempt_waits_for_a_turn_of_its_own(
    gateway: DiscordVoiceGateway, client: MagicMock, guild: MagicMock
) -> None:
    """A retry is a gateway send too: sent at once after a timeout, it found discord.py's limiter full in a burst
    and waited inside `channel.connect()` until its timeout again."""
    channel = client.get_channel(CHANNEL)
    queue = gateway.join_queue(GUILD)
    turns: list[int] = []
    take_turn = queue.run

    async def counted(work: Callable[[], Awaitable[object]]) -> object:
        turns.append(channel.connect.await_count)
        return await take_turn(work)

    queue.run = counted  # type: ignore[method-assign]
    calls = 0

    async def connect(**_: object) -> MagicMock:
        nonlocal calls
        calls += 1
        if calls == 1:
            await asyncio.sleep(10)
        return voice_client(channel)

    channel.connect.side_effect = connect
    await gateway.connect(GUILD, CHANNEL)
    assert turns == [0, 1]  # a turn before the first attempt, another before the retry


async def test_discord_errors_become_a_connect_failure(gateway: DiscordVoiceGateway, client: MagicMock) -> None:
    client.get_channel(CHANNEL).connect.side_effect = discord.ClientException("Already connected to a voice channel.")
    with pytest.raises(VoiceConnectFailed, match="Already connected"):
        await gateway.connect(GUILD, CHANNEL)


async def test_what_is_not_a_voice_channel_of_the_guild_is_refused(
    gateway: DiscordVoiceGateway, client: MagicMock
) -> None:
    client.get_channel.side_effect = lambda _: create_autospec(discord.TextChannel, instance=True)
    with pytest.raises(VoiceConnectFailed, match="not a voice channel"):
        await gateway.connect(GUILD, CHANNEL)
    client.get_channel.side_effect = lambda _: None
    client.fetch_channel.side_effect = discord.NotFound(MagicMock(status=404), "Unknown Channel")
    with pytest.raises(VoiceConnectFailed, match="cannot see"):
        await gateway.connect(GUILD, CHANNEL)


async def test_a_channel_we_may_not_speak_in_is_refused_before_discord_leaves_us_waiting(
    client: MagicMock, guild: MagicMock
) -> None:
    forbidden = voice_channel(CHANNEL, guild, allowed=False)
    client.get_channel.side_effect = lambda _: forbidden
    gateway = DiscordVoiceGateway(client)
    with pytest.raises(VoiceConnectFailed, match="not allowed"):
        await gateway.connect(GUILD, CHANNEL)
    forbidden.connect.assert_not_awaited()
    unchecked = DiscordVoiceGateway(client, check_permissions=False)
    await unchecked.connect(GUILD, CHANNEL)
    await asyncio.gather(gateway.aclose(), unchecked.aclose())


async def test_disconnect_leaves_and_forgets_the_guild(
    gateway: DiscordVoiceGateway, client: MagicMock, guild: MagicMock
) -> None:
    await gateway.connect(GUILD, CHANNEL)
    voice = gateway.engine.connection(GUILD)
    guild.voice_client = voice
    await gateway.disconnect(GUILD)
    assert isinstance(voice, NonCallableMagicMock)
    voice.disconnect.assert_awaited_once_with(force=True)
    assert gateway.engine.connection(GUILD) is None
    assert not gateway.is_connected(GUILD)


async def test_a_connection_discord_py_gave_up_on_is_not_connected(
    gateway: DiscordVoiceGateway, client: MagicMock, guild: MagicMock
) -> None:
    await gateway.connect(GUILD, CHANNEL)
    voice = gateway.engine.connection(GUILD)
    assert isinstance(voice, NonCallableMagicMock)
    voice.is_connected.return_value = False
    guild.voice_client = voice
    assert gateway.is_connected(GUILD)  # reconnecting: still ours
    guild.voice_client = None
    assert not gateway.is_connected(GUILD)  # cleaned up by discord.py: join again


async def test_aclose_leaves_every_channel(gateway: DiscordVoiceGateway, client: MagicMock) -> None:
    await gateway.connect(GUILD, CHANNEL)
    voice = gateway.engine.connection(GUILD)
    client.voice_clients = [voice]
    await gateway.aclose()
    assert isinstance(voice, NonCallableMagicMock)
    voice.disconnect.assert_awaited_with(force=True)


async def test_a_full_channel_is_refused_at_once_with_its_reason(
    gateway: DiscordVoiceGateway, client: MagicMock
) -> None:
    channel = client.get_channel(CHANNEL)
    channel.user_limit, channel.members = 2, [MagicMock(), MagicMock()]
    with pytest.raises(VoiceConnectFailed, match="voice-10 is full"):
        await gateway.connect(GUILD, CHANNEL)
    channel.connect.assert_not_awaited()


async def test_a_join_waits_its_turn_before_its_timeout_starts(client: MagicMock) -> None:
    """One join a second here; the second join waits ~1 s for its turn, longer than its 0.2 s timeout, and
    still succeeds: only the join itself is timed."""
    gateway = DiscordVoiceGateway(client, connect_timeout=0.2, joins=JoinQueues(per_window=1, window=1.0))
    try:
        await gateway.connect(GUILD, CHANNEL)
        client.get_guild.return_value.voice_client = None  # gone again: the next connect joins anew
        await gateway.connect(GUILD, OTHER_CHANNEL)
        assert client.get_channel(OTHER_CHANNEL).connect.await_count == 1
    finally:
        await gateway.aclose()


async def test_each_shards_join_queue_is_held_only_by_its_own_connection() -> None:
    sharded = create_autospec(discord.AutoShardedClient, instance=True)
    sharded.shard_count = 2
    shards = {
        0: create_autospec(discord.ShardInfo, instance=True),
        1: create_autospec(discord.ShardInfo, instance=True),
    }
    shards[0].is_ws_ratelimited.return_value = True  # shard 0 sent its 110 this minute; shard 1 did not
    shards[1].is_ws_ratelimited.return_value = False
    sharded.get_shard.side_effect = shards.get
    sharded.is_ws_ratelimited.return_value = True  # discord.py's answer for the whole client: any shard held
    gateway = DiscordVoiceGateway(sharded, joins=JoinQueues())

    on_zero, on_one = gateway.join_queue(GuildId(2 << 22)), gateway.join_queue(GuildId(1 << 22))

    assert on_zero is not on_one
    assert on_zero._held() and not on_one._held()
    assert gateway.join_queue(GuildId(3 << 22)) is on_one
    await gateway.aclose()
