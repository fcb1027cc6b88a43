"""Every setting, read once from the environment and `.env`, each with a default (see .env.example)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import Field, field_validator
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

    @field_validator("ffmpeg_path", "ytdlp_cookies_file", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        # `NAME=` in .env means "use the default", not "the current directory".
        return None if isinstance(value, str) and not value.strip() else value
