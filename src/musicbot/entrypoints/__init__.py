"""Driving adapters (the Discord bot, the console) and the composition root."""
