"""Rewrite ``data/statement.json`` from the seed text, keeping signatory metadata as is.

The statement's paragraphs and the signatories' names always come from the seed; the
locations in ``signatories.json`` (only where a group's name states one) are kept.
"""

from __future__ import annotations

import json

from bot.core.content import DATA_DIR
from bot.core.seed import read_seed


def build_data() -> None:
    seed = read_seed(DATA_DIR / "statement_seed.txt")
    statement = {
        "source": "statement_seed.txt",
        "title": seed.title,
        "paragraphs": [{"number": i, "text": p} for i, p in enumerate(seed.paragraphs, 1)],
    }
    (DATA_DIR / "statement.json").write_text(
        json.dumps(statement, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    path = DATA_DIR / "signatories.json"
    old = {s["position"]: s for s in json.loads(path.read_text(encoding="utf-8"))}
    rows = []
    for i, name in enumerate(seed.signatories, 1):
        prev = old.get(i, {})
        rows.append(
            {
                "position": i,
                "name": name,
                "short_name": prev.get("short_name"),
                "location": prev.get("location"),
            }
        )
    path.write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(seed.paragraphs)} paragraphs and {len(rows)} signatories to {DATA_DIR}")
