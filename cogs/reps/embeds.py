"""The answer to ``/reps find`` as an embed: senators, then the representative or delegation."""

from __future__ import annotations

from datetime import datetime

import discord

from bot.core.formatting import format_date, plural
from bot.core.i18n import Locale, t
from bot.core.limits import EMBED_DESCRIPTION, EMBED_FIELD_VALUE, EMBED_FOOTER, EMBED_TITLE, clip
from bot.reps.contact import CAPITOL_SWITCHBOARD, HOUSE_FINDER, office_line, party_letter
from bot.reps.lookup import Lookup
from bot.reps.seats import NON_STATES, has_senators
from bot.reps.storage import LegislatorsStatus


def _heading(found: Lookup, state_name: str, locale: Locale | None) -> str:
    if found.district is None or found.state in NON_STATES:  # D.C. and territories: one seat
        return t("reps.find.title_state", locale, state=state_name)
    if found.seats.at_large and found.state not in NON_STATES:
        return t("reps.find.title_at_large", locale, state=state_name)
    return t("reps.find.title_district", locale, state=state_name, district=found.district)


def _senate(found: Lookup, state_name: str, locale: Locale | None) -> str:
    if not has_senators(found.state):
        return t("reps.find.no_senators", locale, state=state_name)
    lines = [office_line(m, locale) for m in found.senators]
    if found.senate_vacancies == 1:
        lines.append(t("reps.find.senate_vacancy", locale))
    elif found.senate_vacancies >= 2:
        lines.append(t("reps.find.senate_vacancies", locale))
    return "\n".join(lines)


def _delegation(found: Lookup, locale: Locale | None) -> str:
    """The whole House delegation, a line per seat (vacancies too), then where to find yours."""
    by_seat = {m.district: m for m in found.delegation}
    lines = []
    for number in found.seats.numbers:
        member = by_seat.get(number)
        if member is None:
            lines.append(t("reps.find.delegation_vacant", locale, number=number))
        else:
            lines.append(
                t(
                    "reps.find.delegation_line",
                    locale,
                    number=number,
                    name=member.name,
                    party=party_letter(member.party),
                    phone=member.phone or t("reps.line.no_phone", locale),
                )
            )
    hint = t("reps.find.zip_hint", locale, url=HOUSE_FINDER)
    heading = plural("reps.find.delegation", len(found.seats.numbers), locale)
    body = clip("\n".join(lines), EMBED_DESCRIPTION - len(hint) - len(heading) - 8)
    return f"**{heading}**\n{body}\n\n{hint}"


def find_embed(
    found: Lookup,
    state_name: str,
    status: LegislatorsStatus,
    locale: Locale | None = None,
) -> discord.Embed:
    """The answer to ``/reps find``: senators, then the representative or the delegation."""
    embed = discord.Embed(title=clip(_heading(found, state_name, locale), EMBED_TITLE))
    embed.add_field(
        name=t("reps.find.senators", locale),
        value=clip(_senate(found, state_name, locale), EMBED_FIELD_VALUE),
        inline=False,
    )
    if found.district is not None:
        house_name = t(
            "reps.find.delegate" if found.state in NON_STATES else "reps.find.representative",
            locale,
        )
        rep = found.representative
        value = (
            office_line(rep, locale)
            if rep
            else t("reps.find.house_vacancy", locale, switchboard=CAPITOL_SWITCHBOARD)
        )
        embed.add_field(name=house_name, value=clip(value, EMBED_FIELD_VALUE), inline=False)
    else:
        embed.description = _delegation(found, locale)
    imported = status.imported_at
    loaded = format_date(datetime.fromisoformat(imported), locale) if imported else "?"
    footer = t("reps.find.footer", locale, switchboard=CAPITOL_SWITCHBOARD, date=loaded)
    embed.set_footer(text=clip(footer, EMBED_FOOTER))
    return embed
