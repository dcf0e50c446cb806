"""Less kept, for less long: members' call rows folded away after the period; streaks rebuilt.

Every call already counts in its server's daily counts, which name no one. :func:`fold_calls`
(the retention job's step for calls) deletes the member rows of calls older than the
cutoff, keeping one count per member and campaign so their own all-time count stays right.
:func:`build_streaks` gives members of a database sealed from an older version the streak
row their calls imply (run once, inside the sealing transaction).
"""

from __future__ import annotations

from collections import defaultdict

from bot.calls.stats import streak_of
from bot.core.database import Database
from bot.core.transaction import TxConnection


async def fold_calls(db: Database, cutoff_day: str) -> tuple[int, str | None]:
    """Fold every call of a day before ``cutoff_day``; how many, and the oldest day kept."""
    oldest = await db.fetchval("SELECT MIN(day) FROM calls")
    if oldest is None or oldest >= cutoff_day:
        return 0, oldest
    async with db.transaction() as conn:
        async with conn.execute(
            "INSERT INTO member_folded_calls (guild_id, member, campaign, calls)"
            " SELECT guild_id, member, campaign, COUNT(*) FROM calls WHERE day < ?"
            " GROUP BY guild_id, member, campaign"
            " ON CONFLICT (guild_id, member, campaign)"
            " DO UPDATE SET calls = calls + excluded.calls",
            (cutoff_day,),
        ):
            pass
        async with conn.execute("DELETE FROM calls WHERE day < ?", (cutoff_day,)) as cur:
            folded = cur.rowcount
    return folded, await db.fetchval("SELECT MIN(day) FROM calls")


async def build_streaks(conn: TxConnection) -> None:
    """A streak row for each member who has calls and none yet (from their call days)."""
    days: defaultdict[tuple[int, bytes], list[str]] = defaultdict(list)
    async with conn.execute(
        "SELECT DISTINCT c.guild_id, c.member, c.day FROM calls c WHERE NOT EXISTS ("
        " SELECT 1 FROM member_streaks s WHERE s.guild_id=c.guild_id AND s.member=c.member)"
    ) as cur:
        for guild_id, member, day in await cur.fetchall():
            days[(guild_id, member)].append(day)
    for (guild_id, member), member_days in days.items():
        streak = streak_of(member_days)
        assert streak is not None
        async with conn.execute(
            "INSERT INTO member_streaks (guild_id, member, week, weeks) VALUES (?, ?, ?, ?)",
            (guild_id, member, streak.week.isoformat(), streak.weeks),
        ):
            pass
