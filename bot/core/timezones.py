"""IANA time zones: validation and autocomplete suggestions."""

from __future__ import annotations

from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from bot.core.errors import UserError

# Offered first: where the signatory groups and most members are.
COMMON_US = (
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Phoenix",
    "America/Los_Angeles",
    "America/Anchorage",
    "Pacific/Honolulu",
)


@cache
def all_timezones() -> tuple[str, ...]:
    return tuple(sorted(z for z in available_timezones() if "/" in z and not z.startswith("Etc/")))


def resolve_timezone(name: str) -> ZoneInfo:
    """The zone for an IANA name (case-insensitive); :class:`UserError` if unknown."""
    cleaned = name.strip().replace(" ", "_")
    if not cleaned:
        raise UserError("setup.timezone.empty")
    lookup = {z.lower(): z for z in all_timezones()}
    canonical = lookup.get(cleaned.lower())
    if canonical is None and cleaned.upper() == "UTC":
        canonical = "UTC"
    if canonical is None:
        raise UserError("setup.timezone.unknown", value=name[:100])
    try:
        return ZoneInfo(canonical)
    except (ZoneInfoNotFoundError, ValueError):
        raise UserError("setup.timezone.unknown", value=name[:100]) from None


def suggest_timezones(query: str, limit: int = 25) -> list[str]:
    """Zones matching what was typed, common US zones first."""
    q = query.strip().lower().replace(" ", "_")
    if not q:
        return list(COMMON_US)[:limit]
    hits = [z for z in COMMON_US if q in z.lower()]
    hits += [z for z in all_timezones() if q in z.lower() and z not in hits]
    return hits[:limit]
