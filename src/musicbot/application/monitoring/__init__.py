"""What a bot owner watches: the `Metrics` port, the event loop's lag, readiness and the health of dependencies."""
