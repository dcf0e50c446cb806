"""Settings from the environment and ``.env``, checked with one clear sentence per problem."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from dotenv import dotenv_values
from dotenv.parser import parse_stream

from bot.core.deploy_settings import OpsSettingError, OpsSettings, read_ops_settings
from bot.core.paths import default_database_path, resolve_path

DEFAULT_DB = default_database_path()  # per user, e.g. ~/.local/share/hk-advocacy-bot/bot.db
_TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_\-]{20,}\.[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]{20,}$")
_LOG_LEVELS = {"DEBUG", "INFO", "WARNING", "ERROR"}


class ConfigError(Exception):
    """A setting is missing or malformed; the message says what to set and where."""


@dataclass(frozen=True, slots=True)
class Settings:
    token: str | None = None
    database_path: Path = DEFAULT_DB
    dev_guild_id: int | None = None
    log_level: str = "INFO"
    default_timezone: str = "America/New_York"
    legislators_url: str | None = None
    billstatus_url: str | None = None  # BILLSTATUS_URL: base of the Bill Status files, or "off"
    ops: OpsSettings = field(default_factory=OpsSettings)
    extra: dict[str, str] = field(default_factory=dict)


def _check_env_file(env_file: Path) -> None:
    """Refuse a line python-dotenv can't parse (it would only warn and skip it)."""
    try:
        with env_file.open(encoding="utf-8") as fh:
            bad = next((b.original for b in parse_stream(fh) if b.error), None)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{env_file} could not be read ({exc}).") from None
    if bad is not None:
        # Name the setting, never echo the line: it may hold the token.
        name = re.match(r"\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)", bad.string)
        what = f" ({name.group(1)})" if name else ""
        raise ConfigError(
            f"line {bad.line}{what} of {env_file} is not NAME=value: write it as in "
            ".env.example (quotes around a value must be closed), "
            "or try the bot offline with `python -m bot demo`."
        )


def _source(env_file: Path | None, environ: dict[str, str] | None) -> dict[str, str]:
    values: dict[str, str] = {}
    if env_file is not None and env_file.exists():
        _check_env_file(env_file)
        try:
            raw = dotenv_values(env_file)
        except Exception as exc:  # python-dotenv raises on unreadable files
            raise ConfigError(f"{env_file} could not be read ({exc}).") from None
        values.update({k: v for k, v in raw.items() if v is not None})
    values.update(os.environ if environ is None else environ)
    return values


def load_settings(
    env_file: Path | None = Path(".env"),
    environ: dict[str, str] | None = None,
    *,
    require_token: bool = True,
    database_path: Path | None = None,
) -> Settings:
    """Read settings; raise :class:`ConfigError` with a sentence a newcomer can act on."""
    values = _source(env_file, environ)
    where = f"{env_file}" if env_file is not None else "the environment"
    environment = os.environ if environ is None else environ

    def where_is(name: str) -> str:
        """Where a value came from: the environment wins over the file."""
        return "the environment" if name in environment else where

    token = (values.get("DISCORD_TOKEN") or "").strip() or None
    if require_token:
        if token is None:
            raise ConfigError(
                f"DISCORD_TOKEN is not set: copy .env.example to .env and put your bot's token "
                f"from the Discord developer portal there (looked in {where}), "
                "or try the bot offline with `python -m bot demo`."
            )
        if not _TOKEN_SHAPE.match(token):
            raise ConfigError(
                f"DISCORD_TOKEN in {where_is('DISCORD_TOKEN')} does not look like a Discord "
                "bot token (three parts separated by dots): copy it again from the Bot page of "
                "the developer portal, or try the bot offline with `python -m bot demo`."
            )
    dev_guild = (values.get("DEV_GUILD_ID") or "").strip()
    if dev_guild and not (dev_guild.isdigit() and 15 <= len(dev_guild) <= 21):
        raise ConfigError(
            f"DEV_GUILD_ID in {where_is('DEV_GUILD_ID')} must be a server id (a long "
            "number: right-click the server with Developer Mode on, Copy Server ID) or be "
            "left empty; to try the bot offline instead, run `python -m bot demo`."
        )
    level = (values.get("LOG_LEVEL") or "INFO").strip().upper()
    if level not in _LOG_LEVELS:
        raise ConfigError(
            f"LOG_LEVEL in {where_is('LOG_LEVEL')} must be one of {', '.join(sorted(_LOG_LEVELS))}."
        )
    tz = (values.get("DEFAULT_TIMEZONE") or "America/New_York").strip()
    try:
        from zoneinfo import ZoneInfo

        ZoneInfo(tz)
    except Exception:
        raise ConfigError(
            f"DEFAULT_TIMEZONE in {where_is('DEFAULT_TIMEZONE')} must be an IANA time zone "
            "such as America/New_York."
        ) from None
    billstatus = (values.get("BILLSTATUS_URL") or "").strip() or None
    if (
        billstatus
        and billstatus.casefold() != "off"
        and not re.match(r"^https?://\S+$", billstatus)
    ):
        raise ConfigError(
            f"BILLSTATUS_URL in {where_is('BILLSTATUS_URL')} must be an http(s) address, "
            "off, or left empty for the official one (see .env.example)."
        )

    def base_for(name: str) -> Path:
        """A relative path is from the settings file's folder when set there, else from cwd."""
        in_file = env_file is not None and name not in environment
        return (env_file.parent if in_file and env_file else Path()).absolute()

    if database_path is not None:
        db = resolve_path(database_path, Path.cwd())
    elif values.get("DATABASE_PATH"):
        db = resolve_path(values["DATABASE_PATH"], base_for("DATABASE_PATH"))
    else:
        db = default_database_path()
    try:
        ops = read_ops_settings(values, where_is, base_for)
    except OpsSettingError as exc:
        raise ConfigError(str(exc)) from None
    return Settings(
        token=token,
        database_path=db,
        dev_guild_id=int(dev_guild) if dev_guild else None,
        log_level=level,
        default_timezone=tz,
        legislators_url=(values.get("LEGISLATORS_URL") or "").strip() or None,
        billstatus_url=billstatus,
        ops=ops,
    )
