"""What the cogs may use of the bot: its shape, declared here so no cog imports the wiring.

``bot.app.AdvocacyBot`` is the one class built from it (settings, content, clock, database,
retention job, bill-record fetcher); cogs and views type their bot as :class:`AdvocacyClient`.
"""

from __future__ import annotations

from discord.ext import commands

from bot.campaigns.record.fetch import BillStatusFetcher
from bot.core.clock import Clock
from bot.core.config import Settings
from bot.core.content import Content
from bot.core.database import Database
from bot.privacy.retention import RetentionJob


class AdvocacyClient(commands.Bot):
    """The bot as cogs see it; ``bot.app.AdvocacyBot`` fills these in."""

    settings: Settings
    content: Content
    clock: Clock
    db: Database
    retention: RetentionJob
    bill_fetcher: BillStatusFetcher | None  # None: this run doesn't download the record
