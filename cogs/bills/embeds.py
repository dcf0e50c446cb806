"""/bills replies: the campaigns list, one act's card, and the expiry warning after a change.

Under each current version, what the official record says of it (``bot.campaigns.on_record``);
the statement's own status line only beside the statement's versions, labelled as its own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

import discord

from bot.calls.flow import version_line
from bot.campaigns.model import (
    BillVersion,
    Campaign,
    congress_end,
    congress_ended,
    congress_label,
    format_date,
)
from bot.campaigns.on_record import VersionRecord, record_lines
from bot.campaigns.storage import StatusLine
from bot.campaigns.warnings import WarningKind, expiry_warnings
from bot.core.content import Content
from bot.core.i18n import t
from bot.core.limits import EMBED_FIELD_NAME, EMBED_FIELD_VALUE, EMBED_TOTAL, clip
from cogs._common.types import Locale

Records = Mapping[BillVersion, VersionRecord]


def expiry_note(content: Content, congress: int, now: datetime, locale: Locale) -> str:
    """`` ⚠️ Expired: …`` when that Congress has ended, else nothing."""
    known = content.congress_ends
    if not congress_ended(congress, now, known):
        return ""
    date = format_date(congress_end(congress, known))
    return " " + t("bills.version.expired", locale, congress=congress_label(congress), date=date)


def _add(embed: discord.Embed, name: str, value: str) -> None:
    """Add a field clipped to what the embed still has room for (nothing if none)."""
    name = clip(name, EMBED_FIELD_NAME)
    room = min(EMBED_FIELD_VALUE, EMBED_TOTAL - len(embed) - len(name))
    if room > 20:
        embed.add_field(name=name, value=clip(value, room), inline=False)


def list_embed(campaigns: Sequence[Campaign], records: Records, locale: Locale) -> discord.Embed:
    """/bills list: each act with its current versions and what the record says of them."""
    intro = t("bills.list.intro", locale)
    embed = discord.Embed(title=t("bills.list.title", locale))
    any_expired = False
    for c in campaigns:
        current = c.current_versions
        lines = [c.act]
        for v in current:
            lines.append(version_line(v, locale))
            if v in records:
                lines += [
                    f"> {line}" for line in record_lines(records[v], c.act, locale, short=True)
                ]
        if not current:
            lines.append(t("bills.list.no_current", locale))
        any_expired = any_expired or any(v.expired for v in current)
        _add(embed, c.short_name, "\n".join(lines))
    if any_expired:
        intro += "\n\n" + t("bills.version.expired_note", locale)
    embed.description = intro
    return embed


def status_lines(history: Sequence[StatusLine], zone: ZoneInfo, locale: Locale) -> list[str]:
    """Organizers' status lines, newest first (the statement's own is shown apart)."""
    lines = []
    for s in history:
        who = f"<@{s.set_by}>" if s.set_by else t("bills.info.former_organizer", locale)
        when = format_date(datetime.fromisoformat(s.set_at).astimezone(zone).date())
        lines.append(t("bills.info.status_line", locale, text=s.text, who=who, date=when))
    return lines or [t("bills.info.no_status", locale)]


def _statement_field(bill: Campaign, embed: discord.Embed, locale: Locale) -> None:
    """The statement's own status line, beside the versions it names and no other."""
    stated = [v for v in bill.versions if v.from_statement]
    if not bill.statement_status or not stated:
        return
    congresses = sorted({v.congress_label for v in stated})
    name = t(
        "bills.info.statement_status_field",
        locale,
        numbers="/".join(v.label for v in stated),
        congress=", ".join(congresses),
    )
    _add(embed, name, t("bills.info.statement_status", locale, text=bill.statement_status))


def info_embed(
    bill: Campaign,
    status: Sequence[str],
    records: Records,
    now: datetime,
    locale: Locale,
) -> discord.Embed:
    """/bills info: the versions, the record of the current ones, the asks and status lines."""
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
    todo = [w for w in expiry_warnings(bill, now) if w.kind is WarningKind.ALL_EXPIRED]
    if todo:
        version_lines.append(t("bills.info.all_expired", locale, slug=bill.slug, **todo[0].values))
    elif any(v.expired for v in bill.versions):
        version_lines.append(t("bills.version.expired_note", locale))
    _add(embed, t("bills.info.versions_field", locale), "\n".join(version_lines))
    for v in bill.current_versions:
        if v in records:
            name = t("bills.info.record_field", locale, label=v.label, congress=v.congress_label)
            _add(embed, name, "\n".join(record_lines(records[v], bill.act, locale)))
    _statement_field(bill, embed, locale)
    _add(embed, t("bills.info.statement_ask_field", locale), f"“…{bill.statement_ask}…”")
    _add(embed, t("bills.info.status_field", locale), status[0])
    if len(status) > 1:
        older = "\n".join(f"• {s}" for s in status[1:])
        _add(embed, t("bills.info.older_status", locale), older)
    return embed
