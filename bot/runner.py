"""Run the bot on Discord, with a clear message instead of a traceback for known failures.

One bot per database (a lock file beside it), the health summary logged at start, daily
backups when ``BACKUP_DIR`` is set, and a clean stop on SIGTERM or SIGINT (exit 0).
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import gc
import logging
import math
import sys
from pathlib import Path

import aiohttp
import discord

from bot.app import AdvocacyBot, create_bot
from bot.core.config import Settings
from bot.core.deploy_settings import SHUTDOWN_GRACE
from bot.ops.backup import backup_daily_forever
from bot.ops.health import HEALTH_CHECKS, HealthContext, run_checks, running
from bot.ops.lifecycle import serve
from bot.ops.lock import InstanceLock
from bot.ops.recovered import waiting_copies, waiting_message
from bot.privacy.unlock import unlock

log = logging.getLogger(__name__)

HEARTBEAT_EVERY = 30.0  # seconds between touches of the lock file while connected
# Exit statuses: 2 means a setting to fix (a service manager should not restart), 75
# (EX_TEMPFAIL) a failure that may pass, such as Discord being unreachable.
EXIT_TRY_AGAIN = 75
EXIT_DATABASE_LOST = 3


class DatabaseLost(Exception):
    """The database file was deleted or replaced while the bot ran; it stopped."""

    def __init__(self, what: str, copy: Path | None) -> None:
        super().__init__(what)
        self.what = what
        self.copy = copy


async def _heartbeat(bot: AdvocacyBot, lock: InstanceLock) -> None:
    """Touch the lock file while connected, for ``python -m bot check --running``."""
    while True:
        if bot.is_ready() and not bot.is_closed() and math.isfinite(bot.latency):
            await asyncio.to_thread(lock.touch)
        await asyncio.sleep(HEARTBEAT_EVERY)


async def _log_health(settings: Settings, source: str) -> None:
    ctx = HealthContext(settings, source, integrity_checked=True)  # the open just did
    checks = [c for c in HEALTH_CHECKS if c is not running]
    for finding in await asyncio.to_thread(run_checks, ctx, checks):
        level = {"ok": logging.INFO, "warn": logging.WARNING}.get(finding.level, logging.ERROR)
        log.log(level, "check: %s", finding.line())


async def _run(settings: Settings, lock: InstanceLock, source: str) -> str | None:
    # Open (check, upgrade) the bot's database and unlock it before logging in, so a bad
    # file or a wrong DATA_KEY fails fast and clearly; setup_hook then finds it open.
    bot = create_bot(settings)
    try:
        await bot.db.open()
        await unlock(bot.db, settings.data_key)
    except BaseException:
        await bot.db.close()
        raise
    await _log_health(settings, source)

    frozen = False

    @bot.event
    async def on_ready() -> None:
        nonlocal frozen
        if not frozen:
            # Start-up's objects (modules, content, indexes) stay for the whole run: keep the
            # garbage collector from scanning them again and again (pauses of tens of ms
            # under load; bench/bench_ack.py does the same after warming up).
            gc.collect()
            gc.freeze()
            frozen = True
        log.info(
            "logged in as %s (id %s) in %d servers",
            bot.user,
            bot.user and bot.user.id,
            len(bot.guilds),
        )
        if bot.user is not None:
            log.info("invite it with: %s", invite_url(bot.user.id))

    tasks = [asyncio.create_task(_heartbeat(bot, lock), name="heartbeat")]
    if settings.ops.backup_dir is not None:
        daily = backup_daily_forever(
            settings.database_path, settings.ops.backup_dir, settings.ops.backup_keep
        )
        tasks.append(asyncio.create_task(daily, name="daily-backup"))
    try:
        async with bot:
            stopped_by = await serve(
                bot.start(settings.token or ""), lambda: bot.shutdown(SHUTDOWN_GRACE)
            )
        await bot.db.close()  # a close begun elsewhere (a lost file stops the bot) finishes
        if bot.db.lost:
            raise DatabaseLost(bot.db.lost, bot.lost_database_copy)
        return stopped_by
    finally:
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task


def run_bot(settings: Settings, *, source: str = "settings") -> int:
    """Run until Discord refuses us or a stop signal; the process's exit status."""
    if isinstance(settings.database_path, Path) and (
        copies := waiting_copies(settings.database_path)
    ):
        print(f"error: {waiting_message(settings.database_path, copies)}", file=sys.stderr)
        return 2
    try:
        with InstanceLock(settings.database_path) as lock:
            stopped_by = asyncio.run(_run(settings, lock, source))
    except discord.LoginFailure:
        print(
            "error: Discord refused the token in DISCORD_TOKEN. Copy it again from the Bot page "
            "of the developer portal into .env, or try the bot offline with `python -m bot demo`.",
            file=sys.stderr,
        )
        return 2
    except (aiohttp.ClientConnectionError, TimeoutError) as exc:
        print(
            f"error: could not reach Discord ({exc}). Check this machine's internet "
            "connection, or try the bot offline with `python -m bot demo`.",
            file=sys.stderr,
        )
        return EXIT_TRY_AGAIN
    except DatabaseLost as lost:
        saved = (
            f"What was open is saved in {lost.copy}: restore it with "
            f"`python -m bot restore {lost.copy}`, then start the bot again."
            if lost.copy
            else "Put the right database file back at that path and start the bot again."
        )
        print(
            f"error: stopped because {lost.what} while the bot ran, so nothing more was saved "
            f"into a lost file. {saved}",
            file=sys.stderr,
        )
        return EXIT_DATABASE_LOST
    except discord.PrivilegedIntentsRequired:
        print(
            "error: Discord says this bot asks for an intent not enabled in the developer portal.",
            file=sys.stderr,
        )
        return 2
    if stopped_by:
        log.info("stopped cleanly after %s; the database is closed", stopped_by)
    return 0


# --- the invite URL ---------------------------------------------------------------
# What the bot does in a server: post reminders and pages, embed them, attach .ics files,
# mention the chosen role, create scheduled events for call days.
PERMISSIONS = discord.Permissions(
    view_channel=True,
    send_messages=True,
    send_messages_in_threads=True,
    embed_links=True,
    attach_files=True,
    read_message_history=True,
    mention_everyone=False,
    create_events=True,
    manage_events=True,
)


def invite_url(application_id: int) -> str:
    return discord.utils.oauth_url(
        application_id, permissions=PERMISSIONS, scopes=("bot", "applications.commands")
    )


def print_invite_url(settings: Settings) -> int:
    """Print the invite URL; the application id is the token's first part, decoded."""
    token = settings.token or ""
    try:
        head = token.split(".")[0]
        app_id = int(base64.urlsafe_b64decode(head + "=" * (-len(head) % 4)).decode())
    except (ValueError, UnicodeDecodeError):
        print(
            "error: set DISCORD_TOKEN in .env (copy .env.example) to your bot's token first: "
            "the invite URL is built from it; to try the bot without Discord, run "
            "`python -m bot demo`.",
            file=sys.stderr,
        )
        return 2
    print(invite_url(app_id))
    return 0
