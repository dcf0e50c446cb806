"""Answers to reads of rarely-changing server tables, kept until a write touches those tables.

Only tables listed in :data:`CACHEABLE_TABLES` qualify: server configuration (settings,
campaign versions and current marks, call scripts, group locations), read on nearly every
command and written rarely. Nothing about members is kept in memory here. A read is cached
when every table it names qualifies and it has no time- or state-dependent function
('now', random(), …); each write bumps the version of the tables it names (and of tables
that follow them through foreign-key cascades or triggers), and an entry is good only
while the versions it was read at are current. A write whose target can't be told bumps
everything, and so does a change made by another process (see ``Database``).
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

CACHEABLE_TABLES = frozenset(
    {
        "guild_settings",
        "group_location_edits",
        "bill_versions",
        "bill_current",
        "bill_status",
        "call_scripts",
    }
)
MAX_ENTRIES = 4096

_IDENT = r"[\"`\[]?([A-Za-z_][A-Za-z0-9_]*)[\"`\]]?"
_READ_TABLES = re.compile(rf"\b(?:FROM|JOIN)\s+{_IDENT}", re.IGNORECASE)
_COMMA_JOIN = re.compile(rf"\bFROM\s+{_IDENT}(?:\s+(?:AS\s+)?\w+)?\s*,", re.IGNORECASE)
_VOLATILE = re.compile(
    r"'now'|\brandom\s*\(|\bcurrent_(?:time|date|timestamp)\b|\bchanges\s*\(|"
    r"\blast_insert_rowid\s*\(|\bsqlite_",
    re.IGNORECASE,
)
_WRITE_TARGET = re.compile(
    rf"^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|REPLACE\s+INTO|UPDATE\s+(?:OR\s+\w+\s+)?|"
    rf"DELETE\s+FROM)\s+{_IDENT}",
    re.IGNORECASE,
)
_NO_DATA_CHANGE = re.compile(
    r"^\s*(?:SELECT|BEGIN|COMMIT|END|ROLLBACK|SAVEPOINT|RELEASE|EXPLAIN)\b", re.IGNORECASE
)
_EVERYTHING = "*"
_WRITE_WORD = re.compile(r"\b(?:INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)


@lru_cache(maxsize=1024)
def is_read(sql: str) -> bool:
    """True when the statement only reads (a SELECT, a WITH … SELECT, a PRAGMA query)."""
    head = sql.lstrip()[:7].upper()
    if head.startswith(("SELECT", "EXPLAIN")):
        return True
    if head.startswith("WITH"):
        return _WRITE_WORD.search(sql) is None
    return head.startswith("PRAGMA") and "=" not in sql


@lru_cache(maxsize=1024)
def read_tables(sql: str) -> frozenset[str] | None:
    """The tables a read names, if it may be cached (else None)."""
    head = sql.lstrip()[:6].upper()
    if head not in ("SELECT", "WITH"):
        return None
    if _VOLATILE.search(sql) or _COMMA_JOIN.search(sql):
        return None
    tables = frozenset(name.lower() for name in _READ_TABLES.findall(sql))
    if not tables or not tables <= CACHEABLE_TABLES:
        return None
    return tables


@lru_cache(maxsize=1024)
def written_tables(sql: str) -> frozenset[str]:
    """The tables a statement may change: none, its target, or ``{"*"}`` (can't tell)."""
    if _NO_DATA_CHANGE.match(sql):
        return frozenset()
    if sql.lstrip()[:6].upper() == "PRAGMA" and "=" not in sql:
        return frozenset()
    found = _WRITE_TARGET.match(sql)
    if found is None:
        return frozenset({_EVERYTHING})
    return frozenset({found.group(1).lower()})


@lru_cache(maxsize=256)
def _in_order(tables: frozenset[str]) -> tuple[str, ...]:
    return tuple(sorted(tables))


def cache_key(kind: str, sql: str, params: Sequence[Any] | Mapping[str, Any]) -> Hashable | None:
    """A hashable key for one read, or None when its parameters can't make one."""
    try:
        values: Hashable = (
            tuple(sorted(params.items())) if isinstance(params, Mapping) else tuple(params)
        )
        hash(values)
    except TypeError:
        return None
    return (kind, sql, values)


class ReadCache:
    """Read answers by key, each good while its tables are at the versions it was read at."""

    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self.max_entries = max_entries
        self._versions: dict[str, int] = {}
        self._epoch = 0
        self._entries: OrderedDict[Hashable, tuple[tuple[int, ...], Any]] = OrderedDict()
        self._follows: dict[str, frozenset[str]] = {}  # table -> tables its writes change
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._entries)

    def set_schema(self, follows: Mapping[str, Iterable[str]]) -> None:
        """Tables a write to each table also changes (cascades; ``"*"`` for triggers)."""
        self._follows = {k: frozenset(v) for k, v in follows.items()}
        self.clear()

    def stamp(self, tables: frozenset[str]) -> tuple[int, ...]:
        """The versions to store an answer under, taken before reading it."""
        versions = self._versions
        return (self._epoch, *(versions.get(t, 0) for t in _in_order(tables)))

    def get(self, key: Hashable, tables: frozenset[str]) -> tuple[bool, Any]:
        entry = self._entries.get(key)
        if entry is not None and entry[0] == self.stamp(tables):
            self._entries.move_to_end(key)
            self.hits += 1
            return True, entry[1]
        self.misses += 1
        return False, None

    def put(self, key: Hashable, stamp: tuple[int, ...], value: Any) -> None:
        self._entries[key] = (stamp, value)
        self._entries.move_to_end(key)
        while len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)

    def wrote(self, statements: Iterable[str]) -> None:
        """Statements ran that may have changed data: their tables' answers are stale."""
        changed: set[str] = set()
        for sql in statements:
            changed |= written_tables(sql)
        pending = list(changed)
        while pending:  # follow cascades and triggers
            for follower in self._follows.get(pending.pop(), ()):
                if follower not in changed:
                    changed.add(follower)
                    pending.append(follower)
        if _EVERYTHING in changed:
            self.clear()
            return
        for table in changed & CACHEABLE_TABLES:
            self._versions[table] = self._versions.get(table, 0) + 1

    def clear(self) -> None:
        """Forget every answer (a change we can't place, or another process wrote)."""
        self._epoch += 1
        self._entries.clear()
