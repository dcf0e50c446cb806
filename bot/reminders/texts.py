"""The words of reminders: the post, the DM, and the lines of /remind list and history."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any

from bot.campaigns.model import Campaign
from bot.core.content import Content
from bot.core.formatting import format_datetime, format_list, ordinal, plural
from bot.core.i18n import Locale, t
from bot.core.limits import MESSAGE_CONTENT, SCHEDULED_EVENT_NAME, clip
from bot.reminders.delivery_records import Delivery
from bot.reminders.recurrence import Repeat
from bot.reminders.states import DeliveryState, Failure, Status
from bot.reminders.storage import Reminder
from bot.reminders.timeparse import discord_time


def _quote(note: str | None) -> str:
    if not note:
        return ""
    return "\n" + "\n".join(f"> {line}" if line else ">" for line in note.splitlines())


def bill_numbers(campaign: Campaign | None, locale: Locale | None = None) -> str:
    """The campaign's current bill numbers, marked when their Congress has ended."""
    if campaign is None:
        return ""
    ended = sorted({v.congress for v in campaign.current_versions if v.expired})
    if not ended:
        return campaign.numbers_label
    labels = [ordinal("bills.congress", c, locale) for c in ended]  # as congress_label
    return t(
        "reminders.post.numbers_expired",
        locale,
        numbers=campaign.numbers_label,
        congress=format_list(labels, locale),
    )


def _note_and_lateness(
    note: str | None, due: datetime, late_since: datetime | None, locale: Locale | None
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
    locale: Locale | None = None,
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
    locale: Locale | None = None,
    offices: Sequence[str] = (),
) -> str:
    """The DM to a subscriber; ``offices`` are their own offices' lines, if they saved where."""
    text = t("reminders.dm.text", locale, server=server, name=name, numbers=numbers)
    text += _note_and_lateness(note, due, late_since, locale)
    if offices:
        text += "\n" + t("reminders.dm.your_offices", locale) + "\n" + "\n".join(offices)
    text += "\n" + t("reminders.dm.footer", locale, server=server)
    return clip(text, MESSAGE_CONTENT)


def repeat_label(repeat: Repeat, until: str | date | None, locale: Locale | None) -> str:
    label = t(repeat.catalog_key, locale)
    if until and repeat is not Repeat.NONE:
        label += t("reminders.repeat.until", locale, day=str(until))
    return label


def summary_line(reminder: Reminder, name: str, locale: Locale | None) -> str:
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
        status=status_label(reminder, locale),
    )


def choice_label(reminder: Reminder, name: str, locale: Locale | None) -> str:
    """A reminder among autocomplete choices: ``#12 HKETO … · January 5, 2026, 11:00 PM UTC``."""
    when = (
        format_datetime(datetime.fromtimestamp(reminder.next_due, UTC), locale, UTC)
        if reminder.next_due
        else t(reminder.status.catalog_key, locale)
    )
    return f"#{reminder.id} {name} · {when}"


def campaign_name(content: Content, slug: str) -> str:
    """A campaign's short name from the seed (its slug if the seed no longer has it)."""
    seed = next((c for c in content.campaigns if c.slug == slug), None)
    return seed.short_name if seed else slug


def subscription_line(
    slug: str, name: str, upcoming: Sequence[Reminder], locale: Locale | None
) -> str:
    """One line of /reminders mine: a campaign, and its next reminder among ``upcoming``."""
    due = next((r.next_due for r in upcoming if r.campaign == slug and r.next_due), None)
    after = ""
    if due:
        when = discord_time(datetime.fromtimestamp(due, UTC), "f")
        after = t("reminders.mine.next", locale, when=when)
    return t("reminders.mine.line", locale, name=name, next=after)


def next_time_text(
    reminder: Reminder,
    locale: Locale | None,
    *,
    done: str,
    no_time: str,
    paused: str | None = None,
) -> str:
    """The answer to a change: ``done`` with the next time, ``paused`` if it waits on a
    resume, ``no_time`` when nothing is left to go out (each a catalog key)."""
    if reminder.status is Status.PAUSED and reminder.next_due is not None and paused:
        key = paused  # say so, or the organizer thinks it will go out
    elif reminder.next_due is None or reminder.status is not Status.ACTIVE:
        return t(no_time, locale, id=reminder.id)
    else:
        key = done
    due = datetime.fromtimestamp(reminder.next_due, UTC)
    return t(
        key, locale, id=reminder.id, when=discord_time(due, "F"), relative=discord_time(due, "R")
    )


def event_name(name: str, locale: Locale | None = None) -> str:
    return clip(t("reminders.event.name", locale, name=name), SCHEDULED_EVENT_NAME)


def failure_text(code: str | None, locale: Locale | None = None) -> str:
    """A stored failure code ('forbidden', 'http:500'...) in words."""
    if not code:
        return ""
    reason, _, detail = code.partition(":")
    try:
        failure = Failure(reason)
    except ValueError:
        return code
    return t(failure.catalog_key, locale, detail=detail)


def describe_delivery(delivery: Delivery, locale: Locale | None) -> str:
    """One line of /remind history."""
    due = datetime.fromtimestamp(delivery.occurrence, UTC)
    line = t(
        delivery.state.catalog_key,
        locale,
        id=delivery.reminder_id,
        due=discord_time(due, "f"),
        dms=delivery.dms_sent,
        dms_failed=delivery.dms_failed,
        reason=failure_text(delivery.error, locale),
    )
    if delivery.late and delivery.state is DeliveryState.SENT:
        line += t("reminders.history.late_mark", locale)
    if delivery.dms_waiting:
        line += t("reminders.history.dms_waiting", locale, count=delivery.dms_waiting)
    return line


def history_lines(deliveries: Sequence[Delivery], locale: Locale | None) -> str:
    return "\n".join(describe_delivery(d, locale) for d in deliveries)


def notice_text(key: str, values: Mapping[str, Any], locale: Locale | None = None) -> str:
    """A notice to organizers in ``locale``: its stored values (a due time in epoch seconds,
    a failure code, reminder ids) put in words."""
    shown: dict[str, Any] = dict(values)
    if isinstance(shown.get("due"), int):
        shown["due"] = discord_time(datetime.fromtimestamp(shown["due"], UTC), "f")
    if "reason" in shown:
        shown["reason"] = failure_text(str(shown["reason"]), locale)
    if isinstance(shown.get("ids"), list):
        shown["ids"] = ", ".join(f"#{i}" for i in shown["ids"])
    count = shown.pop("count", None)
    if isinstance(count, int):
        return _counted_notice(key, count, locale, shown)
    return t(key, locale, **shown)


def _counted_notice(key: str, count: int, locale: Locale | None, values: dict[str, Any]) -> str:
    """A notice with a count, worded by its plural family (each named, for the catalog check)."""
    if key == "reminders.log.missed":
        return plural("reminders.log.missed", count, locale, **values)
    if key == "reminders.notice.returned":
        return plural("reminders.notice.returned", count, locale, **values)
    if key == "reminders.notice.resumed":
        return plural("reminders.notice.resumed", count, locale, **values)
    return t(key, locale, count=count, **values)


def status_label(reminder: Reminder, locale: Locale | None) -> str:
    """A reminder's status, and why the bot paused it if it did."""
    label = t(reminder.status.catalog_key, locale)
    if reminder.status is Status.PAUSED and reminder.pause_reason is not None:
        label += t(
            "reminders.pause_reason.because",
            locale,
            why=t(reminder.pause_reason.catalog_key, locale),
        )
    return label


def subscription_choice(server: str, name: str) -> str:
    """A subscription among a member's DM list choices: ``Server · Campaign``."""
    return f"{server} · {name}"
