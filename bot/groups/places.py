"""The 24 signatory groups: where each is (per server), how they group, and place matching.

Effective location. In each server a group's location is the newest edit an organizer of
that server made (``bot.storage.group_locations``), else what the group's own name states
(``data/signatories.json``, with the words of the name as evidence), else unknown.

Places. A member types a state ("California", "CA", "ca"), a metro region or one of its
aliases ("San Francisco Bay Area", "Bay Area", "SF"), a city listed under a metro
("Oakland" resolves to the San Francisco Bay Area), a city an organizer set in this
server, or "City, ST". A city we do not know, followed by a known state ("Austin, TX"),
falls back to the state and says so. Metro regions come from ``data/places.json``, where a
metro may lie ``within`` another (the Bay Area is within Northern California).

Containment, in both directions (the choice this module makes):

* Looking at a region shows every group located inside it, sub-regions included: "Northern
  California" lists the Bay Area groups, because Berkeley is in Northern California.
* Looking at a smaller place also shows, separately and labelled as such, groups whose own
  area is a wider region containing it: "Oakland" or "Bay Area" lists the Bay Area groups,
  then "also serving a wider area": Northern California Hong Kong Club, and groups known
  only by their state (for "New York City": New Yorkers Supporting Hong Kong). A group
  that covers Northern California covers Oakland; it is not *in* the Bay Area, so it is
  never mixed into the first list. A group at a city in the wider region (say Sacramento)
  is not offered for Oakland: its area is that city, not the region.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import discord

from bot.core.content import Content, Location, Metro, Signatory
from bot.core.errors import UserError
from bot.core.i18n import t
from bot.core.limits import (
    CHOICE_NAME,
    CHOICE_VALUE,
    EMBED_DESCRIPTION,
    EMBED_FIELD_NAME,
    EMBED_FIELD_VALUE,
    EMBED_FIELDS,
    EMBED_TOTAL,
    clip,
)
from bot.core.markdown import escape_markdown
from bot.groups.storage import LocationEdit

Locale = discord.Locale | str | None
CITY_MAX = 100
PLACE_MAX = 100
# Letters of any script, spaces and the punctuation real place names use.
_CITY_CHARS = re.compile(r"^[\w .,'’()&/-]+$")


def escape(text: str) -> str:
    return escape_markdown(text)


def norm(text: str) -> str:
    """A key for matching places and names: case, dots, dashes and spacing don't matter."""
    text = text.casefold().replace("’", "'").replace(".", "")
    text = re.sub(r"[,\-_/()]+", " ", text)
    return " ".join(text.split())


# ------------------------------------------------------------------ effective location


@dataclass(frozen=True, slots=True)
class GroupEntry:
    """One signatory as a server sees it."""

    signatory: Signatory
    location: Location | None  # in force: the organizer's edit, else the name's, else None
    set_at: str | None = None  # ISO time of the organizer's edit in force

    @property
    def from_organizer(self) -> bool:
        return self.location is not None and self.location.source == "organizer"


def location_from_edit(edit: LocationEdit) -> Location:
    return Location(edit.city, edit.state, edit.metro, "organizer")


def effective_groups(content: Content, edits: Mapping[int, LocationEdit]) -> list[GroupEntry]:
    """Every signatory with its location in force for the server whose edits these are."""
    out = []
    for s in content.signatories:
        edit = edits.get(s.position)
        if edit is not None:
            out.append(GroupEntry(s, location_from_edit(edit), edit.set_at))
        else:
            out.append(GroupEntry(s, s.location))
    return out


def state_of(loc: Location, metros: Mapping[str, Metro]) -> str | None:
    if loc.state:
        return loc.state
    return metros[loc.metro].state if loc.metro in metros else None


# ---------------------------------------------------------------------------- places


def same_place(city: str, metro_name: str) -> bool:
    """True when a metro is named after the city ("Chicago" in "Chicago area")."""
    return norm(metro_name).startswith(norm(city))


@dataclass(frozen=True, slots=True)
class Place:
    kind: str  # "state", "metro" or "city"
    state: str
    metro: str | None = None
    city: str | None = None


@dataclass(frozen=True, slots=True)
class PlaceMatch:
    place: Place
    typed: str
    via_city: str | None = None  # a city that stands for its metro ("Oakland")
    unknown_city: str | None = None  # "Austin" in "Austin, TX" when only Texas is known
    alternatives: tuple[Place, ...] = ()


@dataclass(frozen=True, slots=True)
class _Key:
    rank: int  # lower wins when the same words name two places
    place: Place
    via_city: str | None = None


# Ranks: metro names and aliases, cities of metros, cities set in this server, state
# names, state codes. So "LA" is the Los Angeles area (and offers Louisiana), "New York"
# the New York City area (New York State's groups still show as a wider area).
_R_METRO, _R_METRO_CITY, _R_CITY, _R_STATE, _R_CODE = range(5)


def split_city(entry: str, default_state: str) -> tuple[str, str]:
    """A metro's city entry: "Oakland" (the metro's state) or "Newark, NJ"."""
    name, sep, code = entry.rpartition(",")
    if sep and len(code.strip()) == 2 and code.strip().isalpha():
        return name.strip(), code.strip().upper()
    return entry.strip(), default_state


@dataclass
class Gazetteer:
    """Every place a member can name in one server, with the groups' locations to match."""

    content: Content
    entries: Sequence[GroupEntry] = ()
    _index: dict[str, list[_Key]] = field(default_factory=dict, init=False)
    _state_keys: dict[str, str] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        c = self.content
        for code, name in c.states.items():
            self._state_keys[norm(code)] = code
            self._state_keys[norm(name)] = code
            self._add(name, _R_STATE, Place("state", code))
            self._add(f"{name} state", _R_STATE, Place("state", code))
            self._add(code, _R_CODE, Place("state", code))
        for m in c.metros.values():
            place = Place("metro", m.state, m.id)
            for words in (m.name, *m.aliases):
                self._add(words, _R_METRO, place)
            for entry in m.cities:
                city, state = split_city(entry, m.state)
                for words in (city, f"{city} {state}", f"{city} {c.states.get(state, state)}"):
                    self._add(words, _R_METRO_CITY, place, via_city=city)
        for e in self.entries:
            loc = e.location
            if loc is None or not loc.city or loc.metro:
                continue
            state = state_of(loc, c.metros)
            if state is None:
                continue
            place = Place("city", state, None, loc.city)
            state_name = c.states.get(state, state)
            for words in (loc.city, f"{loc.city} {state}", f"{loc.city} {state_name}"):
                self._add(words, _R_CITY, place)

    def _add(self, words: str, rank: int, place: Place, via_city: str | None = None) -> None:
        keys = self._index.setdefault(norm(words), [])
        if all((k.place, k.via_city) != (place, via_city) for k in keys):
            keys.append(_Key(rank, place, via_city))
            keys.sort(key=lambda k: k.rank)

    # -- naming

    def label(self, place: Place) -> str:
        if place.kind == "state":
            return self.content.states[place.state]
        if place.kind == "metro" and place.metro:
            return self.content.metros[place.metro].name
        return f"{place.city}, {place.state}"

    def long_label(self, place: Place) -> str:
        """A label that tells same-named places apart: "Washington (WA)"."""
        if place.kind == "state":
            return f"{self.content.states[place.state]} ({place.state})"
        return self.label(place)

    def state_code(self, text: str) -> str | None:
        """The two-letter code for a state's code or full name, any case."""
        return self._state_keys.get(norm(text))

    def metro_chain(self, metro_id: str | None) -> list[str]:
        """The metro and every metro it lies within, innermost first."""
        chain: list[str] = []
        while metro_id and metro_id in self.content.metros and metro_id not in chain:
            chain.append(metro_id)
            metro_id = self.content.metros[metro_id].within
        return chain

    # -- resolving what a member typed

    def resolve(self, text: str) -> PlaceMatch:
        """The place a member meant; :class:`UserError` with examples when unknown."""
        typed = " ".join(text.split())
        if not typed:
            raise UserError("groups.near.empty")
        if len(typed) > PLACE_MAX:
            raise UserError("groups.near.too_long", limit=PLACE_MAX)
        keys = self._index.get(norm(typed))
        if keys:
            best = keys[0]
            others: list[Place] = []
            for k in keys[1:]:
                p = k.place
                same_state = p.kind == "state" and p.state == best.place.state
                if p != best.place and p not in others and not same_state:
                    others.append(p)
            return PlaceMatch(best.place, typed, best.via_city, None, tuple(others))
        # "City, ST", "City ST" or "City, State": a city we don't know in a state we do.
        words = norm(typed).split()
        for size in range(min(4, len(words) - 1), 0, -1):
            code = self._state_keys.get(" ".join(words[-size:]))
            if code is None:
                continue
            if "," in typed:
                city = typed.rsplit(",", 1)[0].strip()
            else:
                city = " ".join(typed.split()[:-size])
            return PlaceMatch(Place("state", code), typed, None, city or None)
        raise UserError("groups.near.unknown", place=escape(clip(typed, 100)))

    def suggestions(self, current: str, limit: int = 25) -> list[tuple[str, str]]:
        """(name, value) choices for a place: typed words first, places with groups first."""
        typed = norm(current)
        options: list[tuple[Place, str, str, tuple[str, ...]]] = []
        c = self.content
        for m in c.metros.values():
            place = Place("metro", m.state, m.id)
            options.append((place, m.name, m.name, (m.name, *m.aliases)))
        for m in c.metros.values():
            for entry in m.cities:
                city, state = split_city(entry, m.state)
                value = f"{city}, {state}"
                options.append(
                    (Place("metro", m.state, m.id), f"{value} — {m.name}", value, (city,))
                )
        seen_cities: set[str] = set()
        for e in self.entries:
            loc = e.location
            if loc is None or not loc.city or loc.metro:
                continue
            state = state_of(loc, c.metros) or ""
            value = f"{loc.city}, {state}"
            if norm(value) in seen_cities:
                continue
            seen_cities.add(norm(value))
            options.append((Place("city", state, None, loc.city), value, value, (loc.city,)))
        for code, name in c.states.items():
            value = next(
                v for v in (name, f"{name} state", code) if self._resolves_to(v, "state", code)
            )
            options.append((Place("state", code), f"{name} ({code})", value, (name, code)))

        with_groups = self._places_with_groups()

        def score(option: tuple[Place, str, str, tuple[str, ...]]) -> tuple[int, int] | None:
            place, _, _, names = option
            has = 0 if self._covers_any(place, with_groups) else 1
            if not typed:
                return (0, has) if place.kind != "metro" or option[1] == option[2] else None
            keys = [norm(n) for n in names]
            if any(k.startswith(typed) for k in keys):
                return (0, has)
            if any(f" {typed}" in f" {k}" for k in keys):
                return (1, has)
            if any(typed in k for k in keys):
                return (2, has)
            return None

        scored = [(s, i, o) for i, o in enumerate(options) if (s := score(o)) is not None]
        scored.sort(key=lambda x: (x[0], x[1]))
        out: list[tuple[str, str]] = []
        for _, _, (_, name, value, _) in scored:
            if len(value) > CHOICE_VALUE:
                continue
            out.append((clip(name, CHOICE_NAME), value))
            if len(out) >= limit:
                break
        return out

    def _resolves_to(self, value: str, kind: str, state: str) -> bool:
        keys = self._index.get(norm(value))
        return bool(keys) and keys[0].place == Place(kind, state)

    def _places_with_groups(self) -> set[tuple[str, str | None]]:
        found: set[tuple[str, str | None]] = set()
        for e in self.entries:
            if e.location is None:
                continue
            state = state_of(e.location, self.content.metros)
            found.add(("state", state))
            for m in self.metro_chain(e.location.metro):
                found.add(("metro", m))
            if e.location.city:
                found.add(("city", norm(e.location.city)))
        return found

    def _covers_any(self, place: Place, found: set[tuple[str, str | None]]) -> bool:
        if place.kind == "state":
            return ("state", place.state) in found
        if place.kind == "metro":
            return ("metro", place.metro) in found
        return ("city", norm(place.city or "")) in found

    # -- which groups are near a place

    def near(self, place: Place) -> NearResult:
        inside: list[GroupEntry] = []
        wider: list[GroupEntry] = []
        metros = self.content.metros
        for e in self.entries:
            loc = e.location
            if loc is None:
                continue
            state = state_of(loc, metros)
            chain = self.metro_chain(loc.metro)
            area_only = not loc.city  # the group's area is its metro or its state as a whole
            if place.kind == "state":
                if state == place.state or any(metros[m].state == place.state for m in chain):
                    inside.append(e)
            elif place.kind == "metro":
                target_chain = self.metro_chain(place.metro)
                if place.metro in chain:
                    inside.append(e)
                elif area_only and (
                    loc.metro in target_chain if loc.metro else state == place.state
                ):
                    wider.append(e)
            else:
                if loc.city and norm(loc.city) == norm(place.city or "") and state == place.state:
                    inside.append(e)
                elif area_only and not loc.metro and state == place.state:
                    wider.append(e)
        return NearResult(inside, wider)

    # -- what an organizer typed for /groups set-location

    def location_for(self, city: str | None, state: str | None) -> Location:
        """Check and normalise an organizer's city and state; map a known city to its metro."""
        city = " ".join(city.split()) if city else None
        state_text = " ".join(state.split()) if state else None
        if not city and not state_text:
            raise UserError("groups.set.nothing")
        code = None
        if state_text:
            code = self.state_code(state_text)
            if code is None:
                raise UserError("groups.set.state_unknown", value=escape(clip(state_text, 100)))
        if not city:
            return Location(None, code, None, "organizer")
        if len(city) > CITY_MAX:
            raise UserError("groups.set.city_too_long", limit=CITY_MAX, length=len(city))
        if not _CITY_CHARS.match(city) or not any(ch.isalpha() for ch in city):
            raise UserError("groups.set.city_invalid", value=escape(clip(city, 100)))
        keys = self._index.get(norm(city), [])
        metros = self.content.metros
        for key in keys:  # a city listed under a metro: keep its spelling, add the metro
            if key.rank != _R_METRO_CITY or key.place.metro is None:
                continue
            metro = metros[key.place.metro]
            for entry in metro.cities:
                known, known_state = split_city(entry, metro.state)
                if norm(known) == norm(key.via_city or "") and code in (None, known_state):
                    return Location(known, known_state, metro.id, "organizer")
        for key in keys:  # a metro's name or alias typed as the city: the whole region
            if key.rank == _R_METRO and code in (None, key.place.state):
                return Location(None, key.place.state, key.place.metro, "organizer")
        for key in keys:  # a state typed as the city ("Texas"): the state as a whole
            if key.rank in (_R_STATE, _R_CODE) and code in (None, key.place.state):
                return Location(None, key.place.state, None, "organizer")
        if code is None:
            raise UserError("groups.set.state_needed", city=escape(city))
        return Location(city, code, None, "organizer")

    # -- describing a location

    def describe(self, loc: Location) -> str:
        """ "Berkeley, CA (San Francisco Bay Area)", "Northern California", "Arizona"."""
        metros = self.content.metros
        state = state_of(loc, metros)
        metro = metros[loc.metro].name if loc.metro in metros else None
        if loc.city:
            text = f"{loc.city}, {state}" if state else loc.city
            return f"{text} ({metro})" if metro and not same_place(loc.city, metro) else text
        if metro:
            return metro
        return self.content.states.get(state or "", state or "?")


@dataclass(frozen=True, slots=True)
class NearResult:
    inside: list[GroupEntry]
    wider: list[GroupEntry]


# ---------------------------------------------------------------------------- groups


def display_name(s: Signatory) -> str:
    return s.name


def group_choice_name(s: Signatory) -> str:
    return clip(f"{s.position}. {s.name}", CHOICE_NAME)


def group_choice_value(s: Signatory) -> str:
    return s.name if len(s.name) <= CHOICE_VALUE else str(s.position)


def _group_keys(s: Signatory) -> list[str]:
    keys = [norm(s.name)]
    if s.short_name:
        keys.append(norm(s.short_name))
    bare = re.sub(r"\s*\([^)]*\)\s*$", "", s.name)
    if bare != s.name:
        keys.append(norm(bare))
    return keys


def resolve_group(content: Content, text: str) -> Signatory:
    """The signatory a member meant, by name, short name, number or a unique part of a name."""
    typed = " ".join(text.split())
    if not typed:
        raise UserError("groups.info.empty")
    key = norm(typed)
    digits = key.lstrip("#").strip()
    if digits.isdigit():
        found = content.signatory(int(digits)) if len(digits) < 6 else None
        if found is None:
            raise UserError(
                "groups.info.bad_number", number=clip(digits, 12), count=len(content.signatories)
            )
        return found
    exact = [s for s in content.signatories if key in _group_keys(s)]
    if len(exact) == 1:
        return exact[0]
    partial = [s for s in content.signatories if any(key in k for k in _group_keys(s))]
    if len(partial) == 1:
        return partial[0]
    if len(partial) > 1:
        names = ", ".join(escape(s.short_name or s.name) for s in partial[:5])
        raise UserError("groups.info.ambiguous", value=escape(clip(typed, 100)), names=names)
    raise UserError("groups.info.unknown", value=escape(clip(typed, 100)))


def suggest_groups(content: Content, current: str, limit: int = 25) -> list[Signatory]:
    typed = norm(current)
    if not typed:
        return list(content.signatories[:limit])
    if typed.lstrip("#").isdigit():
        n = typed.lstrip("#")
        return [s for s in content.signatories if str(s.position).startswith(n)][:limit]
    starts = [s for s in content.signatories if any(k.startswith(typed) for k in _group_keys(s))]
    words = [
        s
        for s in content.signatories
        if s not in starts and any(f" {typed}" in f" {k}" for k in _group_keys(s))
    ]
    inner = [
        s
        for s in content.signatories
        if s not in starts and s not in words and any(typed in k for k in _group_keys(s))
    ]
    return (starts + words + inner)[:limit]


# ------------------------------------------------------------------------- rendering


def _group_line(e: GroupEntry, locale: Locale) -> str:
    line = f"{e.signatory.position}. {escape(e.signatory.name)}"
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
            place = escape(loc.city)
            metro = content.metros.get(loc.metro or "")
            if metro and not same_place(loc.city, metro.name):
                place = f"{place} ({escape(metro.name)})"
        elif loc.metro in content.metros:
            place = escape(content.metros[loc.metro].name)
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
    """/groups near: which groups, and why each is offered."""
    result = gaz.near(match.place)
    label = gaz.label(match.place)
    lines: list[str] = []
    if match.via_city and not same_place(match.via_city, label):
        lines.append(
            t("groups.near.city_in_metro", locale, city=escape(match.via_city), metro=label)
        )
    if match.unknown_city:
        lines.append(
            t(
                "groups.near.unknown_city",
                locale,
                city=escape(clip(match.unknown_city, 100)),
                state=label,
            )
        )
    for alt in match.alternatives:
        lines.append(
            t(
                "groups.near.also_means",
                locale,
                typed=escape(clip(match.typed, 100)),
                other=gaz.long_label(alt),
            )
        )
    if lines:
        lines.append("")
    if result.inside:
        lines.append(t("groups.near.inside_heading", locale, place=label))
        for e in result.inside:
            lines.append(
                f"• **{escape(e.signatory.name)}** — {_why_inside(gaz, e, match.place, locale)}"
            )
    else:
        lines.append(t("groups.near.none_inside", locale, place=label))
    if result.wider:
        lines.append("")
        lines.append(t("groups.near.wider_heading", locale, place=label))
        for e in result.wider:
            lines.append(f"• **{escape(e.signatory.name)}** — {_why_wider(gaz, e, locale)}")
    unknown = sum(1 for e in gaz.entries if e.location is None)
    if unknown:
        lines.append("")
        plural = "unknown_note_one" if unknown == 1 else "unknown_note_other"
        lines.append(t(f"groups.near.{plural}", locale, count=unknown))
    named = match.typed if match.via_city or match.unknown_city else label
    title = t("groups.near.title", locale, place=escape(clip(named, 100)))
    return discord.Embed(title=clip(title, 256), description=_fit_lines(lines, EMBED_DESCRIPTION))


def _why_inside(gaz: Gazetteer, e: GroupEntry, place: Place, locale: Locale) -> str:
    assert e.location is not None
    text = escape(gaz.describe(e.location))
    if place.kind == "metro" and e.location.metro and e.location.metro != place.metro:
        text += t(
            "groups.near.part_of",
            locale,
            region=escape(gaz.content.metros[e.location.metro].name),
            place=gaz.label(place),
        )
    if e.from_organizer:
        text += " " + t("groups.list.set_here", locale)
    return text


def _why_wider(gaz: Gazetteer, e: GroupEntry, locale: Locale) -> str:
    assert e.location is not None
    if e.location.metro:
        text = escape(gaz.describe(e.location))
    else:
        text = t("groups.near.whole_state", locale, state=escape(gaz.describe(e.location)))
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
    embed = discord.Embed(title=clip(escape(s.name), 256))
    embed.add_field(
        name=t("groups.info.position", locale),
        value=t("groups.info.position_value", locale, position=s.position, total=total),
        inline=True,
    )
    if s.short_name:
        embed.add_field(
            name=t("groups.info.short_name", locale), value=escape(s.short_name), inline=True
        )
    loc = entry.location
    where = escape(gaz.describe(loc)) if loc else t("groups.info.not_known", locale)
    embed.add_field(name=t("groups.info.location", locale), value=where, inline=False)
    if loc is None:
        source = t("groups.info.source_none", locale)
    elif entry.from_organizer:
        source = t("groups.info.source_organizer", locale, date=(entry.set_at or "")[:10])
        if s.location is not None:
            source += "\n" + t(
                "groups.info.name_says",
                locale,
                words=escape(s.location.evidence or ""),
                location=escape(gaz.describe(s.location)),
            )
    else:
        source = t("groups.info.source_name", locale, words=escape(loc.evidence or ""))
    embed.add_field(name=t("groups.info.source", locale), value=clip(source, 1024), inline=False)
    return embed
