"""Generic machinery every feature uses: caches, resilience (retries, circuit breakers), the processing pool,
keyed locks, timecodes and the cleaning of what users type."""
