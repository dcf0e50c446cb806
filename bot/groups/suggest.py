"""Autocomplete for places: what `/groups near` and `/group-location set` offer as you type.

Every value offered resolves to the place it names: a city is offered with its state
("Glendale, AZ", "Glendale, CA"), so picking one is never ambiguous.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.core.content import Content
from bot.core.errors import UserError
from bot.core.limits import CHOICE_NAME, CHOICE_VALUE, clip
from bot.groups.locations import state_of
from bot.groups.matching import norm
from bot.groups.places import Gazetteer, Place, split_city
from bot.groups.towns import Town

Choice = tuple[str, str]  # (what the member sees, what is sent back)
_Option = tuple[Place, str, str, tuple[str, ...]]  # place, name, value, words it matches


def _named_options(gaz: Gazetteer) -> list[_Option]:
    """Metros, the cities set in this server, and states, each with the words they match."""
    c = gaz.content
    options: list[_Option] = []
    for m in c.metros.values():
        options.append((Place("metro", m.state, m.id), m.name, m.name, (m.name, *m.aliases)))
    seen: set[str] = set()
    for e in gaz.entries:
        loc = e.location
        if loc is None or not loc.city or loc.metro:
            continue
        state = state_of(loc, c.metros) or ""
        value = f"{loc.city}, {state}"
        if norm(value) not in seen:
            seen.add(norm(value))
            options.append((Place("city", state, None, loc.city), value, value, (loc.city,)))
    for code, name in c.states.items():
        value = next(v for v in (name, f"{name} state", code) if _is_state(gaz, v, code))
        options.append((Place("state", code), f"{name} ({code})", value, (name, code)))
    return options


def _is_state(gaz: Gazetteer, value: str, code: str) -> bool:
    try:
        return gaz.resolve(value).place == Place("state", code)
    except UserError:  # a name shared by towns of several states is asked about
        return False


def _with_groups(gaz: Gazetteer) -> set[tuple[str, str | None]]:
    found: set[tuple[str, str | None]] = set()
    for e in gaz.entries:
        if e.location is None:
            continue
        found.add(("state", state_of(e.location, gaz.content.metros)))
        for m in gaz.metro_chain(e.location.metro):
            found.add(("metro", m))
        if e.location.city:
            found.add(("city", norm(e.location.city)))
    return found


def _has_groups(place: Place, found: set[tuple[str, str | None]]) -> bool:
    if place.kind == "state":
        return ("state", place.state) in found
    if place.kind == "metro":
        return ("metro", place.metro) in found
    return ("city", norm(place.city or "")) in found


def _town_choice(gaz: Gazetteer, town: Town) -> Choice:
    value = town.label
    metro = gaz.metro_of(town.name, town.state)
    if metro is None:
        return value, value
    return f"{value} — {gaz.content.metros[metro].name}", value


def suggest_places(gaz: Gazetteer, current: str, limit: int = 25) -> list[Choice]:
    """Places for `/groups near`: regions, states and this server's cities whose names start
    with the words, then any US town that does (most populous first), then inner words."""
    typed = norm(current)
    found = _with_groups(gaz)
    named = _named_options(gaz)
    if not typed:
        listed = [o for o in named if o[0].kind != "metro" or o[1] == o[2]]
        listed.sort(key=lambda o: 0 if _has_groups(o[0], found) else 1)
        return _fit((o[1], o[2]) for o in listed)[:limit]
    tiers: list[list[tuple[int, Choice]]] = [[], [], [], []]
    for option in named:
        place, name, value, words = option
        keys = [norm(w) for w in words]
        has = 0 if _has_groups(place, found) else 1
        if any(k.startswith(typed) for k in keys):
            tiers[0].append((has, (name, value)))
        elif any(f" {typed}" in f" {k}" for k in keys):
            tiers[2].append((has, (name, value)))
        elif any(typed in k for k in keys):
            tiers[3].append((has, (name, value)))
    assert gaz.towns is not None
    states = _typed_states(gaz, current)
    town_words = typed if states is None else norm(current.rsplit(",", 1)[0])
    for town, whole in gaz.towns.starting(town_words, limit, states):
        tiers[1 if whole else 2].append((1, _town_choice(gaz, town)))
    ordered: list[Choice] = []
    for tier in tiers:
        ordered += [choice for _, choice in sorted(tier, key=lambda x: x[0])]
    return _fit(ordered)[:limit]


def _typed_states(gaz: Gazetteer, current: str) -> set[str] | None:
    """The states "Glendale, AZ" or "glendale, a" may mean while the state is being typed."""
    name, sep, tail = current.rpartition(",")
    tail = norm(tail)
    if not sep or not name.strip():
        return None
    code = gaz.state_code(tail) if tail else None
    if code is not None:
        return {code}
    return {c for c, n in gaz.content.states.items() if norm(n).startswith(tail)}


def _fit(choices: Iterable[Choice]) -> list[Choice]:
    """Choices within Discord's limits, each value once."""
    out: list[Choice] = []
    seen: set[str] = set()
    for name, value in choices:
        if len(value) > CHOICE_VALUE or norm(value) in seen:
            continue
        seen.add(norm(value))
        out.append((clip(name, CHOICE_NAME), value))
    return out


def suggest_cities(gaz: Gazetteer, current: str, limit: int = 25) -> list[Choice]:
    """Cities for `/group-location set`: listed ones and any US town, sent as "City, ST"."""
    typed = norm(current)
    if not typed:
        return []
    listed: list[Choice] = []
    for metro in gaz.content.metros.values():
        for entry in metro.cities:
            city, state = split_city(entry, metro.state)
            if norm(city).startswith(typed):
                listed.append((f"{city}, {state} — {metro.name}", f"{city}, {state}"))
    assert gaz.towns is not None
    states = _typed_states(gaz, current)
    words = typed if states is None else norm(current.rsplit(",", 1)[0])
    towns = [_town_choice(gaz, t) for t, _ in gaz.towns.starting(words, limit, states)]
    return _fit(towns + listed)[:limit]


def suggest_states(content: Content, current: str, limit: int = 25) -> list[Choice]:
    """(name, code) choices for a state: code or name starting with the words, then inside."""
    typed = current.strip().casefold()
    states = content.states.items()
    starts = [
        (c, n) for c, n in states if typed in (c.casefold(), "") or n.casefold().startswith(typed)
    ]
    inner = [(c, n) for c, n in states if (c, n) not in starts and typed in n.casefold()]
    return [(f"{name} ({code})", code) for code, name in (starts + inner)[:limit]]
