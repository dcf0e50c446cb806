"""Run the bot on Discord, with a clear message instead of a traceback for known failures."""

from __future__ import annotations

import asyncio
import logging
import sys

import aiohttp
import discord

from bot.app import create_bot
from bot.core.config import Settings
from bot.core.database import Database
from bot.invite import invite_url
from bot.privacy.unlock import unlock

log = logging.getLogger(__name__)


async def _run(settings: Settings) -> None:
    # Open (and upgrade) the database before logging in, so a bad file or a wrong DATA_KEY
    # fails fast and clearly.
    probe = Database(settings.database_path)
    try:
        await probe.open()
        await unlock(probe, settings.data_key)
    finally:
        await probe.close()
    bot = create_bot(settings)

    @bot.event
    async def on_ready() -> None:
        log.info(
            "logged in as %s (id %s) in %d servers",
            bot.user,
            bot.user and bot.user.id,
            len(bot.guilds),
        )
        if bot.user is not None:
            log.info("invite it with: %s", invite_url(bot.user.id))

    async with bot:
        await bot.start(settings.token or "")


def run_bot(settings: Settings) -> int:
    try:
        asyncio.run(_run(settings))
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
        return 2
    except discord.PrivilegedIntentsRequired:
        print(
            "error: Discord says this bot asks for an intent not enabled in the developer portal.",
            file=sys.stderr,
        )
        return 2
    return 0
