"""What the bot stores about a member, and how to forget it (``/me forget``).

Each domain that stores member data registers a forgetter here (Red's data-deletion
hook): ``/me forget`` calls them all, inside one server, and reports what each deleted.
The retention job calls the same forgetters for a member gone quiet (see
:mod:`bot.privacy.retention`). A kind may also say how many rows a member has (``/me
privacy``), fold its old rows (``expire``), and finish the sealing of an old database
inside that one transaction (``upgrade``).
"""

from __future__ import annotations

import importlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.core.database import Database
from bot.core.transaction import TxConnection

# (db, guild_id, user_id) -> rows deleted
Forgetter = Callable[[Database, int, int], Awaitable[int]]
# (db, guild_id, user_id) -> rows the member has
Counter = Callable[[Database, int, int], Awaitable[int]]
# (db, cutoff day "YYYY-MM-DD") -> (rows older than the cutoff folded or deleted, the oldest
# day still kept or None), so the retention job knows when to look again
Expirer = Callable[[Database, str], Awaitable[tuple[int, str | None]]]
# (connection inside the sealing transaction) -> None
Upgrade = Callable[[TxConnection], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class MemberDataKind:
    key: str  # catalog key under "privacy.kinds." that names this kind of data
    forget: Forgetter
    count: Counter | None = None
    expire: Expirer | None = None
    upgrade: Upgrade | None = None


_KINDS: dict[str, MemberDataKind] = {}

# The repository modules that store member data; each registers itself on import. Listed
# here so /me forget reaches all of them whichever cogs happen to be loaded.
MEMBER_DATA_MODULES = (
    "bot.calls.storage",
    "bot.campaigns.storage",
    "bot.groups.storage",
    "bot.reps.member_location",
    "bot.privacy.member_language",
    "bot.privacy.members",
    "bot.privacy.storage",
    "bot.reminders.storage",
)


def register_member_data(
    key: str,
    forget: Forgetter,
    *,
    count: Counter | None = None,
    expire: Expirer | None = None,
    upgrade: Upgrade | None = None,
) -> None:
    """Declare a kind of member data; call at import time of the repository module."""
    _KINDS[key] = MemberDataKind(key, forget, count, expire, upgrade)


def member_data_kinds() -> list[MemberDataKind]:
    """Every kind, the directory (what links the others to the member) last."""
    for module in MEMBER_DATA_MODULES:
        importlib.import_module(module)
    return sorted(_KINDS.values(), key=lambda kind: kind.key == "directory")


async def forget_member(db: Database, guild_id: int, user_id: int) -> dict[str, int]:
    """Delete everything stored about one member in one server; rows deleted per kind."""
    return {kind.key: await kind.forget(db, guild_id, user_id) for kind in member_data_kinds()}


async def member_inventory(db: Database, guild_id: int, user_id: int) -> dict[str, int | None]:
    """Rows per kind the member has in one server (None: that kind can't count them)."""
    return {
        kind.key: None if kind.count is None else await kind.count(db, guild_id, user_id)
        for kind in member_data_kinds()
    }
