"""A stored reminder's life: find it, edit it, pause, resume or cancel it, list its times."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.core.database import Database
from bot.core.errors import UserError
from bot.reminders import storage as store
from bot.reminders.planning import (
    check_note,
    check_repeat,
    check_until_has_repeat,
    rule_of,
    schedule,
)
from bot.reminders.recurrence import Repeat, Rule, first_occurrence, next_after, occurrences_after
from bot.reminders.states import Status
from bot.reminders.storage import Reminder, SqlValue
from bot.reminders.timeparse import parse_until, wall_clock


async def require(db: Database, guild_id: int, reminder_id: int) -> Reminder:
    """One server's reminder by id; the same refusal whether it is another server's or none."""
    found = await store.get_reminder(db, guild_id, reminder_id)
    if found is None or found.status is Status.CANCELLED:
        raise UserError("reminders.common.not_found", id=reminder_id)
    return found


async def cancel(db: Database, guild_id: int, reminder_id: int, now: datetime) -> Reminder:
    """Cancel for good; the reminder as it now stands (its event id kept, to delete)."""
    await require(db, guild_id, reminder_id)
    await store.update_reminder(
        db, guild_id, reminder_id, now.isoformat(), status=Status.CANCELLED, next_due=None
    )
    cancelled = await store.get_reminder(db, guild_id, reminder_id)
    assert cancelled is not None
    return cancelled


async def pause(db: Database, guild_id: int, reminder_id: int, now: datetime) -> Reminder:
    reminder = await require(db, guild_id, reminder_id)
    if reminder.status is not Status.ACTIVE:
        raise UserError("reminders.pause.not_active", id=reminder_id)
    await store.update_reminder(
        db, guild_id, reminder_id, now.isoformat(), status=Status.PAUSED, pause_reason=None
    )
    return replace(reminder, status=Status.PAUSED, pause_reason=None)


async def resume(db: Database, guild_id: int, reminder_id: int, now: datetime) -> Reminder:
    """Resume at the next occurrence after now (those that fell while paused are skipped)."""
    reminder = await require(db, guild_id, reminder_id)
    if reminder.status is not Status.PAUSED:
        raise UserError("reminders.resume.not_paused", id=reminder_id)
    due = next_due_from(reminder, now)
    if due is None:
        raise UserError("reminders.resume.nothing_left", id=reminder_id)
    await store.update_reminder(
        db,
        guild_id,
        reminder_id,
        now.isoformat(),
        status=Status.ACTIVE,
        next_due=due,
        pause_reason=None,
    )
    return replace(reminder, status=Status.ACTIVE, next_due=due, pause_reason=None)


async def pause_for_channel(
    db: Database, guild_id: int, channel_id: int, now: datetime
) -> list[Reminder]:
    """The channel was deleted: pause the active reminders that post there; those paused."""
    return await store.pause_in_channel(db, guild_id, channel_id, now.isoformat())


def next_due_from(reminder: Reminder, now: datetime) -> int | None:
    """The reminder's next occurrence after ``now`` (epoch seconds), keeping a pending one."""
    if reminder.next_due is not None and reminder.next_due > now.timestamp():
        return reminder.next_due
    nxt = next_after(rule_of(reminder), now)
    return int(nxt.timestamp()) if nxt else None


def _new_schedule(
    reminder: Reminder,
    now: datetime,
    when: str | None,
    zone: ZoneInfo,
    kind: Repeat,
    until: str | None,
) -> dict[str, SqlValue]:
    """The columns of a new time, zone, repeat or end; the next due time recomputed."""
    rule = rule_of(reminder)
    if when is not None:
        anchor, until_day, first = schedule(when, zone, kind, until, now)
        if until is None and kind is not Repeat.NONE and rule.until is not None:
            until_day = rule.until  # a new time keeps the end the organizer set
            found = first_occurrence(Rule(kind, anchor, zone, until_day))
            if found is None:
                raise UserError("reminders.until.before_first", day=str(until_day))
            first = found
    else:
        # Keep the same local wall time, read in the (possibly new) zone and rule. A
        # reminder turned into a one-off keeps its pending occurrence, not its first.
        anchor = rule.anchor
        if kind is Repeat.NONE and reminder.next_due is not None:
            pending = datetime.fromtimestamp(reminder.next_due, UTC)
            anchor = wall_clock(pending, ZoneInfo(reminder.timezone))
        until_day = parse_until(until, zone, now) if until else rule.until
        if kind is Repeat.NONE:
            until_day = None
        nxt = next_after(Rule(kind, anchor, zone, until_day), now)
        if nxt is None:
            raise UserError("reminders.edit.no_future", id=reminder.id)
        first = nxt
    changes: dict[str, SqlValue] = {
        "timezone": zone.key,
        "anchor_local": anchor.isoformat(),
        "repeat": kind,
        "until_local": until_day.isoformat() if until_day else None,
        "next_due": int(first.timestamp()),
    }
    if reminder.status is Status.DONE:
        changes["status"] = Status.ACTIVE
    return changes


async def apply_edit(
    db: Database,
    reminder: Reminder,
    now: datetime,
    *,
    campaign: str | None = None,
    when: str | None = None,
    zone: ZoneInfo | None = None,
    repeat: str | None = None,
    until: str | None = None,
    channel_id: int | None = None,
    role_id: int | None = None,
    clear_role: bool = False,
    note: str | None = None,
    grace_minutes: int | None = None,
) -> Reminder:
    """Change a reminder; a new time, zone, repeat or end recomputes its next due time."""
    changes: dict[str, SqlValue] = {}
    kind = check_repeat(repeat) if repeat is not None else reminder.repeat
    check_until_has_repeat(until, kind)
    if when is not None or zone is not None or repeat is not None or until is not None:
        new_zone = zone or ZoneInfo(reminder.timezone)
        changes.update(_new_schedule(reminder, now, when, new_zone, kind, until))
    if campaign is not None:
        changes["campaign"] = campaign
    if channel_id is not None:
        changes["channel_id"] = channel_id
    if role_id is not None:
        changes["role_id"] = role_id
    elif clear_role:
        changes["role_id"] = None
    if note is not None:
        changes["note"] = check_note(note)
    if grace_minutes is not None:
        changes["grace_seconds"] = grace_minutes * 60
    if not changes:
        raise UserError("reminders.edit.nothing")
    await store.update_reminder(db, reminder.guild_id, reminder.id, now.isoformat(), **changes)
    updated = await store.get_reminder(db, reminder.guild_id, reminder.id)
    assert updated is not None
    return updated


def upcoming_times(
    reminder: Reminder, now: datetime, horizon: timedelta, limit: int
) -> list[datetime]:
    """The reminder's occurrences from its next due time up to ``now + horizon``."""
    if reminder.status is not Status.ACTIVE or reminder.next_due is None:
        return []
    first = datetime.fromtimestamp(reminder.next_due, UTC)
    end = now + horizon
    times = [first] if first <= end else []
    if reminder.repeat is Repeat.NONE:
        return times
    for at in occurrences_after(rule_of(reminder), first):
        if at > end or len(times) >= limit:
            break
        times.append(at)
    return times
