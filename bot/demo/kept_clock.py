"""The demo's simulated time, kept with its database (``--db``) so a second run goes on from it.

The time is a ``bot_meta`` row (``demo_clock``). It is read with plain sqlite3 before the
bot starts (the simulated clock must be set before the bot reads it) and written through
the bot's database while the demo runs.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path

from bot.core.database import Database

KEY = "demo_clock"


def read_kept_clock(db_path: Path) -> datetime | None:
    """The simulated time a previous run left in this database, if any."""
    if not db_path.is_file():
        return None
    try:
        with closing(sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True)) as conn:
            row = conn.execute("SELECT value FROM bot_meta WHERE key=?", (KEY,)).fetchone()
    except sqlite3.Error:  # not a database yet, or no bot_meta table: a fresh start
        return None
    if row is None:
        return None
    try:
        when = datetime.fromisoformat(row[0])
    except ValueError:
        return None
    return when if when.tzinfo is not None else None


async def keep_clock(db: Database, now: datetime) -> None:
    """Remember the simulated time for the next run on this database."""
    await db.execute(
        "INSERT INTO bot_meta (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
        (KEY, now.isoformat()),
    )
