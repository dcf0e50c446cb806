"""Looking for a member in a whole database file, the way someone who copied it would.

:func:`dump` reads every column of every row of every table (SQLite's own catalog
included) with a plain ``sqlite3`` connection, BLOBs as bytes. :func:`id_forms` lists the
ways a Discord id could sit in a value: decimal text, hexadecimal, 8-byte integers either
way round (raw, in hex, in base64), UTF-16 text. :func:`findings` says where any of them is.
"""

from __future__ import annotations

import base64
import re
import sqlite3
import struct
from dataclasses import dataclass
from pathlib import Path

# Public reference data, the same for every server: members of Congress and bills. A
# state code there is Congress's, not a member's.
PUBLIC_TABLES = frozenset(
    {
        "legislators",
        "legislators_status",
        "bill_records",
        "bill_record_titles",
        "bill_record_cosponsors",
        "bill_record_committees",
        "bill_record_checks",
        "schema_migrations",
    }
)


@dataclass(frozen=True, slots=True)
class Cell:
    table: str
    column: str
    value: object

    def forms(self) -> list[bytes]:
        """The value as bytes, and as text decoded every way a reader might."""
        if self.value is None:
            return []
        if isinstance(self.value, bytes):
            raw = self.value
            return [raw, raw.hex().encode(), raw.decode("latin-1").encode("utf-8")]
        return [str(self.value).encode("utf-8")]

    def text(self) -> str | None:
        """The value as text, if it is some (a BLOB only if it is valid UTF-8)."""
        if self.value is None:
            return None
        if isinstance(self.value, bytes):
            try:
                return self.value.decode("utf-8")
            except UnicodeDecodeError:
                return None  # random bytes: a 2-letter code would match them by chance
        return str(self.value)


def dump(path: Path) -> list[Cell]:
    conn = sqlite3.connect(path)
    try:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"
            )
        ]
        cells = [
            Cell("sqlite_master", "sql", sql)
            for (sql,) in conn.execute("SELECT sql FROM sqlite_master")
        ]
        for table in tables:
            cursor = conn.execute(f'SELECT * FROM "{table}"')
            columns = [d[0] for d in cursor.description]
            for row in cursor:
                cells += [Cell(table, c, v) for c, v in zip(columns, row, strict=True)]
        return cells
    finally:
        conn.close()


def id_forms(discord_id: int) -> list[bytes]:
    text = str(discord_id).encode()
    little, big = struct.pack("<q", discord_id), struct.pack(">q", discord_id)
    return [
        text,
        f"{discord_id:x}".encode(),
        f"{discord_id:X}".encode(),
        little,
        big,
        little.hex().encode(),
        big.hex().encode(),
        base64.b64encode(little),
        base64.b64encode(big),
        base64.b64encode(text),
        str(discord_id).encode("utf-16-le"),
    ]


def findings(
    cells: list[Cell], needles: list[bytes], *, skip: frozenset[str] = frozenset()
) -> list[str]:
    """``table.column`` of every value that holds one of ``needles``."""
    found = []
    for cell in cells:
        if cell.table in skip:
            continue
        for form in cell.forms():
            if any(needle in form for needle in needles):
                found.append(f"{cell.table}.{cell.column} = {cell.value!r}"[:200])
                break
    return found


def word_findings(cells: list[Cell], words: list[str], *, skip: frozenset[str]) -> list[str]:
    """Like :func:`findings`, for whole words of text (a state code, a legislator's id)."""
    pattern = re.compile(
        r"(?<![A-Za-z0-9])(" + "|".join(map(re.escape, words)) + r")(?![A-Za-z0-9])"
    )
    found = []
    for cell in cells:
        if cell.table in skip or cell.table == "sqlite_master":
            continue
        text = cell.text()
        if text is not None and pattern.search(text):
            found.append(f"{cell.table}.{cell.column} = {cell.value!r}"[:200])
    return found
