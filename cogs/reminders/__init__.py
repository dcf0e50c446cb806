"""/remind: scheduled call-to-action reminders (see ``_cog.py``), /reminders for members to
subscribe (``_members.py``), /dm-reminders in a DM, and
the reminders' listeners for servers and members (``servers.py``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cogs.reminders._cog import Reminders
from cogs.reminders._members import Subscriptions
from cogs.reminders._preview import StalePreviewButton
from cogs.reminders.dm_list import DmReminders, StopAllButton, StopChosenMenu
from cogs.reminders.notice_view import ResumeAwayButton
from cogs.reminders.servers import ReminderServers
from cogs.reminders.stop_button import StopDmsButton

if TYPE_CHECKING:
    from cogs._common.client import AdvocacyClient


async def setup(bot: AdvocacyClient) -> None:
    reminders = Reminders(bot)
    await bot.add_cog(reminders)
    await bot.add_cog(Subscriptions(bot))
    await bot.add_cog(ReminderServers(bot, reminders.dispatcher, reminders.transport))
    await bot.add_cog(DmReminders(bot))
    bot.add_dynamic_items(
        StalePreviewButton, StopDmsButton, ResumeAwayButton, StopChosenMenu, StopAllButton
    )
