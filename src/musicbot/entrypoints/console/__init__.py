"""`musicbot console`: the same commands as the bot, typed or piped in a terminal, played to a local output."""
