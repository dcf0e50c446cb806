"""Adding a bill version checked against the official record before it is saved.

:func:`look_up` asks the record for a number the organizer typed, once
:func:`~bot.campaigns.versions.check_new_version` has read it, through the bot's one
:class:`~bot.campaigns.record.fetch.BillStatusFetcher` (None when this run doesn't
download). Its answer decides what the cog does: *not found* saves nothing; a
record whose titles name the act is saved at once; one whose titles don't must be
confirmed by the organizer, who sees the official title; an unreachable record saves the
version *unverified*, checked at the next refresh (the refresh fetches every added number).
:func:`save` then stores the version (and the record, when there is one).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.campaigns.model import Campaign
from bot.campaigns.record.fetch import BillStatusFetcher
from bot.campaigns.record.model import BillId
from bot.campaigns.record.storage import CheckOutcome, record_check
from bot.campaigns.record.verify import (
    Lookup,
    LookupOutcome,
    lookup_bill,
    remember_lookup,
    title_naming_act,
)
from bot.campaigns.versions import AddedVersion, NewVersion, add_version
from bot.core.database import Database


@dataclass(frozen=True, slots=True)
class VersionLookup:
    """A number an organizer typed, checked, and what the official record says of it."""

    campaign: Campaign
    new: NewVersion
    lookup: Lookup
    naming_title: str | None  # the first of the record's titles that names the act
    downloads_off: bool  # this run doesn't download (no token, or BILLSTATUS_URL=off)

    @property
    def outcome(self) -> LookupOutcome:
        return self.lookup.outcome

    @property
    def needs_confirmation(self) -> bool:
        """Found, but none of its titles names the act: the organizer must see and confirm."""
        return self.outcome is LookupOutcome.FOUND and self.naming_title is None


async def look_up(
    fetcher: BillStatusFetcher | None, campaign: Campaign, new: NewVersion
) -> VersionLookup:
    """Ask the record for a number :func:`~bot.campaigns.versions.check_new_version` passed."""
    bill = BillId.of(new.congress, new.chamber, new.number)
    found = await lookup_bill(fetcher, bill)
    naming = None if found.record is None else title_naming_act(found.record, campaign.act_names)
    return VersionLookup(campaign, new, found, naming, fetcher is None)


async def save(
    db: Database,
    guild_id: int,
    checked: VersionLookup,
    campaigns: list[Campaign],
    current: bool | None,
    *,
    actor: int,
    now: datetime,
) -> AddedVersion:
    """Save a looked-up version (never one the record doesn't have), and its record.

    Call it for a version that :attr:`~VersionLookup.needs_confirmation` only once the
    organizer confirmed: the title they saw is stored with it.
    """
    if checked.outcome is LookupOutcome.NOT_FOUND:
        raise ValueError(f"{checked.lookup.bill.described} is not in the record: not saved")
    record = checked.lookup.record
    added = await add_version(
        db,
        guild_id,
        checked.campaign,
        campaigns,
        checked.new.label,
        checked.new.congress,
        current,
        actor=actor,
        now=now,
        title_confirmed=record.title if record and checked.needs_confirmation else None,
    )
    if checked.outcome is LookupOutcome.FOUND:
        await remember_lookup(db, checked.lookup, now.isoformat())
    elif not checked.downloads_off:  # unreachable: the refresh retries it within the hour
        error = checked.lookup.error or "unreachable"
        await record_check(db, checked.lookup.bill, now.isoformat(), CheckOutcome.FAILED, error)
    return added
