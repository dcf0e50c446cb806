"""What organizers should fix in a server's campaigns: expired numbers, numbers the record lacks.

Discord-free, so ``/setup show``, ``/bills info`` and the ``/remind create`` preview all
word the same to-do list. Nothing here claims that a newer number exists: an act whose
numbers have all expired is only said to need one *if* it has been reintroduced.

- :func:`expired_campaigns`: campaigns every one of whose versions has expired.
- :func:`campaign_warnings`: the whole to-do list (needs the database, for the record).
- :func:`warning_text`: one warning in a member's language.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from bot.campaigns.model import (
    CHAMBERS,
    BillVersion,
    Campaign,
    congress_label,
    current_congress,
)
from bot.campaigns.on_record import VersionState, version_record
from bot.core.database import Database
from bot.core.enums import CatalogEnum
from bot.core.i18n import Locale, t
from bot.core.limits import clip
from bot.core.markdown import escape_markdown


class WarningKind(CatalogEnum, key_prefix="bills.todo"):
    ALL_EXPIRED = "all_expired"  # every version's Congress has ended
    CURRENT_EXPIRED = "current_expired"  # the current one has, a saved newer one hasn't
    NOT_FOUND = "not_found"  # an added number the official record doesn't have
    TITLE_NOT_ACT = "title_not_act"  # an added number whose record names another act


@dataclass(frozen=True, slots=True)
class CampaignWarning:
    kind: WarningKind
    campaign: Campaign
    values: dict[str, str | int] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return self.kind.catalog_key


def expired_campaigns(campaigns: Iterable[Campaign]) -> list[Campaign]:
    """The campaigns that have versions and whose versions have all expired."""
    return [c for c in campaigns if c.versions and all(v.expired for v in c.versions)]


def _newest(versions: Iterable[BillVersion]) -> BillVersion:
    return max(versions, key=lambda v: v.congress)


def expiry_warnings(campaign: Campaign, now: datetime) -> list[CampaignWarning]:
    """All versions expired, or a current one expired while a live one is saved."""
    if campaign in expired_campaigns([campaign]):
        newest = _newest(campaign.versions)
        return [
            CampaignWarning(
                WarningKind.ALL_EXPIRED,
                campaign,
                {
                    "label": newest.label,
                    "congress": newest.congress_label,
                    "sitting": congress_label(current_congress(now)),
                    "number": current_congress(now),
                },
            )
        ]
    out = []
    for chamber in CHAMBERS:
        current = campaign.current(chamber)
        live = [v for v in campaign.versions if v.chamber == chamber and not v.expired]
        if current is not None and current.expired and live:
            newer = _newest(live)
            out.append(
                CampaignWarning(
                    WarningKind.CURRENT_EXPIRED,
                    campaign,
                    {
                        "label": current.label,
                        "congress": current.congress_label,
                        "newer": newer.label,
                        "newer_congress": newer.congress_label,
                        "number": newer.number,
                        "chamber": chamber.value,
                    },
                )
            )
    return out


async def _record_warnings(db: Database, campaign: Campaign) -> list[CampaignWarning]:
    out = []
    for v in campaign.versions:
        if v.from_statement or v.expired:
            continue  # organizers can't change the statement's; an expired one is done with
        found = await version_record(db, campaign, v)
        values: dict[str, str | int] = {"label": v.label, "congress": v.congress_label}
        if found.state is VersionState.NOT_FOUND:
            out.append(CampaignWarning(WarningKind.NOT_FOUND, campaign, values))
        elif (title := found.unconfirmed_title) is not None:
            values["title"] = escape_markdown(clip(title, 200))
            out.append(CampaignWarning(WarningKind.TITLE_NOT_ACT, campaign, values))
    return out


async def campaign_warnings(
    db: Database, campaigns: Sequence[Campaign], now: datetime
) -> list[CampaignWarning]:
    """Every to-do for these campaigns (as one server sees them), campaign by campaign."""
    out = []
    for campaign in campaigns:
        out += expiry_warnings(campaign, now)
        out += await _record_warnings(db, campaign)
    return out


def warning_text(warning: CampaignWarning, locale: Locale | None = None) -> str:
    """The warning as one line, naming the act and saying what an organizer can do."""
    values = dict(warning.values)
    if "chamber" in values:
        values["chamber"] = t(f"calls.chamber.{values['chamber']}", locale)
    return t(
        warning.key,
        locale,
        short_name=warning.campaign.short_name,
        slug=warning.campaign.slug,
        **values,
    )
