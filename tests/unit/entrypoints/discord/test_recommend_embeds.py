"""What people read about recommendations and radio on Discord."""

from __future__ import annotations

from musicbot.application.queue.queue_tracks import QueueTracksResult
from musicbot.application.recommendation.intent import MusicIntent
from musicbot.application.recommendation.radio import RadioStatus
from musicbot.application.recommendation.recommend import Recommendations
from musicbot.entrypoints.discord import presenters, recommend_embeds
from tests.unit.application.recommendation.doubles import track

INTENT = MusicIntent(genres=("lofi",), moods=("chill",), activities=("study",))


def found(count: int, *, used_ai: bool = False) -> Recommendations:
    tracks = tuple(track(f"Song {n}", f"Band {n}") for n in range(count))
    return Recommendations(intent=INTENT, tracks=tracks, used_ai=used_ai)


def test_the_card_numbers_ten_picks_marks_the_queued_and_counts_the_rest() -> None:
    card = recommend_embeds.recommendations_card(found(13), requester=42, queued=frozenset({1}))

    lines = (card.description or "").splitlines()
    assert card.title == "🎧 lofi chill, for study"
    assert lines[0].startswith("` 1.` [Song 0](<https://www.youtube.com/watch?v=")
    assert lines[0].endswith(" — Band 0") and "✅" not in lines[0]
    assert lines[1].startswith("` 2.` ✅ [Song 1]")
    assert lines[-1] == "…and 3 more with **Queue all**" and len(lines) == 11
    assert card.fields[0].value == "<@42>"
    assert card.footer.text is not None and "read offline" in card.footer.text


def test_titles_cannot_break_the_markdown() -> None:
    odd = Recommendations(intent=INTENT, tracks=(track("[Live] *Remix*", None),), used_ai=True)

    card = recommend_embeds.recommendations_card(odd, requester=1)

    assert "\\[Live\\] \\*Remix\\*" in (card.description or "")
    assert card.footer.text is not None and "read by AI" in card.footer.text


def test_queued_and_radio_lines() -> None:
    now = recommend_embeds.queued(
        QueueTracksResult(queued=3, position=0, left_out=0),
        user=5,
        tracks=(track("A", None), track("B", None), track("C", None)),
    )
    later = recommend_embeds.queued(
        QueueTracksResult(queued=2, position=4, left_out=1), user=5, tracks=(track("A", None), track("B", None))
    )
    radio_on = presenters.radio(RadioStatus(on=True, queued=(track("Next", "Band"),)))

    one = recommend_embeds.queued(
        QueueTracksResult(queued=1, position=2, left_out=0), user=5, tracks=(track("A*", None),)
    )

    assert now.description == "<@5> queued 3 recommended songs (playing now)."
    assert later.description == "<@5> queued 2 recommended songs (from #4; 1 left out, the queue is full)."
    assert one.description == "<@5> queued **A\\*** (from #2)."
    assert "Radio is on" in (radio_on.description or "") and "Next" in (radio_on.description or "")
    assert presenters.radio(RadioStatus(on=False)).description == "📻 Radio is off."
