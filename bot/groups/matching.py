"""The key typed words are matched by, for places and group names alike."""

from __future__ import annotations

import re


def norm(text: str) -> str:
    """A key for matching places and names: case, dots, dashes and spacing don't matter."""
    text = text.casefold().replace("’", "'").replace(".", "")
    text = re.sub(r"[,\-_/()]+", " ", text)
    return " ".join(text.split())
