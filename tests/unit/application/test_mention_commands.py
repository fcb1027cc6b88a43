import pytest

from musicbot.application.recommendation.mention_commands import mention_runs_command


@pytest.mark.parametrize(
    "words",
    [
        "skip",
        "play never gonna give you up",
        "play https://example.com/song.mp3",
        "volume 50",
        "p daft punk one more time",
    ],
)
def test_a_command_word_with_a_song_or_nothing_is_a_command(words: str) -> None:
    assert mention_runs_command(words)


@pytest.mark.parametrize("words", ["play some chill lofi beats for studying", "play some 90s hip hop"])
def test_a_request_for_a_kind_of_music_stays_a_request(words: str) -> None:
    assert not mention_runs_command(words)
