"""What the official record says of a campaign's versions, as /bills shows it.

A version is *recorded* (a copy of its Bill Status record is stored), *not found* (the
record answered that it has no such bill, and no copy is stored) or *unverified* (no copy
yet: not fetched, or the record could not be reached). Only what the record states is
shown: its titles, latest action, sponsor and cosponsor counts, with the time the source
last confirmed the copy ("as of") and the congress.gov link. Record texts are escaped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.campaigns.model import BillVersion, Campaign, format_date
from bot.campaigns.record.model import BillId, CosponsorCounts
from bot.campaigns.record.storage import Check, CheckOutcome, StoredRecord, get_check, get_record
from bot.campaigns.record.verify import title_naming_act
from bot.core.database import Database
from bot.core.enums import CatalogEnum
from bot.core.i18n import Locale, t
from bot.core.limits import clip
from bot.core.markdown import escape_markdown

ACTION_SHOWN = 300  # characters of the latest action's text in /bills info
ACTION_SHOWN_SHORT = 140  # in /bills list, three acts to a message


class VersionState(CatalogEnum, key_prefix="record.state"):
    RECORDED = "recorded"
    UNVERIFIED = "unverified"
    NOT_FOUND = "not_found"


@dataclass(frozen=True, slots=True)
class VersionRecord:
    """One version of a campaign with its stored record (if any) and the last check."""

    version: BillVersion
    bill: BillId
    stored: StoredRecord | None
    check: Check | None
    naming_title: str | None  # the first of the record's titles that names the act

    @property
    def state(self) -> VersionState:
        if self.stored is not None:
            return VersionState.RECORDED
        if self.check is not None and self.check.outcome is CheckOutcome.NOT_FOUND:
            return VersionState.NOT_FOUND
        return VersionState.UNVERIFIED

    @property
    def names_act(self) -> bool | None:
        """Whether one of the record's titles names the act; None without a record."""
        return None if self.stored is None else self.naming_title is not None

    @property
    def unconfirmed_title(self) -> str | None:
        """The record's title when it doesn't name the act and no organizer confirmed it."""
        if self.stored is None or self.names_act:
            return None
        title = self.stored.record.title
        return None if self.version.title_confirmed == title else title

    @property
    def counts(self) -> CosponsorCounts | None:
        return None if self.stored is None else self.stored.record.counts()


async def version_record(db: Database, campaign: Campaign, version: BillVersion) -> VersionRecord:
    """The version with its stored record and last check, and whether a title names the act."""
    bill = BillId.for_version(version)
    stored = await get_record(db, bill)
    naming = None if stored is None else title_naming_act(stored.record, campaign.act_names)
    return VersionRecord(version, bill, stored, await get_check(db, bill), naming)


def _when(iso: str) -> str:
    """A Discord timestamp: each reader sees it in their own time zone."""
    return f"<t:{int(datetime.fromisoformat(iso).timestamp())}:f>"


def party_counts(counts: CosponsorCounts, locale: Locale | None = None) -> str:
    """``D 7 · R 5``; a party the record leaves out is named as such."""
    parts = [
        f"{party} {n}" if party else t("record.summary.party_unstated", locale, count=n)
        for party, n in counts.by_party.items()
    ]
    return " · ".join(parts)


def cosponsor_line(counts: CosponsorCounts, locale: Locale | None = None) -> str:
    if counts.current == 0:
        line = t("record.summary.no_cosponsors", locale)
    else:
        line = t(
            "record.summary.cosponsors",
            locale,
            count=counts.current,
            parties=party_counts(counts, locale),
        )
    if counts.withdrawn:
        line += t("record.summary.withdrawn", locale, count=counts.withdrawn)
    return line


def _recorded_lines(
    found: VersionRecord, act: str, locale: Locale | None, *, short: bool
) -> list[str]:
    assert found.stored is not None
    stored, record = found.stored, found.stored.record
    lines = []
    title = escape_markdown(clip(record.title, 300))
    if found.names_act:
        lines.append(t("record.summary.title", locale, title=title))
    else:
        lines.append(t("record.summary.title_not_act", locale, title=title, act=act))
    if record.latest_action is not None:
        text = clip(record.latest_action.text, ACTION_SHOWN_SHORT if short else ACTION_SHOWN)
        lines.append(
            t(
                "record.summary.latest_action",
                locale,
                date=format_date(record.latest_action.date),
                text=escape_markdown(text),
            )
        )
    people = []
    if record.sponsor is not None:
        name = record.sponsor.name or record.sponsor.bioguide
        people.append(t("record.summary.sponsor", locale, name=escape_markdown(name)))
    people.append(cosponsor_line(record.counts(), locale))
    lines.append(" · ".join(people))
    lines.append(
        t(
            "record.summary.as_of",
            locale,
            when=_when(stored.confirmed_at),
            url=found.bill.congress_gov_url,
        )
    )
    return lines


def record_lines(
    found: VersionRecord, act: str, locale: Locale | None = None, *, short: bool = False
) -> list[str]:
    """What /bills shows under a version: the record's summary, or why there is none."""
    if found.state is VersionState.RECORDED:
        return _recorded_lines(found, act, locale, short=short)
    v = found.version
    if found.state is VersionState.NOT_FOUND:
        assert found.check is not None
        return [
            t(
                "record.summary.not_found",
                locale,
                label=v.label,
                congress=v.congress_label,
                when=_when(found.check.checked_at),
            )
        ]
    if found.check is not None and found.check.outcome is CheckOutcome.FAILED:
        return [t("record.summary.unverified_failed", locale, when=_when(found.check.checked_at))]
    return [t("record.summary.unverified", locale)]
