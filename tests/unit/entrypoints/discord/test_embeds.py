from __future__ import annotations

from dataclasses import replace

import pytest

from musicbot.application.guild.auto_leave import Disconnected, LeaveReason
from musicbot.application.guild.vote_skip import SkipReason, VoteSkipResult
from musicbot.application.playback.events import BatchProgress
from musicbot.application.playback.now_playing import NowPlaying
from musicbot.application.playback.play import PlayResult
from musicbot.application.queue.view import QueueEntry, QueuePage
from musicbot.domain.ids import ChannelId, GuildId
from musicbot.domain.player_state import PlayerStatus
from musicbot.domain.song import Song
from musicbot.domain.tracklist import RepeatMode
from musicbot.entrypoints.discord import embeds
from musicbot.entrypoints.discord.help import COMMANDS
from musicbot.entrypoints.formatting import progress_bar
from tests.unit.domain.builders import make_song, make_track


def song(title: str = "Song", **track: object) -> Song:
    return make_song(title, track=make_track(title, **track))


def now(
    *, elapsed: float = 95.0, duration: float | None = 190.0, status: PlayerStatus = PlayerStatus.PLAYING
) -> NowPlaying:
    playing = song("Song", artist="Band", duration=duration, thumbnail="https://img.example.com/s.jpg")
    return NowPlaying(
        song=playing, elapsed=elapsed, duration=duration, status=status, volume=80, repeat=RepeatMode.QUEUE
    )


def test_now_playing_has_title_link_progress_requester_thumbnail_and_settings() -> None:
    embed = embeds.now_playing(now())

    assert embed.title == "Now playing"
    description = embed.description or ""
    assert description.startswith("[Song](<https://example.com/watch/Song>) — Band `3:10`")
    assert f"`{progress_bar(0.5)}` 1:35 / 3:10" in description
    assert [(field.name, field.value) for field in embed.fields] == [("Requested by", "<@1>")]
    assert embed.thumbnail.url == "https://img.example.com/s.jpg"
    assert embed.footer.text == "Volume 80% · Repeat queue"


def test_paused_and_live() -> None:
    embed = embeds.now_playing(now(status=PlayerStatus.PAUSED, duration=None))
    assert embed.title == "Paused"
    assert "(live)" in (embed.description or "") and "/ live" in (embed.description or "")


def test_titles_cannot_break_the_markdown() -> None:
    sneaky = song("**bold** [x](https://evil.example) _it_", duration=60.0)
    label = embeds.title_of(sneaky)
    assert label == (
        "[\\*\\*bold\\*\\* \\[x\\](https://evil.example) \\_it\\_]"
        "(<https://example.com/watch/**bold**%20[x](https://evil.example)%20_it_>)"
    )
    assert embeds.title_of(song("a" * 200), limit=10) == "[aaaaaaaaa…](<https://example.com/watch/" + "a" * 200 + ">)"


def test_an_unresolved_entry_has_no_length_and_a_resolved_stream_without_one_is_live() -> None:
    entry = song("Episode 1")  # a playlist entry: no duration known yet
    assert embeds.line_of(entry) == "[Episode 1](<https://example.com/watch/Episode%201>)"
    entry.start_processing(entry.requested_at)
    entry.mark_ready(make_track("Radio", stream_url="https://radio.example.com/live"), entry.requested_at)
    assert embeds.line_of(entry).endswith(" `live`")


def test_a_local_file_is_not_a_link() -> None:
    assert embeds.title_of(song("Song", page_url="/music/song.mp3")) == "Song"


def page(count: int, *, first: int = 1, page_number: int = 1, pages: int = 1) -> QueuePage:
    entries = tuple(QueueEntry(position=first + i, song=song(f"Song {first + i}", duration=60.0)) for i in range(count))
    return QueuePage(
        now_playing=now(),
        entries=entries,
        page=page_number,
        pages=pages,
        total=25,
        total_duration=1500.0,
        repeat=RepeatMode.OFF,
    )


def test_a_queue_page_lists_positions_requesters_and_says_where_it_is() -> None:
    embed = embeds.queue_page(page(5, first=11, page_number=2, pages=3))

    lines = (embed.description or "").splitlines()
    assert lines[0] == "**Now playing:** [Song](<https://example.com/watch/Song>) `1:35 / 3:10`"
    assert lines[2] == "` 11.` [Song 11](<https://example.com/watch/Song%2011>) `1:00` · <@1>"
    assert len(lines) == 2 + 5
    assert embed.footer.text == "Page 2/3 · 25 songs · 25:00 · repeat off"


def test_an_empty_queue_says_how_to_fill_it() -> None:
    empty = QueuePage(now_playing=None, entries=(), page=1, pages=1, total=0, total_duration=0.0, repeat=RepeatMode.OFF)
    embed = embeds.queue_page(empty)
    assert embed.description == "Nothing is playing.\n\nThe queue is empty. Add songs with /play."
    assert embed.footer.text is None


def test_a_full_page_of_long_titles_fits_in_an_embed() -> None:
    entries = tuple(QueueEntry(position=i, song=song("x" * 300 + str(i))) for i in range(1, 11))
    embed = embeds.queue_page(replace(page(0), entries=entries))
    assert len(embed.description or "") <= 4096
    assert "`  1.` xxxx" in (embed.description or "")  # its links went, so it fits

    links = tuple(
        QueueEntry(position=i, song=song(f"S{i}", page_url="https://example.com/" + "y" * 280)) for i in range(1, 11)
    )
    assert "[S1](<https://example.com/yyy" in (embeds.queue_page(replace(page(0), entries=links)).description or "")


def test_play_result_says_playing_or_the_place_in_the_queue() -> None:
    started = embeds.play_result(PlayResult(song=song("A", duration=60.0), position=0))
    queued = embeds.play_result(PlayResult(song=song("B", duration=60.0), position=3))
    assert (started.description or "").startswith("▶ Playing [A]")
    assert (queued.description or "").startswith("Queued at #3: [B]")


@pytest.mark.parametrize(
    ("progress", "text"),
    [
        (
            BatchProgress(batch_id=1, title="Mix", total=300, queued=100, skipped=0),
            "⏬ Loading **Mix**: 100/300 queued…",
        ),
        (
            BatchProgress(batch_id=1, title="Mix", total=300, queued=300, skipped=2, done=True, note="2 private"),
            "✔ Loaded **Mix**: 300/300 queued, 2 skipped.\n2 private",
        ),
        (
            BatchProgress(batch_id=1, title="Mix", total=300, queued=200, skipped=0, cancelled=True),
            "⏹ Stopped loading **Mix** (200/300 queued).",
        ),
    ],
)
def test_batch_progress(progress: BatchProgress, text: str) -> None:
    assert embeds.batch(progress).description == text


def test_votes_and_skips() -> None:
    a, b = song("A", duration=60.0), song("B", duration=60.0)
    pending = VoteSkipResult(song=a, skipped=False, now_playing=a, votes=1, needed=3, reason=None)
    by_dj = VoteSkipResult(song=a, skipped=True, now_playing=b, votes=0, needed=3, reason=SkipReason.DJ)
    by_votes = VoteSkipResult(song=a, skipped=True, now_playing=None, votes=2, needed=2, reason=SkipReason.VOTES)

    assert embeds.vote(pending).description == "🗳 Vote to skip [A](<https://example.com/watch/A>): 1/3."
    assert (embeds.vote(by_dj).description or "").startswith("⏭ Skipped [A](<https://example.com/watch/A>) by a DJ.")
    assert "Up now: [B]" in (embeds.vote(by_dj).description or "")
    assert (embeds.vote(by_votes).description or "").endswith("). The queue is empty.")


def test_song_card_and_failure() -> None:
    card = embeds.song_card(song("A", duration=60.0))
    assert card.title == "Now playing" and card.fields[0].value == "<@1>"
    failed = embeds.song_failed(song("A"), "HTTP 403_forbidden")
    assert failed.description == "✖ Could not play [A](<https://example.com/watch/A>): HTTP 403\\_forbidden"


def test_a_disconnect_says_what_became_of_the_queue() -> None:
    kept = Disconnected(guild_id=GuildId(1), channel_id=ChannelId(5), songs=3, kept=True)
    text = embeds.disconnected(kept).description or ""
    assert "<#5>" in text and "3 songs" in text and "saved" in text and "/join" in text
    lost = embeds.disconnected(replace(kept, songs=1, kept=False)).description or ""
    assert "1 song" in lost and "could not be saved" in lost and "/join" not in lost


def test_auto_left_says_why() -> None:
    assert "nobody was listening" in (embeds.auto_left(LeaveReason.ALONE).description or "")
    assert "nothing was playing" in (embeds.auto_left(LeaveReason.IDLE).description or "")


def test_help_lists_every_command_within_discord_limits() -> None:
    embed = embeds.help_list()
    text = "\n".join(field.value or "" for field in embed.fields)
    for command in COMMANDS:
        assert f"`{command.usage}` {command.description}" in text
        assert len(command.description) <= 100
    assert all(len(field.value or "") <= 1024 for field in embed.fields)
    assert len(embed) <= 6000
