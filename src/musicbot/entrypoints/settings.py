"""Every setting, read once from the environment and `.env`, each with a default (see .env.example).

The recommendations' own (OpenRouter, Deezer, radio, their caches and limits) are declared in
`settings_recommendations.py`; `Settings` reads them with the rest, under the same MUSICBOT_ prefix.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AliasChoices, Field, InstanceOf, SecretStr, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from musicbot.adapters.private_networks import BadNetworkList, PrivateNetworks
from musicbot.entrypoints.settings_recommendations import RecommendationOptions, empty_is_unset
from musicbot.entrypoints.shard_ids import parse_shard_ids


class Settings(BaseSettings, RecommendationOptions):
    # `NAME=` (an example copied, a line left empty) means the default, and lets another name for it be read.
    model_config = SettingsConfigDict(env_prefix="MUSICBOT_", env_file=".env", extra="ignore", env_ignore_empty=True)

    # Where the bot keeps its state.
    data_dir: Path = Path("data")

    # Logs: DEBUG/INFO/WARNING/ERROR; "auto" is pretty in a terminal and JSON otherwise.
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_format: Literal["auto", "json", "console"] = "auto"
    # Also to a rotating JSON file (empty: none): bytes per file, and how many old files are kept.
    log_file: Path | None = None
    log_file_max_bytes: int = Field(default=10_000_000, ge=10_000)
    log_file_backups: int = Field(default=5, ge=0, le=100)

    # Operations HTTP server (/livez, /readyz, /metrics, /api/status) on the bot's event loop; port 0: none.
    http_host: str = "127.0.0.1"
    http_port: int = Field(default=8080, ge=0, le=65535)
    # Scale: this process owns these shards of `shard_count` ("0,1" or "0-3"; empty with a count: all of them;
    # no count: discord.py asks Discord how many). Redis (redis://host:6379/0) shares rate limits, settings
    # changes, identify turns and the status figures between processes; empty: everything in this process.
    shard_count: int | None = Field(default=None, ge=1, le=100_000)
    shard_ids: Annotated[tuple[int, ...], NoDecode] = ()
    redis_url: SecretStr | None = None
    # Shards that may identify together per 5 s across processes; empty: GET /gateway/bot's max_concurrency (1, or
    # 16+ for large bots), asked once at start. Set it only to override what Discord says.
    identify_concurrency: int | None = Field(default=None, ge=1, le=1024)
    # "upgrade": run and console migrate the database at start; "check": only check it is current and refuse to
    # start otherwise (several processes on one PostgreSQL: `musicbot db upgrade` runs once, before them).
    database_migrate: Literal["upgrade", "check"] = "upgrade"
    # Discord user ids allowed the /admin commands, besides the application's owner (or team): "123,456".
    owner_ids: Annotated[frozenset[int], NoDecode] = frozenset()

    # Queues.
    max_queue_size: int = Field(default=1000, ge=1, le=100_000)
    history_size: int = Field(default=50, ge=0, le=10_000)
    max_song_attempts: int = Field(default=3, ge=1, le=10)
    default_volume: int = Field(default=100, ge=0, le=200)
    max_query_length: int = Field(default=500, ge=1, le=4000)

    # FFmpeg: empty means the bundled static build (imageio-ffmpeg), else `ffmpeg` on the PATH.
    ffmpeg_path: str | None = None

    # yt-dlp.
    default_search: str = "ytsearch"
    resolve_timeout: float = Field(default=30.0, gt=0)
    resolver_workers: int = Field(default=4, ge=1, le=64)
    # Worker processes running yt-dlp (off the bot's GIL); 0: `resolver_workers` threads of the bot's process.
    # Until they are started and warm (seconds on a busy machine), requests run on those threads.
    resolver_processes: int = Field(default=2, ge=0, le=32)
    # /readyz waits for those workers to be warm, at most this many seconds: then ready, degraded, with a warning.
    resolver_warm_timeout: float = Field(default=60.0, gt=0, le=3600)
    ytdlp_cookies_file: Path | None = None
    ytdlp_options: dict[str, Any] = Field(default_factory=dict)

    # Links to private, loopback and link-local addresses are refused (SSRF). A list of networks (CIDRs) is
    # allowed anyway (LAN radio, tests); true: the usual private ranges. Cloud metadata addresses
    # (169.254.169.254, fd00:ec2::254, ...) stay refused unless an entry names one alone.
    allow_private_urls: Annotated[InstanceOf[PrivateNetworks], NoDecode] = PrivateNetworks()

    # Spotify links (client credentials of an app from developer.spotify.com; empty: Spotify links explain that).
    spotify_client_id: str | None = None
    spotify_client_secret: SecretStr | None = None
    spotify_api_url: str = "https://api.spotify.com/v1/"
    spotify_token_url: str = "https://accounts.spotify.com/api/token"  # noqa: S105 - a URL, not a secret
    spotify_timeout: float = Field(default=20.0, gt=0)
    spotify_request_timeout: float = Field(default=5.0, gt=0)
    spotify_workers: int = Field(default=2, ge=1, le=16)
    # Members' own Spotify accounts (/spotify connect): needs the client id above and MUSICBOT_SECRET_KEY (Fernet
    # keys, comma-separated: the first encrypts, all decrypt). The redirect URI registered in the app: a public
    # https:// address of this bot's /spotify/callback, or http://127.0.0.1:PORT/... (members then paste the
    # address they land on); empty: http://127.0.0.1:<MUSICBOT_HTTP_PORT>/spotify/callback.
    secret_key: SecretStr | None = None
    spotify_redirect_uri: str | None = None
    spotify_accounts_url: str = "https://accounts.spotify.com"
    # Hours between refreshes of each linked member's taste profile (top items, recent plays, saved songs).
    spotify_taste_refresh_hours: float = Field(default=12.0, gt=0)
    # How sure a search result must be to stand for a Spotify song (0-1), and how many results are compared.
    match_min_score: float = Field(default=0.6, ge=0, le=1)
    match_candidates: int = Field(default=5, ge=1, le=10)

    # Resilience of resolution: retries of transient failures per call (backoff with jitter, in seconds), a
    # circuit breaker per source, and caches (entries; seconds a track, a query, a failure, a search, a listing
    # is remembered; a stream this close to its expiry is not handed out).
    resolve_retry_attempts: int = Field(default=2, ge=1, le=10)
    resolve_retry_base_delay: float = Field(default=0.5, ge=0)
    resolve_retry_max_delay: float = Field(default=4.0, ge=0)
    # Every attempt counts against the breaker, and one request makes up to max_song_attempts x
    # resolve_retry_attempts (3 x 2) of them: a threshold below that opened on a user's very first request.
    breaker_failure_threshold: int = Field(default=10, ge=1)
    breaker_reset_after: float = Field(default=30.0, gt=0)
    resolve_cache_size: int = Field(default=2048, ge=1)
    resolve_cache_ttl: float = Field(default=3600.0, gt=0)
    resolve_cache_query_ttl: float = Field(default=21600.0, gt=0)
    resolve_negative_ttl: float = Field(default=60.0, ge=0)
    stream_margin: float = Field(default=60.0, ge=0)
    search_cache_ttl: float = Field(default=600.0, gt=0)
    listing_cache_ttl: float = Field(default=120.0, gt=0)

    # Processing: concurrent resolutions, how many may wait, and how playlists are loaded.
    processing_workers: int = Field(default=4, ge=1, le=64)
    processing_queue_limit: int = Field(default=10_000, ge=1)
    playlist_max_entries: int = Field(default=1000, ge=1, le=100_000)
    batch_chunk_size: int = Field(default=100, ge=1, le=10_000)

    # Storage: empty is SQLite in the data directory; postgresql://user:password@host/db for PostgreSQL.
    database_url: SecretStr | None = None
    # SQLite durability: FULL keeps every acknowledged write through a power cut; NORMAL only through a crash.
    database_synchronous: Literal["NORMAL", "FULL"] = "FULL"
    # PostgreSQL connections kept open.
    database_pool_size: int = Field(default=5, ge=1, le=100)
    # Seconds between saves of where each playing queue is in its song (what a restart after a crash resumes
    # from; a clean stop saves the exact position anyway). 0: only on changes.
    queue_checkpoint_seconds: float = Field(default=30.0, ge=0)
    # Saved playlists: how many per guild, and songs per playlist.
    max_playlists_per_guild: int = Field(default=100, ge=1, le=100_000)
    max_playlist_size: int = Field(default=1000, ge=1, le=100_000)

    # Discord: the bot's token, from DISCORD_TOKEN (the name hosts use) or MUSICBOT_DISCORD_TOKEN.
    discord_token: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("DISCORD_TOKEN", "MUSICBOT_DISCORD_TOKEN")
    )
    # Who controls the player: members with this role (and with Manage Server) skip at once and may move the
    # bot; others vote, and a song is skipped when this share of the listeners voted.
    dj_role: str = Field(default="DJ", min_length=1, max_length=100)
    skip_vote_ratio: float = Field(default=0.5, gt=0, le=1)
    # Auto-leave: seconds with nothing playing, and seconds with no human in the channel; 0 never leaves.
    # A server manager keeps the bot in with /247.
    idle_timeout: float = Field(default=300.0, ge=0)
    alone_timeout: float = Field(default=120.0, ge=0)
    # Joining a voice channel: seconds one attempt may take, and attempts before a join is given up (a join
    # that hangs is cut and tried again; a saved queue whose rejoin failed at start-up is tried again later).
    voice_join_timeout: float = Field(default=8.0, gt=0, le=60)
    voice_join_attempts: int = Field(default=3, ge=1, le=10)

    # Plain messages in a guild's music channel ("need rock for my workout") are read as requests: needs the
    # privileged Message Content intent, enabled in the Developer Portal first. Mentioning the bot works without.
    message_content_intent: bool = False
    # Text commands ("!play ...", "!skip"): the prefix, read only with the Message Content intent; mentioning the
    # bot as a prefix ("@musicbot skip") works without it.
    prefix: str = Field(default="!", min_length=1, max_length=5, pattern=r"^\S+$")
    # Lyrics (/lyrics) from LRCLIB, an open lyrics database (no key); its address (proxies, tests) and seconds
    # one lookup may take.
    lrclib_url: str = "https://lrclib.net"
    lrclib_timeout: float = Field(default=8.0, gt=0)

    @field_validator("allow_private_urls", mode="before")
    @classmethod
    def _networks(cls, value: object) -> PrivateNetworks:
        try:
            return PrivateNetworks.parse(value)
        except BadNetworkList as error:
            raise ValueError(str(error)) from None

    @field_validator(
        "ffmpeg_path",
        "ytdlp_cookies_file",
        "spotify_client_id",
        "spotify_client_secret",
        "discord_token",
        "database_url",
        "log_file",
        "secret_key",
        "spotify_redirect_uri",
        "redis_url",
        mode="before",
    )
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        return empty_is_unset(value)

    @field_validator("owner_ids", mode="before")
    @classmethod
    def _id_list(cls, value: object) -> object:
        if isinstance(value, str):
            return frozenset(int(part) for part in value.replace(",", " ").split())
        return value

    @field_validator("shard_ids", mode="before")
    @classmethod
    def _shard_list(cls, value: object) -> object:
        if isinstance(value, str):
            return parse_shard_ids(value)
        return value

    @field_validator("shard_ids", mode="after")
    @classmethod
    def _shards_in_range(cls, ids: tuple[int, ...], info: ValidationInfo) -> tuple[int, ...]:
        count = info.data.get("shard_count")
        if ids and count is None:
            raise ValueError("needs MUSICBOT_SHARD_COUNT too")
        if count is not None and any(not 0 <= shard < count for shard in ids):
            raise ValueError(f"every shard id must be between 0 and {count - 1}")
        return ids
