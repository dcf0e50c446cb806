"""/bills and the official record: numbers checked before they are saved, status with its source.

The record is served by a real HTTP server on 127.0.0.1 and read by the bot's own download
code (``tests/bill_records.py``); nothing reaches the internet.
"""

from __future__ import annotations

import re

from bot.campaigns.model import load_campaigns
from bot.campaigns.record.fetch import BillStatusFetcher
from bot.campaigns.record.model import BillId
from bot.campaigns.record.refresh import refresh_tracked
from bot.campaigns.warnings import (
    WarningKind,
    campaign_warnings,
    expired_campaigns,
    warning_text,
)
from tests.bill_records import (
    HKETO_TITLE,
    OTHER_TITLE,
    Answer,
    Cosponsoring,
    serve,
)

HR2000 = BillId(119, "hr", 2000)
ADD = {"bill": "HKETO", "number": "H.R. 2000", "congress": 119}
COSPONSORS = [
    Cosponsoring("Z000091", "Rep. One, A [D-NY-1]", "D", "2025-02-03"),
    Cosponsoring("Z000092", "Rep. Two, B [R-TX-2]", "R", "2025-02-10"),
    Cosponsoring("Z000093", "Rep. Three, C [D-CA-3]", "D", "2025-02-11"),
    Cosponsoring("Z000094", "Rep. Four, D [R-FL-4]", "R", "2025-02-12", "2025-02-20"),
]


def fields_of(result) -> dict[str, str]:
    return {f.name: f.value for f in result.response.embeds[0].fields}


async def _versions(world) -> str:
    return fields_of(await world.member.slash(world.general, "bills info", bill="HKETO"))[
        "Versions"
    ]


async def test_a_number_the_record_has_is_saved_with_its_title(world, online):
    serve(online, HR2000, HKETO_TITLE, cosponsors=COSPONSORS)
    added = await world.organizer.slash(world.general, "bill-tracking add-version", **ADD)
    assert added.ephemeral
    text = added.response.content
    assert text.startswith(
        "Added H.R. 2000 (119th Congress) to the HKETO Certification Act, "
        "and made it the current House version.\n"
    )
    assert f"✅ In the official record as “{HKETO_TITLE}”" in text
    assert "Official title: “To require certifications, and for other purposes.”" in text
    assert online.seen[0].path == "/BILLSTATUS/119/hr/BILLSTATUS-119hr2000.xml"

    # /bills info: what the record says of the current House version, with source and date.
    info = fields_of(await world.member.slash(world.general, "bills info", bill="HKETO"))
    record = info["Official record: H.R. 2000 (119th Congress)"]
    assert f"📜 “{HKETO_TITLE}”" in record
    assert "Latest action (March 3, 2025): Referred to the Committee on Foreign Affairs." in record
    assert "Sponsor: Rep. Sponsor, Pat [D-CA-1]" in record
    assert "Cosponsors: 3 (D 2 · R 1); 1 withdrew" in record
    assert re.search(
        r"Official record as of <t:\d+:f> · \[congress\.gov\]\(https://www\.congress\.gov/bill/119th-congress/house-bill/2000\)",
        record,
    )
    # The Senate's current version is still the statement's, with no copy of its record.
    assert "Unverified" in info["Official record: S. 490 (118th Congress)"]
    # /bills list: the same, shorter.
    listing = fields_of(await world.member.slash(world.general, "bills list"))
    hketo = listing["HKETO Certification Act"]
    assert "> Latest action (March 3, 2025): Referred to the Committee" in hketo
    assert "Cosponsors: 3 (D 2 · R 1)" in hketo


async def test_a_title_that_names_another_act_must_be_confirmed(world, online):
    serve(online, HR2000, OTHER_TITLE, official="To require an example.")
    asked = await world.organizer.slash(world.general, "bill-tracking add-version", **ADD)
    assert asked.ephemeral
    prompt = asked.response.content
    as_titled = "as “Example Freedom & Accountability Act of 2025”"
    assert f"The official record has H.R. 2000 (119th Congress) {as_titled}" in prompt
    assert "Official title: “To require an example.”" in prompt
    assert (
        "None of its titles names the Hong Kong Economic and Trade Office Certification Act"
        in prompt
    )
    assert "2000" not in await _versions(world)  # nothing saved before an answer

    cancelled = await world.organizer.click(asked.response, label="Cancel")
    assert "nothing was added" in cancelled.response.content
    assert "2000" not in await _versions(world)

    again = await world.organizer.slash(world.general, "bill-tracking add-version", **ADD)
    confirmed = await world.organizer.click(again.response, label="Add it anyway")
    text = confirmed.response.content
    assert text.startswith("Added H.R. 2000 (119th Congress) to the HKETO Certification Act")
    assert "⚠️ Added as you confirmed, although none of its titles names the act" in text
    info = fields_of(await world.member.slash(world.general, "bills info", bill="HKETO"))
    assert "2000" in info["Versions"]
    # Members still see that the record's title names another act: no silent mismatch.
    assert (
        "⚠️ The official record's title doesn't name the Hong Kong Economic and Trade Office "
        "Certification Act: “Example Freedom & Accountability Act of 2025”"
    ) in info["Official record: H.R. 2000 (119th Congress)"]
    # Confirmed, so it isn't an organizer's to-do.
    shown = await world.organizer.slash(world.general, "setup show")
    assert "H.R. 2000" not in shown.response.content


async def test_an_unanswered_confirmation_expires_and_adds_nothing(world, online):
    serve(online, HR2000, OTHER_TITLE)
    asked = await world.organizer.slash(world.general, "bill-tracking add-version", **ADD)
    await world.env.advance_time(301)
    assert asked.response.content.startswith("No answer in time, so nothing was added.")
    assert asked.response.components == []
    assert "2000" not in await _versions(world)


async def test_a_number_the_record_does_not_have_is_not_saved(world, online):
    refused = await world.organizer.slash(world.general, "bill-tracking add-version", **ADD)
    assert refused.ephemeral
    assert refused.response.content == (
        "The official record has no H.R. 2000 in the 119th Congress, so nothing was added. "
        "Check the number and the Congress on congress.gov."
    )
    assert "2000" not in await _versions(world)
    assert await world.env.bot.db.fetchval("SELECT COUNT(*) FROM bill_versions") == 0


async def test_unreachable_the_number_is_saved_unverified_and_checked_at_the_refresh(world, online):
    online.answer(HR2000, Answer(500, b"Internal Server Error", "text/plain"))
    added = await world.organizer.slash(world.general, "bill-tracking add-version", **ADD)
    text = added.response.content
    assert text.startswith("Added H.R. 2000 (119th Congress)")
    assert "⚠️ **Unverified:** I couldn't reach the official record" in text
    info = fields_of(await world.member.slash(world.general, "bills info", bill="HKETO"))
    record = info["Official record: H.R. 2000 (119th Congress)"]
    assert "⚠️ **Unverified:** the official record couldn't be reached (last try <t:" in record

    # The next refresh reaches it: verified. The record names another act, and no one
    # confirmed that, so organizers find it in their to-do list.
    serve(online, HR2000, OTHER_TITLE)
    bot = world.env.bot
    async with BillStatusFetcher(online.base) as fetcher:
        await refresh_tracked(bot.db, bot.clock, bot.content, fetcher)
    info = fields_of(await world.member.slash(world.general, "bills info", bill="HKETO"))
    record = info["Official record: H.R. 2000 (119th Congress)"]
    assert "Unverified" not in record and "doesn't name the Hong Kong" in record
    shown = (await world.organizer.slash(world.general, "setup show")).response.content
    assert (
        "**HKETO Certification Act**: the official record's title for H.R. 2000 (119th "
        "Congress) is “Example Freedom & Accountability Act of 2025”, which doesn't name the act."
    ) in shown


async def test_a_number_found_missing_at_the_refresh_is_a_to_do(world, online):
    online.answer(HR2000, Answer(503, b"busy", "text/plain"))
    await world.organizer.slash(world.general, "bill-tracking add-version", **ADD)
    del online.answers["/BILLSTATUS/119/hr/BILLSTATUS-119hr2000.xml"]  # now a 404
    bot = world.env.bot
    async with BillStatusFetcher(online.base) as fetcher:
        await refresh_tracked(bot.db, bot.clock, bot.content, fetcher)
    info = fields_of(await world.member.slash(world.general, "bills info", bill="HKETO"))
    assert (
        "⚠️ **Not found:** the official record has no H.R. 2000 in the 119th Congress"
        in (info["Official record: H.R. 2000 (119th Congress)"])
    )
    shown = (await world.organizer.slash(world.general, "setup show")).response.content
    assert "**HKETO Certification Act**: the official record has no H.R. 2000 in the 119th" in shown


async def test_offline_runs_save_unverified_without_a_download(world, record_server):
    # No token (the demo, the tests): the bot holds no fetcher and downloads nothing.
    assert world.env.bot.bill_fetcher is None
    added = await world.organizer.slash(world.general, "bill-tracking add-version", **ADD)
    assert "this run of the bot doesn't download the official record" in added.response.content
    assert record_server.requests == 0
    info = fields_of(await world.member.slash(world.general, "bills info", bill="HKETO"))
    assert (
        "not yet checked against the official record"
        in (info["Official record: H.R. 2000 (119th Congress)"])
    )


async def test_setup_show_lists_acts_whose_numbers_have_all_expired(world):
    shown = (await world.organizer.slash(world.general, "setup show")).response.content
    assert "**To do in the campaigns**" in shown
    for name in ("HKETO Certification Act", "Hong Kong Sanctions Act"):
        assert f"**{name}**: every bill number saved for it is from a Congress that has ended" in (
            shown
        )
    assert "If the act has been reintroduced, look its number up on congress.gov" in shown
    # Never a claim that a newer number exists.
    assert "new number is" not in shown and "has been reintroduced as" not in shown

    await world.organizer.slash(world.general, "bill-tracking add-version", **ADD)
    shown = (await world.organizer.slash(world.general, "setup show")).response.content
    assert "**HKETO Certification Act**: every bill number" not in shown
    assert "**Transnational Repression Policy Act**: every bill number" in shown

    # A current version that expired while a live one is saved: mark the live one current.
    await world.organizer.slash(
        world.general, "bill-tracking set-current", bill="HKETO", number="H.R. 1103", congress=118
    )
    shown = (await world.organizer.slash(world.general, "setup show")).response.content
    assert (
        "**HKETO Certification Act**: the current House version, H.R. 1103 (118th Congress), "
        "has expired, while H.R. 2000 (119th Congress) is saved too."
    ) in shown


async def test_warnings_without_discord_for_the_remind_preview(world):
    db, clock, content = world.env.bot.db, world.env.bot.clock, world.env.bot.content
    campaigns = await load_campaigns(db, content, world.guild.id, clock.now())
    assert [c.slug for c in expired_campaigns(campaigns)] == ["hketo", "sanctions", "tnr"]
    warnings = await campaign_warnings(db, campaigns, clock.now())
    assert {w.kind for w in warnings} == {WarningKind.ALL_EXPIRED}
    text = warning_text(warnings[0], "zh-TW")
    assert "HKETO Certification Act" in text and "congress.gov" in text
    assert "/bill-tracking add-version bill:hketo number:… congress:119" in text
