"""Time a full import of members of Congress on a generated file of the real size and shape.

The generated file has what legislators-current.json has: 100 senators, 435 representatives
(seats per state from the 2020 apportionment) and 6 delegates, 541 people, each with the
dataset's id block, name, bio and a history of terms (the last one current, with phone,
url, address, office and sometimes a contact form). Names are made up.

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
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

from bot.core.config import Settings
from bot.core.content import load_content
from bot.core.database import Database
from bot.reps import storage as store
from bot.reps.importer import import_file_cli
from bot.reps.legislators import parse_legislators
from bot.reps.seats import HOUSE_SEATS, NON_STATES

PARTIES = ["Democrat", "Republican", "Republican", "Democrat", "Independent"]


def _term(rng: random.Random, kind: str, state: str, district: int | None, start: int) -> dict:
    years = 6 if kind == "sen" else 2
    term = {
        "type": kind,
        "start": f"{start}-01-03",
        "end": f"{start + years}-01-03",
        "state": state,
        "party": rng.choice(PARTIES),
    }
    if kind == "rep":
        term["district"] = district
    else:
        term["class"] = rng.randint(1, 3)
    if start > 2000:  # the dataset has office details for recent terms
        n = rng.randint(1, 10**6)
        term.update(
            url=f"https://example{n}.{'senate' if kind == 'sen' else 'house'}.gov",
            address=f"{n % 2000} Example Office Building Washington DC 20515",
            phone=f"202-555-{n % 10000:04d}",
            office=f"{n % 2000} Example Office Building",
        )
    return term


def _person(rng: random.Random, n: int, kind: str, state: str, district: int | None) -> dict:
    first, last = f"Given{n}", f"Family{n}"
    past = min(int(rng.expovariate(1 / 4)), 24)  # most serve a few terms, a few serve decades
    start = 2025 - 2 * past
    terms = [_term(rng, "rep", state, district or 1, start + 2 * i) for i in range(past)]
    current = _term(rng, kind, state, district, 2025 if kind == "rep" else 2025 - 2 * (n % 3))
    current.update(
        phone=f"202-555-{n % 10000:04d}",
        address=f"{n} Example Office Building Washington DC 20515",
        office=f"{n} Example Office Building",
        rss_url=f"https://example{n}.gov/rss.xml",
    )
    if kind == "sen":
        current["state_rank"] = "senior" if n % 2 else "junior"
    if rng.random() < 0.6:
        current["contact_form"] = f"https://example{n}.gov/contact"
    terms.append(current)
    return {
        "id": {
            "bioguide": f"X{n:06d}",
            "thomas": f"{n:05d}",
            "lis": f"S{n:03d}",
            "govtrack": 400000 + n,
            "opensecrets": f"N{n:08d}",
            "votesmart": 10000 + n,
            "fec": [f"H{n:08d}", f"S{n:08d}"],
            "cspan": 1000000 + n,
            "wikipedia": f"{first} {last}",
            "house_history": 20000 + n,
            "ballotpedia": f"{first} {last}",
            "maplight": 500 + n,
            "icpsr": 30000 + n,
            "wikidata": f"Q{n + 1000}",
            "google_entity_id": f"kg:/m/0{n:06d}",
        },
        "name": {"first": first, "middle": "Q.", "last": last, "official_full": f"{first} {last}"},
        "bio": {"birthday": f"19{40 + n % 50}-0{1 + n % 9}-1{n % 9}", "gender": "FM"[n % 2]},
        "terms": terms,
    }


def generate(seed: int = 1) -> bytes:
    rng = random.Random(seed)
    people, n = [], 0
    for state, seats in sorted(HOUSE_SEATS.items()):
        for _ in range(2):
            n += 1
            people.append(_person(rng, n, "sen", state, None))
        for district in [0] if seats == 1 else range(1, seats + 1):
            n += 1
            people.append(_person(rng, n, "rep", state, district))
    for state in sorted(NON_STATES):
        n += 1
        people.append(_person(rng, n, "rep", state, 0))
    return json.dumps(people, separators=(",", ":")).encode()


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
