import pytest

from musicbot.application.errors import NotConnected
from musicbot.application.guild.sessions import GuildSessions
from musicbot.application.guild.vote_skip import (
    SkipReason,
    VoteSkip,
    VoteSkipCommand,
    VoteSkipResult,
)
from musicbot.application.playback.voice_rules import Caller
from musicbot.domain.errors import NothingPlaying
from musicbot.domain.ids import UserId
from musicbot.domain.skip_vote import votes_needed
from tests.unit.application.wiring import ALICE, CHANNEL, GUILD, App, settle

BOB, CAROL, DAVE = UserId(8), UserId(9), UserId(10)
EVERYONE = frozenset({ALICE, BOB, CAROL, DAVE})


def vote_skip(app: App, sessions: GuildSessions | None = None, ratio: float = 0.5) -> VoteSkip:
    return VoteSkip(registry=app.registry, sessions=sessions or GuildSessions(app.clock), ratio=ratio)


async def vote(
    use_case: VoteSkip, user: UserId, listeners: frozenset[UserId] = EVERYONE, **roles: bool
) -> VoteSkipResult:
    caller = Caller(user_id=user, voice_channel_id=CHANNEL, **roles)
    result = await use_case.execute(VoteSkipCommand(guild_id=GUILD, caller=caller, listeners=listeners))
    await settle()
    return result


@pytest.mark.parametrize(
    ("listeners", "ratio", "needed"),
    [(1, 0.5, 1), (2, 0.5, 1), (3, 0.5, 2), (4, 0.5, 2), (5, 0.5, 3), (10, 0.3, 3), (4, 1.0, 4), (0, 0.5, 1)],
)
def test_votes_needed_is_the_ceiling_of_listeners_times_ratio(listeners: int, ratio: float, needed: int) -> None:
    assert votes_needed(listeners, ratio) == needed


async def test_others_vote_until_enough_of_the_listeners_agree(app: App) -> None:
    await app.play("a")  # asked by Alice
    await app.play("b")
    use_case = vote_skip(app)

    first = await vote(use_case, BOB)
    assert (first.skipped, first.votes, first.needed) == (False, 1, 2)
    assert app.titles() == ["a", "b"]

    second = await vote(use_case, CAROL)
    assert (second.skipped, second.votes, second.reason) == (True, 2, SkipReason.VOTES)
    assert second.song.track.title == "a"
    assert second.now_playing is not None and second.now_playing.track.title == "b"
    assert app.titles() == ["b"]


async def test_a_second_vote_by_the_same_person_counts_once(app: App) -> None:
    await app.play("a")
    use_case = vote_skip(app)

    await vote(use_case, BOB)
    again = await vote(use_case, BOB)

    assert (again.skipped, again.votes, again.needed) == (False, 1, 2)


async def test_votes_reset_when_the_song_changes(app: App) -> None:
    await app.play("a")
    await app.play("b")
    await app.play("c")
    use_case = vote_skip(app)
    await vote(use_case, BOB)
    await app.finish()  # "a" ends by itself: Bob's vote was for it

    result = await vote(use_case, CAROL)

    assert (result.skipped, result.votes) == (False, 1)
    assert result.song.track.title == "b"


async def test_votes_of_people_who_left_do_not_count(app: App) -> None:
    await app.play("a")
    use_case = vote_skip(app)
    await vote(use_case, BOB)

    result = await vote(use_case, CAROL, listeners=frozenset({ALICE, CAROL, DAVE}))  # Bob left

    assert (result.skipped, result.votes, result.needed) == (False, 1, 2)


@pytest.mark.parametrize(
    ("user", "roles", "reason"),
    [
        (ALICE, {}, SkipReason.REQUESTER),
        (BOB, {"is_dj": True}, SkipReason.DJ),
        (BOB, {"is_manager": True}, SkipReason.MANAGER),
    ],
)
async def test_the_requester_a_dj_and_a_manager_skip_at_once(
    app: App, user: UserId, roles: dict[str, bool], reason: SkipReason
) -> None:
    await app.play("a")
    await app.play("b")

    result = await vote(vote_skip(app), user, **roles)

    assert (result.skipped, result.reason) == (True, reason)
    assert app.titles() == ["b"]


async def test_alone_with_the_bot_one_vote_is_enough(app: App) -> None:
    await app.play("a")

    result = await vote(vote_skip(app), BOB, listeners=frozenset({BOB}))

    assert (result.skipped, result.votes, result.needed, result.reason) == (True, 1, 1, SkipReason.VOTES)
    assert result.now_playing is None


async def test_the_ratio_comes_from_settings(app: App) -> None:
    await app.play("a")

    result = await vote(vote_skip(app, ratio=1.0), BOB)

    assert (result.skipped, result.needed) == (False, 4)


async def test_the_ballot_is_dropped_after_a_skip(app: App) -> None:
    await app.play("a")
    sessions = GuildSessions(app.clock)
    use_case = vote_skip(app, sessions)
    await vote(use_case, BOB)
    await vote(use_case, CAROL)

    assert sessions.get(GUILD).ballot is None


async def test_nothing_to_vote_on(app: App) -> None:
    use_case = vote_skip(app)
    with pytest.raises(NotConnected):
        await vote(use_case, BOB)
    await app.play("a")
    await app.finish()
    with pytest.raises(NothingPlaying):
        await vote(use_case, BOB)


def test_a_ratio_outside_0_to_1_is_refused(app: App) -> None:
    with pytest.raises(ValueError):
        vote_skip(app, ratio=0)
