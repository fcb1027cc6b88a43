"""The application wired over fakes (tests/unit/application/wiring.py), for the Discord front end's tests."""

import pytest

from tests.unit.application.wiring import App, build_app


@pytest.fixture
def app() -> App:
    return build_app()
