"""Discord markdown: escape user- or data-provided text so it shows as typed."""

from __future__ import annotations

import re

# Characters and line starts that Discord's markdown reads as formatting.
_MARKDOWN = re.compile(r"(?P<markdown>[_\\~|\*`]|^>(?:>>)?\s|\[.+\]\(.+\)|^#{1,3}|^\s*-)", re.M)


def escape_markdown(text: str) -> str:
    """``text`` with every markdown character preceded by a backslash (links included)."""
    return _MARKDOWN.sub(lambda m: "\\" + m.group("markdown"), text)
