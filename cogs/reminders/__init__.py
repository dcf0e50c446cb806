"""/remind: scheduled call-to-action reminders (see ``_cog.py``)."""

from __future__ import annotations

from bot.app import AdvocacyBot
from cogs.reminders._cog import Reminders
from cogs.reminders._views import StalePreviewButton


async def setup(bot: AdvocacyBot) -> None:
    await bot.add_cog(Reminders(bot))
    bot.add_dynamic_items(StalePreviewButton)
