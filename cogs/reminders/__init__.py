"""/remind: scheduled call-to-action reminders (see ``_cog.py``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cogs.reminders._cog import Reminders
from cogs.reminders._preview import StalePreviewButton

if TYPE_CHECKING:
    from bot.app import AdvocacyBot


async def setup(bot: AdvocacyBot) -> None:
    await bot.add_cog(Reminders(bot))
    bot.add_dynamic_items(StalePreviewButton)
