"""Planning a reminder: read and check what an organizer typed, and store it. No Discord here.

A reminder posts a campaign's call-to-action in a channel (pinging one role if chosen) and
sends it by DM to the campaign's subscribers, once or on a repeat computed on the wall
clock of its time zone. The cog asks :func:`plan` for a :class:`Draft` (every refusal is a
:class:`UserError`), shows it for confirmation, and stores it with :func:`save`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.core.database import Database
from bot.core.errors import UserError
from bot.core.limits import MESSAGE_CONTENT, clip
from bot.core.timezones import resolve_timezone
from bot.privacy.members import day_of, enroll
from bot.reminders import storage as store
from bot.reminders.recurrence import Repeat, Rule, first_occurrence
from bot.reminders.states import Status
from bot.reminders.storage import Reminder
from bot.reminders.texts import post_text
from bot.reminders.timeparse import EXAMPLES, discord_time, parse_until, parse_when, wall_clock

NOTE_MAX = 1000
DEFAULT_GRACE = 3600
LATE_AFTER = 60  # seconds past due before a post says it is late
EVENT_LENGTH = timedelta(hours=1)
_LONGEST_MENTION = "<@&12345678901234567890> "


@dataclass(frozen=True, slots=True)
class Draft:
    """A reminder checked and ready to store (or to replace a stored one's schedule)."""

    guild_id: int
    campaign: str
    channel_id: int
    role_id: int | None
    note: str | None
    zone: ZoneInfo
    repeat: Repeat
    anchor: datetime  # naive local wall time of the first occurrence
    until: date | None
    first_due: datetime  # UTC
    created_by: int
    event: bool = False
    grace: int = DEFAULT_GRACE  # seconds a late occurrence may still go out

    @property
    def rule(self) -> Rule:
        return Rule(self.repeat, self.anchor, self.zone, self.until)


def rule_of(reminder: Reminder) -> Rule:
    until = date.fromisoformat(reminder.until_local) if reminder.until_local else None
    return Rule(
        reminder.repeat,
        datetime.fromisoformat(reminder.anchor_local),
        ZoneInfo(reminder.timezone),
        until,
    )


def zone_for(option: str | None, server_zone: str | None, default: str) -> ZoneInfo:
    """The zone a time is read in: the option, else the server's, else the bot's default."""
    if option:
        return resolve_timezone(option)
    return ZoneInfo(server_zone or default)


def check_repeat(repeat: str | None) -> Repeat:
    value = (repeat or Repeat.NONE).strip().lower()
    try:
        return Repeat(value)
    except ValueError:
        raise UserError("reminders.repeat.unknown", value=clip(value, 50)) from None


def schedule(
    when: str, zone: ZoneInfo, repeat: Repeat, until: str | None, now: datetime
) -> tuple[datetime, date | None, datetime]:
    """(anchor, until day, first due) for what was typed; UserError when it can't be."""
    if not when.strip():  # ask for a time rather than quote back an empty “”
        raise UserError("reminders.when.empty", examples=EXAMPLES)
    at = parse_when(when, zone, now)
    until_day = parse_until(until, zone, now) if until and repeat is not Repeat.NONE else None
    anchor = wall_clock(at, zone)
    first = first_occurrence(Rule(repeat, anchor, zone, until_day))
    if first is None:
        raise UserError("reminders.until.before_first", day=str(until_day))
    if first <= now:  # a weekday rule can't move a future time into the past, but be sure
        raise UserError("reminders.when.past", when=discord_time(first))
    return anchor, until_day, first


def check_note(note: str | None) -> str | None:
    """The note as it will be posted; refused when it would break Discord's limits."""
    if note is None:
        return None
    cleaned = note.strip()
    if not cleaned:
        return None
    if len(cleaned) > NOTE_MAX:
        raise UserError("reminders.note.too_long", limit=NOTE_MAX, length=len(cleaned))
    return cleaned


def check_until_has_repeat(until: str | None, repeat: Repeat) -> None:
    """An end day on a one-off is refused, not silently dropped."""
    if until and until.strip() and repeat is Repeat.NONE:
        raise UserError("reminders.until.needs_repeat")


def plan(
    *,
    guild_id: int,
    campaign: str,
    when: str,
    zone: ZoneInfo,
    repeat: str | None,
    until: str | None,
    channel_id: int,
    role_id: int | None,
    note: str | None,
    created_by: int,
    now: datetime,
    event: bool = False,
    grace_minutes: int | None = None,
) -> Draft:
    """Parse and check everything that needs no Discord object."""
    kind = check_repeat(repeat)
    check_until_has_repeat(until, kind)
    anchor, until_day, first = schedule(when, zone, kind, until, now)
    cleaned = check_note(note)
    draft = Draft(
        guild_id,
        campaign,
        channel_id,
        role_id,
        cleaned,
        zone,
        kind,
        anchor,
        until_day,
        first,
        created_by,
        event,
        DEFAULT_GRACE if grace_minutes is None else grace_minutes * 60,
    )
    longest = post_text(_LONGEST_MENTION, "x" * 100, "H.R. 99999/S. 99999", cleaned, first, None)
    if len(longest) > MESSAGE_CONTENT:
        raise UserError("reminders.note.too_long", limit=NOTE_MAX, length=len(cleaned or ""))
    return draft


async def save(db: Database, draft: Draft, now: datetime, event_id: int | None = None) -> int:
    """Store the draft as an active reminder; its id."""
    iso = now.isoformat()
    return await store.insert_reminder(
        db,
        guild_id=draft.guild_id,
        campaign=draft.campaign,
        channel_id=draft.channel_id,
        role_id=draft.role_id,
        note=draft.note,
        timezone=draft.zone.key,
        anchor_local=draft.anchor.isoformat(),
        repeat=draft.repeat,
        until_local=draft.until.isoformat() if draft.until else None,
        grace_seconds=draft.grace,
        status=Status.ACTIVE,
        next_due=int(draft.first_due.timestamp()),
        event_id=event_id,
        created_by=await enroll(db, draft.guild_id, draft.created_by, day_of(iso)),
        created_at=iso,
        updated_at=iso,
    )
