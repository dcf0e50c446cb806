"""What organizers change in a campaign: a reintroduced bill number, the current version, status.

Each function checks the organizer's input against the server's campaigns, refuses with a
:class:`~bot.core.errors.UserError` that says why, and stores the change with who made it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.campaigns import storage as store
from bot.campaigns.model import (
    FIRST_CONGRESS_ON_CONGRESS_GOV,
    BillNumberError,
    BillVersion,
    Campaign,
    bill_label,
    congress_label,
    current_congress,
    parse_bill_number,
)
from bot.core.database import Database
from bot.core.enums import Chamber
from bot.core.errors import UserError
from bot.core.limits import clip

STATUS_MAX = 300


def read_bill_number(text: str) -> tuple[Chamber, int]:
    """``"H.R. 1103"`` -> ``(Chamber.HOUSE, 1103)``; :class:`UserError` naming the problem."""
    try:
        return parse_bill_number(text)
    except BillNumberError as exc:
        raise UserError(exc.key, value=clip(text.strip(), 60)) from None


@dataclass(frozen=True, slots=True)
class NewVersion:
    """A number an organizer typed, read and checked, not yet saved."""

    chamber: Chamber
    number: int
    congress: int

    @property
    def label(self) -> str:
        return bill_label(self.chamber, self.number)


@dataclass(frozen=True, slots=True)
class AddedVersion(NewVersion):
    """A version an organizer added, and whether it became the current one."""

    made_current: bool


def check_new_version(
    bill: Campaign, campaigns: list[Campaign], number: str, congress: int, now: datetime
) -> NewVersion:
    """Read ``number`` and refuse what can't be added, before anything is looked up or saved.

    Refused: a Congress not yet sitting or older than congress.gov's pages, and a number
    this server already has, in this campaign or another (``campaigns``: all of them).
    """
    chamber, num = read_bill_number(number)
    sitting = current_congress(now)
    if congress > sitting:
        raise UserError(
            "bills.add_version.future",
            congress=congress_label(congress),
            current=congress_label(sitting),
        )
    if congress < FIRST_CONGRESS_ON_CONGRESS_GOV:
        raise UserError(
            "bills.add_version.too_old", first=congress_label(FIRST_CONGRESS_ON_CONGRESS_GOV)
        )
    values = {"label": bill_label(chamber, num), "congress": congress_label(congress)}
    for other in campaigns:
        if other.find_version(chamber, num, congress):
            if other.slug == bill.slug:
                raise UserError("bills.add_version.duplicate", short_name=bill.short_name, **values)
            raise UserError("bills.add_version.taken", other=other.short_name, **values)
    return NewVersion(chamber, num, congress)


async def add_version(
    db: Database,
    guild_id: int,
    bill: Campaign,
    campaigns: list[Campaign],
    number: str,
    congress: int,
    current: bool | None,
    *,
    actor: int,
    now: datetime,
    title_confirmed: str | None = None,
) -> AddedVersion:
    """Add ``number`` from ``congress`` to ``bill``; by default a newer Congress's takes over.

    Checked as :func:`check_new_version` does (again, so a confirmation given a while after
    the look-up still can't add a number someone added meanwhile). ``title_confirmed``: the
    official title the organizer confirmed although it doesn't name the act.
    """
    new = check_new_version(bill, campaigns, number, congress, now)
    chamber, num = new.chamber, new.number
    values = {"label": new.label, "congress": congress_label(congress)}
    stamp = now.isoformat()
    if not await store.add_version(
        db, guild_id, bill.slug, congress, chamber, num, actor, stamp, title_confirmed
    ):
        # Another organizer added it a moment ago.
        owner = await store.version_owner(db, guild_id, congress, chamber, num)
        if owner == bill.slug:
            raise UserError("bills.add_version.duplicate", short_name=bill.short_name, **values)
        name = next((c.short_name for c in campaigns if c.slug == owner), owner)
        raise UserError("bills.add_version.taken", other=name, **values)
    if current is None:
        now_current = bill.current(chamber)
        current = now_current is None or congress > now_current.congress
    if current:
        await store.set_current(db, guild_id, bill.slug, chamber, congress, num, actor, stamp)
    return AddedVersion(chamber, num, congress, current)


async def set_current_version(
    db: Database,
    guild_id: int,
    bill: Campaign,
    number: str,
    congress: int | None,
    *,
    actor: int,
    now: datetime,
) -> BillVersion:
    """Mark one of ``bill``'s versions current for its chamber; ``congress`` when it repeats."""
    chamber, num = read_bill_number(number)
    label = bill_label(chamber, num)
    matches = [
        v
        for v in bill.versions
        if v.chamber == chamber and v.number == num and congress in (None, v.congress)
    ]
    if not matches:
        raise UserError("bills.set_current.not_a_version", label=label, short_name=bill.short_name)
    if len(matches) > 1:
        raise UserError("bills.set_current.ambiguous", label=label, short_name=bill.short_name)
    v = matches[0]
    await store.set_current(
        db, guild_id, bill.slug, chamber, v.congress, num, actor, now.isoformat()
    )
    return v


async def post_status(
    db: Database, guild_id: int, bill: Campaign, text: str, *, actor: int, now: datetime
) -> str:
    """Store a newer status line for ``bill``: one line, spacing tidied, up to STATUS_MAX."""
    line = " ".join(text.split())
    if not line:
        raise UserError("bills.set_status.empty")
    if len(line) > STATUS_MAX:
        raise UserError("bills.set_status.too_long", length=len(line), limit=STATUS_MAX)
    await store.add_status(db, guild_id, bill.slug, line, actor, now.isoformat())
    return line
