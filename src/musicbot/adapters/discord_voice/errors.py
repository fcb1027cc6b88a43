"""What the Discord voice output raises, in the application's terms."""

from musicbot.application.errors import PlaybackFailed


class VoiceConnectFailed(PlaybackFailed):
    """The bot could not join (or move to) a voice channel; the message says why, for a user."""
