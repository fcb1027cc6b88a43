"""What several bot processes share: ports for the shared store (Redis) and the rules around it."""
