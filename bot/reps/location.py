"""``/me location``: checking and saving a member's state and district, and what they are told.

The row itself is kept by :mod:`bot.reps.member_location`; only the member ever sees it.
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.core.database import Database
from bot.core.i18n import Locale, t
from bot.core.limits import MESSAGE_CONTENT, clip
from bot.reps.contact import HOUSE_FINDER, office_line
from bot.reps.legislators import HOUSE, SENATE
from bot.reps.lookup import own_offices
from bot.reps.member_location import MemberLocation, set_location
from bot.reps.seats import NON_STATES, house_seats, pick_seat


def _where(district: int | None, at_large: bool, locale: Locale | None) -> str:
    """``, district 5``, `` (one at-large House seat)``; nothing for D.C. and the territories."""
    if at_large:
        return t("reps.location.saved_at_large", locale)
    if not district:
        return ""
    return t("reps.location.saved_district", locale, district=district)


async def save_location(
    db: Database,
    guild_id: int,
    user_id: int,
    state: str,
    district: int | None,
    *,
    states: Mapping[str, str],
    now_iso: str,
    locale: Locale | None = None,
) -> str:
    """Check and save a member's location; the private reply, with their offices if known."""
    seats = await house_seats(db, state)
    seat = pick_seat(seats, district, states[state])
    await set_location(db, guild_id, user_id, state, seat, now_iso)
    parts = [
        t(
            "reps.location.saved",
            locale,
            state=states[state],
            district=_where(seat, seats.at_large and state not in NON_STATES, locale),
        )
    ]
    if seat is None:
        parts.append(t("reps.location.needs_district", locale, url=HOUSE_FINDER))
    lines = []
    for chamber in (SENATE, HOUSE):
        _, members = await own_offices(db, guild_id, user_id, chamber)
        lines += [office_line(m, locale) for m in members]
    if lines:
        parts.append(t("reps.location.your_offices", locale, lines="\n".join(lines)))
    return clip("\n\n".join(parts), MESSAGE_CONTENT)


def location_reply(
    saved: MemberLocation | None,
    states: Mapping[str, str],
    locale: Locale | None = None,
) -> str:
    """What ``/me location`` without options tells the member about their own location."""
    if saved is None:
        return t("reps.location.none", locale)
    at_large = saved.district == 0 and saved.state not in NON_STATES
    return t(
        "reps.location.shown",
        locale,
        state=states.get(saved.state, saved.state),
        district=_where(saved.district, at_large, locale),
    )
