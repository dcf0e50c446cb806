"""Which signatory groups are near a place, and why: in it, nearest by miles, or covering it.

For a **city**: the groups in that city first; then other groups based in a city, nearest
first with the distance in miles (those within ``NEARBY_MILES``; when there are none and no
group is in the city itself, the ``NEAREST_MIN`` nearest however far); then groups whose
area is a whole region or state containing the city ("also for a wider area"). A city's
region is the metro it is listed under in ``data/places.json`` and the metros that one
lies within.

For a **region or state** (containment, in both directions):

* Looking at a region shows every group located inside it, sub-regions included: "Northern
  California" lists the Bay Area groups, because Berkeley is in Northern California.
* Looking at a smaller region also shows, separately, groups whose own area is a wider
  region or state containing it: "Bay Area" lists the Bay Area groups, then Northern
  California Hong Kong Club. A group at a city in the wider region (say Sacramento) is not
  offered for the Bay Area: its area is that city, not the region.

Groups whose location is not known are never placed anywhere; the reply counts them.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.groups.locations import GroupEntry, state_of
from bot.groups.matching import norm
from bot.groups.places import Gazetteer, Place
from bot.groups.towns import miles

NEARBY_MILES = 150
NEAREST_MIN = 3


@dataclass(frozen=True, slots=True)
class Nearby:
    """A group based in another city, and how far that city is (None: not on the map)."""

    entry: GroupEntry
    miles: float | None


@dataclass(frozen=True, slots=True)
class NearResult:
    """Groups inside a place, nearest to it (cities only), and whose wider area contains it."""

    inside: list[GroupEntry]
    wider: list[GroupEntry]
    nearest: list[Nearby]
    farther: bool = False  # the nearest are all beyond NEARBY_MILES


def near(gaz: Gazetteer, place: Place) -> NearResult:
    """The groups a member looking at ``place`` is shown, in the order to show them."""
    if place.kind == "city":
        return _near_city(gaz, place)
    inside: list[GroupEntry] = []
    wider: list[GroupEntry] = []
    metros = gaz.content.metros
    target_chain = gaz.metro_chain(place.metro)
    for e in gaz.entries:
        loc = e.location
        if loc is None:
            continue
        state = state_of(loc, metros)
        chain = gaz.metro_chain(loc.metro)
        area_only = not loc.city  # the group's area is its metro or its state as a whole
        if place.kind == "state":
            if state == place.state or any(metros[m].state == place.state for m in chain):
                inside.append(e)
        elif place.metro in chain:
            inside.append(e)
        elif area_only and (loc.metro in target_chain if loc.metro else state == place.state):
            wider.append(e)
    return NearResult(inside, wider, [])


def _near_city(gaz: Gazetteer, place: Place) -> NearResult:
    inside: list[GroupEntry] = []
    wider: list[GroupEntry] = []
    placed: list[Nearby] = []
    unplaced: list[Nearby] = []
    metros = gaz.content.metros
    chain = gaz.metro_chain(place.metro)
    city = norm(place.city or "")
    here = place.point
    for e in gaz.entries:
        loc = e.location
        if loc is None:
            continue
        state = state_of(loc, metros)
        if not loc.city:
            covers = loc.metro in chain if loc.metro else state == place.state
            if covers:
                wider.append(e)
            continue
        if state == place.state and norm(loc.city) == city:
            inside.append(e)
            continue
        point = _group_point(gaz, loc.city, state)
        if here is not None and point is not None:
            placed.append(Nearby(e, miles(*here, *point)))
        elif state == place.state:
            unplaced.append(Nearby(e, None))  # in the same state, but not on the map
    placed.sort(key=lambda n: n.miles or 0.0)
    close = [n for n in placed if (n.miles or 0.0) <= NEARBY_MILES]
    # Far-away groups are worth a look only when none is in the city itself.
    farther = not close and not inside and bool(placed)
    nearest = placed[:NEAREST_MIN] if farther else close
    return NearResult(inside, wider, nearest + unplaced, farther)


def _group_point(gaz: Gazetteer, city: str, state: str | None) -> tuple[float, float] | None:
    if state is None:
        return None
    town = gaz.town(city, state)
    return None if town is None else (town.lat, town.lon)
