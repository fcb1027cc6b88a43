"""Local audio output: the bot's playback written to a WAV file, the speakers (ffplay) or nowhere."""

from musicbot.adapters.audio.local_output import LocalAudioOutput
from musicbot.adapters.audio.sinks import AudioSink, AudioSinkError, FfplaySink, NullSink, WavFileSink, ffplay_available

__all__ = [
    "AudioSink",
    "AudioSinkError",
    "FfplaySink",
    "LocalAudioOutput",
    "NullSink",
    "WavFileSink",
    "ffplay_available",
]
