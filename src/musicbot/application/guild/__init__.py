"""Per-guild state and rules beside the player: settings that outlive a voice session (24/7), who may control
playback, skip votes and auto-leave, each freed when its guild no longer needs it."""
