"""The acknowledgement benchmarks still run against the bot as it is (tiny settings: no figures
are judged here, only that the scripts drive today's commands without an error reply)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.mark.parametrize("script", ["bench_ack.py", "bench_ack_direct.py"])
def test_the_acknowledgement_benchmark_runs(script):
    done = subprocess.run(
        [sys.executable, str(BENCH / script), "--waves", "1", "--members", "5", "--pending", "50"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    rows = [line for line in done.stdout.splitlines() if line.startswith("all ")]
    assert rows, done.stdout
    assert all(int(row.split()[1]) == 5 for row in rows)  # every member's interaction answered
