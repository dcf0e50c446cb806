"""/groups replies as embeds: the list by state, who is near a place, one group's card."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

import discord

from bot.core.formatting import format_date, plural
from bot.core.i18n import t
from bot.core.limits import (
    EMBED_DESCRIPTION,
    EMBED_FIELD_NAME,
    EMBED_FIELD_VALUE,
    EMBED_FIELDS,
    EMBED_TOTAL,
    clip,
)
from bot.core.markdown import escape_markdown
from bot.groups.locations import GroupEntry, same_place, state_of
from bot.groups.nearby import NEARBY_MILES, Nearby, near
from bot.groups.places import Gazetteer, Place, PlaceMatch
from cogs._common.types import Locale


def _group_line(e: GroupEntry, locale: Locale) -> str:
    line = f"{e.signatory.position}. {escape_markdown(e.signatory.name)}"
    if e.from_organizer:
        line += " " + t("groups.list.set_here", locale)
    return line


@dataclass
class _Field:
    name: str
    lines: list[str]


def _pack_fields(fields: Iterable[_Field], continued: str) -> list[tuple[str, str]]:
    """Fields as (name, value) within Discord's field limits, long ones continued."""
    out: list[tuple[str, str]] = []
    for f in fields:
        value = ""
        name = clip(f.name, EMBED_FIELD_NAME)
        for line in f.lines:
            line = clip(line, EMBED_FIELD_VALUE)
            if value and len(value) + 1 + len(line) > EMBED_FIELD_VALUE:
                out.append((name, value))
                name = clip(continued.format(name=f.name), EMBED_FIELD_NAME)
                value = line
            else:
                value = f"{value}\n{line}" if value else line
        if value:
            out.append((name, value))
    return out


def _embeds_from_fields(
    title: str, description: str, fields: Sequence[tuple[str, str]], continued_title: str
) -> list[discord.Embed]:
    """As few embeds as hold the fields, each alone within Discord's message limits."""
    embeds: list[discord.Embed] = []
    embed = discord.Embed(title=clip(title, 256), description=clip(description, EMBED_DESCRIPTION))
    for name, value in fields:
        if len(embed.fields) >= EMBED_FIELDS or len(embed) + len(name) + len(value) > EMBED_TOTAL:
            embeds.append(embed)
            embed = discord.Embed(title=clip(continued_title, 256))
        embed.add_field(name=name, value=value, inline=False)
    embeds.append(embed)
    return embeds


def list_embeds(gaz: Gazetteer, locale: Locale = None) -> list[discord.Embed]:
    """/groups list: by state, then city or region; unknown locations under their own heading.

    Each embed fits one message on its own (6000 characters in total, 25 fields).
    """
    content = gaz.content
    by_state: dict[str, dict[str, list[GroupEntry]]] = {}
    unknown: list[GroupEntry] = []
    for e in gaz.entries:
        loc = e.location
        state = state_of(loc, content.metros) if loc else None
        if loc is None or state is None:
            unknown.append(e)
            continue
        if loc.city:
            place = escape_markdown(loc.city)
            metro = content.metros.get(loc.metro or "")
            if metro and not same_place(loc.city, metro.name):
                place = f"{place} ({escape_markdown(metro.name)})"
        elif loc.metro in content.metros:
            place = escape_markdown(content.metros[loc.metro].name)
        else:
            place = t("groups.list.no_city", locale)
        by_state.setdefault(state, {}).setdefault(place, []).append(e)
    fields: list[_Field] = []
    for state in sorted(by_state, key=lambda s: content.states.get(s, s)):
        lines: list[str] = []
        places = by_state[state]
        for place in sorted(places, key=lambda p: (p == t("groups.list.no_city", locale), p)):
            lines.append(f"**{place}**")
            lines.extend(_group_line(e, locale) for e in places[place])
        fields.append(_Field(content.states.get(state, state), lines))
    if unknown:
        fields.append(
            _Field(
                t("groups.list.unknown_heading", locale), [_group_line(e, locale) for e in unknown]
            )
        )
    packed = _pack_fields(fields, t("groups.list.continued_field", locale))
    return _embeds_from_fields(
        t("groups.list.title", locale, count=len(gaz.entries)),
        t("groups.list.intro", locale),
        packed,
        t("groups.list.continued_title", locale),
    )


def near_embed(gaz: Gazetteer, match: PlaceMatch, locale: Locale = None) -> discord.Embed:
    """/groups near: which groups, nearest first, and why each is offered."""
    place = match.place
    result = near(gaz, place)
    label = escape_markdown(gaz.label(place))
    lines = _preamble(gaz, match, label, locale)
    if result.inside:
        lines.append(t("groups.near.inside_heading", locale, place=label))
        for e in result.inside:
            why = _why_inside(gaz, e, place, locale)
            lines.append(f"• **{escape_markdown(e.signatory.name)}** — {why}")
    else:
        lines.append(t("groups.near.none_inside", locale, place=label))
    if result.nearest:
        lines.append("")
        key = "groups.near.nearest_far_heading" if result.farther else "groups.near.nearest_heading"
        lines.append(t(key, locale, place=label, miles=NEARBY_MILES))
        lines.extend(_nearby_line(gaz, n, locale) for n in result.nearest)
    if result.wider:
        lines.append("")
        lines.append(t("groups.near.wider_heading", locale, place=label))
        for e in result.wider:
            lines.append(
                f"• **{escape_markdown(e.signatory.name)}** — {_why_wider(gaz, e, locale)}"
            )
    unknown = sum(1 for e in gaz.entries if e.location is None)
    if unknown:
        lines.append("")
        lines.append(plural("groups.near.unknown_note", unknown, locale))
    named = match.typed if match.unknown_city else gaz.label(place)
    title = t("groups.near.title", locale, place=escape_markdown(clip(named, 100)))
    return discord.Embed(title=clip(title, 256), description=_fit_lines(lines, EMBED_DESCRIPTION))


def _preamble(gaz: Gazetteer, match: PlaceMatch, label: str, locale: Locale) -> list[str]:
    """Lines on how the words were read: the city's region, a fallback, other meanings."""
    place = match.place
    lines: list[str] = []
    if place.kind == "city" and place.metro in gaz.content.metros:
        metro = gaz.content.metros[place.metro].name
        if not same_place(place.city or "", metro):
            lines.append(
                t("groups.near.city_in_metro", locale, city=label, metro=escape_markdown(metro))
            )
    if match.unknown_city:
        lines.append(
            t(
                "groups.near.unknown_city",
                locale,
                city=escape_markdown(clip(match.unknown_city, 100)),
                state=label,
            )
        )
    if match.alternatives:
        others = " · ".join(escape_markdown(gaz.long_label(a)) for a in match.alternatives)
        lines.append(
            t(
                "groups.near.also_means",
                locale,
                typed=escape_markdown(clip(match.typed, 100)),
                other=others,
            )
        )
    if lines:
        lines.append("")
    return lines


def _nearby_line(gaz: Gazetteer, n: Nearby, locale: Locale) -> str:
    assert n.entry.location is not None
    text = escape_markdown(gaz.describe(n.entry.location))
    if n.entry.from_organizer:
        text += " " + t("groups.list.set_here", locale)
    if n.miles is None:
        away = t("groups.near.not_on_map", locale)
    elif n.miles < 1:
        away = t("groups.near.under_a_mile", locale)
    else:
        away = t("groups.near.miles", locale, miles=f"{round(n.miles):,}")
    return f"• **{escape_markdown(n.entry.signatory.name)}** — {text} · {away}"


def _why_inside(gaz: Gazetteer, e: GroupEntry, place: Place, locale: Locale) -> str:
    assert e.location is not None
    text = escape_markdown(gaz.describe(e.location))
    if place.kind == "metro" and e.location.metro and e.location.metro != place.metro:
        text += t(
            "groups.near.part_of",
            locale,
            region=escape_markdown(gaz.content.metros[e.location.metro].name),
            place=gaz.label(place),
        )
    if e.from_organizer:
        text += " " + t("groups.list.set_here", locale)
    return text


def _why_wider(gaz: Gazetteer, e: GroupEntry, locale: Locale) -> str:
    assert e.location is not None
    if e.location.metro:
        text = escape_markdown(gaz.describe(e.location))
    else:
        text = t("groups.near.whole_state", locale, state=escape_markdown(gaz.describe(e.location)))
    if e.from_organizer:
        text += " " + t("groups.list.set_here", locale)
    return text


def _fit_lines(lines: Sequence[str], limit: int) -> str:
    text = "\n".join(lines)
    return text if len(text) <= limit else clip(text, limit)


def info_embed(gaz: Gazetteer, entry: GroupEntry, locale: Locale = None) -> discord.Embed:
    """/groups info: the name as in the statement, position, location and its source."""
    s = entry.signatory
    total = len(gaz.content.signatories)
    embed = discord.Embed(title=clip(escape_markdown(s.name), 256))
    embed.add_field(
        name=t("groups.info.position", locale),
        value=t("groups.info.position_value", locale, position=s.position, total=total),
        inline=True,
    )
    if s.short_name:
        embed.add_field(
            name=t("groups.info.short_name", locale),
            value=escape_markdown(s.short_name),
            inline=True,
        )
    loc = entry.location
    where = escape_markdown(gaz.describe(loc)) if loc else t("groups.info.not_known", locale)
    embed.add_field(name=t("groups.info.location", locale), value=where, inline=False)
    if loc is None:
        source = t("groups.info.source_none", locale)
    elif entry.from_organizer:
        when = format_date(datetime.fromisoformat(entry.set_at), locale) if entry.set_at else "?"
        source = t("groups.info.source_organizer", locale, date=when)
        if s.location is not None:
            source += "\n" + t(
                "groups.info.name_says",
                locale,
                words=escape_markdown(s.location.evidence or ""),
                location=escape_markdown(gaz.describe(s.location)),
            )
    else:
        source = t("groups.info.source_name", locale, words=escape_markdown(loc.evidence or ""))
    embed.add_field(name=t("groups.info.source", locale), value=clip(source, 1024), inline=False)
    return embed
