"""Calls members report: the server's daily counts, and one row per member's call for a while.

Each tap counts at once in the server's daily counts, which name no one: per campaign,
outcome and day (``call_daily_counts``) and per campaign, standing and day
(``call_daily_standings``: where the called office stood on the bill when the call was
first reported, '' for a call not tied to one office). Tallies read only those.

The member's own row (``calls``) holds their pseudonym, never their id, the office sealed
('' when not tied to one) and the outcome, for what only a member's own rows can do: count
a member's repeated taps on the same day for the same campaign and office once (the latest
outcome wins), their own counts, their streak, and the names of callers who chose to be
named. Rows older than ``RETENTION_DAYS`` go (:mod:`bot.calls.folding`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from bot.calls.folding import build_streaks, fold_calls
from bot.calls.outcomes import Outcome
from bot.calls.stats import Streak, week_of
from bot.core.database import Database
from bot.core.transaction import TxConnection
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


async def _run(conn: TxConnection, sql: str, params: tuple = ()) -> None:
    async with conn.execute(sql, params):
        pass


async def _same_call(
    conn: TxConnection,
    vault: Vault,
    guild_id: int,
    member: bytes,
    campaign: str,
    office: str,
    day: str,
) -> tuple[int, str] | None:
    """The id and outcome of the member's row for that campaign, office and day, if any."""
    async with conn.execute(
        "SELECT id, office, outcome FROM calls"
        " WHERE guild_id=? AND member=? AND campaign=? AND day=?",
        (guild_id, member, campaign, day),
    ) as cur:
        rows = list(await cur.fetchall())
    for row_id, stored, outcome in rows:
        if not office:
            if stored == "":
                return row_id, outcome
        elif stored and CALL_OFFICE.open(vault, guild_id, stored) == office:
            return row_id, outcome
    return None


async def _count_week(conn: TxConnection, guild_id: int, member: bytes, day: str) -> None:
    async with conn.execute(
        "SELECT week, weeks FROM member_streaks WHERE guild_id=? AND member=?", (guild_id, member)
    ) as cur:
        row = await cur.fetchone()
    before = None if row is None else Streak(date.fromisoformat(row[0]), row[1])
    after = before.after_call(day) if before else Streak(week_of(day), 1)
    if after != before:
        await _run(
            conn,
            "INSERT INTO member_streaks (guild_id, member, week, weeks) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (guild_id, member) DO UPDATE SET week=excluded.week,"
            " weeks=excluded.weeks",
            (guild_id, member, after.week.isoformat(), after.weeks),
        )


async def _count_outcome(
    conn: TxConnection, guild_id: int, campaign: str, outcome: str, day: str
) -> None:
    await _run(
        conn,
        "INSERT INTO call_daily_counts (guild_id, campaign, outcome, day, calls)"
        " VALUES (?, ?, ?, ?, 1) ON CONFLICT (guild_id, campaign, outcome, day)"
        " DO UPDATE SET calls = calls + 1",
        (guild_id, campaign, outcome, day),
    )


async def _uncount_outcome(
    conn: TxConnection, guild_id: int, campaign: str, outcome: str, day: str
) -> None:
    key = (guild_id, campaign, outcome, day)
    where = "guild_id=? AND campaign=? AND outcome=? AND day=?"
    await _run(conn, f"UPDATE call_daily_counts SET calls = calls - 1 WHERE {where}", key)
    await _run(conn, f"DELETE FROM call_daily_counts WHERE {where} AND calls=0", key)


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
    call to one office (counted with the call when it is first reported).
    """
    if outcome not in OUTCOMES:
        raise ValueError(f"unknown outcome {outcome!r}")
    stored = Outcome(outcome).value  # the plain text the table's CHECK lists
    standing = "" if not office else str(office_status or "unknown")
    vault = vault_of(db)

    async def record(conn: TxConnection) -> bool:
        member = await enroll_in(conn, vault, guild_id, user_id, day_of(at_iso))
        existing = await _same_call(conn, vault, guild_id, member, campaign, office, day)
        if existing is not None:
            row_id, before = existing
            if before != stored:
                await _run(conn, "UPDATE calls SET outcome=? WHERE id=?", (stored, row_id))
                await _uncount_outcome(conn, guild_id, campaign, before, day)
                await _count_outcome(conn, guild_id, campaign, stored, day)
            return False
        sealed_office = CALL_OFFICE.seal(vault, guild_id, office) if office else ""
        await _run(
            conn,
            "INSERT INTO calls (guild_id, member, campaign, office, day, outcome)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (guild_id, member, campaign, sealed_office, day, stored),
        )
        await _count_outcome(conn, guild_id, campaign, stored, day)
        await _run(
            conn,
            "INSERT INTO call_daily_standings (guild_id, campaign, standing, day, calls)"
            " VALUES (?, ?, ?, ?, 1) ON CONFLICT (guild_id, campaign, standing, day)"
            " DO UPDATE SET calls = calls + 1",
            (guild_id, campaign, standing, day),
        )
        await _count_week(conn, guild_id, member, day)
        return True

    return await db.transact(record)  # whole: at once, or one hand-off to the writer


def _window(campaign: str | None) -> str:
    return "guild_id=:g" + (" AND campaign=:c" if campaign is not None else "")


async def campaign_total(db: Database, guild_id: int, campaign: str) -> int:
    """The server's calls about a campaign, all time."""
    return await db.fetchval(
        "SELECT COALESCE(SUM(calls), 0) FROM call_daily_counts WHERE guild_id=? AND campaign=?",
        (guild_id, campaign),
    )


async def server_counts(
    db: Database,
    guild_id: int,
    week_start: str,
    month_start: str,
    campaign: str | None = None,
) -> dict[str, dict[str, OutcomeCounts]]:
    """campaign -> outcome -> counts since ``week_start``/``month_start`` (local dates)."""
    rows = await db.fetchall(
        "SELECT campaign, outcome, SUM(calls * (day>=:w)), SUM(calls * (day>=:m)), SUM(calls)"
        f" FROM call_daily_counts WHERE {_window(campaign)} GROUP BY campaign, outcome",
        {"g": guild_id, "c": campaign, "w": week_start, "m": month_start},
    )
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
    """Calls by where the office stood when first reported (None: not tied to an office)."""
    rows = await db.fetchall(
        "SELECT standing, SUM(calls * (day>=:w)), SUM(calls * (day>=:m)), SUM(calls)"
        f" FROM call_daily_standings WHERE {_window(campaign)} GROUP BY standing",
        {"g": guild_id, "c": campaign, "w": week_start, "m": month_start},
    )
    return {
        status or None: OutcomeCounts(week or 0, month or 0, total)
        for status, week, month, total in rows
    }


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
    """Delete the member's calls, folded counts and streak (the server's counts stay);
    how many calls that was."""
    member = member_key(db, guild_id, user_id)
    folded = await db.fetchval(
        "SELECT COALESCE(SUM(calls), 0) FROM member_folded_calls WHERE guild_id=? AND member=?",
        (guild_id, member),
    )
    async with db.transaction() as conn:
        for table in ("member_streaks", "member_folded_calls"):
            await _run(
                conn, f"DELETE FROM {table} WHERE guild_id=? AND member=?", (guild_id, member)
            )
        async with conn.execute(
            "DELETE FROM calls WHERE guild_id=? AND member=?", (guild_id, member)
        ) as cur:
            return cur.rowcount + folded


async def count_calls(db: Database, guild_id: int, user_id: int) -> int:
    return await count_member_rows(db, "calls", guild_id, user_id)


register_member_data(
    "calls", forget_calls, count=count_calls, expire=fold_calls, upgrade=build_streaks
)
