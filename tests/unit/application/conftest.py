"""Fixtures for application tests: the wiring lives in `wiring.py`."""

import pytest

from tests.unit.application.wiring import App, AppFactory, build_app


@pytest.fixture
def make_app() -> AppFactory:
    """`make_app(max_song_attempts=2, events=RecordingEvents(error=...))`: settings by keyword."""
    return build_app


@pytest.fixture
def app() -> App:
    return build_app()
