"""What is kept across restarts, as the application sees it: queue snapshots, guild settings, listening history.

No storage technology here: the repositories behind these types are ports (`application/ports.py`), and the SQL
adapter (`adapters/sql/`) implements them.
"""
