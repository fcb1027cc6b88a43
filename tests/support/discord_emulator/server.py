"""`DiscordEmulator`: a local Discord for end-to-end tests of a real, unmodified discord.py bot.

One plain HTTP port serves REST (/api/v10) and the gateway websocket; one TLS port serves the voice websocket;
one UDP port receives voice. Everything binds 127.0.0.1. See README.md in this package for the API.
"""

# Waits take `timeout=` so that a failure says what never happened ("timed out waiting for the final reply
# to /play"), which a bare asyncio.timeout() around the call cannot.
# ruff: noqa: ASYNC109

from __future__ import annotations

import shutil
import ssl
import tempfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import TracebackType

from aiohttp import web

from tests.support.discord_emulator import actions
from tests.support.discord_emulator.commands import EmulatorError
from tests.support.discord_emulator.gateway import SEND_LIMIT, SEND_WINDOW, Gateway
from tests.support.discord_emulator.http_util import api_errors
from tests.support.discord_emulator.install import point_discord_py_at
from tests.support.discord_emulator.interactions import Interaction, Reply
from tests.support.discord_emulator.model import JSON, Channel, Guild, Member, Message, Permission, Role, User
from tests.support.discord_emulator.recording import VoiceRecording
from tests.support.discord_emulator.rest import STATE, RestApi, unknown_route
from tests.support.discord_emulator.rtp import UdpVoiceReceiver
from tests.support.discord_emulator.state import DEFAULT_BOT_PERMISSIONS, EmulatorState
from tests.support.discord_emulator.tls import EmulatorTls
from tests.support.discord_emulator.voice import VoiceConnection, VoiceServerHub
from tests.support.discord_emulator.webhooks import InteractionApi

HOST = "127.0.0.1"
BACKLOG = 1024  # pending connections per port (the kernel caps it at net.core.somaxconn)


class DiscordEmulator:
    def __init__(
        self,
        *,
        bot_name: str = "MusicBot",
        response_deadline: float = 3.0,
        token_lifetime: float = 15 * 60.0,
        heartbeat_interval: float = 41.25,
        privileged_intents: bool = True,
        decode_on_arrival: bool = False,
        lean_voice: bool = False,
        gateway_send_limit: int = SEND_LIMIT,
        gateway_send_window: float = SEND_WINDOW,
    ) -> None:
        self.state = EmulatorState(bot_name=bot_name)
        self.state.privileged_intents = privileged_intents
        self.tls = EmulatorTls()
        self.udp = UdpVoiceReceiver(HOST)
        self.voice_hub = VoiceServerHub(
            self.udp, self.state.notifier, decode_on_arrival=decode_on_arrival, lean=lean_voice
        )
        self.gateway = Gateway(
            self.state,
            self.voice_hub,
            url="",
            heartbeat_interval=heartbeat_interval,
            send_limit=gateway_send_limit,
            send_window=gateway_send_window,
        )
        self._rest = RestApi(self.state, gateway_url="")
        self._interaction_api = InteractionApi(
            self.state, response_deadline=response_deadline, token_lifetime=token_lifetime
        )
        self._runners: list[web.AppRunner] = []
        self._undo: list[Callable[[], None]] = []
        self._tempdir = Path(tempfile.mkdtemp(prefix="discord-emulator-"))
        self.ca_pem_path = self.tls.write_ca(self._tempdir)
        self.port = 0
        self.voice_port = 0

    # --- lifecycle -------------------------------------------------------------------------------------------

    async def start(self) -> DiscordEmulator:
        app = web.Application(middlewares=[api_errors])
        app[STATE] = self.state
        app.add_routes([web.get("/", self.gateway.handle), web.get("/resume", self.gateway.handle)])
        app.add_routes(self._rest.routes() + self._interaction_api.routes())
        app.router.add_route("*", "/{tail:.*}", unknown_route)
        self.port = await self._serve(app, tls=False)
        voice_app = web.Application()
        voice_app[STATE] = self.state
        voice_app.add_routes([web.get("/", self.voice_hub.handle)])
        voice_app.router.add_route("*", "/{tail:.*}", unknown_route)
        self.voice_port = await self._serve(voice_app, tls=True)
        self.state.base_url = f"http://{HOST}:{self.port}"
        self.gateway.url = self._rest.gateway_url = self.gateway_url
        self.voice_hub.endpoint = f"{HOST}:{self.voice_port}"
        self.udp.start()
        return self

    async def _serve(self, app: web.Application, *, tls: bool) -> int:
        runner = web.AppRunner(app, handle_signals=False, access_log=None, shutdown_timeout=1.0)
        await runner.setup()
        self._runners.append(runner)
        # A bot answering hundreds of interactions at once opens as many connections at once; with aiohttp's
        # backlog of 128 the kernel dropped the rest's SYNs and they came back 1 s later (Discord's edge has no
        # such queue).
        site = web.TCPSite(runner, HOST, 0, ssl_context=self.tls.server_context if tls else None, backlog=BACKLOG)
        await site.start()
        return int(runner.addresses[0][1])

    async def close(self) -> None:
        self.uninstall()
        await self.gateway.close()
        await self.voice_hub.close()
        for runner in reversed(self._runners):
            await runner.cleanup()
        self._runners.clear()
        self.udp.close()
        shutil.rmtree(self._tempdir, ignore_errors=True)

    async def __aenter__(self) -> DiscordEmulator:
        return await self.start()

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()

    def install(self) -> None:
        """Point discord.py in this process at the emulator and trust its CA; undone by `uninstall`/`close`."""
        if not self._undo:
            self._undo = [point_discord_py_at(self.api_url, self.gateway_url, self.tls)]

    def uninstall(self) -> None:
        while self._undo:
            self._undo.pop()()

    # --- addresses and credentials ---------------------------------------------------------------------------

    @property
    def token(self) -> str:
        return self.state.token

    @property
    def application_id(self) -> int:
        return self.state.application_id

    @property
    def bot(self) -> User:
        return self.state.bot

    @property
    def base_url(self) -> str:
        return self.state.base_url

    @property
    def api_url(self) -> str:
        return f"{self.base_url}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://{HOST}:{self.port}/"

    @property
    def voice_endpoint(self) -> str:
        return self.voice_hub.endpoint

    @property
    def client_ssl_context(self) -> ssl.SSLContext:
        """For `aiohttp.TCPConnector(ssl=...)`: trusts the emulator's CA (and the system's)."""
        return self.tls.client_context

    @property
    def unknown_routes(self) -> list[str]:
        return self.state.unknown_routes

    # --- building the world ----------------------------------------------------------------------------------

    def add_guild(
        self,
        name: str,
        *,
        voice_channels: Sequence[str] = ("General",),
        text_channels: Sequence[str] = ("general",),
        bot_permissions: int = DEFAULT_BOT_PERMISSIONS,
        everyone_permissions: int = Permission.EVERYONE_DEFAULT,
    ) -> Guild:
        """A guild the bot is in, with an owner, @everyone, the bot's managed role and these channels."""
        return self.state.add_guild(
            name,
            voice_channels=voice_channels,
            text_channels=text_channels,
            bot_permissions=bot_permissions,
            everyone_permissions=everyone_permissions,
        )

    def add_role(self, guild: Guild, name: str, *, permissions: int = 0) -> Role:
        return self.state.add_role(guild, name, permissions=permissions)

    def add_channel(self, guild: Guild, name: str, *, voice: bool = False) -> Channel:
        return self.state.add_channel(guild, name, voice=voice)

    def add_member(
        self,
        guild: Guild,
        name: str,
        *,
        roles: Sequence[Role | str] = (),
        in_voice: Channel | str | None = None,
        user: User | None = None,
    ) -> Member:
        return self.state.add_member(guild, name, roles=roles, in_voice=in_voice, user=user)

    def move_member(self, member: Member, channel: Channel | str | None) -> None:
        self.state.move_member(member, channel)

    # --- the bot's connection --------------------------------------------------------------------------------

    async def wait_ready(self, timeout: float = 10.0) -> None:
        """Until the bot identified and READY plus every GUILD_CREATE went out to it."""
        await self.state.notifier.wait_for(
            lambda: True if self.gateway.ready else None, timeout=timeout, what="the bot to identify"
        )

    async def drop_gateway(self, code: int = 4000) -> None:
        await self.gateway.drop(code)

    def request_reconnect(self) -> None:
        self.gateway.request_reconnect()

    # --- commands and interactions ---------------------------------------------------------------------------

    def commands(self, guild: Guild | None = None) -> dict[str, JSON]:
        return dict(self.state.commands.scope(None if guild is None else guild.id))

    async def slash(
        self,
        guild: Guild,
        member: Member,
        command: str,
        options: Mapping[str, object] | None = None,
        *,
        channel: Channel | str | None = None,
    ) -> Interaction:
        return actions.slash(self.state, guild, member, command, options, channel=channel)

    async def autocomplete(
        self,
        guild: Guild,
        member: Member,
        command: str,
        options: Mapping[str, object],
        *,
        focused: str,
        channel: Channel | str | None = None,
        timeout: float = 5.0,
    ) -> list[JSON]:
        interaction = actions.slash(self.state, guild, member, command, options, channel=channel, focused=focused)
        return await interaction.autocomplete_choices(timeout)

    async def click(self, message: Message | Reply, custom_id: str, member: Member) -> Interaction:
        return actions.click(self.state, message, custom_id, member)

    async def select(
        self, message: Message | Reply, custom_id: str, values: Sequence[str], member: Member
    ) -> Interaction:
        return actions.select(self.state, message, custom_id, values, member)

    async def submit_modal(
        self, shown_by: Interaction, values: dict[str, str | list[str]], member: Member | None = None
    ) -> Interaction:
        return actions.submit_modal(self.state, shown_by, values, member)

    def messages(self, channel: Channel, *, ephemeral: bool = False) -> list[Message]:
        return self.state.messages.in_channel(channel, ephemeral=ephemeral)

    async def wait_for_message(
        self, channel: Channel, predicate: Callable[[Message], bool] = lambda m: True, *, timeout: float = 10.0
    ) -> Message:
        def probe() -> Message | None:
            return next((m for m in self.messages(channel) if predicate(m)), None)

        return await self.state.notifier.wait_for(probe, timeout=timeout, what=f"a message in #{channel.name}")

    # --- voice -----------------------------------------------------------------------------------------------

    def voice(self, guild: Guild) -> VoiceRecording:
        return self.voice_hub.recording(guild.id)

    def sample_voice(self, guild: Guild) -> None:
        """With `lean_voice=True`, record this guild's audio fully all the same (decrypted, decodable)."""
        self.voice_hub.sampled.add(guild.id)

    def audio_arrivals(self, guild: Guild, since: float = 0.0, until: float | None = None) -> list[float]:
        """Arrival times of the guild's audio packets in [since, until), whichever way it is recorded."""
        arrivals = self.voice_hub.arrival_logs.get(guild.id)
        if arrivals is not None:
            return arrivals.between(since, until)
        return [p.arrival for p in self.voice(guild).audio_packets(since, until)]

    def voice_connections(self, guild: Guild) -> list[VoiceConnection]:
        return self.voice_hub.of_guild(guild.id)

    def bot_voice_channel(self, guild: Guild) -> Channel | None:
        return self.state.bot_voice_channel(guild)

    async def wait_bot_voice(self, guild: Guild, channel: Channel | str | None, *, timeout: float = 10.0) -> None:
        """Until the bot's voice state is `channel` (None: out of voice) and, in a channel, its UDP is keyed."""
        wanted = guild.channel(channel) if isinstance(channel, str) else channel

        def probe() -> bool | None:
            if self.bot_voice_channel(guild) != wanted:
                return None
            live = [c for c in self.voice_connections(guild) if c.open and c.secret_key]
            return True if (bool(live) == (wanted is not None)) else None

        await self.state.notifier.wait_for(probe, timeout=timeout, what=f"the bot in voice channel {wanted}")

    async def drop_voice(self, guild: Guild, code: int | None = None) -> None:
        """The voice server drops the bot: by default the TCP connection is cut (1006, what Discord's voice
        servers do now and then); or a close `code` (4015 "voice server crashed" invites a RESUME)."""
        live = [c for c in self.voice_connections(guild) if c.open]
        if not live:
            raise EmulatorError(f"the bot has no open voice connection in {guild.name}")
        for connection in live:
            await self.voice_hub.drop(connection, code)

    def blackhole_udp(self, seconds: float) -> None:
        """Every voice datagram is lost, both ways, for `seconds` (audio, IP discovery, RTCP)."""
        self.udp.blackhole(seconds)

    def ignore_voice_joins(self, guild: Guild, count: int = 1) -> None:
        """The next `count` voice joins of the bot in `guild` get no answer at all (no VOICE_STATE_UPDATE, no
        VOICE_SERVER_UPDATE), as when Discord's answer is lost or discord.py misses it: the join hangs."""
        self.gateway.ignored_joins[guild.id] = count

    def withhold_voice_servers(self, guild: Guild, count: int = 1) -> None:
        """The next `count` voice joins of the bot in `guild` put it in the channel (VOICE_STATE_UPDATE) but get
        no VOICE_SERVER_UPDATE, as when Discord's voice service does not answer: the join hangs in the channel."""
        self.gateway.withheld_servers[guild.id] = count

    def kick_bot_from_voice(self, guild: Guild) -> None:
        """A moderator disconnects the bot: VOICE_STATE_UPDATE with no channel, then the voice socket closes."""
        self.state.set_voice_state(guild, self.bot.id, None, session_id="")
        self.voice_hub.end(guild.id, 4014, delay=0.05)
