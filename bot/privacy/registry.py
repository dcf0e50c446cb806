"""What the bot stores about a member, and how to forget it (``/me forget``).

Each domain that stores member data registers a forgetter here (Red's data-deletion
hook): ``/me forget`` calls them all, inside one server, and reports what each deleted.
"""

from __future__ import annotations

import importlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.core.database import Database

# (db, guild_id, user_id) -> rows deleted
Forgetter = Callable[[Database, int, int], Awaitable[int]]


@dataclass(frozen=True, slots=True)
class MemberDataKind:
    key: str  # catalog key under "privacy.kinds." that names this kind of data
    forget: Forgetter


_KINDS: dict[str, MemberDataKind] = {}

# The repository modules that store member data; each registers itself on import. Listed
# here so /me forget reaches all of them whichever cogs happen to be loaded.
MEMBER_DATA_MODULES = (
    "bot.calls.storage",
    "bot.campaigns.storage",
    "bot.groups.storage",
    "bot.reps.member_location",
    "bot.privacy.member_language",
    "bot.privacy.storage",
    "bot.reminders.storage",
)


def register_member_data(key: str, forget: Forgetter) -> None:
    """Declare a kind of member data; call at import time of the repository module."""
    _KINDS[key] = MemberDataKind(key, forget)


def member_data_kinds() -> list[MemberDataKind]:
    for module in MEMBER_DATA_MODULES:
        importlib.import_module(module)
    return list(_KINDS.values())


async def forget_member(db: Database, guild_id: int, user_id: int) -> dict[str, int]:
    """Delete everything stored about one member in one server; rows deleted per kind."""
    return {kind.key: await kind.forget(db, guild_id, user_id) for kind in member_data_kinds()}
