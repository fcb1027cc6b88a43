"""What only the bot's owner may see (stats, health, performance, logs), and what every member may see of
their own use (/stats)."""
