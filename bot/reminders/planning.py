"""Reminders: plan, validate, store, edit, and render them. No Discord calls here.

A reminder posts a campaign's call-to-action in a channel (pinging one role if chosen) and
sends it by DM to the campaign's subscribers, once or on a repeat computed on the wall
clock of its time zone. The cog asks :func:`plan` for a :class:`Draft` (every refusal is a
:class:`UserError`), shows :func:`preview_embed`, and stores it with :func:`save`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import discord

from bot.core.database import Database
from bot.core.errors import UserError
from bot.core.i18n import t
from bot.core.limits import EMBED_DESCRIPTION, MESSAGE_CONTENT, SCHEDULED_EVENT_NAME, clip
from bot.core.timezones import resolve_timezone
from bot.reminders import storage as store
from bot.reminders.recurrence import REPEATS, Rule, first_occurrence, next_after, occurrences_after
from bot.reminders.storage import Reminder
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
    repeat: str
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


def check_repeat(repeat: str | None) -> str:
    value = (repeat or "none").strip().lower()
    if value not in REPEATS:
        raise UserError("reminders.repeat.unknown", value=clip(value, 50))
    return value


def schedule(
    when: str, zone: ZoneInfo, repeat: str, until: str | None, now: datetime
) -> tuple[datetime, date | None, datetime]:
    """(anchor, until day, first due) for what was typed; UserError when it can't be."""
    if not when.strip():  # ask for a time rather than quote back an empty “”
        raise UserError("reminders.when.empty", examples=EXAMPLES)
    at = parse_when(when, zone, now)
    until_day = parse_until(until, zone, now) if until and repeat != "none" else None
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


def check_channel(channel: Any, me: discord.Member) -> None:
    """Refuse a channel the bot can't post in."""
    if not isinstance(channel, discord.TextChannel | discord.Thread | discord.VoiceChannel):
        raise UserError("reminders.channel.not_text")
    perms = channel.permissions_for(me)
    if not (perms.view_channel and perms.send_messages):
        raise UserError("reminders.channel.cannot_post", channel=channel.mention)


def check_role(role: discord.Role | None, channel: Any, me: discord.Member) -> None:
    """Refuse @everyone and a role the bot may not mention in ``channel``."""
    if role is None:
        return
    if role.is_default():
        raise UserError("reminders.role.everyone")
    # ``channel`` is None when the reminder's channel was deleted: judge by the server.
    perms = channel.permissions_for(me) if channel is not None else me.guild_permissions
    if not role.mentionable and not perms.mention_everyone:
        raise UserError("reminders.role.not_mentionable", role=role.mention)


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
    if until and until.strip() and kind == "none":  # else it would be dropped without a word
        raise UserError("reminders.until.needs_repeat")
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
        status="active",
        next_due=int(draft.first_due.timestamp()),
        event_id=event_id,
        created_by=draft.created_by,
        created_at=iso,
        updated_at=iso,
    )


async def require(db: Database, guild_id: int, reminder_id: int) -> Reminder:
    """One server's reminder by id; the same refusal whether it is another server's or none."""
    found = await store.get_reminder(db, guild_id, reminder_id)
    if found is None or found.status == "cancelled":
        raise UserError("reminders.common.not_found", id=reminder_id)
    return found


async def cancel(db: Database, guild_id: int, reminder_id: int, now: datetime) -> Reminder:
    reminder = await require(db, guild_id, reminder_id)
    await store.update_reminder(
        db, guild_id, reminder_id, now.isoformat(), status="cancelled", next_due=None
    )
    return reminder


async def pause(db: Database, guild_id: int, reminder_id: int, now: datetime) -> Reminder:
    reminder = await require(db, guild_id, reminder_id)
    if reminder.status != "active":
        raise UserError("reminders.pause.not_active", id=reminder_id)
    await store.update_reminder(db, guild_id, reminder_id, now.isoformat(), status="paused")
    return replace(reminder, status="paused")


async def resume(db: Database, guild_id: int, reminder_id: int, now: datetime) -> Reminder:
    """Resume at the next occurrence after now (those that fell while paused are skipped)."""
    reminder = await require(db, guild_id, reminder_id)
    if reminder.status != "paused":
        raise UserError("reminders.resume.not_paused", id=reminder_id)
    due = next_due_from(reminder, now)
    if due is None:
        raise UserError("reminders.resume.nothing_left", id=reminder_id)
    await store.update_reminder(
        db, guild_id, reminder_id, now.isoformat(), status="active", next_due=due
    )
    return replace(reminder, status="active", next_due=due)


def next_due_from(reminder: Reminder, now: datetime) -> int | None:
    """The reminder's next occurrence after ``now`` (epoch seconds), keeping a pending one."""
    if reminder.next_due is not None and reminder.next_due > now.timestamp():
        return reminder.next_due
    nxt = next_after(rule_of(reminder), now)
    return int(nxt.timestamp()) if nxt else None


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
    changes: dict[str, Any] = {}
    new_zone = zone or ZoneInfo(reminder.timezone)
    kind = check_repeat(repeat) if repeat is not None else reminder.repeat
    rule = rule_of(reminder)
    if until and until.strip() and kind == "none":  # as in plan(): never drop it silently
        raise UserError("reminders.until.needs_repeat")
    if when is not None or zone is not None or repeat is not None or until is not None:
        if when is not None:
            anchor, until_day, first = schedule(when, new_zone, kind, until, now)
            if until is None and kind != "none" and rule.until is not None:
                until_day = rule.until  # a new time keeps the end the organizer set
                found = first_occurrence(Rule(kind, anchor, new_zone, until_day))
                if found is None:
                    raise UserError("reminders.until.before_first", day=str(until_day))
                first = found
        else:
            # Keep the same local wall time, read in the (possibly new) zone and rule. A
            # reminder turned into a one-off keeps its pending occurrence, not its first.
            anchor = rule.anchor
            if kind == "none" and reminder.next_due is not None:
                pending = datetime.fromtimestamp(reminder.next_due, UTC)
                anchor = wall_clock(pending, ZoneInfo(reminder.timezone))
            until_day = parse_until(until, new_zone, now) if until else rule.until
            if kind == "none":
                until_day = None
            new_rule = Rule(kind, anchor, new_zone, until_day)
            nxt = next_after(new_rule, now)
            if nxt is None:
                raise UserError("reminders.edit.no_future", id=reminder.id)
            first = nxt
        changes.update(
            timezone=new_zone.key,
            anchor_local=anchor.isoformat(),
            repeat=kind,
            until_local=until_day.isoformat() if until_day else None,
            next_due=int(first.timestamp()),
        )
        if reminder.status == "done":
            changes["status"] = "active"
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
    if reminder.status != "active" or reminder.next_due is None:
        return []
    first = datetime.fromtimestamp(reminder.next_due, UTC)
    end = now + horizon
    times = [first] if first <= end else []
    if reminder.repeat == "none":
        return times
    for at in occurrences_after(rule_of(reminder), first):
        if at > end or len(times) >= limit:
            break
        times.append(at)
    return times


# --- rendering ----------------------------------------------------------------------------


def _quote(note: str | None) -> str:
    if not note:
        return ""
    return "\n" + "\n".join(f"> {line}" if line else ">" for line in note.splitlines())


def bill_numbers(campaign: Any, locale: discord.Locale | str | None = None) -> str:
    """The campaign's current bill numbers, marked when their Congress has ended."""
    if campaign is None:
        return ""
    ended = sorted({v.congress_label for v in campaign.current_versions if v.expired})
    if not ended:
        return campaign.numbers_label
    return t(
        "reminders.post.numbers_expired",
        locale,
        numbers=campaign.numbers_label,
        congress=" and ".join(ended),
    )


def _note_and_lateness(
    note: str | None,
    due: datetime,
    late_since: datetime | None,
    locale: discord.Locale | str | None,
) -> str:
    """The organizer's note as a quote, then a line saying the post is late, if it is."""
    text = _quote(note)
    if late_since is not None:
        text += "\n" + t("reminders.post.late", locale, due=discord_time(due, "R"))
    return text


def post_text(
    mention: str,
    name: str,
    numbers: str,
    note: str | None,
    due: datetime,
    late_since: datetime | None,
    locale: discord.Locale | str | None = None,
) -> str:
    """The channel post (``mention`` is the role's mention and a space, or empty)."""
    text = t("reminders.post.text", locale, mention=mention, name=name, numbers=numbers)
    text += _note_and_lateness(note, due, late_since, locale)
    return clip(text, MESSAGE_CONTENT)


def dm_text(
    server: str,
    name: str,
    numbers: str,
    note: str | None,
    due: datetime,
    late_since: datetime | None,
    locale: discord.Locale | str | None = None,
    offices: Sequence[str] = (),
) -> str:
    """The DM to a subscriber; ``offices`` are their own offices' lines, if they saved where."""
    text = t("reminders.dm.text", locale, server=server, name=name, numbers=numbers)
    text += _note_and_lateness(note, due, late_since, locale)
    if offices:
        text += "\n" + t("reminders.dm.your_offices", locale) + "\n" + "\n".join(offices)
    text += "\n" + t("reminders.dm.footer", locale)
    return clip(text, MESSAGE_CONTENT)


def repeat_label(repeat: str, until: str | date | None, locale: discord.Locale | None) -> str:
    label = t(f"reminders.repeat.{repeat}", locale)
    if until and repeat != "none":
        label += t("reminders.repeat.until", locale, day=str(until))
    return label


def preview_embed(
    draft: Draft,
    name: str,
    numbers: str,
    mention: str,
    channel_mention: str,
    locale: discord.Locale | None,
) -> discord.Embed:
    """What the organizer checks before saving: the post, and when it goes out."""
    body = post_text(mention, name, numbers, draft.note, draft.first_due, None, locale)
    embed = discord.Embed(
        title=t("reminders.preview.title", locale),
        description=clip(body, EMBED_DESCRIPTION),
    )
    when = f"{discord_time(draft.first_due, 'F')} ({discord_time(draft.first_due, 'R')})"
    embed.add_field(name=t("reminders.field.when", locale), value=when, inline=False)
    embed.add_field(
        name=t("reminders.field.repeat", locale),
        value=repeat_label(draft.repeat, draft.until, locale),
    )
    embed.add_field(name=t("reminders.field.zone", locale), value=draft.zone.key)
    embed.add_field(name=t("reminders.field.channel", locale), value=channel_mention)
    return embed


def summary_line(reminder: Reminder, name: str, locale: discord.Locale | None) -> str:
    """One line of /remind list."""
    when = (
        f"{discord_time(datetime.fromtimestamp(reminder.next_due, UTC), 'f')}"
        if reminder.next_due
        else t("reminders.list.no_time", locale)
    )
    return t(
        "reminders.list.line",
        locale,
        id=reminder.id,
        name=name,
        when=when,
        channel=f"<#{reminder.channel_id}>",
        repeat=repeat_label(reminder.repeat, reminder.until_local, locale),
        status=t(f"reminders.status.{reminder.status}", locale),
    )


def event_name(name: str, locale: discord.Locale | None = None) -> str:
    return clip(t("reminders.event.name", locale, name=name), SCHEDULED_EVENT_NAME)
