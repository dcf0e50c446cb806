"""Places a member can name (one server): states, metro regions, and any US city or town.

A member types a state ("California", "CA"), a metro region or one of its aliases
("San Francisco Bay Area", "Bay Area", "SF"), or a city: any US city or town the gazetteer
(:mod:`bot.groups.towns`) knows, a city listed under a metro in ``data/places.json``, or a
city an organizer set in this server, bare ("Oakland") or with its state ("Glendale, AZ",
"Glendale Arizona"). A bare name that several sizeable places share ("Glendale": Arizona
and California) is not guessed: the member is asked which. A city the gazetteer does not
know, followed by a known state, falls back to the state and says so.

A city listed under a metro lies in that metro (Oakland in the Bay Area), which lies
``within`` another (Northern California); that is how a region-wide group is found to
cover a city (see :mod:`bot.groups.nearby`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.core.content import Content, Location
from bot.core.errors import UserError
from bot.core.limits import clip
from bot.core.markdown import escape_markdown
from bot.groups.locations import GroupEntry, same_place, state_of
from bot.groups.matching import norm
from bot.groups.towns import Town, TownIndex, us_towns

PLACE_MAX = 100
# A bare name is asked about when another state's place of that name has at least this
# share of the largest one's people (Glendale AZ/CA, Richmond VA/CA, Kansas City MO/KS).
AMBIGUOUS_SHARE = 0.25
# Smaller namesakes still worth a line ("Portland" can also mean Portland, ME).
ALSO_SHARE = 0.10
ALSO_MAX = 3
WHICH_MAX = 6


@dataclass(frozen=True, slots=True)
class Place:
    """A state, a metro region or a city, as a member can name it.

    A city carries the metro it is listed under (if any) and its coordinates when the
    gazetteer knows it; these don't count when comparing places.
    """

    kind: str  # "state", "metro" or "city"
    state: str
    metro: str | None = None
    city: str | None = None
    lat: float | None = field(default=None, compare=False)
    lon: float | None = field(default=None, compare=False)
    population: int = field(default=0, compare=False)

    @property
    def point(self) -> tuple[float, float] | None:
        return None if self.lat is None or self.lon is None else (self.lat, self.lon)


@dataclass(frozen=True, slots=True)
class PlaceMatch:
    """The place a member's words resolved to, and how (for the reply to explain)."""

    place: Place
    typed: str
    unknown_city: str | None = None  # "Lake Wobegon" in "Lake Wobegon, MN": only the state
    alternatives: tuple[Place, ...] = ()


@dataclass(frozen=True, slots=True)
class _Key:
    rank: int  # lower wins when the same words name two places
    place: Place


# Ranks: metro names and aliases, cities of metros, cities set in this server, state
# names, state codes. So "LA" is the Los Angeles area (and offers Louisiana).
_R_METRO, _R_METRO_CITY, _R_CITY, _R_STATE, _R_CODE = range(5)
_CITIES = (_R_METRO_CITY, _R_CITY)


def split_city(entry: str, default_state: str) -> tuple[str, str]:
    """A city entry: "Oakland" (in ``default_state``) or "Newark, NJ"."""
    name, sep, code = entry.rpartition(",")
    if sep and len(code.strip()) == 2 and code.strip().isalpha():
        return name.strip(), code.strip().upper()
    return entry.strip(), default_state


def town_place(town: Town, metro: str | None = None, city: str | None = None) -> Place:
    return Place("city", town.state, metro, city or town.name, town.lat, town.lon, town.population)


@dataclass
class Gazetteer:
    """Every place a member can name in one server, with the groups' locations to match.

    Built for each command from the server's groups; the towns index is shared and built
    once per process (``towns`` defaults to it).
    """

    content: Content
    entries: Sequence[GroupEntry] = ()
    towns: TownIndex | None = None
    _index: dict[str, list[_Key]] = field(default_factory=dict, init=False)
    _state_keys: dict[str, str] = field(default_factory=dict, init=False)
    _town_metros: dict[tuple[str, str], str] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        if self.towns is None:
            self.towns = us_towns()
        c = self.content
        for code, name in c.states.items():
            self._state_keys[norm(code)] = code
            self._state_keys[norm(name)] = code
            self._add(name, _R_STATE, Place("state", code))
            self._add(f"{name} state", _R_STATE, Place("state", code))
            self._add(code, _R_CODE, Place("state", code))
        for m in c.metros.values():
            for words in (m.name, *m.aliases):
                self._add(words, _R_METRO, Place("metro", m.state, m.id))
            for entry in m.cities:
                city, state = split_city(entry, m.state)
                place = self.city_place(city, state, m.id)
                for words in (city, f"{city} {state}", f"{city} {c.states.get(state, state)}"):
                    self._add(words, _R_METRO_CITY, place)
        for e in self.entries:
            loc = e.location
            if loc is None or not loc.city or loc.metro:
                continue
            where = state_of(loc, c.metros)
            if where is None:
                continue
            place = self.city_place(loc.city, where)
            state_name = c.states.get(where, where)
            for words in (loc.city, f"{loc.city} {where}", f"{loc.city} {state_name}"):
                self._add(words, _R_CITY, place)

    def _add(self, words: str, rank: int, place: Place) -> None:
        keys = self._index.setdefault(norm(words), [])
        if all(k.place != place for k in keys):
            keys.append(_Key(rank, place))
            keys.sort(key=lambda k: k.rank)

    def city_place(self, city: str, state: str, metro: str | None = None) -> Place:
        """A city as a place: with the gazetteer's coordinates when it knows the city."""
        assert self.towns is not None
        found = self.towns.named(city, state)
        if not found:
            return Place("city", state, metro, city)
        if metro is not None:  # "New York" is listed; the gazetteer says "New York City"
            self._town_metros.setdefault((norm(found[0].name), state), metro)
        return town_place(found[0], metro, city)

    def town(self, city: str, state: str) -> Town | None:
        """The gazetteer's town of that name in that state (the most populous)."""
        assert self.towns is not None
        found = self.towns.named(city, state)
        return found[0] if found else None

    def metro_of(self, city: str, state: str) -> str | None:
        """The metro a city is listed under in ``data/places.json``, if any."""
        for key in self._index.get(norm(city), ()):
            if key.rank == _R_METRO_CITY and key.place.state == state:
                return key.place.metro
        return self._town_metros.get((norm(city), state))

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

    # -- resolving what a member typed

    def resolve(self, text: str) -> PlaceMatch:
        """The place a member meant; :class:`UserError` with examples when unknown or unclear."""
        typed = " ".join(text.split())
        if not typed:
            raise UserError("groups.near.empty")
        if len(typed) > PLACE_MAX:
            raise UserError("groups.near.too_long", limit=PLACE_MAX)
        keys = self._index.get(norm(typed), [])
        if keys and keys[0].rank == _R_METRO:
            return PlaceMatch(keys[0].place, typed, None, self._others(keys, keys[0].place))
        states = [k.place for k in keys if k.rank in (_R_STATE, _R_CODE)]
        if states and not any(k.rank in _CITIES for k in keys):
            return PlaceMatch(states[0], typed)
        cities = self.cities_named(typed)
        if not cities:
            return self._city_in_state(typed)
        unclear = self.unclear(cities)
        if unclear:
            raise UserError(
                "groups.near.which",
                place=escape_markdown(clip(typed, 100)),
                choices=" · ".join(self.label(p) for p in unclear[:WHICH_MAX]),
            )
        best = cities[0]
        also = [p for p in cities[1:] if p.population >= ALSO_SHARE * best.population]
        also += [p for p in states[:1] if p.state != best.state]
        return PlaceMatch(best, typed, None, tuple(also[: ALSO_MAX + 1]))

    def _others(self, keys: Sequence[_Key], best: Place) -> tuple[Place, ...]:
        others: list[Place] = []
        for k in keys:
            p = k.place
            same_state = p.kind == "state" and p.state == best.state
            its_city = p.kind == "city" and p.metro == best.metro  # "San Francisco"
            if p != best and p not in others and not same_state and not its_city:
                others.append(p)
        return tuple(others)

    def cities_named(self, name: str) -> list[Place]:
        """Cities of this name, one per state, most populous first.

        A city listed under a metro or set in this server stands for its state; the
        gazetteer adds the others ("Glendale": Arizona's, California's, New York's…).
        """
        assert self.towns is not None
        by_state: dict[str, Place] = {}
        for key in self._index.get(norm(name), ()):
            if key.rank in _CITIES:
                by_state.setdefault(key.place.state, key.place)
        for town in self.towns.named(name):
            if town.state not in by_state:
                by_state[town.state] = town_place(town, self.metro_of(town.name, town.state))
        return sorted(by_state.values(), key=lambda p: -p.population)

    @staticmethod
    def unclear(cities: Sequence[Place]) -> list[Place]:
        """The places to ask about when a bare name is shared by sizeable places; else []."""
        if len(cities) < 2:
            return []
        floor = AMBIGUOUS_SHARE * cities[0].population
        if cities[1].population < floor:
            return []
        return [p for p in cities if p.population >= floor]

    def _city_in_state(self, typed: str) -> PlaceMatch:
        """ "City, ST", "City ST" or "City, State": that city, else the state as a whole."""
        words = norm(typed).split()
        for size in range(min(4, len(words) - 1), 0, -1):
            code = self._state_keys.get(" ".join(words[-size:]))
            if code is None:
                continue
            if "," in typed:
                city = typed.rsplit(",", 1)[0].strip()
            else:
                city = " ".join(typed.split()[:-size])
            if not city:
                break
            place = self.find_city(city, code)
            if place is not None:
                return PlaceMatch(place, typed)
            return PlaceMatch(Place("state", code), typed, city)
        raise UserError("groups.near.unknown", place=escape_markdown(clip(typed, 100)))

    def find_city(self, city: str, state: str) -> Place | None:
        """The city of that name in that state: listed, set in this server, or a town."""
        for key in self._index.get(norm(city), ()):
            if key.rank in _CITIES and key.place.state == state:
                return key.place
        town = self.town(city, state)
        if town is None:
            return None
        return town_place(town, self.metro_of(town.name, state))


_BUILT: dict[tuple[int, int, tuple[GroupEntry, ...]], Gazetteer] = {}
BUILT_KEPT = 64  # place indexes kept (servers without edits share one)


def gazetteer_for(content: Content, entries: Sequence[GroupEntry], towns: TownIndex) -> Gazetteer:
    """The :class:`Gazetteer` of these groups, built once and reused while a server's group
    locations stay the same (a new edit makes new entries, so a new index)."""
    key = (id(content), id(towns), tuple(entries))
    found = _BUILT.get(key)
    if found is None or found.content is not content or found.towns is not towns:
        if len(_BUILT) >= BUILT_KEPT:
            del _BUILT[next(iter(_BUILT))]
        found = _BUILT[key] = Gazetteer(content, key[2], towns)
    return found
