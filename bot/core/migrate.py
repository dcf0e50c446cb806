"""Numbered migrations: ``migrations/NNNN_name.sql``, each applied once, in its own transaction.

Each applied migration is recorded in ``schema_migrations``. :func:`apply_migrations` is a
plain function of a :mod:`sqlite3` connection, so the database runs it whole in its
connection's thread.
"""

from __future__ import annotations

import re
import sqlite3
from importlib import resources
from pathlib import Path

MIGRATIONS_DIR = Path(str(resources.files("bot.core") / "migrations"))
_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


class MigrationError(Exception):
    """The database could not be opened or upgraded: a migration is misnamed or failed,
    or the file is refused (another program's, or damaged)."""


def discover_migrations(folder: Path = MIGRATIONS_DIR) -> list[tuple[int, Path]]:
    found: list[tuple[int, Path]] = []
    for path in sorted(folder.glob("*.sql")):
        match = _MIGRATION_NAME.match(path.name)
        if not match:
            raise MigrationError(f"{path.name}: migration files are named NNNN_name.sql")
        found.append((int(match.group(1)), path))
    versions = [v for v, _ in found]
    if len(set(versions)) != len(versions):
        raise MigrationError(f"two migrations share a number in {folder}")
    return found


def apply_migrations(conn: sqlite3.Connection, folder: Path = MIGRATIONS_DIR) -> list[int]:
    """Apply the pending migrations in order; return the versions applied."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
        " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')))"
    )
    done = {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}
    applied = []
    for version, path in discover_migrations(folder):
        if version in done:
            continue
        sql = path.read_text(encoding="utf-8")
        try:
            conn.executescript(
                "BEGIN IMMEDIATE;\n" + sql + "\n;"
                f"INSERT INTO schema_migrations (version, name) VALUES ({version}, "
                f"'{path.stem}');\nCOMMIT;"
            )
        except Exception as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise MigrationError(f"{path.name} failed: {exc}") from exc
        applied.append(version)
    return applied
