"""What an organizer's `/group-location set` words mean: a city, a region or a state.

The organizer's word wins: a city the gazetteer does not know is kept as typed (it needs a
state then), and is shown as a place members can look up in that server. A city the
gazetteer or ``data/places.json`` knows gets its usual spelling, its state when that is
clear, and its metro region when it is listed under one.
"""

from __future__ import annotations

import re

from bot.core.content import Location
from bot.core.errors import UserError
from bot.core.limits import clip
from bot.core.markdown import escape_markdown
from bot.groups.places import Gazetteer

CITY_MAX = 100
# Letters of any script, spaces and the punctuation real place names use.
_CITY_CHARS = re.compile(r"^[\w .,'’()&/-]+$")


def location_for(gaz: Gazetteer, city: str | None, state: str | None) -> Location:
    """The location an organizer means; :class:`UserError` for input that can't be one."""
    city = " ".join((city or "").split())
    state_text = " ".join((state or "").split())
    if not city and not state_text:
        raise UserError("groups.set.nothing")
    code = None
    if state_text:
        code = gaz.state_code(state_text)
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
    name, sep, tail = city.rpartition(",")
    tail_code = gaz.state_code(tail) if sep and name.strip() else None
    if tail_code is not None:  # "Glendale, AZ", as the city suggestions send it
        if code not in (None, tail_code):
            raise UserError("groups.set.two_states", city=escape_markdown(city), state=code or "")
        city, code = name.strip(), tail_code
    if code is not None:
        found = gaz.find_city(city, code)
        if found is not None:
            return Location(found.city, code, found.metro, "organizer")
    region = _region_or_state(gaz, city, code)
    if region is not None:
        return region
    if code is None:
        cities = gaz.cities_named(city)
        if not cities or gaz.unclear(cities):
            raise UserError("groups.set.state_needed", city=escape_markdown(city))
        return Location(cities[0].city, cities[0].state, cities[0].metro, "organizer")
    return Location(city, code, None, "organizer")


def _region_or_state(gaz: Gazetteer, words: str, code: str | None) -> Location | None:
    """A metro's name or alias typed as the city (the whole region), or a state's name."""
    match = None
    try:
        match = gaz.resolve(words)
    except UserError:
        return None
    place = match.place
    if place.kind == "metro" and code in (None, place.state):
        return Location(None, place.state, place.metro, "organizer")
    if place.kind == "state" and match.unknown_city is None and code in (None, place.state):
        return Location(None, place.state, None, "organizer")
    return None
