"""Read the times organizers type ("friday 6pm", "in 2 hours", ``<t:…>``) in a server's zone.

Natural language goes through :mod:`dateparser` (English only, future dates preferred);
Discord timestamps and relative phrases ("in 2 hours") are read exactly, in UTC, so a
daylight-saving change in between cannot shift them. Every failure is a :class:`UserError`
with a message that shows what works; nothing else escapes.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.core.errors import UserError

MAX_TEXT = 100
MAX_AHEAD = timedelta(days=366)
EXAMPLES = "“friday 6pm”, “tomorrow 18:00”, “in 2 hours”, “2026-12-04 18:30”, `<t:1796000000:F>`"

_DISCORD_TS = re.compile(r"^<t:(-?\d{1,13})(?::[tTdDfFsSR])?>$")
_RELATIVE = re.compile(r"^(in\s+\S.*|.*\bfrom now)$", re.IGNORECASE)
_HAS_TIME = re.compile(r"\d\s*(am|pm|a\.m\.|p\.m\.)\b|\d:\d\d|\bnoon\b|\bmidnight\b", re.I)
_DATE_ONLY_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# A time of day with no date ("6pm", "at 18:00", "noon", "18:00 UTC"): the next such time.
_TIME_ONLY = re.compile(
    r"^(?:at\s+)?(?:noon|midnight|\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)|\d{1,2}:\d{2})"
    r"(?:\s*(?:[a-z]{1,5}|[+-]\d{1,2}(?::?\d{2})?))?$",
    re.IGNORECASE,
)


def warm_up() -> None:
    """Load the parser's data now (at startup) rather than on the first /remind create."""
    _naive_parse("tomorrow 6pm", datetime(2026, 1, 1, 12, 0))


def _naive_parse(text: str, base: datetime, *, prefer_future: bool = True) -> datetime | None:
    """dateparser, English only, future dates preferred, relative to the naive ``base``.

    The result is naive unless the text named its own zone ("18:00 UTC").
    """
    # dateparser ships no type information (no py.typed, no stubs installed).
    import dateparser

    settings: dict[str, object] = {"RELATIVE_BASE": base}

    if prefer_future:
        settings["PREFER_DATES_FROM"] = "future"
    return dateparser.parse(text, languages=["en"], settings=settings)


def localize(naive: datetime, zone: ZoneInfo) -> datetime:
    """A wall-clock time in ``zone`` as an aware UTC time.

    An ambiguous time (the repeated hour in autumn) is its first occurrence; a time that
    does not exist (the skipped hour in spring) moves forward by the size of the gap, as
    clocks do: 2:30 becomes 3:30.
    """
    return naive.replace(tzinfo=zone, fold=0).astimezone(UTC)


def wall_clock(moment: datetime, zone: ZoneInfo) -> datetime:
    """The naive local time that ``moment`` shows in ``zone``."""
    return moment.astimezone(zone).replace(tzinfo=None)


def parse_when(
    text: str, zone: ZoneInfo, now: datetime, *, max_ahead: timedelta = MAX_AHEAD
) -> datetime:
    """The UTC time ``text`` means, read in ``zone``; a future time within ``max_ahead``.

    Raises :class:`UserError` (``reminders.when.*``) for unreadable, past or too-far times.
    """
    cleaned = " ".join(text.split())
    if not cleaned or len(cleaned) > MAX_TEXT:
        raise UserError("reminders.when.unreadable", value=cleaned[:MAX_TEXT], examples=EXAMPLES)
    at = _parse(cleaned, zone, now)
    if at is None:
        raise UserError("reminders.when.unreadable", value=cleaned, examples=EXAMPLES)
    at = at.replace(microsecond=0)
    if at <= now:
        raise UserError("reminders.when.past", when=discord_time(at, "F"))
    if at - now > max_ahead:
        raise UserError("reminders.when.too_far", when=discord_time(at, "F"))
    return at


def _parse(text: str, zone: ZoneInfo, now: datetime) -> datetime | None:
    match = _DISCORD_TS.match(text)
    if match:
        try:
            return datetime.fromtimestamp(int(match.group(1)), UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if not any(ch.isalnum() for ch in text):
        return None
    relative = bool(_RELATIVE.match(text))
    base = now.astimezone(UTC).replace(tzinfo=None) if relative else wall_clock(now, zone)
    # dateparser's "future" rolls a bare time that has passed today into the wrong month on
    # a month's last day ("6pm" on Dec 31 at 7pm gave Dec 1 of next year): read it as
    # today's time, and take tomorrow's ourselves when today's has passed.
    time_only = not relative and bool(_TIME_ONLY.match(text))
    try:
        naive = _naive_parse(text, base, prefer_future=not time_only)
    except Exception:  # dateparser raises assorted errors on odd input; all mean "unreadable"
        return None
    if naive is None:
        return None
    if time_only and naive.tzinfo is None and localize(naive, zone) <= now:
        naive += timedelta(days=1)
    if naive.tzinfo is not None:  # the text named its own offset ("18:00 UTC")
        if time_only and naive <= now:
            naive += timedelta(days=1)
        return naive.astimezone(UTC)
    if relative:
        return naive.replace(tzinfo=UTC)
    return localize(naive, zone)


def parse_until(text: str, zone: ZoneInfo, now: datetime) -> date:
    """The last local day a repeating reminder runs (``until:`` option), read like ``when``."""
    cleaned = " ".join(text.split())
    if _DATE_ONLY_ISO.match(cleaned):
        try:
            day = date.fromisoformat(cleaned)
        except ValueError:
            raise UserError("reminders.when.unreadable", value=cleaned, examples=EXAMPLES) from None
    else:
        at = _parse(cleaned, zone, now) if 0 < len(cleaned) <= MAX_TEXT else None
        if at is None:
            raise UserError(
                "reminders.when.unreadable", value=cleaned[:MAX_TEXT], examples=EXAMPLES
            )
        day = wall_clock(at, zone).date()
    if day < wall_clock(now, zone).date():
        raise UserError("reminders.until.past", day=day.isoformat())
    return day


def discord_time(moment: datetime, style: str = "F") -> str:
    """A Discord timestamp (``<t:…:F>``) that each reader sees in their own time zone."""
    return f"<t:{int(moment.timestamp())}:{style}>"
