"""Steps many tests share: an organizer schedules a reminder, what the bot posted."""

from __future__ import annotations

import asyncio
import re
from datetime import datetime, timedelta

import discord

from bot.app import create_bot
from bot.core.clock import Clock


async def schedule(world, when: str, *, channel=None, bill: str = "HKETO", **options) -> int:
    """An organizer creates a reminder and confirms the preview; its id."""
    result = await world.organizer.slash(
        world.general,
        "remind create",
        bill=bill,
        when=when,
        channel=channel or world.call_to_action,
        **options,
    )
    assert result.ephemeral
    assert result.response.embeds, result.response.content
    saved = await world.organizer.click(result.response, label="Confirm")
    match = re.search(r"reminder \*\*#(\d+)\*\*", saved.response.content)
    assert match, saved.response.content
    return int(match.group(1))


def bot_posts(channel) -> list[discord.Message]:
    return [m for m in channel.history() if m.author.bot]


# --- reminders: restarts and what is stored -------------------------------------------------


async def restart(world) -> None:
    """Restart the bot process on the same database (the virtual Discord persists)."""
    old = world.env.bot
    await world.env.restart_bot(create_bot(old.settings))
    await old.db.close()


async def stop_delivering(world) -> None:
    """The bot goes down: nothing is delivered until :func:`restart`."""
    await world.env.bot.get_cog("Reminders").dispatcher.stop()


def message_posts(env) -> list:
    """Every message the bot sent, as the HTTP requests SimCord saw."""
    return [r for r in env.http_requests if r.method == "POST" and r.path.endswith("/messages")]


async def stored(world, reminder_id: int, *columns: str) -> tuple:
    """Columns of one stored reminder, as the database holds them."""
    row = await world.env.bot.db.fetchone(
        f"SELECT {', '.join(columns)} FROM reminders WHERE id=?", (reminder_id,)
    )
    return tuple(row)


class VirtualClock(Clock):
    """Time that moves only when a test moves it; :meth:`sleep` waits for that, not for real.

    What the reminders' dispatcher sleeps on in tests/reminders/test_scheduler.py.
    """

    def __init__(self, start: datetime) -> None:
        super().__init__(lambda: self._now)
        self._now = start
        self._sleepers: list[tuple[datetime, asyncio.Future[None]]] = []

    async def sleep(self, seconds: float) -> None:
        if seconds <= 0:
            await asyncio.sleep(0)
            return
        # At least a microsecond (the clock's grain), so every sleep moves time on.
        at = self._now + max(timedelta(seconds=seconds), timedelta(microseconds=1))
        woken = asyncio.get_running_loop().create_future()
        self._sleepers.append((at, woken))
        await woken

    def _pending(self) -> list[tuple[datetime, asyncio.Future[None]]]:
        self._sleepers = [s for s in self._sleepers if not s[1].done()]  # woken or cancelled
        return self._sleepers

    def waiting(self) -> bool:
        """Whether some task sleeps on this clock."""
        return bool(self._pending())

    def next_wake(self) -> datetime | None:
        return min((at for at, _ in self._pending()), default=None)

    def move_to(self, moment: datetime) -> None:
        assert moment >= self._now, "time only moves forward"
        self._now = moment
        for at, woken in self._pending():
            if at <= moment:
                woken.set_result(None)


async def grant_to_everyone(world, name: str, guild=None) -> None:
    """A server admin lets everyone see an organizer command (Server Settings >
    Integrations), so the bot's own organizer check is what refuses a member."""
    guild = guild or world.guild
    command = next(c for c in await world.env.bot.tree.fetch_commands() if c.name == name)
    guild.set_command_permissions(command, {guild.default_role: True})
