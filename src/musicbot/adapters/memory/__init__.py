"""In-memory adapters: what a port needs while its persistent adapter does not exist (or in a throw-away run)."""
