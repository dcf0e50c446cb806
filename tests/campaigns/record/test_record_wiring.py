"""The daily refresh in the running bot: started only online, retrying numbers not yet verified."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import pytest
from record_support import MADE_UP, MADE_UP_BILL, Answer

from bot.app import bill_fetcher
from bot.campaigns import storage as campaigns
from bot.campaigns.record import refresh as refresh_module
from bot.campaigns.record.refresh import refresh_forever, unverified_bills
from bot.campaigns.record.storage import get_record
from bot.core.clock import Clock
from bot.core.config import Settings
from bot.core.content import load_content
from cogs.bills import _cog as bills_cog

TOKEN = "x" * 24 + ".abcd." + "y" * 27
NOW = "2025-03-05T09:00:00+00:00"
PATH = "/BILLSTATUS/119/hr/BILLSTATUS-119hr9999.xml"


def test_the_bot_holds_a_fetcher_only_in_a_real_run():
    assert bill_fetcher(Settings(token=None)) is None  # the demo and the tests
    assert bill_fetcher(Settings(token=TOKEN, billstatus_url="off")) is None
    fetcher = bill_fetcher(Settings(token=TOKEN, billstatus_url="https://mirror.test/BS/"))
    assert fetcher is not None and fetcher.base == "https://mirror.test/BS"


@pytest.mark.parametrize(
    ("token", "url", "started"),
    [(None, None, False), (TOKEN, "off", False), (TOKEN, "https://mirror.test/BS", True)],
)
async def test_the_bills_cog_starts_the_daily_refresh_only_online(monkeypatch, token, url, started):
    calls: list[tuple[object, ...]] = []

    async def fake_refresh(*args: object) -> None:
        calls.append(args)
        await asyncio.Event().wait()  # runs until cancelled, as the real one does

    monkeypatch.setattr(bills_cog, "refresh_forever", fake_refresh)
    bot = SimpleNamespace(
        settings=Settings(token=token, billstatus_url=url),
        db=object(),
        clock=Clock(),
        content=load_content(),
    )
    cog = bills_cog.Bills(bot)  # type: ignore[arg-type]
    await cog.cog_load()
    await asyncio.sleep(0)
    assert (cog.refresher is not None) is started
    if started:
        assert calls and calls[0][3] == "https://mirror.test/BS"
        await cog.cog_unload()
        assert cog.refresher is not None and cog.refresher.cancelled()


async def test_the_test_bot_starts_no_refresh(world):
    cog = world.env.bot.get_cog("Bills")
    assert cog is not None and cog.refresher is None
    assert world.env.bot.bill_fetcher is None


async def test_a_number_saved_unverified_is_retried_until_the_record_answers(db, httpd):
    await campaigns.add_version(db, 1, "hketo", 119, "house", 9999, 1, NOW)
    httpd.answer(MADE_UP_BILL, Answer(500, b"down", "text/plain"))
    content = load_content()
    task = asyncio.create_task(
        refresh_forever(db, Clock(), content, httpd.base, interval=3600, retry=0.05)
    )
    try:
        for _ in range(200):
            await asyncio.sleep(0.01)
            if sum(s.path == PATH for s in httpd.seen) >= 2:
                break
        httpd.answer(MADE_UP_BILL, Answer(body=MADE_UP.read_bytes()))
        for _ in range(300):
            await asyncio.sleep(0.01)
            if await get_record(db, MADE_UP_BILL) is not None:
                break
    finally:
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
    assert await get_record(db, MADE_UP_BILL) is not None
    # Only the unverified bill was retried; each statement bill was asked once (its 404
    # is an answer, not a failure).
    others = [s.path for s in httpd.seen if s.path != PATH]
    assert len(others) == len(set(others)) == 6
    assert await unverified_bills(db, [MADE_UP_BILL]) == []
    assert refresh_module.RETRY_SECONDS == 3600


async def test_no_retry_when_every_bill_answered(db, httpd):
    task = asyncio.create_task(
        refresh_forever(db, Clock(), load_content(), httpd.base, interval=3600, retry=0.01)
    )
    await asyncio.sleep(0.3)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert httpd.requests == 6  # the statement's six, once each: all 404s, none retried
