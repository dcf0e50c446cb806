"""The first-day checklist as a server stands: what is done, read from each feature's data."""

from __future__ import annotations

from bot.campaigns.storage import current_marks, list_versions
from bot.core.database import Database
from bot.core.first_day import Progress, Step
from bot.core.guild_settings import GuildSettings, get_guild_settings
from bot.core.i18n import t
from bot.reminders.states import Status
from bot.reminders.storage import count_reminders
from cogs._common.types import Locale


async def progress(db: Database, guild_id: int, settings: GuildSettings | None = None) -> Progress:
    """Which checklist steps this server has done."""
    s = settings or await get_guild_settings(db, guild_id)
    done: list[Step] = []
    if s.organizer_role_id:
        done.append(Step.ORGANIZER_ROLE)
    if s.timezone:
        done.append(Step.TIME_ZONE)
    if await list_versions(db, guild_id) or await current_marks(db, guild_id):
        done.append(Step.BILL_NUMBERS)
    if await count_reminders(db, guild_id, tuple(Status)):  # any, even one gone out
        done.append(Step.FIRST_REMINDER)
    return Progress.of(done)


def checklist_lines(progress: Progress | None, locale: Locale) -> list[str]:
    """One line per step with the command that does it; with ``progress``, marked done or not.

    Without progress (the welcome, before anything is done) the steps are numbered.
    """
    lines = []
    for number, step in enumerate(Step, 1):
        label = t(step.catalog_key, locale)
        how = t(step.how_key, locale)
        if progress is None:
            lines.append(t("setup.checklist.todo", locale, mark=f"{number}.", step=label, how=how))
        elif step in progress.done:
            lines.append(t("setup.checklist.done", locale, mark="✅", step=label))
        else:
            lines.append(t("setup.checklist.todo", locale, mark="⬜", step=label, how=how))
    return lines
