"""Check a bill number against the record before saving it, and whether a title names an act.

:func:`lookup_bill` answers found (with the official title), not found (the record has no
such bill: a 404) or unreachable (offline, downloads off, a failed or refused download);
:func:`remember_lookup` keeps a found record so the next refresh only confirms it.
:func:`title_names_act` compares case- and punctuation-insensitively, so that
"Hong Kong Economic and Trade Office (HKETO) Certification Act" does not name the
"Hong Kong Economic and Trade Office Certification Act" but "HONG KONG ECONOMIC AND TRADE
OFFICE CERTIFICATION ACT of 2025" does.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterable
from dataclasses import dataclass

from bot.campaigns.record.fetch import BillStatusFetcher, Download, FetchStatus
from bot.campaigns.record.model import BillId, BillRecord
from bot.campaigns.record.parse import RecordError, parse_billstatus, sha256
from bot.campaigns.record.storage import save_record
from bot.core.database import Database
from bot.core.enums import CatalogEnum


class LookupOutcome(CatalogEnum, key_prefix="record.lookup"):
    FOUND = "found"
    NOT_FOUND = "not_found"
    UNREACHABLE = "unreachable"


@dataclass(frozen=True, slots=True)
class Lookup:
    outcome: LookupOutcome
    bill: BillId
    record: BillRecord | None = None  # when found
    error: str | None = None  # why not found or unreachable, one line (for logs)
    download: Download | None = None

    @property
    def title(self) -> str | None:
        """The display title (``Officer Eugene Goodman Congressional Gold Medal Act``)."""
        return None if self.record is None else self.record.title

    @property
    def official_title(self) -> str | None:
        """The official title (``A bill to award a Congressional Gold Medal to ...``)."""
        return None if self.record is None else self.record.official_title


async def lookup_bill(fetcher: BillStatusFetcher | None, bill: BillId) -> Lookup:
    """Ask the record for ``bill`` (unconditionally); ``fetcher`` None means downloads are off."""
    if fetcher is None:
        return Lookup(LookupOutcome.UNREACHABLE, bill, error="downloads are off (BILLSTATUS_URL)")
    download = await fetcher.fetch(bill)
    if download.status is FetchStatus.NOT_FOUND:
        return Lookup(LookupOutcome.NOT_FOUND, bill, error=download.error, download=download)
    if download.status is not FetchStatus.OK:
        return Lookup(LookupOutcome.UNREACHABLE, bill, error=download.error, download=download)
    try:
        record = await asyncio.to_thread(parse_billstatus, download.body, bill)
    except RecordError as exc:
        return Lookup(LookupOutcome.UNREACHABLE, bill, error=str(exc), download=download)
    return Lookup(LookupOutcome.FOUND, bill, record, download=download)


async def remember_lookup(db: Database, lookup: Lookup, now_iso: str) -> bool:
    """Store a found record (it is as good as a refresh's); False when there was none."""
    if lookup.record is None or lookup.download is None:
        return False
    await save_record(
        db,
        lookup.record,
        source=lookup.download.url,
        sha256=sha256(lookup.download.body),
        now_iso=now_iso,
        etag=lookup.download.etag,
        last_modified=lookup.download.last_modified,
    )
    return True


def normalize_title(text: str) -> str:
    """Lower case, apostrophes dropped, any other punctuation a space, spaces collapsed."""
    folded = re.sub(r"['’‘`]", "", text.casefold())
    return " ".join(re.sub(r"[\W_]+", " ", folded).split())


def title_names_act(title: str, act: str) -> bool:
    """True when ``title`` contains the act's name, word for word, ignoring case and punctuation."""
    wanted = normalize_title(act)
    return bool(wanted) and f" {wanted} " in f" {normalize_title(title)} "


def title_naming_act(record: BillRecord, names: Iterable[str]) -> str | None:
    """The first of the record's titles that names one of ``names`` (an act, its short name)."""
    names = [n for n in names if normalize_title(n)]
    return next(
        (title for title in record.all_titles if any(title_names_act(title, n) for n in names)),
        None,
    )
