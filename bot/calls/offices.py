"""The member's own offices in the call flow: who to call about a bill, from ``/me location``.

For a bill with a current Senate version the member's two senators, for a House version
their representative. When an office is not known (no location saved, no district, a
vacancy, no data) the text says so and the result is marked incomplete, so the card keeps
a plain outcome row for a call made another way. Given the campaign, each office's line
says where it stands on the current version of its chamber (:mod:`bot.calls.standing`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.calls.standing import OfficeStanding, office_standings, standing_text
from bot.campaigns.model import Campaign
from bot.core.database import Database
from bot.core.enums import Chamber
from bot.core.i18n import Locale, t
from bot.reps.contact import office_line
from bot.reps.legislators import HOUSE, SENATE, Legislator
from bot.reps.lookup import own_offices
from bot.reps.seats import has_senators


@dataclass(frozen=True, slots=True)
class CallOffices:
    text: str  # what the card's "your offices" field says
    offices: tuple[Legislator, ...]
    incomplete: bool  # some chamber the bill targets has no office for this member
    standings: tuple[OfficeStanding, ...] = ()  # each office's cosponsorship, when asked


def chambers_of(campaign: Campaign) -> list[Chamber]:
    """The chambers a campaign has a current version in, Senate first."""
    return [c for c in (SENATE, HOUSE) if campaign.current(c)]


async def call_offices(
    db: Database,
    guild_id: int,
    user_id: int,
    chambers: Sequence[str],
    states: Mapping[str, str],
    locale: Locale | None = None,
    campaign: Campaign | None = None,
) -> CallOffices:
    """The member's offices for ``chambers``; with ``campaign``, each with its standing."""
    sections: list[tuple[str, list[Legislator] | str]] = []
    offices: list[Legislator] = []
    incomplete = False
    for chamber in chambers:
        where, members = await own_offices(db, guild_id, user_id, chamber)
        if where is None:
            return CallOffices(t("reps.call.no_location", locale), (), True)
        heading = t(f"reps.call.{chamber}_heading", locale)
        if members:
            sections.append((heading, members))
            offices += members
            incomplete |= chamber == SENATE and len(members) < 2
        elif chamber == SENATE and not has_senators(where.state):
            name = states.get(where.state, where.state)
            sections.append((heading, t("reps.find.no_senators", locale, state=name)))
        elif chamber == HOUSE and where.district is None:
            sections.append((heading, t("reps.call.no_house_district", locale)))
            incomplete = True
        else:
            sections.append((heading, t("reps.call.none_in_data", locale)))
            incomplete = True
    standings = () if campaign is None else tuple(await office_standings(db, campaign, offices))
    notes = {s.office.bioguide: standing_text(s, locale) for s in standings}
    parts = []
    for heading, body in sections:
        if isinstance(body, str):
            lines = [body]
        else:
            lines = [
                office_line(m, locale) + (f"\n{notes[m.bioguide]}" if m.bioguide in notes else "")
                for m in body
            ]
        parts.append(heading + "\n" + "\n".join(lines))
    return CallOffices("\n\n".join(parts), tuple(offices), incomplete, standings)
