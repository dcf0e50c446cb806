"""Parse the joint statement's seed text (the source of record) into its parts.

The seed is plain text: a title line, body paragraphs separated by blank lines, and a
numbered signatory list. Links written ``[words](#)`` have no real target, so only the
words are kept. ``python -m bot build-data`` uses this to (re)write the JSON in ``data/``;
the tests use it to check that the JSON still equals the seed word for word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_DEAD_LINK = re.compile(r"\[([^\]]+)\]\(#\)")
_SIGNATORY = re.compile(r"^(\d+)\.\s+(.+)$")


def strip_dead_links(text: str) -> str:
    """Replace ``[words](#)`` with ``words``."""
    return _DEAD_LINK.sub(r"\1", text)


@dataclass(frozen=True, slots=True)
class ParsedSeed:
    title: str
    paragraphs: tuple[str, ...]
    signatories: tuple[str, ...]


def parse_seed(text: str) -> ParsedSeed:
    """Split the seed into title, body paragraphs (links stripped) and signatory names."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    if not blocks:
        raise ValueError("the seed text is empty")
    title, *rest = blocks
    paragraphs: list[str] = []
    signatories: list[str] = []
    for block in rest:
        lines = block.splitlines()
        matches = [m for line in lines if (m := _SIGNATORY.match(line.strip()))]
        if len(matches) == len(lines):  # a block of numbered names: the signatories
            for expected, match in enumerate(matches, start=len(signatories) + 1):
                number, name = match.groups()
                if int(number) != expected:
                    raise ValueError(f"signatory {number} is out of order (expected {expected})")
                signatories.append(name.strip())
        else:
            paragraphs.append(strip_dead_links(" ".join(line.strip() for line in lines)))
    return ParsedSeed(
        title=strip_dead_links(title), paragraphs=tuple(paragraphs), signatories=tuple(signatories)
    )


def read_seed(path: Path) -> ParsedSeed:
    return parse_seed(path.read_text(encoding="utf-8"))
