"""Per-guild players and the registry that owns them."""
