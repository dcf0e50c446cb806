"""Time ``python -m bot demo`` from process start to its first prompt, at a terminal.

The demo runs in a pseudo-terminal (so it behaves as at a real terminal: readline, prompt),
the clock starts just before the process is spawned and stops when the prompt
``member in #general>`` appears; then ``:quit`` is typed and the exit is timed too.

    python bench/bench_demo_startup.py [--runs 7]

Prints the median, min and max of both. POSIX only (uses the pty module).
"""

from __future__ import annotations

import argparse
import os
import pty
import select
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROMPT = b"member in #general> "


def one_run() -> tuple[float, float]:
    leader, follower = pty.openpty()
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "demo"],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        cwd=ROOT,
        env={**os.environ, "XDG_STATE_HOME": os.environ.get("TMPDIR", "/tmp")},
    )
    os.close(follower)
    seen = b""
    try:
        while PROMPT not in seen:
            ready, _, _ = select.select([leader], [], [], 30)
            if not ready:
                raise TimeoutError(f"no prompt after 30 s; saw {seen[-300:]!r}")
            seen += os.read(leader, 65536)
        to_prompt = time.perf_counter() - started
        quit_at = time.perf_counter()
        os.write(leader, b":quit\n")
        while proc.poll() is None:
            ready, _, _ = select.select([leader], [], [], 0.05)
            if ready:
                try:
                    os.read(leader, 65536)
                except OSError:
                    break
        proc.wait(timeout=30)
        return to_prompt, time.perf_counter() - quit_at
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(leader)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    one_run()  # warm the file cache and the .pyc files
    starts, quits = zip(*(one_run() for _ in range(args.runs)), strict=True)
    for label, values in (("start to first prompt", starts), (":quit to exit", quits)):
        print(
            f"{label}: median {statistics.median(values) * 1000:.0f} ms "
            f"(min {min(values) * 1000:.0f}, max {max(values) * 1000:.0f}, {args.runs} runs)"
        )


if __name__ == "__main__":
    main()
