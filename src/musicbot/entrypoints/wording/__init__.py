"""What the bot says of a use-case's result, once for every driver: sentences written here, their pieces (a
song's title, a playlist's name, how to write a command) rendered by the driver's `Markup` (plain text at the
console, Markdown on Discord). A driver wraps the sentence in what it shows (an embed, a terminal line)."""
