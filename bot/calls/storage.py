"""Calls members report: one row per member, campaign, office and local day.

A member's repeated taps on the same day for the same campaign and office count once
(the latest outcome wins). ``office`` is '' when the call was not tied to one office; the
reps feature records a legislator's id there, and ``office_status`` where that office
stood on the bill (cosponsor, not...) when the call was reported. ``day`` is the date in
the server's zone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.calls.outcomes import Outcome
from bot.core.database import Database
from bot.privacy.registry import register_member_data

OUTCOMES: tuple[Outcome, ...] = tuple(Outcome)


@dataclass(frozen=True, slots=True)
class OutcomeCounts:
    week: int = 0
    month: int = 0
    all_time: int = 0


async def record_call(
    db: Database,
    guild_id: int,
    user_id: int,
    campaign: str,
    outcome: str,
    day: str,
    at_iso: str,
    office: str = "",
    office_status: str | None = None,
) -> bool:
    """Record a call; True when new, False when it replaced the same day's report.

    ``office_status``: a :class:`~bot.campaigns.record.model.CosponsorStatus` value, for a
    call to one office.
    """
    if outcome not in OUTCOMES:
        raise ValueError(f"unknown outcome {outcome!r}")
    stored = Outcome(outcome).value  # the plain text the table's CHECK lists
    status = None if office_status is None else str(office_status)
    async with db.transaction() as conn:
        async with conn.execute(
            "SELECT id FROM calls WHERE guild_id=? AND user_id=? AND campaign=? AND office=? "
            "AND day=?",
            (guild_id, user_id, campaign, office, day),
        ) as cur:
            existing = await cur.fetchone()
        if existing is None:
            async with conn.execute(
                "INSERT INTO calls (guild_id, user_id, campaign, office, day, outcome, at, "
                "office_status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (guild_id, user_id, campaign, office, day, stored, at_iso, status),
            ):
                pass
            return True
        async with conn.execute(
            "UPDATE calls SET outcome=?, at=?, office_status=? WHERE id=?",
            (stored, at_iso, status, existing[0]),
        ):
            pass
        return False


async def campaign_total(db: Database, guild_id: int, campaign: str) -> int:
    return await db.fetchval(
        "SELECT COUNT(*) FROM calls WHERE guild_id=? AND campaign=?", (guild_id, campaign)
    )


async def server_counts(
    db: Database,
    guild_id: int,
    week_start: str,
    month_start: str,
    campaign: str | None = None,
) -> dict[str, dict[str, OutcomeCounts]]:
    """campaign -> outcome -> counts since ``week_start``/``month_start`` (local dates)."""
    sql = "SELECT campaign, outcome, SUM(day>=?), SUM(day>=?), COUNT(*) FROM calls WHERE guild_id=?"
    params: list[object] = [week_start, month_start, guild_id]
    if campaign is not None:
        sql += " AND campaign=?"
        params.append(campaign)
    rows = await db.fetchall(sql + " GROUP BY campaign, outcome", params)
    out: dict[str, dict[str, OutcomeCounts]] = {}
    for slug, outcome, week, month, total in rows:
        out.setdefault(slug, {})[outcome] = OutcomeCounts(week or 0, month or 0, total)
    return out


async def standing_counts(
    db: Database,
    guild_id: int,
    week_start: str,
    month_start: str,
    campaign: str | None = None,
) -> dict[str | None, OutcomeCounts]:
    """Calls by where the office stood when called (None: not tied to an office): counts only.

    A call to an office reported before the standing was recorded counts as ``unknown``.
    """
    standing = "CASE WHEN office='' THEN NULL ELSE COALESCE(office_status, 'unknown') END"
    sql = f"SELECT {standing} AS s, SUM(day>=?), SUM(day>=?), COUNT(*) FROM calls WHERE guild_id=?"
    params: list[object] = [week_start, month_start, guild_id]
    if campaign is not None:
        sql += " AND campaign=?"
        params.append(campaign)
    rows = await db.fetchall(sql + " GROUP BY s", params)
    return {
        status: OutcomeCounts(week or 0, month or 0, total) for status, week, month, total in rows
    }


async def member_counts(
    db: Database,
    guild_id: int,
    user_id: int,
    week_start: str,
    month_start: str,
    campaign: str | None = None,
) -> OutcomeCounts:
    sql = "SELECT SUM(day>=?), SUM(day>=?), COUNT(*) FROM calls WHERE guild_id=? AND user_id=?"
    params: list[object] = [week_start, month_start, guild_id, user_id]
    if campaign is not None:
        sql += " AND campaign=?"
        params.append(campaign)
    row = await db.fetchone(sql, params)
    if row is None:
        return OutcomeCounts()
    return OutcomeCounts(row[0] or 0, row[1] or 0, row[2] or 0)


async def member_days(db: Database, guild_id: int, user_id: int) -> list[str]:
    """The local days on which the member reported a call, newest first."""
    rows = await db.fetchall(
        "SELECT DISTINCT day FROM calls WHERE guild_id=? AND user_id=? ORDER BY day DESC",
        (guild_id, user_id),
    )
    return [r[0] for r in rows]


async def named_callers(
    db: Database, guild_id: int, since_day: str, campaign: str | None = None
) -> list[int]:
    """Members who called since ``since_day`` AND chose to be named (/me privacy)."""
    sql = (
        "SELECT c.user_id, COUNT(*) AS n FROM calls c JOIN member_privacy p "
        "ON p.guild_id=c.guild_id AND p.user_id=c.user_id AND p.show_name=1 "
        "WHERE c.guild_id=? AND c.day>=?"
    )
    params: list[object] = [guild_id, since_day]
    if campaign is not None:
        sql += " AND c.campaign=?"
        params.append(campaign)
    rows = await db.fetchall(sql + " GROUP BY c.user_id ORDER BY n DESC, c.user_id", params)
    return [r[0] for r in rows]


async def forget_calls(db: Database, guild_id: int, user_id: int) -> int:
    return await db.execute("DELETE FROM calls WHERE guild_id=? AND user_id=?", (guild_id, user_id))


def outcome_totals(counts: Iterable[OutcomeCounts]) -> OutcomeCounts:
    week = month = total = 0
    for c in counts:
        week += c.week
        month += c.month
        total += c.all_time
    return OutcomeCounts(week, month, total)


register_member_data("calls", forget_calls)
