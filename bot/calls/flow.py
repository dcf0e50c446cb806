"""The call flow's content: what a member sees before and after a call.

:func:`call_embed` builds the private message of ``/call`` and of the "Open call script"
button (the script, the bills with their congress.gov links and expiry, who to call and
how); :func:`report_call` records an outcome and words the thank-you; :func:`stats_embed`
is ``/call-stats``. Discord glue (the
buttons) is in :mod:`bot.call_buttons`; the command in ``cogs/calls.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import discord

from bot.calls import storage as call_store
from bot.calls.script import default_template, render
from bot.calls.stats import periods, server_zone, weekly_streak
from bot.campaigns import storage as campaign_store
from bot.campaigns.model import BillVersion, Campaign, load_campaign, seed_campaigns
from bot.core.i18n import t
from bot.core.limits import EMBED_DESCRIPTION, EMBED_FIELD_VALUE, EMBED_TOTAL, clip

SWITCHBOARD = "(202) 224-3121"
HOUSE_FINDER = "https://www.house.gov/representatives/find-your-representative"
SENATE_FINDER = "https://www.senate.gov/senators/senators-contact.htm"
OUTCOMES = call_store.OUTCOMES


def format_date(day: Any) -> str:
    """``January 3, 2025`` (no leading zero), the way US readers write dates."""
    return f"{day:%B} {day.day}, {day.year}"


def version_line(v: BillVersion, locale: discord.Locale | str | None = None, tag: str = "") -> str:
    """``[H.R. 1103](url) · 118th Congress · House`` + ``tag``, and a warning when expired."""
    chamber = t(f"calls.chamber.{v.chamber}", locale)
    line = t(
        "bills.version.line",
        locale,
        label=v.label,
        url=v.url,
        congress=v.congress_label,
        chamber=chamber,
    )
    if tag:
        line += f" {tag}"
    if v.expired:
        line += " " + t(
            "bills.version.expired",
            locale,
            congress=v.congress_label,
            date=format_date(v.ended_on),
        )
    return line


async def script_text(
    bot: Any, guild_id: int | None, campaign: Campaign, locale: discord.Locale | str | None
) -> str:
    """The server's script for the campaign (or the default), filled in."""
    template = None
    if guild_id is not None:
        template = await campaign_store.get_script(bot.db, guild_id, campaign.slug)
    return render(template or default_template(campaign.slug, locale), campaign, locale)


def who_to_call(campaign: Campaign, locale: discord.Locale | str | None) -> str:
    lines = []
    if house := campaign.current("house"):
        lines.append(t("calls.call.house_target", locale, label=house.label, finder=HOUSE_FINDER))
    if senate := campaign.current("senate"):
        lines.append(
            t("calls.call.senate_target", locale, label=senate.label, finder=SENATE_FINDER)
        )
    lines.append(t("calls.call.switchboard", locale, phone=SWITCHBOARD))
    return "\n".join(lines)


async def call_embed(
    bot: Any, guild_id: int | None, campaign: Campaign, locale: discord.Locale | str | None
) -> discord.Embed:
    script = await script_text(bot, guild_id, campaign, locale)
    embed = discord.Embed(
        title=clip(t("calls.call.title", locale, short_name=campaign.short_name), 256),
        description=clip(script, EMBED_DESCRIPTION),
    )
    current = campaign.current_versions
    bills = "\n".join(version_line(v, locale) for v in current)
    if any(v.expired for v in current):
        bills += "\n" + t("bills.version.expired_note", locale)
    embed.add_field(
        name=t("calls.call.bills_field", locale),
        value=clip(bills or campaign.short_name, EMBED_FIELD_VALUE),
        inline=False,
    )
    embed.add_field(
        name=t("calls.call.who_field", locale),
        value=clip(who_to_call(campaign, locale), EMBED_FIELD_VALUE),
        inline=False,
    )
    embed.set_footer(text=t("calls.call.footer", locale))
    assert len(embed) <= EMBED_TOTAL
    return embed


@dataclass(frozen=True, slots=True)
class CallReport:
    new: bool  # False when it replaced the member's report from earlier the same day
    total: int  # the server's calls about this campaign, all time


async def report_call(
    bot: Any,
    guild_id: int,
    user_id: int,
    slug: str,
    outcome: str,
    office: str = "",
) -> CallReport:
    """Record one outcome tap (once per member, campaign, office and local day)."""
    now = bot.clock.now()
    zone = await server_zone(bot.db, guild_id, bot.settings.default_timezone)
    day = periods(now, zone).today.isoformat()
    new = await call_store.record_call(
        bot.db, guild_id, user_id, slug, outcome, day, now.isoformat(), office
    )
    total = await call_store.campaign_total(bot.db, guild_id, slug)
    return CallReport(new, total)


def thank_you(
    campaign: Campaign, outcome: str, report: CallReport, locale: discord.Locale | str | None
) -> str:
    key = "calls.outcome.thanks" if report.new else "calls.outcome.updated"
    return t(
        key,
        locale,
        short_name=campaign.short_name,
        outcome=t(f"calls.outcome.name_{outcome}", locale),
        count=report.total,
        calls=t(
            "calls.outcome.call_one" if report.total == 1 else "calls.outcome.call_many", locale
        ),
    )


async def campaign_in(bot: Any, guild_id: int | None, slug: str) -> Campaign | None:
    now = bot.clock.now()
    if guild_id is None:
        return next((c for c in seed_campaigns(bot.content, now) if c.slug == slug), None)
    return await load_campaign(bot.db, bot.content, guild_id, slug, now)


async def stats_embed(
    bot: Any,
    guild_id: int,
    user_id: int,
    bill: Campaign | None,
    locale: discord.Locale | str | None = None,
) -> discord.Embed:
    """``/call-stats``: the server's tallies per act and outcome, the member's own, and the
    names of this week's callers who opted in (nobody else's)."""
    db = bot.db
    zone = await server_zone(db, guild_id, bot.settings.default_timezone)
    p = periods(bot.clock.now(), zone)
    week, month = p.week_start.isoformat(), p.month_start.isoformat()
    slug = bill.slug if bill else None
    counts = await call_store.server_counts(db, guild_id, week, month, slug)
    if bill:
        title = t("calls.stats.title_one", locale, short_name=bill.short_name)
    else:
        title = t("calls.stats.title", locale)
    embed = discord.Embed(title=title, description=t("calls.stats.header", locale))
    campaigns = [bill] if bill else [c for c in bot.content.campaigns if c.slug in counts]
    if not counts:
        embed.description = t("calls.stats.none", locale)
    for campaign in campaigns:
        per = counts.get(campaign.slug, {})
        lines = [
            t(
                "calls.stats.line",
                locale,
                label=t(f"calls.outcome_label.{o}", locale),
                week=per[o].week if o in per else 0,
                month=per[o].month if o in per else 0,
                all=per[o].all_time if o in per else 0,
            )
            for o in call_store.OUTCOMES
        ]
        total = call_store.outcome_totals(per.values())
        lines.append(
            t(
                "calls.stats.line",
                locale,
                label=t("calls.stats.total", locale),
                week=total.week,
                month=total.month,
                all=total.all_time,
            )
        )
        embed.add_field(
            name=campaign.short_name,
            value=clip("\n".join(lines), EMBED_FIELD_VALUE),
            inline=False,
        )
    mine = await call_store.member_counts(db, guild_id, user_id, week, month, slug)
    streak = weekly_streak(await call_store.member_days(db, guild_id, user_id), p.today)
    embed.add_field(
        name=t("calls.stats.mine_field", locale),
        value=t(
            "calls.stats.mine",
            locale,
            week=mine.week,
            month=mine.month,
            all=mine.all_time,
            streak=streak,
            weeks=t("calls.stats.week_one" if streak == 1 else "calls.stats.week_many", locale),
        ),
        inline=False,
    )
    named = await call_store.named_callers(db, guild_id, week, slug)
    embed.add_field(
        name=t("calls.stats.named_field", locale),
        value=clip(
            " ".join(f"<@{uid}>" for uid in named) or t("calls.stats.named_none", locale),
            EMBED_FIELD_VALUE,
        ),
        inline=False,
    )
    embed.set_footer(text=t("calls.stats.privacy_note", locale))
    return embed
