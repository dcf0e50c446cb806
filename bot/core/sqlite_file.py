"""Is this file our database, intact, and still the one at the path? Checks before and during use.

* :func:`check_ours` looks at a file read-only before anything writes to it: our
  ``PRAGMA application_id`` (set by migration 0009), an empty new file, or a database of
  ours from before 0009 (recognised by its ``schema_migrations`` table). Anything else is
  another program's file and is refused untouched.
* :func:`quick_check` runs SQLite's ``PRAGMA quick_check`` at start, so corruption inside
  a valid file is found before the bot relies on it.
* :class:`FileIdentity` remembers which file was opened (device and inode) so a write can
  make sure the file at the path is still that one, not deleted or replaced meanwhile.
"""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.request import pathname2url

from bot.core.migrate import MigrationError

# "HKAB": written into the file's header by migration 0009_app_id.sql.
APPLICATION_ID = 0x484B4142
_OUR_MIGRATION_NAME = re.compile(r"^\d{4}_[a-z0-9_]+$")


class DatabaseRefused(MigrationError):
    """The file at the database path is not one the bot may use (see the message)."""


class ForeignDatabase(DatabaseRefused):
    """A SQLite file that belongs to another program; it was left untouched."""


class CorruptDatabase(DatabaseRefused):
    """SQLite's quick_check found damage in the file."""


@dataclass(frozen=True, slots=True)
class Probe:
    """What a read-only look at a SQLite file found."""

    application_id: int
    user_version: int
    tables: frozenset[str]
    migrations_table_ours: bool  # schema_migrations has our columns and names


def read_only_uri(path: Path) -> str:
    return f"file:{pathname2url(str(path.resolve()))}?mode=ro"


def probe(path: Path) -> Probe:
    """Look at ``path`` read-only; raises sqlite3.DatabaseError if it isn't SQLite at all."""
    conn = sqlite3.connect(read_only_uri(path), uri=True, isolation_level=None)
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        user_version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = frozenset(
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        )
        ours = False
        if "schema_migrations" in tables:
            columns = {r[1] for r in conn.execute("PRAGMA table_info(schema_migrations)")}
            if columns == {"version", "name", "applied_at"}:
                names = [r[0] for r in conn.execute("SELECT name FROM schema_migrations")]
                ours = all(isinstance(n, str) and _OUR_MIGRATION_NAME.match(n) for n in names)
        return Probe(app_id, user_version, tables, ours)
    finally:
        conn.close()


def is_ours(found: Probe) -> bool:
    """Ours: our application id; or none and either empty or our migrations table."""
    if found.application_id == APPLICATION_ID:
        return True
    if found.application_id != 0:
        return False
    if not found.tables and found.user_version == 0:
        return True  # an empty database (created, never written)
    return found.migrations_table_ours


def check_ours(path: Path) -> None:
    """Refuse (:class:`ForeignDatabase`) a file at ``path`` that is not this bot's database.

    A missing or empty file is fine (the bot creates its database there). Nothing is
    written: the file is opened read-only.
    """
    if not path.exists() or path.stat().st_size == 0:
        return
    found = probe(path)
    if is_ours(found):
        return
    what = (
        f"application id {found.application_id:#x}"
        if found.application_id
        else f"{len(found.tables)} tables of its own"
    )
    raise ForeignDatabase(
        f"{path} is a SQLite database of another program ({what}); it was left untouched"
    )


def quick_check(conn: sqlite3.Connection, path: object) -> None:
    """Raise :class:`CorruptDatabase` unless SQLite's quick_check finds the file sound."""
    try:
        rows = [r[0] for r in conn.execute("PRAGMA quick_check(5)")]
    except sqlite3.DatabaseError as exc:
        raise CorruptDatabase(f"{path} is damaged ({exc}); restore it from a backup") from exc
    if rows != ["ok"]:
        raise CorruptDatabase(
            f"{path} is damaged (quick_check: {'; '.join(map(str, rows))}); "
            "restore it from a backup"
        )


@dataclass(frozen=True, slots=True)
class FileIdentity:
    """Which file a path named when the database was opened (device, inode)."""

    path: Path
    device: int
    inode: int

    @classmethod
    def of(cls, path: Path) -> FileIdentity:
        st = os.stat(path)
        return cls(path, st.st_dev, st.st_ino)

    def problem(self) -> str | None:
        """None while the path still names this file; else "deleted" or "replaced"."""
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return "deleted"
        except OSError as exc:
            return f"unreadable ({exc.strerror})"
        if (st.st_dev, st.st_ino) != (self.device, self.inode):
            return "replaced"
        return None
