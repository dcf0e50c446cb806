"""One plain sentence, naming the path, for every database path the bot can't use."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

WHAT_TO_DO = "set DATABASE_PATH (or --db) to a file in a folder this user can write"


class DatabasePathError(Exception):
    """A database path that can't be used; the message is one sentence naming it."""


def explain(path: Path | str, exc: BaseException) -> str:
    """One sentence for an error met while opening or using the database at ``path``."""
    text = str(exc).strip() or type(exc).__name__
    low = text.lower()
    if isinstance(exc, IsADirectoryError) or "is a directory" in low:
        return f"the database path {path} is a folder: give the path of a file, e.g. {path}/bot.db."
    if isinstance(exc, PermissionError) or "readonly" in low or "read-only" in low:
        return (
            f"the database {path} is read-only for this user ({text}): give the user running "
            f"the bot write access to the file and its folder, or {WHAT_TO_DO}."
        )
    if "locked" in low or "busy" in low:
        return (
            f"the database {path} is locked by another process ({text}): stop the other "
            "program using it (another bot, a backup tool, an sqlite3 shell) and try again."
        )
    if "not a database" in low or "malformed" in low or "encrypted" in low:
        return (
            f"the database {path} could not be opened or upgraded: it is not a sound SQLite "
            f"database ({text}); point DATABASE_PATH (or --db) at the bot's database, restore "
            "a backup with `python -m bot restore`, or move the file aside to start fresh."
        )
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"the disk holding the database {path} is full ({text}): free some space."
    return (
        f"the database {path} could not be opened or upgraded ({text}): {WHAT_TO_DO}, "
        "or move the file aside to start fresh."
    )


def owner_problem(path: Path, what: str) -> str | None:
    """Why ``what`` must not touch ``path`` as this user: it belongs to another one.

    SQLite creates ``-wal`` and ``-shm`` files beside the database; made by root, they
    would lock the bot's own user out of its database.
    """
    if not hasattr(os, "geteuid") or not path.exists():
        return None
    uid = path.stat().st_uid
    if uid == os.geteuid():
        return None
    try:
        import pwd

        owner = pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        owner = str(uid)
    return (
        f"the database {path} belongs to the user {owner}: run {what} as that user "
        f"(`sudo -u {owner} ...`), so the files SQLite makes beside it stay theirs."
    )


def _folder_problem(path: Path) -> str | None:
    folder = path.parent
    blocker = next((p for p in (folder, *folder.parents) if p.exists()), None)
    if blocker is not None and not blocker.is_dir():
        return (
            f"{blocker} is a file, so the folder {folder} for the database {path} can't be "
            f"made: {WHAT_TO_DO}."
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return (
            f"the folder {folder} for the database {path} does not exist and could not be "
            f"created ({reason}): create it, or {WHAT_TO_DO}."
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        return (
            f"the folder {folder} of the database {path} is read-only for this user: "
            f"give the user running the bot write access to it, or {WHAT_TO_DO}."
        )
    return None


def check_database_path(path: Path, *, create: bool = True, probe: bool = True) -> None:
    """Raise :class:`DatabasePathError` if the bot can't use ``path`` as its database.

    A missing folder is created. With ``create`` false, a missing file is an error too.
    With ``probe``, an existing file must be a SQLite database this user can write, not
    locked for long (``restore`` skips that: it replaces the file).
    """
    if path.is_dir():
        raise DatabasePathError(explain(path, IsADirectoryError()))
    problem = _folder_problem(path)
    if problem:
        raise DatabasePathError(problem)
    if not path.exists() or not probe:
        if create or not probe:
            return
        raise DatabasePathError(
            f"the database {path} does not exist: check DATABASE_PATH (or --db); "
            "the bot creates it when it first starts."
        )
    try:
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=rw", uri=True, timeout=2.0)
    except sqlite3.Error as exc:
        raise DatabasePathError(explain(path, exc)) from None
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute("BEGIN IMMEDIATE")  # can we write? (waits up to 2 s for a writer)
        conn.execute("ROLLBACK")
    except sqlite3.Error as exc:
        raise DatabasePathError(explain(path, exc)) from None
    finally:
        conn.close()
