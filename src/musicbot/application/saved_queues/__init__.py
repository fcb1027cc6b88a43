"""Queues that survive a restart: snapshots saved in the background on every change, restored and resumed at
start. No storage technology here: the repositories are ports (`saved_queues/ports.py`), implemented by the SQL
adapter (`adapters/sql/`)."""
