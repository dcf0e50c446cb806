"""One bot per database: a lock file beside it, held (``flock``) while the bot runs.

The operating system drops the lock when the process ends, however it ends, so a crash
never leaves a stale lock. The file names the holder (pid, command, start time), and the
running bot touches it while connected, so ``python -m bot check --running`` can tell a
live bot from a hung one. Where ``fcntl`` is missing (Windows) the lock is not enforced.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


class DatabaseInUse(Exception):
    """Another process holds the database's lock; the message is one sentence."""


@dataclass(frozen=True, slots=True)
class Holder:
    pid: int | None
    command: str
    since: str
    touched: float  # the lock file's mtime (epoch seconds): the bot's last heartbeat


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def _read(path: Path) -> Holder:
    try:
        info: dict[str, Any] = json.loads(path.read_text(encoding="utf-8") or "{}")
        touched = path.stat().st_mtime
    except (OSError, ValueError):
        info, touched = {}, 0.0
    pid = info.get("pid")
    return Holder(
        pid if isinstance(pid, int) else None,
        str(info.get("command") or "bot"),
        str(info.get("since") or ""),
        touched,
    )


def holder(db_path: Path) -> Holder | None:
    """Who holds the lock of ``db_path``, or None when no running process does."""
    path = lock_path(db_path)
    if fcntl is None or not path.exists():
        return None
    try:
        fh = path.open("rb")
    except OSError:
        return None
    with fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return _read(path)
        fcntl.flock(fh, fcntl.LOCK_UN)
    return None


def in_use_message(db_path: Path, who: Holder) -> str:
    pid = f" (pid {who.pid})" if who.pid else ""
    return (
        f"the database {db_path} is in use by a running {who.command}{pid}: stop it first "
        "(for example `sudo systemctl stop hk-advocacy-bot` or `docker compose stop`)."
    )


class InstanceLock:
    """Hold the lock of a database for this process; see the module docstring."""

    def __init__(self, db_path: Path, command: str = "bot") -> None:
        self.db_path = db_path
        self.path = lock_path(db_path)
        self.command = command
        self._fh: IO[str] | None = None

    def acquire(self) -> InstanceLock:
        if fcntl is None:
            return self
        fh = self.path.open("a+", encoding="utf-8")
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.close()
            raise DatabaseInUse(in_use_message(self.db_path, _read(self.path))) from None
        fh.seek(0)
        fh.truncate()
        since = time.strftime("%Y-%m-%dT%H:%M:%S%z")
        json.dump({"pid": os.getpid(), "command": self.command, "since": since}, fh)
        fh.flush()
        self._fh = fh
        return self

    def touch(self) -> None:
        """Mark the holder alive (the running bot calls this while connected)."""
        if self._fh is not None:
            os.utime(self.path)

    def release(self) -> None:
        fh, self._fh = self._fh, None
        if fh is not None and fcntl is not None:
            fcntl.flock(fh, fcntl.LOCK_UN)
            fh.close()

    def __enter__(self) -> InstanceLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()
