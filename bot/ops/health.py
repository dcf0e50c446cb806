"""``python -m bot check``: one line per item, and whether the deployment can run.

Each item is a function in :data:`HEALTH_CHECKS` that takes a :class:`HealthContext` and
returns its :class:`Finding` lines. A data source the bot keeps fresh adds a check of its
own here, most often through :func:`data_age` (see :func:`congress_data`). The bot logs
the same lines when it starts. Nothing here writes to the database.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from bot.core.config import Settings
from bot.core.database import discover_migrations
from bot.ops.backup import daily_backups, integrity_problem
from bot.ops.dbcheck import DatabasePathError, check_database_path, owner_problem
from bot.ops.lock import holder

DAY = 24 * 3600.0
CONGRESS_MAX_AGE = 14 * DAY  # refreshed weekly: two missed refreshes is worth a word
BILL_STATUS_MAX_AGE = 3 * DAY  # refreshed daily: two missed refreshes is worth a word
BACKUP_MAX_AGE = 2 * DAY
HEARTBEAT_MAX_AGE = 180.0
MIN_FREE_BYTES = 100 * 2**20


@dataclass(frozen=True, slots=True)
class Finding:
    level: str  # "ok", "warn" or "fail"
    item: str
    text: str

    def line(self) -> str:
        label = "FAIL" if self.level == "fail" else self.level
        return f"{label:<4} {self.item}: {self.text}"


@dataclass(slots=True)
class HealthContext:
    settings: Settings
    source: str  # where the settings came from, in words
    token_error: str | None = None  # why DISCORD_TOKEN is unusable, if it is
    require_running: bool = False
    now: float = field(default_factory=time.time)
    usable: bool = False  # the database check passed: data checks may read it
    integrity_checked: bool = False  # quick_check already passed (the bot's open runs it)
    _conn: sqlite3.Connection | None = None

    @property
    def db_path(self) -> Path:
        return self.settings.database_path

    def query(self, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]] | None:
        """Rows from the database, read-only; None when it is unusable or lacks the table."""
        if not self.usable:
            return None
        try:
            if self._conn is None:
                uri = f"{self.db_path.absolute().as_uri()}?mode=ro"
                self._conn = sqlite3.connect(uri, uri=True, timeout=5.0)
            return [tuple(r) for r in self._conn.execute(sql, params).fetchall()]
        except sqlite3.OperationalError as exc:
            if "no such table" in str(exc):
                return None
            raise

    def close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            conn.close()


Check = Callable[[HealthContext], Iterable[Finding]]


def _age(seconds: float) -> str:
    if seconds < 2 * 3600:
        return f"{max(0, round(seconds / 60))} min"
    if seconds < 2 * DAY:
        return f"{round(seconds / 3600)} h"
    return f"{round(seconds / DAY)} days"


def _size(n: float) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} TB"  # pragma: no cover


def data_age(
    item: str, iso_time: str | None, now: float, max_age: float, *, never: str, detail: str = ""
) -> Finding:
    """ok while ``iso_time`` is younger than ``max_age``; warn when older or never."""
    if not iso_time:
        return Finding("warn", item, never)
    try:
        when = datetime.fromisoformat(iso_time)
    except ValueError:
        return Finding("warn", item, f"unreadable time {iso_time!r}")
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    age = now - when.timestamp()
    text = f"{detail}loaded {_age(age)} ago ({when.astimezone(UTC):%Y-%m-%d %H:%M} UTC)"
    return Finding("ok" if age <= max_age else "warn", item, text)


def settings_source(ctx: HealthContext) -> Iterable[Finding]:
    yield Finding("ok", "settings", f"{ctx.source}; database {ctx.db_path}")


def token(ctx: HealthContext) -> Iterable[Finding]:
    if ctx.token_error:
        yield Finding("fail", "token", ctx.token_error)
    else:
        yield Finding("ok", "token", "set, shaped like a Discord bot token (not tried online)")


def database(ctx: HealthContext) -> Iterable[Finding]:
    path = ctx.db_path
    problem = owner_problem(path, "check")
    if problem:
        yield Finding("fail", "database", problem)
        return
    try:
        check_database_path(path)  # may create its folder, never the file
    except DatabasePathError as exc:
        yield Finding("fail", "database", str(exc))
        return
    if not path.exists():
        yield Finding("warn", "database", f"{path} does not exist yet; the bot creates it at start")
        return
    problem = None if ctx.integrity_checked else integrity_problem(path, quick=True)
    if problem:
        yield Finding("fail", "integrity", f"quick_check of {path} found: {problem}")
        return
    ctx.usable = True
    yield Finding("ok", "database", f"{path} opens for writing ({_size(path.stat().st_size)})")
    when = " (when the bot opened it)" if ctx.integrity_checked else ""
    yield Finding("ok", "integrity", f"quick_check ok{when}")


def schema(ctx: HealthContext) -> Iterable[Finding]:
    if not ctx.usable:
        return
    known = max((v for v, _ in discover_migrations()), default=0)
    rows = ctx.query("SELECT max(version) FROM schema_migrations")
    version = rows[0][0] if rows else None
    if not isinstance(version, int):
        tables = ctx.query("SELECT count(*) FROM sqlite_master")
        if tables and tables[0][0]:
            yield Finding("fail", "schema", "not a bot database (no schema_migrations table)")
        else:
            yield Finding("warn", "schema", "empty; the bot sets it up at start")
        ctx.usable = False  # no tables to read
        return
    if version > known:
        text = f"version {version} is newer than this bot knows ({known}): upgrade the bot"
        yield Finding("fail", "schema", text)
    elif version < known:
        yield Finding("warn", "schema", f"version {version} of {known}; upgraded at next start")
    else:
        yield Finding("ok", "schema", f"version {version} (current)")


def congress_data(ctx: HealthContext) -> Iterable[Finding]:
    """How fresh the stored members of Congress are (downloaded weekly, or imported)."""
    rows = ctx.query("SELECT members, imported_at, check_error FROM legislators_status")
    if rows is None:
        return
    members, imported_at, error = rows[0] if rows else (0, None, None)
    finding = data_age(
        "congress data",
        str(imported_at) if imported_at else None,
        ctx.now,
        CONGRESS_MAX_AGE,
        never="never loaded: the bot downloads it when it starts (LEGISLATORS_URL), or load "
        "a file with `python -m bot import-legislators FILE`",
        detail=f"{members} members, ",
    )
    if error and finding.level != "ok":
        finding = Finding(finding.level, finding.item, f"{finding.text}; last try: {error}")
    yield finding


def bill_status_data(ctx: HealthContext) -> Iterable[Finding]:
    """How fresh the official Bill Status copies are: the oldest confirmation among them."""
    rows = ctx.query("SELECT COUNT(*), MIN(confirmed_at) FROM bill_records")
    if rows is None:
        return
    count, oldest = rows[0] if rows else (0, None)
    failed = ctx.query("SELECT COUNT(*) FROM bill_record_checks WHERE outcome = 'failed'")
    finding = data_age(
        "bill status",
        str(oldest) if oldest else None,
        ctx.now,
        BILL_STATUS_MAX_AGE,
        never="no official record stored yet: the bot downloads it daily (BILLSTATUS_URL), "
        "or load files with `python -m bot import-billstatus FILE...`",
        detail=f"{count} bills, the oldest copy ",
    )
    failures = int(str(failed[0][0])) if failed else 0
    if failures and finding.level == "ok":
        finding = Finding("warn", finding.item, f"{finding.text}; {failures} last tries failed")
    yield finding


def disk_space(ctx: HealthContext) -> Iterable[Finding]:
    folder = ctx.db_path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    free = shutil.disk_usage(folder).free
    size = ctx.db_path.stat().st_size if ctx.db_path.is_file() else 0
    need = max(MIN_FREE_BYTES, 2 * size)  # room to grow and for a backup beside it
    level = "ok" if free >= need else "fail"
    text = f"{_size(free)} free in {folder}"
    yield Finding(level, "disk", text if level == "ok" else f"only {text}: free some space")


def backups(ctx: HealthContext) -> Iterable[Finding]:
    folder = ctx.settings.ops.backup_dir
    if folder is None:
        yield Finding("ok", "backups", "automatic backups off (set BACKUP_DIR to turn them on)")
        return
    found = daily_backups(folder)
    if not found:
        yield Finding("warn", "backups", f"none yet in {folder}; the running bot makes one daily")
        return
    age = ctx.now - found[-1].stat().st_mtime
    level = "ok" if age <= BACKUP_MAX_AGE else "warn"
    yield Finding(level, "backups", f"{len(found)} in {folder}, newest {_age(age)} old")


def running(ctx: HealthContext) -> Iterable[Finding]:
    who = holder(ctx.db_path)
    if who is None:
        level = "fail" if ctx.require_running else "ok"
        yield Finding(level, "bot", "not running with this database")
        return
    beat = ctx.now - who.touched
    pid = f"pid {who.pid}, " if who.pid else ""
    text = f"{who.command} running ({pid}since {who.since}), last heartbeat {_age(beat)} ago"
    stale = who.command == "bot" and beat > HEARTBEAT_MAX_AGE
    level = "fail" if stale and ctx.require_running else ("warn" if stale else "ok")
    yield Finding(level, "bot", text + (" (not connected to Discord?)" if stale else ""))


# In order. A new data source adds a function like congress_data.
HEALTH_CHECKS: list[Check] = [
    settings_source,
    token,
    database,
    schema,
    congress_data,
    bill_status_data,
    disk_space,
    backups,
    running,
]


def run_checks(ctx: HealthContext, checks: Iterable[Check] | None = None) -> list[Finding]:
    """Every check's findings in order; a check that crashes is itself a failure."""
    found: list[Finding] = []
    try:
        for check in HEALTH_CHECKS if checks is None else checks:
            try:
                found.extend(check(ctx))
            except Exception as exc:  # one broken check must not hide the others
                name = getattr(check, "__name__", "check").replace("_", " ")
                found.append(Finding("fail", name, f"could not be checked ({exc})"))
    finally:
        ctx.close()
    return found


def exit_code(findings: Iterable[Finding], *, strict: bool = False) -> int:
    bad = {"fail", "warn"} if strict else {"fail"}
    return 1 if any(f.level in bad for f in findings) else 0
