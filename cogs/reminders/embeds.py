"""The embeds /remind answers with: the preview, one reminder in full, lists and history."""

from __future__ import annotations

from datetime import UTC, datetime

import discord

from bot.campaigns.model import Campaign
from bot.core.i18n import t
from bot.core.limits import EMBED_DESCRIPTION, clip
from bot.reminders.planning import Draft
from bot.reminders.states import Status
from bot.reminders.storage import Reminder
from bot.reminders.texts import bill_numbers, post_text, repeat_label, status_label
from bot.reminders.timeparse import discord_time
from cogs._common.types import Locale


def text_embed(title: str, lines: list[str] | str) -> discord.Embed:
    """A titled embed of lines, clipped to what Discord accepts."""
    text = lines if isinstance(lines, str) else "\n".join(lines)
    return discord.Embed(title=title, description=clip(text, EMBED_DESCRIPTION))


def preview_embed(
    draft: Draft,
    campaign: Campaign,
    mention: str,
    channel_mention: str,
    locale: Locale,
    post_locale: Locale,
) -> discord.Embed:
    """What the organizer checks before saving: the post as it will read (in the server's
    language, ``post_locale``), and when it goes out (in the organizer's, ``locale``)."""
    numbers = bill_numbers(campaign, post_locale)
    body = post_text(
        mention, campaign.short_name, numbers, draft.note, draft.first_due, None, post_locale
    )
    embed = text_embed(t("reminders.preview.title", locale), body)
    when = f"{discord_time(draft.first_due, 'F')} ({discord_time(draft.first_due, 'R')})"
    embed.add_field(name=t("reminders.field.when", locale), value=when, inline=False)
    embed.add_field(
        name=t("reminders.field.repeat", locale),
        value=repeat_label(draft.repeat, draft.until, locale),
    )
    embed.add_field(name=t("reminders.field.zone", locale), value=draft.zone.key)
    embed.add_field(name=t("reminders.field.channel", locale), value=channel_mention)
    return embed


def _next_time(r: Reminder, locale: Locale) -> str:
    if r.next_due is None or r.status not in (Status.ACTIVE, Status.PAUSED):
        return t("reminders.list.no_time", locale)
    due = datetime.fromtimestamp(r.next_due, UTC)
    return t(
        "reminders.show.next" if r.status is Status.ACTIVE else "reminders.show.next_paused",
        locale,
        when=discord_time(due, "F"),
        relative=discord_time(due, "R"),
    )


def show_embed(
    r: Reminder,
    campaign: Campaign | None,
    now: datetime,
    locale: Locale,
    creator: int | None,
    post_locale: Locale,
) -> discord.Embed:
    """/remind show: the post as it will read (in the server's language, ``post_locale``),
    and every setting of the reminder (in the organizer's, ``locale``)."""
    due = now if r.next_due is None else datetime.fromtimestamp(r.next_due, UTC)
    body = post_text(
        f"<@&{r.role_id}> " if r.role_id else "",
        campaign.short_name if campaign else r.campaign,
        bill_numbers(campaign, post_locale),
        r.note,
        due,
        None,
        post_locale,
    )
    embed = discord.Embed(title=t("reminders.show.title", locale, id=r.id), description=body)
    embed.add_field(
        name=t("reminders.field.when", locale), value=_next_time(r, locale), inline=False
    )
    embed.add_field(
        name=t("reminders.field.repeat", locale),
        value=repeat_label(r.repeat, r.until_local, locale),
    )
    embed.add_field(name=t("reminders.field.zone", locale), value=r.timezone)
    embed.add_field(name=t("reminders.field.channel", locale), value=f"<#{r.channel_id}>")
    embed.add_field(
        name=t("reminders.show.ping", locale),
        value=f"<@&{r.role_id}>" if r.role_id else t("reminders.show.no_ping", locale),
    )
    embed.add_field(name=t("reminders.field.status", locale), value=status_label(r, locale))
    embed.add_field(
        name=t("reminders.field.grace", locale),
        value=t(
            "reminders.show.grace" if r.grace_seconds >= 60 else "reminders.show.grace_none",
            locale,
            minutes=r.grace_seconds // 60,
        ),
    )
    embed.add_field(
        name=t("reminders.show.created_by", locale),
        value=(f"<@{creator}>" if creator else t("reminders.show.created_by_former", locale)),
    )
    return embed
