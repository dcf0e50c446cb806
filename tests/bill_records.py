"""For tests of the record in /bills and /call: Bill Status files made to order, a local server.

:func:`billstatus_xml` writes a made-up record in the current format (3.0.0) for any bill,
title, sponsor and cosponsors; :func:`serve` answers it from the real HTTP server on
127.0.0.1 the record tests use, so the bot's own download code runs end to end.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator
from dataclasses import dataclass
from html import escape

import pytest

from bot.campaigns.record.fetch import BillStatusFetcher
from bot.campaigns.record.model import BillId
from tests.campaigns.record.record_support import Answer, BillStatusServer

HKETO_TITLE = "Hong Kong Economic and Trade Office Certification Act"
OTHER_TITLE = "Example Freedom & Accountability Act of 2025"


@dataclass(frozen=True)
class Cosponsoring:
    bioguide: str
    name: str
    party: str | None
    since: str  # ISO date
    withdrawn: str | None = None


def _member(bioguide: str, name: str, party: str | None) -> str:
    party_tag = f"<party>{party}</party>" if party else ""
    return f"<bioguideId>{bioguide}</bioguideId><fullName>{escape(name)}</fullName>{party_tag}"


def billstatus_xml(
    bill: BillId,
    title: str,
    *,
    official: str = "To require certifications, and for other purposes.",
    sponsor: tuple[str, str, str] = ("Z000090", "Rep. Sponsor, Pat [D-CA-1]", "D"),
    cosponsors: Iterable[Cosponsoring] = (),
    introduced: str = "2025-02-03",
    action: tuple[str, str] = ("2025-03-03", "Referred to the Committee on Foreign Affairs."),
) -> bytes:
    """A Bill Status 3.0.0 file for ``bill`` (made up; the shape of the real ones)."""
    items = []
    for c in cosponsors:
        withdrawn = (
            f"<sponsorshipWithdrawnDate>{c.withdrawn}</sponsorshipWithdrawnDate>"
            if c.withdrawn
            else ""
        )
        items.append(
            f"<item>{_member(c.bioguide, c.name, c.party)}"
            f"<sponsorshipDate>{c.since}</sponsorshipDate>"
            f"<isOriginalCosponsor>False</isOriginalCosponsor>{withdrawn}</item>"
        )
    return f"""<?xml version="1.0" encoding="utf-8" standalone="no"?>
<billStatus>
  <version>3.0.0</version>
  <bill>
    <number>{bill.number}</number>
    <updateDate>2025-03-04T12:00:00Z</updateDate>
    <type>{bill.type.upper()}</type>
    <introducedDate>{introduced}</introducedDate>
    <congress>{bill.congress}</congress>
    <sponsors><item>{_member(*sponsor)}</item></sponsors>
    <cosponsors>{"".join(items)}</cosponsors>
    <title>{escape(title)}</title>
    <titles>
      <item><titleType>Display Title</titleType><title>{escape(title)}</title></item>
      <item><titleType>Official Title as Introduced</titleType>
        <title>{escape(official)}</title></item>
    </titles>
    <latestAction><actionDate>{action[0]}</actionDate>
      <text>{escape(action[1])}</text></latestAction>
  </bill>
</billStatus>
""".encode()


def serve(httpd: BillStatusServer, bill: BillId, title: str, **fields: object) -> None:
    """Let the local server answer ``bill`` with a record titled ``title``."""
    httpd.answer(bill, Answer(body=billstatus_xml(bill, title, **fields)))  # type: ignore[arg-type]


@pytest.fixture
def record_server() -> Iterator[BillStatusServer]:
    """The official record, served from 127.0.0.1 (404 for any bill it wasn't given)."""
    server = BillStatusServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
async def online(world, record_server: BillStatusServer) -> AsyncIterator[BillStatusServer]:
    """The bot of ``world`` looks numbers up in ``record_server``, as it would online."""
    fetcher = BillStatusFetcher(record_server.base, timeout=5)
    world.env.bot.bill_fetcher = fetcher
    yield record_server
    world.env.bot.bill_fetcher = None
    await fetcher.close()


__all__ = [
    "HKETO_TITLE",
    "OTHER_TITLE",
    "Answer",
    "BillStatusServer",
    "Cosponsoring",
    "online",
    "record_server",
    "serve",
]
