"""Time what /groups near and /groups list do per call, on a server with many location edits.

Every keystroke in ``/groups near place:`` runs the place autocomplete: read the server's
edits in force (one SQL query), build the gazetteer, rank suggestions. This times that, a
full resolve + near, and /groups list's layout, with every one of the 24 groups edited
``--edits`` times in the server (only the newest edit per group is in force) and other
servers' rows in the same table.

    python bench/bench_groups_places.py [--runs 200] [--edits 50]

Prints the median and 95th percentile of each, in milliseconds.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.core.content import load_content
from bot.core.database import Database
from bot.groups.locations import effective_groups
from bot.groups.places import Gazetteer
from bot.groups.storage import add_location_edit, current_edits
from cogs.groups.embeds import list_embeds, near_embed

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
    return f"{name:<44} median {statistics.median(ms):7.3f} ms   p95 {p95:7.3f} ms"


async def main(runs: int, edits: int) -> None:
    content = load_content()
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(Path(tmp) / "bench.db")
        await db.open()
        try:
            await _fill(db, edits)
            rows = await db.fetchval("SELECT COUNT(*) FROM group_location_edits")
            print(f"group_location_edits rows: {rows} ({edits} edits per group, 3 servers)")
            timings: dict[str, list[float]] = {
                "autocomplete (query + gazetteer + rank)": [],
                "near (query + gazetteer + resolve + embed)": [],
                "list (query + gazetteer + embeds)": [],
            }
            for i in range(runs):
                typed = ["", "oak", "bay", "new", "aus", "ca"][i % 6]
                start = time.perf_counter()
                gaz = Gazetteer(content, effective_groups(content, await current_edits(db, GUILD)))
                gaz.suggestions(typed)
                timings["autocomplete (query + gazetteer + rank)"].append(
                    time.perf_counter() - start
                )

                start = time.perf_counter()
                gaz = Gazetteer(content, effective_groups(content, await current_edits(db, GUILD)))
                near_embed(gaz, gaz.resolve("Oakland"))
                timings["near (query + gazetteer + resolve + embed)"].append(
                    time.perf_counter() - start
                )

                start = time.perf_counter()
                gaz = Gazetteer(content, effective_groups(content, await current_edits(db, GUILD)))
                list_embeds(gaz)
                timings["list (query + gazetteer + embeds)"].append(time.perf_counter() - start)
            for name, samples in timings.items():
                print(_summary(name, samples))
        finally:
            await db.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--edits", type=int, default=50)
    args = parser.parse_args()
    asyncio.run(main(args.runs, args.edits))
