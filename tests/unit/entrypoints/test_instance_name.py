"""Each process's name among the others (its /api/status entry, the origin of the settings changes it
publishes) is its own even where host and pid are the same: containers on the host's network."""

from __future__ import annotations

import pytest

from musicbot.entrypoints import shared_state


def test_two_processes_with_the_same_host_and_pid_have_different_names(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shared_state.socket, "gethostname", lambda: "node1")
    monkeypatch.setattr(shared_state.os, "getpid", lambda: 7)  # the bot's pid in either container

    first, second = shared_state.instance_name(), shared_state.instance_name()

    assert first != second
    assert first.startswith("node1-7-") and second.startswith("node1-7-")  # still tells a person where it runs
