"""Which slash commands are deferred before anything else runs, even before the guild's settings are read.

Discord wants a first answer within 3 s. Under a burst (a hundred servers sending /play at once) the work before
a handler's own `defer()` (the guild's settings read from the database, the music channel check) queued up
behind everyone else's: acknowledgements spread from 0 to 5 s, and those after 3 s were lost with their songs
(bench/play_burst.py). The commands below defer in their handlers anyway, as the first thing they do once
their rules pass; deferring them earlier only changes how a refusal is shown (the private error replaces the
public "thinking…"). Commands that answer at once (reads of the queue, /help, /settings show) are not deferred:
their answer is their acknowledgement, and some of them are private; the reads of `ANSWERED_AT_ONCE` only while
a burst is under way (`frame_deferral`: their content follows as an edit; a refusal then shows the public
"thinking…" replaced, as for the other commands). The reads of `ANSWERED_AT_ONCE` still count
as first answers under way (`FirstAnswers`): in a burst of /queue and /play the work after the deferrals (edits,
joins, database writes) used to run between the reads' answers. `frame_answers.py` sends these deferrals from the
gateway frame, before discord.py builds the interaction (`frame_deferral` says which, and how).
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import time
import weakref
from collections.abc import Callable, Iterator
from typing import Any

import discord

from musicbot.entrypoints.discord.acks import ANSWERING
from musicbot.entrypoints.discord.replies import defer

DEFERRED_FIRST = frozenset(
    {
        # they may join voice, resolve a link, or wait on the player's lock (cogs/requests.py, cogs/controls.py)
        "join", "play", "aplay", "pause", "resume", "skip", "skipto", "stop", "seek", "volume", "leave",
        # saved playlists: the database (cogs/playlists.py)
        "create", "add", "addto", "remove", "use", "playlist", "playlists", "delete", "savequeue", "export", "import",
        # recommendations: search and an AI service (cogs/recommendations.py)
        "recommend", "radio",
    }
)  # fmt: skip


# Reads answered at once from memory (no lock, no network before their answer): their answer is their work.
ANSWERED_AT_ONCE = frozenset({"queue", "nowplaying", "help"})
_PRIVATE_READS = frozenset({"help"})  # answered so that only the caller sees them
_PRIVATE = 64  # Discord's message flag EPHEMERAL
_SUBCOMMAND, _GROUP = 1, 2  # option types


def command_name(data: Any) -> str | None:
    """The qualified name of the slash command an INTERACTION_CREATE frame runs ("group sub" for a subcommand), as
    discord.py's `Command.qualified_name`; None for anything else (a button, an autocomplete, a context menu)."""
    inner = data.get("data") or {}
    if data.get("type") != discord.InteractionType.application_command.value or inner.get("type", 1) != 1:
        return None
    names = [str(inner.get("name", ""))]
    options = inner.get("options") or []
    while len(options) == 1 and options[0].get("type") in (_SUBCOMMAND, _GROUP):
        names.append(str(options[0].get("name", "")))
        options = options[0].get("options") or []
    return " ".join(names)


def frame_deferral(name: str, *, under_way: int, reads_from: int) -> dict[str, Any] | None:
    """The callback body that defers the command `name` from its frame as its handler would (`frame_answers.py`),
    or None when it is not deferred first: a command of `DEFERRED_FIRST` always; a read of `ANSWERED_AT_ONCE`
    only once `reads_from` first answers are under way (alone, a read's answer is its content, at once)."""
    if name in DEFERRED_FIRST:
        return {"type": discord.InteractionResponseType.deferred_channel_message.value}
    if name in ANSWERED_AT_ONCE and under_way >= reads_from:
        body: dict[str, Any] = {"type": discord.InteractionResponseType.deferred_channel_message.value}
        if name in _PRIVATE_READS:
            body["data"] = {"flags": _PRIVATE}
        return body
    return None


def _named(interaction: discord.Interaction[Any], names: frozenset[str]) -> bool:
    command = interaction.command
    return (
        interaction.type is discord.InteractionType.application_command
        and command is not None
        and command.qualified_name in names
    )


def deferred_first(interaction: discord.Interaction[Any]) -> bool:
    return _named(interaction, DEFERRED_FIRST)


# Seconds the work after a deferral waits at most for the deferrals sent before it was answered.
OTHERS_WAIT = 1.0
# Seconds after which a first answer still under way holds nobody: Discord no longer takes it.
ANSWER_DEADLINE = 3.0


class FirstAnswers:
    """The deferrals under way, numbered as they start. Once its own deferral is answered, an interaction's work
    waits until every deferral that started before that was answered too (at most `OTHERS_WAIT`): in a burst,
    the hundredth first answer does not queue behind the settings reads, joins and resolutions of the first
    ninety-nine. A deferral started later does not hold anyone up: a steady stream of commands never waits for
    more than the answers already under way."""

    def __init__(self, wait: float = OTHERS_WAIT, deadline: float = ANSWER_DEADLINE) -> None:
        self._wait, self._deadline = wait, deadline
        self._started = 0
        self._unanswered: dict[int, float] = {}  # ticket -> when it started (monotonic)
        self._waiters: list[tuple[int, int, asyncio.Future[None]]] = []  # a heap: (started, tie, future)

    @contextlib.contextmanager
    def answering(self) -> Iterator[None]:
        done = self.begin()
        try:
            yield
        finally:
            done()

    def begin(self) -> Callable[[], None]:
        """A first answer under way; the function returned says it left (or failed): call it once or more."""
        ticket = self._started
        self._started += 1
        self._unanswered[ticket] = time.monotonic()

        def done() -> None:
            if self._unanswered.pop(ticket, None) is not None:
                self._wake()

        return done

    async def others_answered(self) -> None:
        """Until every deferral started so far was answered (or failed), or the wait's seconds."""
        started = self._started
        if self._lowest() >= started:
            return
        future = asyncio.get_running_loop().create_future()
        heapq.heappush(self._waiters, (started, id(future), future))
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(self._wait):
                await future

    def under_way(self) -> int:
        """How many first answers are under way now (those past the deadline aside)."""
        self._lowest()  # drops those past the deadline
        return len(self._unanswered)

    def _lowest(self) -> int:
        # Tickets are numbered as they start: the dict's first is the lowest, and the oldest.
        expired = time.monotonic() - self._deadline
        while self._unanswered:
            ticket, started = next(iter(self._unanswered.items()))
            if started >= expired:
                return ticket
            del self._unanswered[ticket]  # never said done (a command stuck before its answer): too late anyway
        return self._started

    def _wake(self) -> None:
        lowest = self._lowest()
        while self._waiters and self._waiters[0][0] <= lowest:
            future = heapq.heappop(self._waiters)[2]
            if not future.done():
                future.set_result(None)


_FIRST_ANSWERS: weakref.WeakKeyDictionary[discord.Client, FirstAnswers] = weakref.WeakKeyDictionary()


def first_answers(client: discord.Client) -> FirstAnswers:
    """The bot's (one per client: several bots in one process do not wait for each other)."""
    answers = _FIRST_ANSWERS.get(client)
    if answers is None:
        answers = _FIRST_ANSWERS[client] = FirstAnswers()
    return answers


async def defer_first(interaction: discord.Interaction[Any]) -> None:
    """Defer now when the command's handler would defer anyway: before the settings load can wait; then let the
    other first answers under way leave before this command's work. A read answered at once counts as a first
    answer under way until `acks.answered` (its answer, or its end). One answered from its frame
    (`frame_answers.py`) only lets the others leave."""
    if interaction.response.is_done():
        await first_answers(interaction.client).others_answered()
    elif deferred_first(interaction):
        answers = first_answers(interaction.client)
        with answers.answering():
            await defer(interaction)
        await answers.others_answered()
    elif _named(interaction, ANSWERED_AT_ONCE) and ANSWERING not in interaction.extras:  # not already since its frame
        interaction.extras[ANSWERING] = first_answers(interaction.client).begin()
