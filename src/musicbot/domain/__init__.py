"""Pure entities and value objects: no frameworks, no I/O."""
