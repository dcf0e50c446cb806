"""/bill-tracking add-version's replies: the number checked against the official record, then
saved.

Found and naming the act: saved, with the record's title shown. Found but naming another
act: the organizer sees the official title and confirms or cancels (a shared
:class:`~cogs._common.confirm.ConfirmView`).
Not found: nothing is saved. Unreachable (or no downloads in this run): saved unverified,
and said so.
"""

from __future__ import annotations

import logging
from datetime import datetime

import discord

from bot.campaigns.adding import VersionLookup, look_up, save
from bot.campaigns.model import Campaign, congress_label, load_campaigns
from bot.campaigns.record.verify import LookupOutcome
from bot.campaigns.versions import AddedVersion, check_new_version
from bot.core.i18n import t
from bot.core.limits import MESSAGE_CONTENT, clip
from bot.core.markdown import escape_markdown
from bot.privacy.audit import AuditAction
from cogs._common.audit import post_audit
from cogs._common.confirm import ConfirmTexts, ConfirmView
from cogs._common.types import Interaction, Locale
from cogs.bills.embeds import expiry_note

log = logging.getLogger(__name__)

CONFIRM_SECONDS = 300


def _title(text: str | None) -> str:
    return escape_markdown(clip(text or "", 300))


def added_text(
    interaction: Interaction, bill: Campaign, added: AddedVersion, checked: VersionLookup
) -> str:
    """ "Added …", what the record says of it (or that it is unverified), and any expiry."""
    locale = interaction.locale
    key = "bills.add_version.added_current" if added.made_current else "bills.add_version.added"
    bot = interaction.client
    lines = [
        t(
            key,
            locale,
            label=added.label,
            congress=congress_label(added.congress),
            short_name=bill.short_name,
            chamber=t(added.chamber.catalog_key, locale),
        )
        + expiry_note(bot.content, added.congress, bot.clock.now(), locale)
    ]
    lookup = checked.lookup
    if lookup.outcome is LookupOutcome.FOUND:
        confirmed = checked.needs_confirmation
        key = "bills.add_version." + ("confirmed" if confirmed else "found")
        lines.append(
            t(
                key,
                locale,
                title=_title(checked.naming_title or lookup.title),
                official=_title(lookup.official_title),
                url=lookup.bill.congress_gov_url,
            )
        )
    elif checked.downloads_off:
        lines.append(t("bills.add_version.unverified_off", locale))
    else:
        lines.append(t("bills.add_version.unverified", locale))
    return clip("\n".join(lines), MESSAGE_CONTENT)


async def _reply(
    interaction: Interaction, content: str, view: discord.ui.View | None = None
) -> None:
    """The first answer, or the deferred one's."""
    if interaction.response.is_done():
        if view is None:
            await interaction.edit_original_response(content=content)
        else:
            await interaction.edit_original_response(content=content, view=view)
    elif view is None:
        await interaction.response.send_message(content, ephemeral=True)
    else:
        await interaction.response.send_message(content, view=view, ephemeral=True)


async def _save(
    interaction: Interaction, checked: VersionLookup, current: bool | None, now: datetime
) -> AddedVersion:
    assert interaction.guild_id is not None
    bot = interaction.client
    campaigns = await load_campaigns(bot.db, bot.content, interaction.guild_id, now)
    return await save(
        bot.db,
        interaction.guild_id,
        checked,
        campaigns,
        current,
        actor=interaction.user.id,
        now=now,
    )


async def log_added(interaction: Interaction, bill: Campaign, added: AddedVersion) -> None:
    """Tell the server's log channel which organizer added the version."""
    action = AuditAction.VERSION_CURRENT if added.made_current else AuditAction.VERSION_ADDED
    await post_audit(interaction, action, bill.short_name, added.label)


CONFIRM_TEXTS = ConfirmTexts(
    confirm="bills.add_version.confirm_button",
    cancel="bills.add_version.cancel_button",
    cancelled="bills.add_version.cancelled",
    expired="bills.add_version.expired",
    not_yours="bills.add_version.not_yours",
)


def confirm_view(origin: Interaction, checked: VersionLookup, current: bool | None) -> ConfirmView:
    """Add anyway / Cancel, for a number whose official titles don't name the act."""

    async def add_anyway(interaction: Interaction) -> None:
        added = await _save(interaction, checked, current, interaction.client.clock.now())
        text = added_text(interaction, checked.campaign, added, checked)
        await interaction.response.edit_message(content=text, view=None)
        await log_added(interaction, checked.campaign, added)

    return ConfirmView(
        origin.user.id,
        CONFIRM_TEXTS,
        add_anyway,
        origin.locale,
        timeout=CONFIRM_SECONDS,
        style=discord.ButtonStyle.danger,
    )


def confirm_text(checked: VersionLookup, locale: Locale) -> str:
    lookup, v = checked.lookup, checked.new
    return t(
        "bills.add_version.confirm",
        locale,
        label=v.label,
        congress=congress_label(v.congress),
        title=_title(lookup.title),
        official=_title(lookup.official_title),
        act=checked.campaign.act,
        short_name=checked.campaign.short_name,
        url=lookup.bill.congress_gov_url,
    )


async def add_version_checked(
    interaction: Interaction,
    bill: Campaign,
    number: str,
    congress: int,
    current: bool | None,
) -> None:
    """Read and check the number, look it up in the record, then save, ask, or refuse."""
    assert interaction.guild_id is not None
    bot, locale, now = interaction.client, interaction.locale, interaction.client.clock.now()
    campaigns = await load_campaigns(bot.db, bot.content, interaction.guild_id, now)
    new = check_new_version(bill, campaigns, number, congress, now)  # refusals come first
    if bot.bill_fetcher is not None:
        await interaction.response.defer(ephemeral=True, thinking=True)
    checked = await look_up(bot.bill_fetcher, bill, new)
    if checked.outcome is LookupOutcome.NOT_FOUND:
        text = t(
            "bills.add_version.not_found",
            locale,
            label=new.label,
            congress=congress_label(new.congress),
        )
        await _reply(interaction, text)
        return
    if checked.outcome is LookupOutcome.UNREACHABLE and not checked.downloads_off:
        log.warning("could not check %s: %s", checked.lookup.bill.described, checked.lookup.error)
    if checked.needs_confirmation:
        view = confirm_view(interaction, checked, current)
        await _reply(interaction, clip(confirm_text(checked, locale), MESSAGE_CONTENT), view)
        view.message = await interaction.original_response()
        return
    added = await _save(interaction, checked, current, now)
    await _reply(interaction, added_text(interaction, bill, added, checked))
    await log_added(interaction, bill, added)
