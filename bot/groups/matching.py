"""The key typed words are matched by, for places and group names alike."""

from __future__ import annotations

import re
import unicodedata


def norm(text: str) -> str:
    """A key for matching places and names: case, accents, dots, dashes and spacing don't matter.

    "São Paulo" and "Sao Paulo", "Washington, D.C." and "washington dc" have the same key.
    """
    text = text.casefold().replace("’", "'").replace(".", "")
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    text = re.sub(r"[,\-_/()]+", " ", text)
    return " ".join(text.split())
