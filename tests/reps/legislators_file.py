"""A legislators-current.json of the real size and shape, generated (names made up).

It has what the published file has: 100 senators, 435 representatives (seats per state
from the 2020 apportionment) and 6 delegates, 541 people, each with the dataset's id block,
name, bio and a history of terms (the last one current, with phone, url, address, office
and sometimes a contact form). Used by the tests and by bench/bench_legislators_import.py.
"""

from __future__ import annotations

import json
import random

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


def generate_people(seed: int = 1) -> list[dict]:
    """541 people: two senators per state, the apportioned House seats, six delegates."""
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
    return people


def generate(seed: int = 1) -> bytes:
    """The whole file, compact as it is published."""
    return encode(generate_people(seed))


def encode(people: list[dict]) -> bytes:
    return json.dumps(people, separators=(",", ":")).encode()
