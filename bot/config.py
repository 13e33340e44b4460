"""Typed settings from the environment and `.env`; a bad value stops start-up with one clear line."""

from __future__ import annotations

import io
import socket
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dotenv.parser import parse_stream
from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.errors import UserError
from bot.terminal import one_line

ENV_FILE = ".env"

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]


def _env(name: str) -> AliasChoices:
    return AliasChoices(name)


class Settings(BaseSettings):
    """Every setting Hotseat reads. Names are the environment variables in `.env.example`."""

    model_config = SettingsConfigDict(
        env_file=ENV_FILE,
        env_file_encoding="utf-8",
        env_ignore_empty=True,
        extra="ignore",
        populate_by_name=False,
    )

    discord_token: SecretStr | None = Field(default=None, validation_alias=_env("DISCORD_TOKEN"))
    db_path: Path = Field(default=Path("hotseat.db"), validation_alias=_env("HOTSEAT_DB"))
    # postgresql://… runs the store on PostgreSQL (storage/pgstore.py); unset, HOTSEAT_DB's SQLite file.
    database_url: str | None = Field(default=None, validation_alias=_env("HOTSEAT_DATABASE_URL"))
    log_level: LogLevel = Field(default="INFO", validation_alias=_env("HOTSEAT_LOG_LEVEL"))
    log_file: Path | None = Field(default=None, validation_alias=_env("HOTSEAT_LOG_FILE"))
    timezone: str = Field(default="Europe/London", validation_alias=_env("HOTSEAT_TIMEZONE"))
    poll_minutes: int = Field(default=15, ge=1, le=1440, validation_alias=_env("HOTSEAT_POLL_MINUTES"))
    football_data_token: SecretStr | None = Field(default=None, validation_alias=_env("FOOTBALL_DATA_TOKEN"))
    # The football-data.org v4 API base; tests and self-hosters (a caching proxy) point it elsewhere.
    football_data_url: str = Field(
        default="https://api.football-data.org/v4", validation_alias=_env("HOTSEAT_FOOTBALL_DATA_URL")
    )
    allow_private_feeds: bool = Field(default=False, validation_alias=_env("HOTSEAT_ALLOW_PRIVATE_FEEDS"))
    discord_api_url: str | None = Field(default=None, validation_alias=_env("HOTSEAT_DISCORD_API_URL"))
    discord_gateway_url: str | None = Field(
        default=None, validation_alias=_env("HOTSEAT_DISCORD_GATEWAY_URL")
    )
    sync_commands: bool = Field(default=False, validation_alias=_env("HOTSEAT_SYNC_COMMANDS"))
    dev_guild_id: int | None = Field(
        default=None, ge=1, lt=2**63, validation_alias=_env("HOTSEAT_DEV_GUILD_ID")
    )
    default_feeds: bool = Field(default=True, validation_alias=_env("HOTSEAT_DEFAULT_FEEDS"))
    fetch_article_text: bool = Field(default=False, validation_alias=_env("HOTSEAT_FETCH_ARTICLE_TEXT"))
    fetch_timeout_seconds: float = Field(
        default=20.0, ge=1, le=300, validation_alias=_env("HOTSEAT_FETCH_TIMEOUT_SECONDS")
    )
    max_feed_bytes: int = Field(
        default=5_000_000, ge=10_000, le=100_000_000, validation_alias=_env("HOTSEAT_MAX_FEED_BYTES")
    )
    per_host_concurrency: int = Field(
        default=4, ge=1, le=64, validation_alias=_env("HOTSEAT_PER_HOST_CONCURRENCY")
    )
    matches_refresh_hours: float = Field(
        default=6.0, ge=0.25, le=168, validation_alias=_env("HOTSEAT_MATCHES_REFRESH_HOURS")
    )
    openfootball_url: str = Field(
        default="https://raw.githubusercontent.com/openfootball/football.json/master",
        validation_alias=_env("HOTSEAT_OPENFOOTBALL_URL"),
    )
    retention_days: int = Field(default=0, ge=0, le=36_500, validation_alias=_env("HOTSEAT_RETENTION_DAYS"))
    analysis_workers: int = Field(default=1, ge=1, le=16, validation_alias=_env("HOTSEAT_ANALYSIS_WORKERS"))
    analysis_timeout_seconds: float = Field(
        default=10.0, ge=0.1, le=600, validation_alias=_env("HOTSEAT_ANALYSIS_TIMEOUT_SECONDS")
    )
    max_feeds_per_server: int = Field(
        default=25, ge=1, le=1000, validation_alias=_env("HOTSEAT_MAX_FEEDS_PER_SERVER")
    )
    # Running it for months and in clusters (bot/metrics.py, bot/logs.py, bot/health.py).
    log_format: Literal["text", "json"] = Field(default="text", validation_alias=_env("HOTSEAT_LOG_FORMAT"))
    metrics_port: int | None = Field(
        default=None, ge=0, le=65535, validation_alias=_env("HOTSEAT_METRICS_PORT")
    )
    instance: str = Field(
        default_factory=socket.gethostname,
        min_length=1,
        max_length=100,
        validation_alias=_env("HOTSEAT_INSTANCE"),
    )
    feed_lease_seconds: float = Field(
        default=300.0, ge=1, le=86_400, validation_alias=_env("HOTSEAT_FEED_LEASE_SECONDS")
    )
    health_max_poll_age_minutes: float = Field(
        default=60.0, gt=0, le=10_080, validation_alias=_env("HOTSEAT_HEALTH_MAX_POLL_AGE_MINUTES")
    )

    @field_validator("db_path", "log_file")
    @classmethod
    def _real_path(cls, value: Path | None) -> Path | None:
        if value is not None and (not str(value).strip() or str(value).strip() == "."):
            raise ValueError("the path is empty: give a file name")
        if value is not None and value.is_dir():
            raise ValueError(f"{value} is a folder: give a file name inside it")
        return value

    @field_validator("football_data_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not value.strip().startswith(("http://", "https://")):
            raise ValueError("give an http(s) address, for example https://api.football-data.org/v4")
        return value.strip()

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r} (try Europe/London or UTC)") from exc
        return value

    @property
    def console_mode(self) -> bool:
        return self.discord_token is None or not self.discord_token.get_secret_value().strip()


def env_names() -> list[str]:
    """The environment variable behind each setting, in declaration order."""
    names: list[str] = []
    for field in Settings.model_fields.values():
        alias = field.validation_alias
        assert isinstance(alias, AliasChoices)
        names.append(str(alias.choices[0]))
    return names


def _field_env_name(field_name: str) -> str:
    alias = Settings.model_fields[field_name].validation_alias
    return str(alias.choices[0]) if isinstance(alias, AliasChoices) else field_name


def describe_validation_error(exc: ValidationError) -> str:
    """One line naming the setting and the problem, without pydantic's traceback-like dump."""
    problems = []
    for error in exc.errors():
        loc = error.get("loc") or ("?",)
        name = str(loc[0])
        env_name = _field_env_name(name) if name in Settings.model_fields else name
        message = str(error.get("msg", "invalid value")).removeprefix("Value error, ")
        problems.append(f"{env_name}: {message}")
    return one_line("bad setting — " + "; ".join(problems))


def check_env_file(path: Path = Path(ENV_FILE)) -> None:
    """Refuse a `.env` that python-dotenv would half-read: it skips a line it cannot parse (with only
    a warning), so a mistyped `DISCORD_TOKEN` line would silently start the bot in console mode."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise UserError(f"{path} line {line}: not UTF-8 text; save the file as UTF-8") from None
    for binding in parse_stream(io.StringIO(text)):
        if binding.error:
            shown = one_line(binding.original.string)[:60]
            name = shown.split("=", 1)[0].strip() if "=" in shown else ""
            hint = f" (the {name} setting)" if name and name.replace("_", "").isalnum() else ""
            raise UserError(
                f"{path} line {binding.original.line}{hint} cannot be read: check its quotes, "
                'for example NAME="value" with no quote inside the value'
            )


def load_settings(**overrides: object) -> Settings:
    """Read settings, turning any validation problem into a UserError with one clear line."""
    check_env_file()
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        raise UserError(describe_validation_error(exc)) from None
