"""The sentences both drivers say (`entrypoints/wording`): written once, the same words at the console and on
Discord, only their pieces rendered each driver's way (plain text; Markdown with links, bold and escapes)."""

from __future__ import annotations

import pytest

from musicbot.application.guild.volume import VolumeResult
from musicbot.application.playback.common import CountResult, SongResult
from musicbot.application.playback.join import JoinResult
from musicbot.application.playback.leave import LeaveResult
from musicbot.application.playback.play import PlayResult
from musicbot.application.playlists.add import AddToPlaylistResult
from musicbot.application.playlists.create import CreatePlaylistResult
from musicbot.application.playlists.delete import DeletePlaylistResult
from musicbot.application.playlists.list import PlaylistList
from musicbot.application.playlists.views import PlaylistSummary
from musicbot.application.queue.view import QueuePage
from musicbot.application.recommendation.radio import RadioStatus
from musicbot.domain.ids import ChannelId
from musicbot.domain.tracklist import RepeatMode
from musicbot.entrypoints.discord import embeds, playlist_embeds, presenters
from musicbot.entrypoints.discord.markdown import DISCORD
from musicbot.entrypoints.wording import playback, playlists
from musicbot.entrypoints.wording.markup import PLAIN
from musicbot.entrypoints.wording.radio import radio
from tests.unit.domain.builders import make_song, make_track

ODD = make_song("Live *at* [home]", track=make_track("Live *at* [home]", artist="Band", duration=83.0))
LINK = "(<https://example.com/watch/Live%20*at*%20[home]>)"


def test_a_song_is_plain_at_the_console_and_an_escaped_link_on_discord() -> None:
    result = SongResult(song=ODD)

    assert playback.paused(result, PLAIN) == "⏸ Paused Live *at* [home]."
    assert playback.paused(result, DISCORD) == f"⏸ Paused [Live \\*at\\* \\[home\\]]{LINK}."
    assert playback.back_to(result, PLAIN) == "⏮ Back to Live *at* [home] — Band (1:23)"
    assert playback.back_to(result, DISCORD) == f"⏮ Back to [Live \\*at\\* \\[home\\]]{LINK} — Band `1:23`"


def test_the_discord_presenters_put_the_shared_sentence_in_an_embed() -> None:
    result = SongResult(song=ODD)

    assert presenters.paused(result).description == playback.paused(result, DISCORD)
    assert presenters.replaying(result).description == playback.replaying(result, DISCORD)
    assert presenters.cleared(CountResult(count=1)).description == "Cleared 1 song."
    assert presenters.removed(result).description == playback.removed(result, DISCORD)


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        (playback.left(LeaveResult(dropped=2)), "👋 Left the voice channel; 2 songs dropped."),
        (playback.volume_set(VolumeResult(percent=50)), "🔊 Volume set to 50%."),
        (playback.duplicates_removed(CountResult(count=1)), "Removed 1 song queued twice."),
        (playback.joined(JoinResult(channel_id=ChannelId(7), moved=True), PLAIN), "Joined the voice channel."),
        (playback.joined(JoinResult(channel_id=ChannelId(7), moved=False), DISCORD), "I'm already in <#7>."),
        (playback.queue_empty(PLAIN), "The queue is empty. Add songs with play."),
        (playback.queue_empty(DISCORD), "The queue is empty. Add songs with /play."),
    ],
)
def test_sentences_without_pieces_are_the_same_everywhere(sentence: str, words: str) -> None:
    assert sentence == words


def test_play_and_skip_name_the_song_with_its_line() -> None:
    queued = PlayResult(song=ODD, position=3)

    assert playback.played(queued, PLAIN) == "Queued at #3: Live *at* [home] — Band (1:23)"
    assert embeds.play_result(queued).description == f"Queued at #3: [Live \\*at\\* \\[home\\]]{LINK} — Band `1:23`"
    assert playback.skipped(ODD, None, PLAIN) == "⏭ Skipped Live *at* [home]. The queue is empty."
    assert playback.skipped(ODD, ODD, PLAIN, by="a DJ").startswith("⏭ Skipped Live *at* [home] by a DJ. Up now: ")


def test_the_queue_footer_is_shared() -> None:
    page = QueuePage(
        now_playing=None, entries=(), page=2, pages=3, total=25, total_duration=4000.0, repeat=RepeatMode.QUEUE
    )

    assert playback.queue_footer(page) == "Page 2/3 · 25 songs · 1:06:40 · repeat queue"
    assert embeds.queue_page(page).footer.text == playback.queue_footer(page)


def test_playlist_names_are_quoted_at_the_console_and_bold_and_inert_on_discord() -> None:
    made = CreatePlaylistResult(name="@everyone **mix**", active=False)

    assert playlists.created(made, PLAIN) == "Created “@everyone **mix**”. Pick it with use, fill it with add."
    assert playlists.created(made, DISCORD) == (
        "Created **@\u200beveryone \\*\\*mix\\*\\***. Pick it with /use, fill it with /add."
    )
    assert playlist_embeds.created(made).description == playlists.created(made, DISCORD)


def test_playlist_results_read_alike() -> None:
    added = AddToPlaylistResult(playlist="Mix", track=make_track("Song", artist="Band", duration=61.0), position=2)
    gone = DeletePlaylistResult(name="Mix", size=1, was_active=False)

    assert playlists.added(added, PLAIN) == "Added Song — Band (1:01) to “Mix” at #2."
    assert playlists.added(added, DISCORD) == "Added Song — Band `1:01` to **Mix** at #2."
    assert playlists.deleted(gone, PLAIN) == "🗑 Deleted “Mix” (1 song)."
    assert playlists.none_yet(PLAIN) == "No playlists yet. Make one with create, or keep the queue with savequeue."


def test_the_playlist_list_footer_names_the_active_one() -> None:
    listing = PlaylistList(
        playlists=(PlaylistSummary(name="Mix", size=3, max_size=500, total_duration=600.0, active=True),),
        page=1,
        pages=1,
        total=1,
        active="Mix",
    )

    assert playlists.list_footer(listing) == "Page 1/1 · 1 playlist · active: Mix"
    assert playlists.summary(listing.playlists[0], PLAIN) == "Mix · 3 songs · 10:00"
    assert playlist_embeds.playlist_list(listing).footer.text == playlists.list_footer(listing)


def test_radio_lists_what_it_queued_in_both_drivers() -> None:
    status = RadioStatus(on=True, queued=(make_track("Next", artist="Band", duration=200.0),))

    assert (
        radio(status, PLAIN)
        == "📻 Radio is on: queued 1 song like what played lately. More will follow.\nNext — Band (3:20)"
    )
    assert radio(status, DISCORD).endswith("\nNext — Band `3:20`")
    assert radio(RadioStatus(on=False), PLAIN) == radio(RadioStatus(on=False), DISCORD) == "📻 Radio is off."
    assert presenters.radio(status).description == radio(status, DISCORD)
