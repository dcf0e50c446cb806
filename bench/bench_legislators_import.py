"""Time a full import of members of Congress on a generated file of the real size and shape.

The generated file (tests/reps/legislators_file.py) has what legislators-current.json has:
541 people with the dataset's id block, name, bio and a history of terms. Names are made up.

    python bench/bench_legislators_import.py [--runs 15]

Prints the file size and the median (and min/max) time of: parse + validate, store (one
transaction into a SQLite file), the whole import, ``python -m bot import-legislators``'s
work end to end (open the database, read, validate, store; without interpreter start-up),
and one seat lookup.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.core.config import Settings
from bot.core.content import load_content
from bot.core.database import Database
from bot.reps import storage as store
from bot.reps.importer import import_file_cli
from bot.reps.legislators import parse_legislators
from tests.reps.legislators_file import generate


async def run(runs: int) -> None:
    data = generate()
    states = load_content().states
    parse_times, store_times, total_times, lookup_times, cli_times = [], [], [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(Path(tmp) / "bench.db")
        await db.open()
        try:
            for i in range(runs):
                t0 = time.perf_counter()
                parsed = parse_legislators(data, known_states=states, min_members=400)
                t1 = time.perf_counter()
                await store.replace_legislators(
                    db, parsed.members, source="bench", sha256=parsed.sha256, now_iso=str(i)
                )
                t2 = time.perf_counter()
                parse_times.append(t1 - t0)
                store_times.append(t2 - t1)
                total_times.append(t2 - t0)
                t3 = time.perf_counter()
                for _ in range(100):
                    await store.representative(db, "CA", 12)
                    await store.senators(db, "CA")
                lookup_times.append((time.perf_counter() - t3) / 200)
            members = await store.count_members(db)
        finally:
            await db.close()
        path = Path(tmp) / "legislators-current.json"
        path.write_bytes(data)
        settings = Settings(database_path=Path(tmp) / "cli.db")
        for _ in range(runs):
            t0 = time.perf_counter()
            with contextlib.redirect_stdout(io.StringIO()):
                assert await import_file_cli(settings, path) == 0
            cli_times.append(time.perf_counter() - t0)

    def show(label: str, values: list[float], unit: float = 1e3, suffix: str = "ms") -> None:
        print(
            f"{label:<24} median {statistics.median(values) * unit:8.2f} {suffix}"
            f"  (min {min(values) * unit:.2f}, max {max(values) * unit:.2f})"
        )

    print(f"generated file: {len(data) / 1e6:.2f} MB, {members} members, {runs} runs")
    show("parse + validate", parse_times)
    show("store (1 transaction)", store_times)
    show("full import", total_times)
    show("CLI end to end", cli_times)
    show("one seat lookup", lookup_times, 1e6, "µs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    asyncio.run(run(args.runs))


if __name__ == "__main__":
    main()
