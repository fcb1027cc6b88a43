"""Discord voice output: FFmpeg makes Opus, one shared sender paces every guild's packets (see engine.py)."""

from musicbot.adapters.discord_voice.engine import VoiceEngine
from musicbot.adapters.discord_voice.errors import VoiceConnectFailed
from musicbot.adapters.discord_voice.gateway import DiscordVoiceGateway
from musicbot.adapters.discord_voice.lane import LaneStats, VoiceConnection

__all__ = ["DiscordVoiceGateway", "LaneStats", "VoiceConnectFailed", "VoiceConnection", "VoiceEngine"]
