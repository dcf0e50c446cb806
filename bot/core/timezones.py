"""Time zones: IANA names, and the names people say ("Pacific", "EST", "Arizona").

A member may type an IANA name in any case ("america/chicago") or the zone as Americans
say it: "Pacific", "PT", "PST", "PDT", "Pacific time", "US/Pacific" all mean
America/Los_Angeles. Whatever was typed, the IANA name is what is stored and shown back.
"""

from __future__ import annotations

import re
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from bot.core.errors import UserError

NEW_YORK, CHICAGO, DENVER, PHOENIX = (
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Phoenix",
)
LOS_ANGELES, ANCHORAGE, HONOLULU = "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu"

# Offered first: where the signatory groups and most members are.
COMMON_US = (NEW_YORK, CHICAGO, DENVER, PHOENIX, LOS_ANGELES, ANCHORAGE, HONOLULU)

# The zones' everyday names (a catalog key each: ``timezones.names.<name>``) and the words
# and abbreviations people use for them.
ZONE_NAMES = {
    NEW_YORK: "eastern",
    CHICAGO: "central",
    DENVER: "mountain",
    PHOENIX: "arizona",
    LOS_ANGELES: "pacific",
    ANCHORAGE: "alaska",
    HONOLULU: "hawaii",
}
_SAID = {
    NEW_YORK: ("eastern", "et", "est", "edt"),
    CHICAGO: ("central", "ct", "cst", "cdt"),
    DENVER: ("mountain", "mt", "mst", "mdt"),
    PHOENIX: ("arizona",),
    LOS_ANGELES: ("pacific", "pt", "pst", "pdt"),
    ANCHORAGE: ("alaska", "akt", "akst", "akdt"),
    HONOLULU: ("hawaii", "ht", "hst", "hast", "hawaii aleutian"),
}
SAID: dict[str, str] = {word: zone for zone, words in _SAID.items() for word in words}

# Every other IANA zone of the US and its territories, offered after COMMON_US.
OTHER_US = (
    "America/Detroit",
    "America/Indiana/Indianapolis",
    "America/Kentucky/Louisville",
    "America/Boise",
    "America/Juneau",
    "America/Adak",
    "America/Puerto_Rico",
    "America/St_Thomas",
    "Pacific/Guam",
    "Pacific/Saipan",
    "Pacific/Pago_Pago",
)

# "Pacific Time (US & Canada)", "Eastern Standard Time", "US/Eastern" -> "pacific", ...
_DECORATION = re.compile(
    r"^(?:us/|us\s+)|\s*\([^)]*\)\s*$|\s+(?:standard|daylight|savings?)?\s*time$|\s+zone$"
)


@cache
def all_timezones() -> tuple[str, ...]:
    return tuple(sorted(z for z in available_timezones() if "/" in z and not z.startswith("Etc/")))


@cache
def _by_lower() -> dict[str, str]:
    return {z.lower(): z for z in all_timezones()}


def said_zone(name: str) -> str | None:
    """The IANA zone for a name people say ("Pacific", "EST", "Arizona time"), if any."""
    words = " ".join(name.strip().lower().replace("_", " ").replace("-", " ").split())
    for _ in range(3):  # "US/Pacific", "Pacific Standard Time", "Eastern Time (US & Canada)"
        words = _DECORATION.sub("", words).strip()
    return SAID.get(words)


def resolve_timezone(name: str) -> ZoneInfo:
    """The zone for an IANA name (any case) or a name people say; :class:`UserError` if unknown."""
    cleaned = name.strip().replace(" ", "_")
    if not cleaned:
        raise UserError("setup.timezone.empty")
    canonical = said_zone(name) or _by_lower().get(cleaned.lower())
    if canonical is None and cleaned.upper() == "UTC":
        canonical = "UTC"
    if canonical is None:
        raise UserError("setup.timezone.unknown", value=name[:100])
    try:
        return ZoneInfo(canonical)
    except (ZoneInfoNotFoundError, ValueError):
        raise UserError("setup.timezone.unknown", value=name[:100]) from None


def suggest_timezones(query: str, limit: int = 25) -> list[str]:
    """Zones matching what was typed: the US zones first ("paci" offers Los Angeles first).

    Zones whose everyday name or abbreviation starts with the words come first, then the
    US zones whose IANA name contains them, then every other zone that does.
    """
    q = query.strip().lower()
    if not q:
        return list(COMMON_US)[:limit]
    said = " ".join(q.replace("_", " ").split())
    hits = [z for z in COMMON_US if any(w.startswith(said) for w in _SAID[z])]
    wanted = said_zone(q)
    if wanted is not None and wanted not in hits:
        hits.insert(0, wanted)
    key = q.replace(" ", "_")
    us = [z for z in (*COMMON_US, *OTHER_US) if key in z.lower()]
    # Elsewhere, a place's name that starts with the words first: "hong" is Hong Kong.
    others = [z for z in all_timezones() if key in z.lower() and not z.startswith("US/")]
    others.sort(key=lambda z: 0 if re.search(rf"(?:^|[/_]){re.escape(key)}", z.lower()) else 1)
    for zone in (*us, *others):
        if zone not in hits:
            hits.append(zone)
    return hits[:limit]


def zone_name_key(zone: str) -> str | None:
    """The catalog key of a US zone's everyday name ("Pacific time (PT)"), if it has one."""
    name = ZONE_NAMES.get(zone)
    return f"timezones.names.{name}" if name else None
