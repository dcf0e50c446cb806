"""The call flow's content: what a member sees before and after a call.

:func:`call_card` gathers the private card of ``/call`` and of the "Open call script"
button (the script, office by office when the member's offices are known, the bills with
their congress.gov links and expiry, who to call and how); :func:`report_call` records an
outcome (with where the office stood) and :func:`thank_you` words the thank-you. The
Discord side (the embed, the buttons) is in ``cogs/calls/``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.calls import storage as call_store
from bot.calls.office_scripts import office_scripts, scripts_text, template_for
from bot.calls.outcomes import Outcome
from bot.calls.script import render
from bot.calls.services import Services
from bot.calls.standing import OfficeStanding, ScriptVariant, office_status
from bot.calls.stats import periods, server_zone
from bot.campaigns.model import (
    BillVersion,
    Campaign,
    format_date,
    load_campaign,
    seed_campaigns,
)
from bot.campaigns.record.model import CosponsorStatus
from bot.core.enums import Chamber
from bot.core.i18n import Locale, t
from bot.reps.contact import CAPITOL_SWITCHBOARD, HOUSE_FINDER, SENATE_FINDER


def version_line(v: BillVersion, locale: Locale | None = None, tag: str = "") -> str:
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
    if v.expired and v.ended_on is not None:
        line += " " + t(
            "bills.version.expired",
            locale,
            congress=v.congress_label,
            date=format_date(v.ended_on),
        )
    return line


async def script_text(
    bot: Services, guild_id: int | None, campaign: Campaign, locale: Locale | None
) -> str:
    """The server's general script for the campaign (or the default), filled in."""
    template = await template_for(bot, guild_id, campaign.slug, ScriptVariant.GENERAL, locale)
    return render(template, campaign, locale)


def who_to_call(campaign: Campaign, locale: Locale | None) -> str:
    lines = []
    if house := campaign.current(Chamber.HOUSE):
        lines.append(t("calls.call.house_target", locale, label=house.label, finder=HOUSE_FINDER))
    if senate := campaign.current(Chamber.SENATE):
        lines.append(
            t("calls.call.senate_target", locale, label=senate.label, finder=SENATE_FINDER)
        )
    lines.append(t("calls.call.switchboard", locale, phone=CAPITOL_SWITCHBOARD))
    return "\n".join(lines)


def bills_text(campaign: Campaign, locale: Locale | None) -> str:
    """The campaign's current versions, a line each, and a note if any has expired."""
    current = campaign.current_versions
    bills = "\n".join(version_line(v, locale) for v in current)
    if any(v.expired for v in current):
        bills += "\n" + t("bills.version.expired_note", locale)
    return bills or campaign.short_name


@dataclass(frozen=True, slots=True)
class CallCard:
    """The texts of the private call card, in the member's language."""

    title: str
    script: str
    bills: str
    who: str
    footer: str


SCRIPTS_ROOM = 3400  # of an embed's 6,000 characters, with room for the card's fields


async def call_card(
    bot: Services,
    guild_id: int | None,
    campaign: Campaign,
    locale: Locale | None,
    standings: Sequence[OfficeStanding] = (),
) -> CallCard:
    """The card; with the member's offices' ``standings``, a script for each office."""
    blocks = await office_scripts(bot, guild_id, campaign, standings, locale)
    return CallCard(
        title=t("calls.call.title", locale, short_name=campaign.short_name),
        script=scripts_text(blocks, SCRIPTS_ROOM, locale),
        bills=bills_text(campaign, locale),
        who=who_to_call(campaign, locale),
        footer=t("calls.call.footer", locale),
    )


@dataclass(frozen=True, slots=True)
class CallReport:
    new: bool  # False when it replaced the member's report from earlier the same day
    total: int  # the server's calls about this campaign, all time


async def report_call(
    bot: Services,
    guild_id: int,
    user_id: int,
    slug: str,
    outcome: Outcome | str,
    office: str = "",
) -> CallReport:
    """Record one outcome tap (once per member, campaign, office and local day).

    A call to one office is recorded with where that office stood on the current version
    of its chamber, so organizers can count calls to cosponsors and to the others.
    """
    now = bot.clock.now()
    zone = await server_zone(bot.db, guild_id, bot.settings.default_timezone)
    day = periods(now, zone).today.isoformat()
    status = None
    if office:
        campaign = await campaign_in(bot, guild_id, slug)
        found = None if campaign is None else await office_status(bot.db, campaign, office)
        status = found or CosponsorStatus.UNKNOWN
    new = await call_store.record_call(
        bot.db, guild_id, user_id, slug, outcome, day, now.isoformat(), office, status
    )
    total = await call_store.campaign_total(bot.db, guild_id, slug)
    return CallReport(new, total)


def thank_you(
    campaign: Campaign, outcome: Outcome | str, report: CallReport, locale: Locale | None
) -> str:
    key = "calls.outcome.thanks" if report.new else "calls.outcome.updated"
    return t(
        key,
        locale,
        short_name=campaign.short_name,
        outcome=t(Outcome(outcome).phrase_key, locale),
        count=report.total,
        calls=t(
            "calls.outcome.call_one" if report.total == 1 else "calls.outcome.call_many", locale
        ),
    )


async def campaign_in(bot: Services, guild_id: int | None, slug: str) -> Campaign | None:
    """The campaign as that server sees it (the statement's, outside a server), or None."""
    now = bot.clock.now()
    if guild_id is None:
        return next((c for c in seed_campaigns(bot.content, now) if c.slug == slug), None)
    return await load_campaign(bot.db, bot.content, guild_id, slug, now)
