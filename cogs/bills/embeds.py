"""/bills replies: the campaigns list, one act's card, and the expiry warning after a change."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

import discord

from bot.calls.flow import version_line
from bot.campaigns.model import Campaign, congress_end, congress_ended, congress_label
from bot.campaigns.storage import StatusLine
from bot.core.content import Content
from bot.core.formatting import format_date
from bot.core.i18n import t
from bot.core.limits import EMBED_DESCRIPTION, EMBED_FIELD_VALUE, EMBED_TOTAL, clip
from bot.statement.original import original_language_note
from cogs._common.types import Locale


def expiry_note(content: Content, congress: int, now: datetime, locale: Locale) -> str:
    """`` ⚠️ Expired: …`` when that Congress has ended, else nothing."""
    known = content.congress_ends
    if not congress_ended(congress, now, known):
        return ""
    date = format_date(congress_end(congress, known), locale)
    return " " + t("bills.version.expired", locale, congress=congress_label(congress), date=date)


def list_embed(campaigns: Sequence[Campaign], locale: Locale) -> discord.Embed:
    """/bills list: each act with its current versions, and what expiry means."""
    intro = t("bills.list.intro", locale)
    embed = discord.Embed(title=t("bills.list.title", locale))
    any_expired = False
    for c in campaigns:
        current = c.current_versions
        lines = [c.act] if c.act != c.short_name else []
        if current:
            lines.extend(version_line(v, locale) for v in current)
        else:
            lines.append(t("bills.list.no_current", locale))
        any_expired = any_expired or any(v.expired for v in current)
        embed.add_field(
            name=c.short_name, value=clip("\n".join(lines), EMBED_FIELD_VALUE), inline=False
        )
    if any_expired:
        intro += "\n\n" + t("bills.version.expired_note", locale)
    embed.description = intro
    return embed


def status_lines(
    bill: Campaign, history: Sequence[StatusLine], zone: ZoneInfo, locale: Locale
) -> list[str]:
    """Newest first; the statement's own status (if any) is the oldest line."""
    lines = []
    for s in history:
        who = f"<@{s.set_by}>" if s.set_by else t("bills.info.former_organizer", locale)
        when = format_date(datetime.fromisoformat(s.set_at).astimezone(zone), locale)
        lines.append(t("bills.info.status_line", locale, text=s.text, who=who, date=when))
    if bill.statement_status:
        lines.append(t("bills.info.statement_status", locale, text=bill.statement_status))
    return lines or [t("bills.info.no_status", locale)]


def _note(locale: Locale) -> str:
    note = original_language_note(locale)
    return f"\n*{note}*" if note else ""


def info_embed(bill: Campaign, status: Sequence[str], locale: Locale) -> discord.Embed:
    """/bills info: every version with its marks, what the statement asks, the status lines."""
    embed = discord.Embed(title=bill.act)
    version_lines = []
    for v in bill.versions:
        marks = []
        if v.current:
            marks.append(t("bills.version.current_mark", locale))
        if v.from_statement:
            marks.append(t("bills.version.from_statement", locale))
        tag = f"({', '.join(marks)})" if marks else ""
        version_lines.append(f"• {version_line(v, locale, tag)}")
    if any(v.expired for v in bill.versions):
        version_lines.append(t("bills.version.expired_note", locale))
    embed.add_field(
        name=t("bills.info.versions_field", locale),
        value=clip("\n".join(version_lines), EMBED_FIELD_VALUE),
        inline=False,
    )
    embed.add_field(
        name=t("bills.info.statement_ask_field", locale),
        value=clip(f"“…{bill.statement_ask}…”{_note(locale)}", EMBED_FIELD_VALUE),
        inline=False,
    )
    embed.add_field(
        name=t("bills.info.status_field", locale),
        value=clip(status[0], EMBED_FIELD_VALUE),
        inline=False,
    )
    if len(status) > 1:
        embed.add_field(
            name=t("bills.info.older_status", locale),
            value=clip("\n".join(f"• {s}" for s in status[1:]), EMBED_FIELD_VALUE),
            inline=False,
        )
    assert len(embed) <= EMBED_TOTAL and len(embed.description or "") <= EMBED_DESCRIPTION
    return embed
