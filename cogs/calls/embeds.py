"""The call flow's embeds: the private call card, and ``/call-stats``."""

from __future__ import annotations

import discord

from bot.calls.flow import CallCard
from bot.calls.storage import OutcomeCounts
from bot.calls.tallies import CallTarget, Tallies
from bot.campaigns.model import Campaign
from bot.core.i18n import Locale, t
from bot.core.limits import EMBED_DESCRIPTION, EMBED_FIELD_VALUE, EMBED_TITLE, EMBED_TOTAL, clip


def call_embed(card: CallCard, locale: Locale | None = None) -> discord.Embed:
    """The script, the bills and who to call; the member's offices are added after."""
    embed = discord.Embed(
        title=clip(card.title, EMBED_TITLE), description=clip(card.script, EMBED_DESCRIPTION)
    )
    embed.add_field(
        name=t("calls.call.bills_field", locale),
        value=clip(card.bills, EMBED_FIELD_VALUE),
        inline=False,
    )
    embed.add_field(
        name=t("calls.call.who_field", locale),
        value=clip(card.who, EMBED_FIELD_VALUE),
        inline=False,
    )
    embed.set_footer(text=card.footer)
    assert len(embed) <= EMBED_TOTAL
    return embed


def _line(label: str, counts: OutcomeCounts, locale: Locale | None) -> str:
    return t(
        "calls.stats.line",
        locale,
        label=label,
        week=counts.week,
        month=counts.month,
        all=counts.all_time,
    )


def targets_text(found: Tallies, locale: Locale | None = None) -> str:
    """Calls by where the called office stood (cosponsor, not...): counts only."""
    lines = [
        _line(t(target.catalog_key, locale), counts, locale)
        for target, counts in found.targets.items()
        if counts.all_time or target in (CallTarget.COSPONSOR, CallTarget.NOT_COSPONSOR)
    ]
    return "\n".join(lines)


def stats_embed(
    found: Tallies,
    bill: Campaign | None = None,
    locale: Locale | None = None,
    *,
    by_target: bool = False,
) -> discord.Embed:
    """``/call-stats``: the server's tallies per act and outcome, the member's own, and the
    names of this week's callers who opted in (nobody else's). ``by_target`` (organizers):
    also the calls by the called office's cosponsorship, counts only."""
    if bill:
        title = t("calls.stats.title_one", locale, short_name=bill.short_name)
    else:
        title = t("calls.stats.title", locale)
    embed = discord.Embed(title=title, description=t("calls.stats.header", locale))
    if not found.any_calls:
        embed.description = t("calls.stats.none", locale)
    for campaign in found.campaigns:
        lines = [
            _line(t(outcome.catalog_key, locale), counts, locale)
            for outcome, counts in campaign.by_outcome.items()
        ]
        lines.append(_line(t("calls.stats.total", locale), campaign.total, locale))
        embed.add_field(
            name=campaign.short_name,
            value=clip("\n".join(lines), EMBED_FIELD_VALUE),
            inline=False,
        )
    if by_target and found.any_calls:
        embed.add_field(
            name=t("calls.stats.targets_field", locale),
            value=clip(targets_text(found, locale), EMBED_FIELD_VALUE),
            inline=False,
        )
    weeks = "calls.stats.week_one" if found.streak == 1 else "calls.stats.week_many"
    embed.add_field(
        name=t("calls.stats.mine_field", locale),
        value=t(
            "calls.stats.mine",
            locale,
            week=found.mine.week,
            month=found.mine.month,
            all=found.mine.all_time,
            streak=found.streak,
            weeks=t(weeks, locale),
        ),
        inline=False,
    )
    named = " ".join(f"<@{uid}>" for uid in found.named)
    embed.add_field(
        name=t("calls.stats.named_field", locale),
        value=clip(named or t("calls.stats.named_none", locale), EMBED_FIELD_VALUE),
        inline=False,
    )
    embed.set_footer(text=t("calls.stats.privacy_note", locale))
    return embed
