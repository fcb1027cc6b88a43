"""The rules of a shared voice channel (who controls the player, vote-skip, auto-leave, 24/7) and the guild's
settings commands: per-guild state lives in the sessions and the settings store."""

from __future__ import annotations

from dependency_injector import containers, providers

from musicbot.application.guild.auto_leave import AutoLeave, AutoLeaveTimeouts
from musicbot.application.guild.music_channel import AdmitCommand
from musicbot.application.guild.sessions import GuildSessions
from musicbot.application.guild.settings import GuildSettingsStore
from musicbot.application.guild.settings_change import ChangeGuildSettings
from musicbot.application.guild.settings_show import ShowGuildSettings
from musicbot.application.guild.stay_connected import SetStayConnected
from musicbot.application.guild.vote_skip import VoteSkip
from musicbot.application.playback.registry import PlayerRegistry
from musicbot.application.playback.voice_rules import VoiceRules
from musicbot.application.saved_queues.live_queues import LiveQueues
from musicbot.application.support.clock import Clock
from musicbot.entrypoints.services import RuleServices
from musicbot.entrypoints.settings import Settings


class GuildRules(containers.DeclarativeContainer):
    settings = providers.Dependency(instance_of=Settings)
    clock: providers.Dependency[Clock] = providers.Dependency()
    registry: providers.Dependency[PlayerRegistry] = providers.Dependency()
    guild_settings: providers.Dependency[GuildSettingsStore] = providers.Dependency()
    live_queues: providers.Dependency[LiveQueues] = providers.Dependency()

    # The rules of a shared voice channel: per-guild state lives in these two singletons.
    guild_sessions = providers.Singleton(GuildSessions, clock=clock)
    # Told of songs starting and queues finishing by the message bus (`entrypoints/event_handlers.py`).
    auto_leave = providers.Singleton(
        AutoLeave,
        registry=registry,
        sessions=guild_sessions,
        settings=guild_settings,
        clock=clock,
        timeouts=providers.Factory(AutoLeaveTimeouts, alone=settings.provided.alone_timeout),
        keep_queue=live_queues.provided.keep,  # a bot disconnected by someone keeps its queue saved
    )
    rules = providers.Singleton(
        RuleServices,
        voice=providers.Factory(VoiceRules, registry),
        vote_skip=providers.Factory(
            VoteSkip, registry=registry, sessions=guild_sessions, ratio=settings.provided.skip_vote_ratio
        ),
        auto_leave=auto_leave,
        stay_connected=providers.Factory(SetStayConnected, guild_settings),
        show_settings=providers.Factory(ShowGuildSettings, guild_settings),
        change_settings=providers.Factory(ChangeGuildSettings, guild_settings, registry),
        music_channel=providers.Factory(AdmitCommand, guild_settings),
        sessions=guild_sessions,
        guild_settings=guild_settings,
    )
