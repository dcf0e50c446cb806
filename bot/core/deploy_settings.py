"""The settings for running the bot as a service: log format, daily backups, stop grace."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from bot.core.paths import resolve_path

LOG_FORMATS = ("text", "json")
DEFAULT_BACKUP_KEEP = 7
SHUTDOWN_GRACE = 5.0  # seconds deliveries in flight get to finish on SIGTERM/SIGINT


class OpsSettingError(ValueError):
    """A malformed setting; the message names it and where it was set."""


@dataclass(frozen=True, slots=True)
class OpsSettings:
    log_format: str = "text"
    backup_dir: Path | None = None  # None: no automatic backups
    backup_keep: int = DEFAULT_BACKUP_KEEP


def read_ops_settings(
    values: Mapping[str, str],
    where_is: Callable[[str], str],
    base_for: Callable[[str], Path],
) -> OpsSettings:
    """LOG_FORMAT, BACKUP_DIR and BACKUP_KEEP from the merged settings."""
    fmt = (values.get("LOG_FORMAT") or "text").strip().lower()
    if fmt not in LOG_FORMATS:
        raise OpsSettingError(
            f"LOG_FORMAT in {where_is('LOG_FORMAT')} must be text or json "
            "(json writes one JSON object per line, for log collectors)."
        )
    raw_dir = (values.get("BACKUP_DIR") or "").strip()
    backup_dir = resolve_path(raw_dir, base_for("BACKUP_DIR")) if raw_dir else None
    raw_keep = (values.get("BACKUP_KEEP") or "").strip()
    if raw_keep and not (raw_keep.isdigit() and 1 <= int(raw_keep) <= 1000):
        raise OpsSettingError(
            f"BACKUP_KEEP in {where_is('BACKUP_KEEP')} must be a whole number from 1 to 1000 "
            "(how many daily backups to keep)."
        )
    keep = int(raw_keep) if raw_keep else DEFAULT_BACKUP_KEEP
    return OpsSettings(log_format=fmt, backup_dir=backup_dir, backup_keep=keep)
