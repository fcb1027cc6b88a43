"""What the player does by itself, said in the guild's channel: cards with buttons, one self-editing report."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import discord
import pytest

from musicbot.application.guild.auto_leave import LeaveReason
from musicbot.application.playback.events import BatchProgress
from musicbot.domain.ids import ChannelId, GuildId
from musicbot.entrypoints.discord.controls import PlayerButton
from musicbot.entrypoints.discord.events import DiscordPlaybackEvents
from tests.unit.domain.builders import make_song

GUILD, OTHER_GUILD = GuildId(1), GuildId(2)
TEXT = ChannelId(10)
_ids = itertools.count(100)


@dataclass
class Sent:
    id: int
    embed: discord.Embed
    view: discord.ui.View | None
    edits: list[dict[str, Any]] = field(default_factory=list)


class FakeChannel:
    def __init__(self, client: FakeClient, channel_id: int) -> None:
        self.client = client
        self.id = channel_id
        self.messages: list[Sent] = []
        self.refuse = False

    async def send(self, *, embed: discord.Embed, view: discord.ui.View | None = None) -> Sent:
        if self.refuse:
            raise discord.Forbidden(SimpleNamespace(status=403, reason="Forbidden"), "Missing Access")  # type: ignore[arg-type]
        message = Sent(next(_ids), embed, view)
        self.messages.append(message)
        return message

    def get_partial_message(self, message_id: int) -> Any:
        message = next(m for m in self.messages if m.id == message_id)

        async def edit(**changes: Any) -> None:
            message.edits.append(changes)

        return SimpleNamespace(edit=edit)


class FakeClient:
    """The two things the events adapter asks of a discord.Client."""

    def __init__(self) -> None:
        self.channels: dict[int, FakeChannel] = {}
        self.dispatched: list[tuple[str, tuple[Any, ...]]] = []

    def dispatch(self, event: str, *args: Any) -> None:
        self.dispatched.append((event, args))

    def get_partial_messageable(self, channel_id: int, *, guild_id: int | None = None) -> FakeChannel:
        return self.channels.setdefault(channel_id, FakeChannel(self, channel_id))


@pytest.fixture
def client() -> FakeClient:
    return FakeClient()


@pytest.fixture
def events(client: FakeClient) -> DiscordPlaybackEvents:
    events = DiscordPlaybackEvents(client)  # type: ignore[arg-type]
    events.remember_channel(GUILD, TEXT)
    return events


def progress(queued: int, **flags: Any) -> BatchProgress:
    return BatchProgress(batch_id=7, title="Mix", total=300, queued=queued, skipped=0, **flags)


async def test_a_song_starting_posts_a_card_with_buttons_and_retires_the_last_one(
    client: FakeClient, events: DiscordPlaybackEvents
) -> None:
    await events.song_started(GUILD, make_song("A"))
    await events.song_started(GUILD, make_song("B"))

    first, second = client.channels[TEXT].messages
    assert first.embed.title == "Now playing" and "[A]" in (first.embed.description or "")
    assert first.edits == [{"view": None}]
    assert second.view is not None
    assert [item.action for item in second.view.children if isinstance(item, PlayerButton)] == [
        "toggle", "skip", "stop", "repeat"
    ]  # fmt: skip
    assert client.dispatched == []  # auto-leave hears of it from the message bus, not through discord.py


async def test_the_queue_finishing_retires_the_card_and_says_so(client: FakeClient, events: DiscordPlaybackEvents):
    await events.song_started(GUILD, make_song("A"))
    await events.queue_finished(GUILD)

    card, finished = client.channels[TEXT].messages
    assert card.edits == [{"view": None}]
    assert "queue is finished" in (finished.embed.description or "")
    assert client.dispatched == []


async def test_a_failure_says_the_reason(client: FakeClient, events: DiscordPlaybackEvents) -> None:
    await events.song_failed(GUILD, make_song("A"), "HTTP 403")
    assert (client.channels[TEXT].messages[0].embed.description or "").endswith(": HTTP 403")


async def test_a_playlist_load_is_one_message_that_edits_itself(
    client: FakeClient, events: DiscordPlaybackEvents
) -> None:
    await events.batch_progress(GUILD, progress(100))
    await events.batch_progress(GUILD, progress(200))
    await events.batch_progress(GUILD, progress(300, done=True))

    [report] = client.channels[TEXT].messages
    assert [edit["embed"].description for edit in report.edits] == [
        "⏬ Loading **Mix**: 200/300 queued…",
        "✔ Loaded **Mix**: 300/300 queued.",
    ]
    assert len(events) == 1  # the guild's channel; the finished load is let go


async def test_a_load_done_at_once_is_one_message_kept_nowhere(client: FakeClient, events: DiscordPlaybackEvents):
    await events.batch_progress(GUILD, progress(300, done=True))
    assert len(client.channels[TEXT].messages) == 1
    assert len(events) == 1


async def test_a_guild_without_a_channel_yet_is_told_nothing(client: FakeClient, events: DiscordPlaybackEvents):
    await events.song_started(OTHER_GUILD, make_song("A"))
    assert client.channels == {}
    assert client.dispatched == []


async def test_a_channel_that_refuses_messages_breaks_nothing(client: FakeClient, events: DiscordPlaybackEvents):
    client.get_partial_messageable(TEXT).refuse = True
    await events.song_started(GUILD, make_song("A"))
    await events.batch_progress(GUILD, progress(100))
    assert len(events) == 1


async def test_leaving_voice_ends_cards_and_loads_and_removing_the_bot_forgets_the_guild(
    client: FakeClient, events: DiscordPlaybackEvents
) -> None:
    await events.song_started(GUILD, make_song("A"))
    await events.batch_progress(GUILD, progress(100))
    assert len(events) == 2

    await events.auto_left(GUILD, LeaveReason.ALONE)

    assert "nobody was listening" in (client.channels[TEXT].messages[-1].embed.description or "")
    assert len(events) == 1  # where to talk is kept while the guild has the bot
    events.forget(GUILD)
    assert len(events) == 0
