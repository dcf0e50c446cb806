"""A server's first day: the organizer's checklist, and the welcome the bot posts once.

The checklist has four steps, each done when the server's data shows it: an organizer
role is set, a time zone is set, the bill numbers were brought up to date (a version
added or marked current), and a reminder was scheduled. The welcome is claimed in
``guild_welcome`` before it is posted, so a server gets it once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.core.database import Database
from bot.core.enums import CatalogEnum


class Step(CatalogEnum, key_prefix="setup.checklist.step"):
    """One step of the organizer's first-day checklist, in the order to take them."""

    ORGANIZER_ROLE = "organizer_role"
    TIME_ZONE = "time_zone"
    BILL_NUMBERS = "bill_numbers"
    FIRST_REMINDER = "first_reminder"

    @property
    def how_key(self) -> str:
        """The catalog key of the command that does this step."""
        return f"setup.checklist.how.{self.value}"


@dataclass(frozen=True, slots=True)
class Progress:
    """Which steps a server has done."""

    done: frozenset[Step]

    @classmethod
    def of(cls, done: Iterable[Step]) -> Progress:
        return cls(frozenset(done))

    @property
    def steps(self) -> list[tuple[Step, bool]]:
        return [(step, step in self.done) for step in Step]

    @property
    def complete(self) -> bool:
        return len(self.done) == len(Step)


async def claim_welcome(db: Database, guild_id: int, channel_id: int, now_iso: str) -> bool:
    """Claim the server's one welcome; False when it was already posted (or claimed)."""
    changed = await db.execute(
        "INSERT INTO guild_welcome (guild_id, channel_id, posted_at) VALUES (?, ?, ?)"
        " ON CONFLICT (guild_id) DO NOTHING",
        (guild_id, channel_id, now_iso),
    )
    return bool(changed)


async def release_welcome(db: Database, guild_id: int) -> None:
    """Give the claim back after a post failed, so a later join may post it."""
    await db.execute("DELETE FROM guild_welcome WHERE guild_id=?", (guild_id,))
