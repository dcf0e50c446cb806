"""Places a member can name, and which signatory groups are near one (per server).

A member types a state ("California", "CA", "ca"), a metro region or one of its aliases
("San Francisco Bay Area", "Bay Area", "SF"), a city listed under a metro ("Oakland"
resolves to the San Francisco Bay Area), a city an organizer set in this server, or
"City, ST". A city we do not know, followed by a known state ("Austin, TX"), falls back to
the state and says so. Metro regions come from ``data/places.json``, where a metro may lie
``within`` another (the Bay Area is within Northern California).

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
from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.core.content import Content, Location
from bot.core.errors import UserError
from bot.core.limits import CHOICE_NAME, CHOICE_VALUE, clip
from bot.core.markdown import escape_markdown
from bot.groups.locations import GroupEntry, same_place, state_of
from bot.groups.matching import norm

CITY_MAX = 100
PLACE_MAX = 100
# Letters of any script, spaces and the punctuation real place names use.
_CITY_CHARS = re.compile(r"^[\w .,'’()&/-]+$")


@dataclass(frozen=True, slots=True)
class Place:
    """A state, a metro region or a city, as a member can name it."""

    kind: str  # "state", "metro" or "city"
    state: str
    metro: str | None = None
    city: str | None = None


@dataclass(frozen=True, slots=True)
class PlaceMatch:
    """The place a member's words resolved to, and how (for the reply to explain)."""

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
            where = state_of(loc, c.metros)
            if where is None:
                continue
            place = Place("city", where, None, loc.city)
            state_name = c.states.get(where, where)
            for words in (loc.city, f"{loc.city} {where}", f"{loc.city} {state_name}"):
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
        raise UserError("groups.near.unknown", place=escape_markdown(clip(typed, 100)))

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
        if not keys:
            return False
        return keys[0].place == Place(kind, state)

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
                raise UserError(
                    "groups.set.state_unknown", value=escape_markdown(clip(state_text, 100))
                )
        if not city:
            return Location(None, code, None, "organizer")
        if len(city) > CITY_MAX:
            raise UserError("groups.set.city_too_long", limit=CITY_MAX, length=len(city))
        if not _CITY_CHARS.match(city) or not any(ch.isalpha() for ch in city):
            raise UserError("groups.set.city_invalid", value=escape_markdown(clip(city, 100)))
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
            raise UserError("groups.set.state_needed", city=escape_markdown(city))
        return Location(city, code, None, "organizer")

    # -- describing a location

    def describe(self, loc: Location) -> str:
        """ "Berkeley, CA (San Francisco Bay Area)", "Northern California", "Arizona"."""
        metros = self.content.metros
        state = state_of(loc, metros)
        metro = metros[loc.metro].name if loc.metro and loc.metro in metros else None
        if loc.city:
            text = f"{loc.city}, {state}" if state else loc.city
            return f"{text} ({metro})" if metro and not same_place(loc.city, metro) else text
        if metro:
            return metro
        return self.content.states.get(state or "", state or "?")


@dataclass(frozen=True, slots=True)
class NearResult:
    """Groups inside a place, and groups whose wider area contains it."""

    inside: list[GroupEntry]
    wider: list[GroupEntry]


def suggest_states(content: Content, current: str, limit: int = 25) -> list[tuple[str, str]]:
    """(name, code) choices for a state: code or name starting with the words, then inside."""
    typed = current.strip().casefold()
    states = content.states.items()
    starts = [
        (c, n) for c, n in states if typed in (c.casefold(), "") or n.casefold().startswith(typed)
    ]
    inner = [(c, n) for c, n in states if (c, n) not in starts and typed in n.casefold()]
    return [(f"{name} ({code})", code) for code, name in (starts + inner)[:limit]]


def suggest_metro_cities(content: Content, current: str, limit: int = 25) -> list[tuple[str, str]]:
    """(name, city) choices among the cities listed under metros, by how they start."""
    typed = current.strip().casefold()
    out: list[tuple[str, str]] = []
    for metro in content.metros.values():
        for entry in metro.cities:
            city, state = split_city(entry, metro.state)
            if city.casefold().startswith(typed):
                out.append((f"{city}, {state} — {metro.name}", city))
    return out[:limit]
