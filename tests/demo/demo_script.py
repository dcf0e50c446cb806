"""Running the demo on a script in-process, and reading what it printed after a line."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

from bot.demo.repl import run_demo


def demo(script: str, db: Path | None = None) -> str:
    """Pipe ``script`` into the demo; return everything it printed."""
    out = io.StringIO()
    code = run_demo(db, False, stdin=io.StringIO(textwrap.dedent(script)), stdout=out)
    text = out.getvalue()
    assert code == 0, text
    assert "Traceback" not in text
    return text


def after(text: str, line: str) -> str:
    """What was printed after the echo of ``line`` (up to the next prompt)."""
    _, _, tail = text.partition("> " + line + "\n")
    assert tail, f"{line!r} was not echoed in:\n{text}"
    return tail.split("\nmember in ")[0].split("\norganizer in ")[0]
