"""Less kept, for less long: old calls fold into daily counts; quiet members are forgotten."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from bot.calls import storage as calls
from bot.privacy.members import member_ids, member_key, seen
from bot.privacy.retention import RetentionJob, sweep
from bot.privacy.storage import get_show_name, set_show_name
from bot.reminders import subscriptions as reminders
from bot.reps.member_location import get_location, set_location
from tests.helpers import VirtualClock
from tests.privacy.leaks import dump

G, ANN, BOB, SUE, KIM = 1, 11, 22, 33, 44
JAN = datetime(2026, 1, 5, 12, tzinfo=UTC)  # a Monday


def day(offset: int) -> str:
    return (JAN.date() + timedelta(days=offset)).isoformat()


def at(offset: int) -> str:
    return (JAN + timedelta(days=offset)).isoformat()


async def call(db, who: int, offset: int, campaign: str = "hketo", office: str = "") -> None:
    await calls.record_call(db, G, who, campaign, "reached", day(offset), at(offset), office)


async def test_old_calls_fold_into_daily_counts_and_everyone_keeps_their_counts(db):
    for week in range(16):  # Ann calls every Monday for 16 weeks, Bob once at the start
        await call(db, ANN, 7 * week, office="Z000001")
    await call(db, BOB, 0, "tnr")
    now = JAN + timedelta(days=7 * 15)
    swept = await sweep(db, now, 90)
    assert swept.expired == {"calls": 4}  # the calls of days before the cutoff (day 15)
    assert swept.cutoff == (now.date() - timedelta(days=90)).isoformat()

    assert await calls.campaign_total(db, G, "hketo") == 16
    week, month = day(7 * 15), day(7 * 15 - 10)
    counts = await calls.server_counts(db, G, week, month)
    assert counts["hketo"]["reached"].all_time == 16 and counts["tnr"]["reached"].all_time == 1
    mine = await calls.member_counts(db, G, ANN, week, month)
    assert (mine.week, mine.all_time) == (1, 16)
    streak = await calls.member_streak(db, G, ANN)
    assert streak is not None and streak.shown(now.date()) == 16
    assert await db.fetchval("SELECT MIN(day) FROM calls") == day(21)  # the older rows went
    kept = await db.fetchall("SELECT * FROM call_daily_counts WHERE day < ?", (day(21),))
    assert sorted(tuple(r) for r in kept) == [  # the server's days, with no one in them
        (G, "hketo", "reached", day(0), 1),
        (G, "hketo", "reached", day(7), 1),
        (G, "hketo", "reached", day(14), 1),
        (G, "tnr", "reached", day(0), 1),
    ]
    oldest_kept = datetime.fromisoformat(day(21)).replace(tzinfo=UTC)
    assert swept.next_due == oldest_kept + timedelta(days=91)


async def test_a_member_quiet_for_the_period_is_forgotten_in_that_server(db):
    await set_location(db, G, ANN, "WY", 0, at(0))
    await set_show_name(db, G, ANN, True, at(0))
    await call(db, ANN, 0)
    await set_location(db, G, BOB, "NH", 1, at(0))
    await set_location(db, G, SUE, "NH", 2, at(0))
    await reminders.subscribe(db, G, SUE, "hketo", at(0))
    await seen(db, G, SUE, day(50))  # what the DM sender does when a reminder DM reached her
    await reminders.subscribe(db, G, KIM, "hketo", at(0))  # no DM reached him since
    await set_location(db, G, BOB, "NH", 1, at(60))  # Bob came back on day 60

    swept = await sweep(db, JAN + timedelta(days=91), 90)
    assert swept.forgotten == 2
    assert await reminders.member_subscriptions(db, G, KIM) == []
    assert await reminders.member_subscriptions(db, G, SUE) == ["hketo"]
    assert await get_location(db, G, ANN) is None and not await get_show_name(db, G, ANN)
    mine = await calls.member_counts(db, G, ANN, day(91), day(91))
    assert mine.all_time == 0 and await calls.campaign_total(db, G, "hketo") == 1
    assert await member_ids(db, G, [member_key(db, G, ANN)]) == {}
    assert await get_location(db, G, BOB) is not None
    assert await get_location(db, G, SUE) is not None


async def asleep(clock: VirtualClock) -> None:
    """Let the job run until it sleeps on the clock again."""
    for _ in range(200):
        await asyncio.sleep(0.005)
        if clock.waiting():
            return
    raise AssertionError("the retention job did not go back to sleep")


async def test_the_job_sweeps_at_start_then_when_something_falls_due(db):
    clock = VirtualClock(JAN)
    await call(db, ANN, -100)  # already past the period
    await call(db, BOB, 0)  # falls due 91 days on: 6 April
    job = RetentionJob(db, clock, 90)
    job.start()
    try:
        await asleep(clock)
        assert job.running and job.last is not None and job.last.expired == {"calls": 1}
        assert clock.next_wake() == JAN + timedelta(days=30)  # it looks at least monthly
        wakes = []
        while await db.fetchval("SELECT COUNT(*) FROM calls"):
            clock.move_to(clock.next_wake())
            await asleep(clock)
            wakes.append(clock.now())
        assert wakes[-1] == datetime(2026, 4, 6, tzinfo=UTC) and len(wakes) == 4
        assert await calls.campaign_total(db, G, "hketo") == 2  # folded, still counted
    finally:
        await job.stop()
    assert not job.running


async def test_the_bot_runs_the_job_and_a_real_member_fades_out(world):
    shown = await world.member.slash(world.general, "call", bill="HKETO")
    await world.member.click(shown.response, label="I reached someone")
    await world.member.slash(world.general, "me location", state="WY")
    assert world.env.bot.retention.running
    await world.env.advance_time(95 * 24 * 3600)
    stats = await world.organizer.slash(world.general, "call-stats")
    fields = {f.name: f.value for f in stats.response.embeds[0].fields}
    assert "Total: **0** · **0** · **1**" in fields["HKETO Certification Act"]  # kept
    mine = await world.member.slash(world.general, "call-stats")
    fields = {f.name: f.value for f in mine.response.embeds[0].fields}
    assert "all time **0**" in fields["Your calls"]  # the member was forgotten
    gone = await world.member.slash(world.general, "me location")
    assert "haven't saved a location" in gone.response.content
    cells = dump(world.env.bot.settings.database_path)
    assert not [c for c in cells if c.table in ("calls", "member_directory", "member_locations")]
