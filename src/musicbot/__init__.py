"""musicbot: a self-hostable Discord music bot."""

__version__ = "0.1.0"
