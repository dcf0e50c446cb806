"""Repeating reminders, computed on the wall clock of the reminder's time zone.

A rule is an anchor (the first occurrence as a naive local time), a repeat kind and an
optional last local day. Occurrences keep the anchor's local time of day, so a weekly 6 pm
reminder stays at 6 pm across daylight-saving changes; see
:func:`bot.reminders.timeparse.localize` for times that are skipped or repeated by a change.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.core.enums import CatalogEnum
from bot.reminders.timeparse import localize, wall_clock


class Repeat(CatalogEnum, key_prefix="reminders.repeat"):
    """How a reminder repeats (``reminders.repeat``); labelled in previews and lists."""

    NONE = "none"
    DAILY = "daily"
    WEEKDAYS = "weekdays"
    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"
    MONTHLY = "monthly"

    @property
    def choice_key(self) -> str:
        """The catalog key of its name among /remind's ``repeat`` choices."""
        return f"reminders.choice.{self.value}"


# Set after the class body: a name assigned inside an enum's body would become a member.

REPEATS = tuple(Repeat)
_STEP_DAYS = {Repeat.DAILY: 1, Repeat.WEEKLY: 7, Repeat.BIWEEKLY: 14}


@dataclass(frozen=True, slots=True)
class Rule:
    repeat: Repeat  # a stored string is accepted and checked
    anchor: datetime  # naive local wall time of the first intended occurrence
    zone: ZoneInfo
    until: date | None = None  # last local day (inclusive)

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "repeat", Repeat(self.repeat))
        except ValueError:
            raise ValueError(f"unknown repeat {self.repeat!r}") from None
        if self.anchor.tzinfo is not None:
            raise ValueError("the anchor is a naive local time")


def _add_months(anchor: datetime, months: int) -> datetime:
    index = anchor.month - 1 + months
    year, month = anchor.year + index // 12, index % 12 + 1
    day = min(anchor.day, calendar.monthrange(year, month)[1])  # the 31st: the month's last day
    return anchor.replace(year=year, month=month, day=day)


def _local_from(rule: Rule, start: datetime) -> Iterator[datetime]:
    """Intended local occurrences, in order, starting at or a little before ``start``."""
    anchor = rule.anchor
    if rule.repeat is Repeat.NONE:
        yield anchor
        return
    if rule.repeat in _STEP_DAYS:
        step = _STEP_DAYS[rule.repeat]
        k = max(0, (start - anchor).days // step - 1)
        while True:
            yield anchor + timedelta(days=step * k)
            k += 1
    elif rule.repeat is Repeat.MONTHLY:
        k = max(0, (start.year - anchor.year) * 12 + start.month - anchor.month - 1)
        while True:
            yield _add_months(anchor, k)
            k += 1
    else:  # weekdays
        day = max(anchor, anchor + timedelta(days=max(0, (start - anchor).days - 1)))
        while True:
            if day.weekday() < 5:
                yield day
            day += timedelta(days=1)


def occurrences_after(rule: Rule, after: datetime) -> Iterator[datetime]:
    """UTC times of the occurrences strictly after the aware time ``after``, in order."""
    start = wall_clock(after, rule.zone) - timedelta(days=1)
    for local in _local_from(rule, start):
        if rule.until is not None and local.date() > rule.until:
            return
        at = localize(local, rule.zone)
        if at > after:
            yield at


def next_after(rule: Rule, after: datetime) -> datetime | None:
    """The first occurrence strictly after ``after`` (UTC), or None when the rule has ended."""
    return next(occurrences_after(rule, after), None)


def first_occurrence(rule: Rule) -> datetime | None:
    """The first occurrence at or after the anchor (a weekday rule skips a weekend anchor)."""
    for local in _local_from(rule, rule.anchor):
        if local < rule.anchor:
            continue
        if rule.until is not None and local.date() > rule.until:
            return None
        return localize(local, rule.zone)
    return None
