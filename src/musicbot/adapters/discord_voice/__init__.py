"""Discord voice output: FFmpeg makes Opus, one shared sender paces every guild's packets.

- `gateway.DiscordVoiceGateway`: the `VoiceGateway` port over discord.py (join, move, leave, play...).
- `engine.VoiceEngine`: the Discord-free part (what plays, per guild), driven by tests with fake connections;
  `opus_sources.py` builds its FFmpeg sources with its options.
- `source.OpusSource`: one FFmpeg writing Ogg Opus to a pipe (copied if the source is Opus at 100 %, else
  encoded by libopus), read by a task into a bounded buffer; `ogg.py` parses the pages. The FFmpeg process
  itself (start, stderr, failure reasons, reaping) is the console's too: `audio/ffmpeg_process.py`.
- `sender.PacketSender` + `drivers.py`: one 5 ms clock for all guilds, each guild served every 20 ms with
  `VoiceClient.send_audio_packet(packet, encode=False)`; never `VoiceClient.play` and its thread per guild.
- `volume.py`: a volume change heard within ~25-35 ms by switching to a second FFmpeg, no gap, no restart.
- `preloads.py`: the next song's FFmpeg started 3 s ahead (`audio/preload.py`, shared with the console); its
  end is reported 100 ms early (`TAIL`), so the next `play` lands behind the last packets: no gap.

Measured on 2 cores (bench/voice_streams.py, real `VoiceClient` packet building and encryption to a local
UDP sink): play -> first packet 17 ms (copy and transcode); 400 copy streams p99 4 ms late, no gap; ~0.13 %
of a core per copy stream in our process plus ~0.03 % in FFmpeg; a transcoded stream ~0.15-0.3 % plus
~0.65-0.85 % in FFmpeg.
"""

from musicbot.adapters.discord_voice.engine import VoiceEngine
from musicbot.adapters.discord_voice.errors import VoiceConnectFailed
from musicbot.adapters.discord_voice.gateway import DiscordVoiceGateway
from musicbot.adapters.discord_voice.lane import LaneStats, VoiceConnection

__all__ = ["DiscordVoiceGateway", "LaneStats", "VoiceConnectFailed", "VoiceConnection", "VoiceEngine"]
