"""Whether a message that mentions the bot and starts with a command word is that command.

Mentions were recommendation requests first ("@musicbot play some chill lofi for studying"); text commands came
later ("@musicbot play never gonna give you up", "@musicbot skip"). A mention stays a request when its words read
as one and ask for a kind of music, not a song ("some", "something like", "music for", "songs", "beats", ...);
any other mention with a command word runs the command. Prefix commands ("!play ...") are always commands:
nobody types the prefix to chat.
"""

from __future__ import annotations

import re

from musicbot.application.recommendation.plain_requests import looks_like_request

# Words that ask for a kind of music rather than name one song.
_KIND = re.compile(
    r"\b(some|something|any|anything|music|songs|tunes|beats|vibes?|playlist|mix|similar|like)\b", re.IGNORECASE
)


def mention_runs_command(words: str) -> bool:
    """`words`: the message without the mention, starting with the command word."""
    return not (looks_like_request(words) and _KIND.search(words) is not None)
