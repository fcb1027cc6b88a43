"""Every setting, read once from the environment and `.env`, each with a default (see .env.example)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MUSICBOT_", env_file=".env", extra="ignore")

    # Where the bot keeps its state.
    data_dir: Path = Path("data")

    # Logs: DEBUG/INFO/WARNING/ERROR; "auto" is pretty in a terminal and JSON otherwise.
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_format: Literal["auto", "json", "console"] = "auto"

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
    ytdlp_cookies_file: Path | None = None
    ytdlp_options: dict[str, Any] = Field(default_factory=dict)

    # Links to private, loopback and link-local addresses are refused (SSRF); true allows LAN radio and tests.
    allow_private_urls: bool = False

    # Spotify links (client credentials of an app from developer.spotify.com; empty: Spotify links explain that).
    spotify_client_id: str | None = None
    spotify_client_secret: SecretStr | None = None
    spotify_api_url: str = "https://api.spotify.com/v1/"
    spotify_token_url: str = "https://accounts.spotify.com/api/token"  # noqa: S105 - a URL, not a secret
    spotify_timeout: float = Field(default=20.0, gt=0)
    spotify_request_timeout: float = Field(default=5.0, gt=0)
    spotify_workers: int = Field(default=2, ge=1, le=16)
    # How sure a search result must be to stand for a Spotify song (0-1), and how many results are compared.
    match_min_score: float = Field(default=0.6, ge=0, le=1)
    match_candidates: int = Field(default=5, ge=1, le=10)

    # Resilience of resolution: retries of transient failures per call (backoff with jitter, in seconds), a
    # circuit breaker per source, and caches (entries; seconds a track, a query, a failure, a search, a listing
    # is remembered; a stream this close to its expiry is not handed out).
    resolve_retry_attempts: int = Field(default=2, ge=1, le=10)
    resolve_retry_base_delay: float = Field(default=0.5, ge=0)
    resolve_retry_max_delay: float = Field(default=4.0, ge=0)
    breaker_failure_threshold: int = Field(default=5, ge=1)
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

    @field_validator(
        "ffmpeg_path",
        "ytdlp_cookies_file",
        "spotify_client_id",
        "spotify_client_secret",
        "discord_token",
        "database_url",
        mode="before",
    )
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        # `NAME=` in .env means "use the default", not "the current directory".
        return None if isinstance(value, str) and not value.strip() else value
