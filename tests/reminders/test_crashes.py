"""The bot crashes at random points of a fan-out (SimCord, a real database file): afterwards
every subscriber has exactly one DM per occurrence, and every occurrence one post.

A crash is the process dying around one HTTP request, chosen at random: before the request
reaches Discord, or after Discord made it but before the bot heard back. From then on the
dead process makes no request; its reminder tasks are stopped and a new bot starts on the
same database file, as after a real crash. Discord's nonce de-duplication is not simulated
(SimCord ignores nonces), so the checks in the channel and DM history do all the work.
"""

from __future__ import annotations

import functools
import random
from collections import Counter
from dataclasses import dataclass

import pytest

from bot.reminders import outbox
from cogs.reminders.stop_button import PREFIX
from tests.helpers import bot_posts, restart, schedule

pytestmark = pytest.mark.usefixtures("close_restarted_bots")

SUBSCRIBERS = 6
CRASHES = 100  # random points, at least


class Crash(BaseException):
    """The process dying (not an error the bot could catch and record)."""


@dataclass
class Fuse:
    at: int  # the request around which the process dies
    before: bool  # before it reaches Discord, or after Discord made it
    count: int = 0
    blown: bool = False


def arm(bot, fuse: Fuse) -> None:
    """Make the bot die around its ``fuse.at``-th request from now on (one fuse at a time)."""
    original = bot.http.__dict__.setdefault("unarmed_request", bot.http.request)

    async def request(route, **kwargs):
        if fuse.blown:
            raise Crash("the process is dead")
        fuse.count += 1
        if fuse.count != fuse.at:
            return await original(route, **kwargs)
        fuse.blown = True
        if fuse.before:
            raise Crash("died before the request")
        await original(route, **kwargs)
        raise Crash("died before hearing back")

    bot.http.request = request


def only_crashes(error: BaseException) -> bool:
    if isinstance(error, BaseExceptionGroup):
        return all(only_crashes(e) for e in error.exceptions)
    return isinstance(error, Crash)


async def crash_and_restart(world) -> None:
    """The dead process's reminder tasks end and its database connection closes (SQLite
    rolls back what it had begun); a new bot starts on the same database file."""
    cog = world.env.bot.get_cog("Reminders")
    await cog.dispatcher.stop()
    await cog.fanout.stop()
    await cog.deliverer.stop()
    await world.env.bot.db.close()
    await restart(world)
    world.env._errors[:] = [e for e in world.env._errors if not only_crashes(e)]


async def occurrence_done(world, reminder_id: int) -> bool:
    db = world.env.bot.db
    unsettled = await db.fetchval(
        "SELECT count(*) FROM reminder_deliveries WHERE reminder_id=? AND state='sending'",
        (reminder_id,),
    )
    return unsettled == 0 and await outbox.pending(db) == 0


def dms_by_occurrence(members) -> Counter[tuple[int, str]]:
    """(member, occurrence) of each reminder DM, told by its "Stop these DMs" button."""
    seen: Counter[tuple[int, str]] = Counter()
    for member in members:
        for message in member.user.dm_channel.history():
            for row in message.components:
                for button in row.children:
                    if (button.custom_id or "").startswith(PREFIX):
                        seen[(member.id, button.custom_id.rsplit(":", 1)[1])] += 1
    return seen


@pytest.fixture
def quick_settling(world):
    """SimCord looks for the bot's work every 5 ms instead of 50 ms (the bot's database
    thread is outside its view): the same steps, in a tenth of the time."""
    world.env._settle_internal = functools.partial(world.env._settle_internal, idle=0.005)


def new_fuse(rng: random.Random) -> Fuse:
    # A fan-out makes about 2 requests per member (3 after a restart: the DM channel is
    # opened again), plus the post and, after a crash, the checks of the history.
    return Fuse(at=rng.randint(1, 2 * SUBSCRIBERS + 1), before=rng.random() < 0.5)


@pytest.mark.usefixtures("quick_settling")
async def test_crashes_at_random_points_of_fan_outs_lose_and_double_no_dm(world):
    rng = random.Random(20260101)
    members = [world.guild.add_member(world.env.create_user(f"m{i}")) for i in range(SUBSCRIBERS)]
    for member in members:
        await member.slash(world.general, "reminders subscribe", bill="HKETO")
    reminder = await schedule(world, "in 10 minutes", repeat="daily")
    await world.env.advance_time(10 * 60 - 5)

    crashes, occurrences = 0, 0
    while crashes < CRASHES:
        occurrences += 1
        fuse = new_fuse(rng)
        arm(world.env.bot, fuse)
        await world.env.advance_time(5)  # the occurrence falls due
        while True:
            if fuse.blown:
                crashes += 1
                await crash_and_restart(world)
                fuse = new_fuse(rng)
                arm(world.env.bot, fuse)
            await world.env.advance_time(1)
            if not fuse.blown and await occurrence_done(world, reminder):
                break
        db = world.env.bot.db
        due = await db.fetchval("SELECT next_due FROM reminders WHERE id=?", (reminder,))
        await world.env.advance_time(due - 5 - world.env.now().timestamp())

    sent = dms_by_occurrence(members)
    assert len({occurrence for _, occurrence in sent}) == occurrences
    lost = SUBSCRIBERS * occurrences - len(sent)
    doubled = sum(n - 1 for n in sent.values())
    assert (lost, doubled) == (0, 0)
    assert len(bot_posts(world.call_to_action)) == occurrences
    history = await world.organizer.slash(world.general, "remind history", id=reminder)
    lines = history.response.embeds[0].description.splitlines()
    assert len(lines) == min(occurrences, 20)
    assert all(f"{SUBSCRIBERS} DMs sent, 0 DMs failed" in line for line in lines)
