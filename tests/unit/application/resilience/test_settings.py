import pytest

from musicbot.application.support.resilience.settings import ResilienceSettings


def test_defaults_are_valid() -> None:
    ResilienceSettings()


@pytest.mark.parametrize(
    "changes",
    [
        {"retry_attempts": 0},
        {"breaker_reset_after": 0},
        {"cache_max_entries": 0},
        {"cache_negative_ttl": -1},
        {"stream_margin": -5},
        {"retry_base_delay": 5, "retry_max_delay": 1},
        {"search_source": " "},
    ],
)
def test_refuses_nonsense(changes: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        ResilienceSettings(**changes)  # type: ignore[arg-type]


def test_negative_caching_can_be_turned_off() -> None:
    assert ResilienceSettings(cache_negative_ttl=0, stream_margin=0).cache_negative_ttl == 0
