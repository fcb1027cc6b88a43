"""Per-guild state beside the player: settings that outlive a voice session (24/7) and the rule state of one
session (skip votes, auto-leave timers), each freed when its guild no longer needs it."""
