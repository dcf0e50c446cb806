"""Calls members report: one row per member, campaign, office and local day, under a pseudonym.

A member's repeated taps on the same day for the same campaign and office count once
(the latest outcome wins). A row holds the member's pseudonym (never their id), the office
sealed ('' when the call was not tied to one office; the reps feature records a
legislator's id there) and ``day``, the date in the server's zone; no time of day. Calls
older than ``RETENTION_DAYS`` are folded into per-server daily counts
(:mod:`bot.calls.folding`); tallies read both.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import aiosqlite

from bot.calls.folding import build_streaks, fold_calls
from bot.calls.outcomes import Outcome
from bot.calls.stats import Streak, week_of
from bot.core.database import Database
from bot.privacy.binding import vault_of
from bot.privacy.inventory import CALL_OFFICE
from bot.privacy.members import count_member_rows, day_of, enroll_in, member_ids, member_key
from bot.privacy.registry import register_member_data
from bot.privacy.vault import Vault

OUTCOMES: tuple[Outcome, ...] = tuple(Outcome)


@dataclass(frozen=True, slots=True)
class OutcomeCounts:
    week: int = 0
    month: int = 0
    all_time: int = 0


async def _same_call(
    conn: aiosqlite.Connection,
    vault: Vault,
    guild_id: int,
    member: bytes,
    campaign: str,
    office: str,
    day: str,
) -> int | None:
    """The id of the member's row for that campaign, office and day, if any."""
    async with conn.execute(
        "SELECT id, office FROM calls WHERE guild_id=? AND member=? AND campaign=? AND day=?",
        (guild_id, member, campaign, day),
    ) as cur:
        rows = list(await cur.fetchall())
    for row_id, stored in rows:
        if not office:
            if stored == "":
                return row_id
        elif stored and CALL_OFFICE.open(vault, guild_id, stored) == office:
            return row_id
    return None


async def _count_week(conn: aiosqlite.Connection, guild_id: int, member: bytes, day: str) -> None:
    async with conn.execute(
        "SELECT week, weeks FROM member_streaks WHERE guild_id=? AND member=?", (guild_id, member)
    ) as cur:
        row = await cur.fetchone()
    before = None if row is None else Streak(date.fromisoformat(row[0]), row[1])
    after = before.after_call(day) if before else Streak(week_of(day), 1)
    if after != before:
        async with conn.execute(
            "INSERT INTO member_streaks (guild_id, member, week, weeks) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (guild_id, member) DO UPDATE SET week=excluded.week,"
            " weeks=excluded.weeks",
            (guild_id, member, after.week.isoformat(), after.weeks),
        ):
            pass


async def record_call(
    db: Database,
    guild_id: int,
    user_id: int,
    campaign: str,
    outcome: str,
    day: str,
    at_iso: str,
    office: str = "",
) -> bool:
    """Record a call; True when new, False when it replaced the same day's report."""
    if outcome not in OUTCOMES:
        raise ValueError(f"unknown outcome {outcome!r}")
    stored = Outcome(outcome).value  # the plain text the table's CHECK lists
    vault = vault_of(db)
    async with db.transaction() as conn:
        member = await enroll_in(conn, vault, guild_id, user_id, day_of(at_iso))
        existing = await _same_call(conn, vault, guild_id, member, campaign, office, day)
        if existing is not None:
            async with conn.execute("UPDATE calls SET outcome=? WHERE id=?", (stored, existing)):
                pass
            return False
        sealed_office = CALL_OFFICE.seal(vault, guild_id, office) if office else ""
        async with conn.execute(
            "INSERT INTO calls (guild_id, member, campaign, office, day, outcome)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (guild_id, member, campaign, sealed_office, day, stored),
        ):
            pass
        await _count_week(conn, guild_id, member, day)
        return True


async def campaign_total(db: Database, guild_id: int, campaign: str) -> int:
    """The server's calls about a campaign, all time (folded ones included)."""
    return await db.fetchval(
        "SELECT (SELECT COUNT(*) FROM calls WHERE guild_id=:g AND campaign=:c)"
        " + (SELECT COALESCE(SUM(calls), 0) FROM call_daily_counts"
        " WHERE guild_id=:g AND campaign=:c)",
        {"g": guild_id, "c": campaign},
    )


async def server_counts(
    db: Database,
    guild_id: int,
    week_start: str,
    month_start: str,
    campaign: str | None = None,
) -> dict[str, dict[str, OutcomeCounts]]:
    """campaign -> outcome -> counts since ``week_start``/``month_start`` (local dates)."""
    where = "guild_id=:g" + (" AND campaign=:c" if campaign is not None else "")
    sql = (
        "SELECT campaign, outcome, SUM(n * (day>=:w)), SUM(n * (day>=:m)), SUM(n) FROM ("
        f" SELECT campaign, outcome, day, 1 AS n FROM calls WHERE {where}"
        f" UNION ALL SELECT campaign, outcome, day, calls FROM call_daily_counts WHERE {where})"
        " GROUP BY campaign, outcome"
    )
    params = {"g": guild_id, "c": campaign, "w": week_start, "m": month_start}
    out: dict[str, dict[str, OutcomeCounts]] = {}
    for slug, outcome, week, month, total in await db.fetchall(sql, params):
        out.setdefault(slug, {})[outcome] = OutcomeCounts(week or 0, month or 0, total)
    return out


async def member_counts(
    db: Database,
    guild_id: int,
    user_id: int,
    week_start: str,
    month_start: str,
    campaign: str | None = None,
) -> OutcomeCounts:
    """The member's own counts: their calls on record, plus those already folded."""
    campaign_only = " AND campaign=:c" if campaign is not None else ""
    row = await db.fetchone(
        "SELECT SUM(day>=:w), SUM(day>=:m), COUNT(*),"
        " (SELECT COALESCE(SUM(calls), 0) FROM member_folded_calls"
        f"  WHERE guild_id=:g AND member=:p{campaign_only})"
        f" FROM calls WHERE guild_id=:g AND member=:p{campaign_only}",
        {
            "g": guild_id,
            "p": member_key(db, guild_id, user_id),
            "c": campaign,
            "w": week_start,
            "m": month_start,
        },
    )
    if row is None:
        return OutcomeCounts()
    return OutcomeCounts(row[0] or 0, row[1] or 0, (row[2] or 0) + (row[3] or 0))


async def member_streak(db: Database, guild_id: int, user_id: int) -> Streak | None:
    row = await db.fetchone(
        "SELECT week, weeks FROM member_streaks WHERE guild_id=? AND member=?",
        (guild_id, member_key(db, guild_id, user_id)),
    )
    return None if row is None else Streak(date.fromisoformat(row[0]), row[1])


async def named_callers(
    db: Database, guild_id: int, since_day: str, campaign: str | None = None
) -> list[int]:
    """Members who called since ``since_day`` AND chose to be named (/me privacy), most
    calls first."""
    sql = (
        "SELECT c.member, COUNT(*) AS n FROM calls c JOIN member_privacy p "
        "ON p.guild_id=c.guild_id AND p.member=c.member AND p.show_name=1 "
        "WHERE c.guild_id=? AND c.day>=?"
    )
    params: list[object] = [guild_id, since_day]
    if campaign is not None:
        sql += " AND c.campaign=?"
        params.append(campaign)
    counts = {r[0]: r[1] for r in await db.fetchall(sql + " GROUP BY c.member", params)}
    ids = await member_ids(db, guild_id, counts)
    ranked = sorted((-counts[member], uid) for member, uid in ids.items())
    return [uid for _, uid in ranked]


def outcome_totals(counts: Iterable[OutcomeCounts]) -> OutcomeCounts:
    week = month = total = 0
    for c in counts:
        week += c.week
        month += c.month
        total += c.all_time
    return OutcomeCounts(week, month, total)


async def forget_calls(db: Database, guild_id: int, user_id: int) -> int:
    """Delete the member's calls, folded counts and streak; how many calls that was."""
    member = member_key(db, guild_id, user_id)
    folded = await db.fetchval(
        "SELECT COALESCE(SUM(calls), 0) FROM member_folded_calls WHERE guild_id=? AND member=?",
        (guild_id, member),
    )
    async with db.transaction() as conn:
        for table in ("member_streaks", "member_folded_calls"):
            async with conn.execute(
                f"DELETE FROM {table} WHERE guild_id=? AND member=?", (guild_id, member)
            ):
                pass
        async with conn.execute(
            "DELETE FROM calls WHERE guild_id=? AND member=?", (guild_id, member)
        ) as cur:
            return cur.rowcount + folded


async def count_calls(db: Database, guild_id: int, user_id: int) -> int:
    return await count_member_rows(db, "calls", guild_id, user_id)


register_member_data(
    "calls", forget_calls, count=count_calls, expire=fold_calls, upgrade=build_streaks
)
