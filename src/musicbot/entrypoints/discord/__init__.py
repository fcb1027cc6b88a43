"""The Discord front end: slash commands and buttons over the same use-cases as the console.

`bot.MusicBot` is the client; `runner` starts it (`musicbot run`) and syncs its commands (`musicbot
sync-commands`); cogs are thin handlers, `embeds` presents results, `events` tells channels what the player did.
"""
