"""Where each of a member's own offices stands on a campaign's current version, by the record.

The members of Congress (``bot.reps``) and the bill's record (``bot.campaigns.record``)
are joined by bioguide id: a senator is looked up on the current Senate version, a
representative on the current House version. Without a stored copy of that version's
record the standing is UNKNOWN and nothing is claimed.

For a reminder DM, :func:`own_office_standing_lines` gives one line per office (how to
reach it, and where it stands); :func:`standing_text` words one standing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from bot.campaigns.model import BillVersion, Campaign, format_date
from bot.campaigns.record.model import BillId, CosponsorStatus
from bot.campaigns.record.storage import cosponsor_statuses
from bot.core.database import Database
from bot.core.enums import CatalogEnum, Chamber
from bot.core.i18n import Locale, t
from bot.reps import storage as reps_store
from bot.reps.contact import office_line, title
from bot.reps.legislators import Legislator
from bot.reps.lookup import own_offices


class ScriptVariant(CatalogEnum, key_prefix="calls.script_variant"):
    """Which call script an office gets: by its cosponsorship, or the general one."""

    GENERAL = "general"  # not known (no record, no office), or the version has expired
    COSPONSOR = "cosponsor"  # sponsors or cosponsors: thanked, asked to press for a vote
    NOT_COSPONSOR = "not_cosponsor"  # has not cosponsored, or withdrew: asked to cosponsor


_VARIANTS = {
    CosponsorStatus.SPONSOR: ScriptVariant.COSPONSOR,
    CosponsorStatus.COSPONSOR: ScriptVariant.COSPONSOR,
    CosponsorStatus.WITHDRAWN: ScriptVariant.NOT_COSPONSOR,
    CosponsorStatus.NOT_COSPONSOR: ScriptVariant.NOT_COSPONSOR,
}


@dataclass(frozen=True, slots=True)
class OfficeStanding:
    """One office and where it stands on the current version of its chamber."""

    office: Legislator
    version: BillVersion | None  # None: the campaign has no current version in its chamber
    status: CosponsorStatus
    since: date | None  # introduced (sponsor), cosponsored, or withdrew on

    @property
    def variant(self) -> ScriptVariant:
        if self.version is None or self.version.expired:
            return ScriptVariant.GENERAL  # no vote or cosponsorship to ask for on a dead bill
        return _VARIANTS.get(self.status, ScriptVariant.GENERAL)


async def office_standings(
    db: Database, campaign: Campaign, offices: Sequence[Legislator]
) -> list[OfficeStanding]:
    """Each office's standing on the current version of its own chamber, in their order."""
    found: dict[str, OfficeStanding] = {}
    for chamber in Chamber:
        members = [m for m in offices if m.chamber == chamber]
        version = campaign.current(chamber)
        if not members:
            continue
        if version is None:
            for m in members:
                found[m.bioguide] = OfficeStanding(m, None, CosponsorStatus.UNKNOWN, None)
            continue
        statuses = await cosponsor_statuses(
            db, BillId.for_version(version), [m.bioguide for m in members]
        )
        for m in members:
            status, since = statuses[m.bioguide]
            found[m.bioguide] = OfficeStanding(m, version, status, since)
    return [found[m.bioguide] for m in offices]


async def own_office_standings(
    db: Database, guild_id: int, user_id: int, campaign: Campaign
) -> list[OfficeStanding]:
    """The member's own offices (from ``/me location``) for the campaign's chambers."""
    offices: list[Legislator] = []
    for chamber in (Chamber.SENATE, Chamber.HOUSE):
        if campaign.current(chamber):
            offices += (await own_offices(db, guild_id, user_id, chamber))[1]
    return await office_standings(db, campaign, offices)


async def office_status(db: Database, campaign: Campaign, bioguide: str) -> CosponsorStatus | None:
    """Where one office stands now (for the tallies); None when the office isn't known."""
    office = await reps_store.legislator(db, bioguide)
    if office is None:
        return None
    (standing,) = await office_standings(db, campaign, [office])
    return standing.status


def standing_text(standing: OfficeStanding, locale: Locale | None = None) -> str:
    """``✅ cosponsor of S. 900 (119th Congress) since March 3, 2025``, in the member's language."""
    v = standing.version
    if v is None:
        return t("calls.standing.no_version", locale)
    values = {"label": v.label, "congress": v.congress_label}
    when = format_date(standing.since) if standing.since else None
    key = f"calls.standing.{standing.status.value}"
    if standing.status in (CosponsorStatus.SPONSOR, CosponsorStatus.COSPONSOR) and when is None:
        key += "_undated"
    text = t(key, locale, date=when or "", **values)
    if v.expired:
        text += t("calls.standing.expired", locale)
    return text


def office_name(office: Legislator, locale: Locale | None = None) -> str:
    """``Sen. Avery Example``."""
    return f"{title(office, locale)} {office.name}"


def office_standing_line(standing: OfficeStanding, locale: Locale | None = None) -> str:
    """How to reach the office (phone, contact link), then where it stands, on a new line."""
    return f"{office_line(standing.office, locale)}\n{standing_text(standing, locale)}"


async def own_office_standing_lines(
    db: Database, guild_id: int, user_id: int, campaign: Campaign, locale: Locale | None = None
) -> list[str]:
    """For a reminder DM: the member's own offices, each with its phone and cosponsorship.

    Empty when the member saved no location or the data has none of their offices.
    """
    standings = await own_office_standings(db, guild_id, user_id, campaign)
    return [office_standing_line(s, locale) for s in standings]
