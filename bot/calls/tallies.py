"""What ``/call-stats`` counts: the server's calls per act and outcome, the member's own.

Only totals are counted, plus the names of this week's callers who chose to be named
(``/me privacy``); nobody else's calls are ever shown to a member. Organizers also see
the calls counted by where the called office stood on the bill (:class:`CallTarget`):
counts only, never who called whom.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.calls import storage as call_store
from bot.calls.outcomes import Outcome
from bot.calls.services import Services
from bot.calls.stats import periods, server_zone, weekly_streak
from bot.calls.storage import OutcomeCounts
from bot.campaigns.model import Campaign
from bot.campaigns.record.model import CosponsorStatus
from bot.core.enums import CatalogEnum


class CallTarget(CatalogEnum, key_prefix="calls.stats.target"):
    """Where a called office stood on the current version when the call was reported."""

    COSPONSOR = "cosponsor"  # sponsor or cosponsor
    NOT_COSPONSOR = "not_cosponsor"
    WITHDRAWN = "withdrawn"
    UNKNOWN = "unknown"  # no copy of the record, or an office not in the data
    NO_OFFICE = "no_office"  # a call reported without naming an office


_TARGETS = {
    CosponsorStatus.SPONSOR.value: CallTarget.COSPONSOR,
    CosponsorStatus.COSPONSOR.value: CallTarget.COSPONSOR,
    CosponsorStatus.NOT_COSPONSOR.value: CallTarget.NOT_COSPONSOR,
    CosponsorStatus.WITHDRAWN.value: CallTarget.WITHDRAWN,
    None: CallTarget.NO_OFFICE,
}


def by_target(counts: dict[str | None, OutcomeCounts]) -> dict[CallTarget, OutcomeCounts]:
    """Calls grouped by :class:`CallTarget`, every target present (zeros included)."""
    grouped: dict[CallTarget, list[OutcomeCounts]] = {target: [] for target in CallTarget}
    for status, n in counts.items():
        grouped[_TARGETS.get(status, CallTarget.UNKNOWN)].append(n)
    return {target: call_store.outcome_totals(ns) for target, ns in grouped.items()}


@dataclass(frozen=True, slots=True)
class CampaignTally:
    short_name: str
    by_outcome: dict[Outcome, OutcomeCounts]  # every outcome, zeros included
    total: OutcomeCounts


@dataclass(frozen=True, slots=True)
class Tallies:
    campaigns: tuple[CampaignTally, ...]  # the one asked about, or each one with calls
    any_calls: bool  # the server has reported any call (about the one asked about)
    mine: OutcomeCounts  # the member's own
    streak: int  # the member's weekly streak
    named: tuple[int, ...]  # this week's callers who chose to be named, most calls first
    targets: dict[CallTarget, OutcomeCounts]  # by the called office's standing (organizers)


async def tallies(
    bot: Services, guild_id: int, user_id: int, bill: Campaign | None = None
) -> Tallies:
    """This week's, this month's and all-time counts, in the server's time zone."""
    db = bot.db
    zone = await server_zone(db, guild_id, bot.settings.default_timezone)
    p = periods(bot.clock.now(), zone)
    week, month = p.week_start.isoformat(), p.month_start.isoformat()
    slug = bill.slug if bill else None
    counts = await call_store.server_counts(db, guild_id, week, month, slug)
    if bill:
        names = [(bill.slug, bill.short_name)]
    else:
        names = [(c.slug, c.short_name) for c in bot.content.campaigns if c.slug in counts]
    campaigns = []
    for campaign_slug, short_name in names:
        per = counts.get(campaign_slug, {})
        by_outcome = {o: per.get(o, OutcomeCounts()) for o in Outcome}
        total = call_store.outcome_totals(per.values())
        campaigns.append(CampaignTally(short_name, by_outcome, total))
    mine = await call_store.member_counts(db, guild_id, user_id, week, month, slug)
    streak = weekly_streak(await call_store.member_days(db, guild_id, user_id), p.today)
    named = await call_store.named_callers(db, guild_id, week, slug)
    targets = by_target(await call_store.standing_counts(db, guild_id, week, month, slug))
    return Tallies(tuple(campaigns), bool(counts), mine, streak, tuple(named), targets)
