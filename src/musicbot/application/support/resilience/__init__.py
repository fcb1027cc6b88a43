"""Surviving flaky sources: retries with backoff, circuit breakers per source, and the resolver that uses them."""
