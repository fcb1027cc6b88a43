"""In-memory caches the application keeps between requests: bounded, expiring, timed by the `Clock` port."""
