"""Backups: a consistent copy of the live database, restore with checks, daily rotation.

A copy is made with SQLite's online backup API in one step (``pages=-1``): one read
transaction, so the copy is the database at one moment, while the bot, in WAL mode, goes
on writing. The copy is written beside its destination, checked with
``PRAGMA integrity_check`` and only then renamed into place. Everything here is
synchronous; the bot calls it through :func:`asyncio.to_thread` so its loop never waits.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
import sqlite3
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bot.core.database import discover_migrations
from bot.ops.dbcheck import explain
from bot.ops.lock import InstanceLock

log = logging.getLogger(__name__)

DAY = 24 * 3600.0
_DAILY_NAME = re.compile(r"^bot-\d{8}-\d{6}\.db$")


class BackupError(Exception):
    """A backup or restore could not be done; the message is one sentence."""


@dataclass(frozen=True, slots=True)
class BackupResult:
    path: Path
    size: int
    seconds: float


def _connect(path: Path, mode: str) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.absolute().as_uri()}?mode={mode}", uri=True, timeout=10.0)


def integrity_problem(path: Path, *, quick: bool = False) -> str | None:
    """None when ``path`` is a SQLite database that passes the check; else what is wrong."""
    try:
        conn = _connect(path, "ro")
    except sqlite3.Error as exc:
        return str(exc)
    try:
        pragma = "quick_check" if quick else "integrity_check"
        rows = conn.execute(f"PRAGMA {pragma}").fetchall()
    except sqlite3.Error as exc:
        return str(exc)
    finally:
        conn.close()
    if [tuple(r) for r in rows] == [("ok",)]:
        return None
    return "; ".join(str(r[0]) for r in rows[:3])


def schema_version(conn: sqlite3.Connection) -> int | None:
    """The newest migration applied (None: not a bot database)."""
    try:
        return conn.execute("SELECT max(version) FROM schema_migrations").fetchone()[0]
    except sqlite3.Error:
        return None


def backup_file(src: Path, dest: Path) -> BackupResult:
    """Copy the database ``src`` to the new file ``dest`` (a folder: a dated name in it)."""
    started = time.perf_counter()
    if dest.is_dir():
        dest = dest / datetime.now(UTC).strftime("bot-%Y%m%d-%H%M%S.db")
    if dest.exists():
        raise BackupError(f"{dest} already exists: give a new file name or a folder.")
    if not src.is_file():
        raise BackupError(f"there is no database at {src} to back up: check DATABASE_PATH/--db.")
    if not dest.parent.is_dir():
        raise BackupError(f"the folder {dest.parent} for the backup does not exist: create it.")
    tmp = dest.with_name(f".{dest.name}.partial")
    try:
        source = _connect(src, "ro")
    except sqlite3.Error as exc:
        raise BackupError(explain(src, exc)) from None
    try:
        target = sqlite3.connect(tmp)
        try:
            source.backup(target, pages=-1)  # one step: one consistent snapshot
            target.execute("PRAGMA journal_mode=DELETE")  # the copy stands alone in one file
        finally:
            target.close()
    except sqlite3.Error as exc:
        tmp.unlink(missing_ok=True)
        raise BackupError(f"the backup of {src} to {dest} failed: {explain(src, exc)}") from None
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise BackupError(f"could not write the backup {dest} ({exc.strerror or exc}).") from None
    finally:
        source.close()
    problem = integrity_problem(tmp)
    if problem is not None:
        tmp.unlink(missing_ok=True)
        raise BackupError(f"the copy of {src} failed its integrity check ({problem}).")
    with tmp.open("rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, dest)
    return BackupResult(dest, dest.stat().st_size, time.perf_counter() - started)


def restore_file(source: Path, db_path: Path) -> Path | None:
    """Replace the database at ``db_path`` with the backup ``source``, checked first.

    Refuses while a bot holds the database. The database being replaced is first saved
    beside it (``….before-restore-<time>.db``); that path is returned (None if there was
    no database yet).
    """
    if not source.is_file():
        raise BackupError(f"there is no backup file at {source}.")
    problem = integrity_problem(source)
    if problem is not None:
        raise BackupError(f"{source} is not a sound database ({problem}); nothing was changed.")
    known = max((v for v, _ in discover_migrations()), default=0)
    with contextlib.closing(_connect(source, "ro")) as conn:
        version = schema_version(conn)
    if version is None:
        raise BackupError(f"{source} is not a bot database (no schema_migrations); unchanged.")
    if version > known:
        raise BackupError(
            f"{source} comes from a newer version of the bot (schema {version}, this one knows "
            f"{known}); upgrade the bot first. Nothing was changed."
        )
    with InstanceLock(db_path, "restore"):  # raises DatabaseInUse while a bot runs
        saved = _set_aside(db_path) if db_path.exists() else None
        try:
            with (
                contextlib.closing(_connect(source, "ro")) as src,
                contextlib.closing(sqlite3.connect(db_path, timeout=10.0)) as dst,
            ):
                src.backup(dst, pages=-1)  # writes through the target's own journal/WAL
        except sqlite3.Error as exc:
            raise BackupError(explain(db_path, exc)) from None
        problem = integrity_problem(db_path)
        if problem is not None:
            raise BackupError(
                f"the restored {db_path} failed its check ({problem}); "
                f"the previous database is at {saved}."
            )
    return saved


def _set_aside(db_path: Path) -> Path:
    """Keep the database about to be replaced: a checked copy, or (broken) the file itself."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    aside = db_path.with_name(f"{db_path.stem}.before-restore-{stamp}{db_path.suffix}")
    try:
        return backup_file(db_path, aside).path
    except BackupError:
        for suffix in ("", "-wal", "-shm"):  # a broken file moves aside whole, as it is
            part = Path(f"{db_path}{suffix}")
            if part.exists():
                os.replace(part, f"{aside}{suffix}")
        return aside


def daily_backups(folder: Path) -> list[Path]:
    """The automatic backups in ``folder``, oldest first (only files named by the bot)."""
    try:
        found = [p for p in folder.iterdir() if _DAILY_NAME.match(p.name)]
    except OSError:
        return []
    return sorted(found, key=lambda p: p.name)


def rotate(folder: Path, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` automatic backups; the deleted paths."""
    old = daily_backups(folder)[:-keep] if keep > 0 else []
    for path in old:
        path.unlink(missing_ok=True)
    return old


def seconds_until_next(folder: Path, now: float) -> float:
    """0 when no automatic backup is younger than a day; else the time until one is due."""
    found = daily_backups(folder)
    if not found:
        return 0.0
    newest = found[-1].stat().st_mtime
    return max(0.0, newest + DAY - now)


def daily_backup(db_path: Path, folder: Path, keep: int) -> tuple[BackupResult, list[Path]]:
    """One automatic backup into ``folder``, then the rotation; (the backup, removed)."""
    folder.mkdir(parents=True, exist_ok=True)
    return backup_file(db_path, folder), rotate(folder, keep)


async def backup_daily_forever(db_path: Path, folder: Path, keep: int) -> None:
    """Back up once a day (at once if the last one is older), keep ``keep``; never raises."""
    while True:
        await asyncio.sleep(await asyncio.to_thread(seconds_until_next, folder, time.time()))
        try:
            done, removed = await asyncio.to_thread(daily_backup, db_path, folder, keep)
        except (BackupError, OSError) as exc:
            log.error("daily backup to %s failed: %s; trying again in an hour", folder, exc)
            await asyncio.sleep(3600)
            continue
        log.info(
            "daily backup: %s (%d bytes, %.1f s); removed %d old",
            done.path,
            done.size,
            done.seconds,
            len(removed),
        )
