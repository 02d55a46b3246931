"""`make bench` in miniature: every step of benchmarks/bench.py runs on tiny data and fills its table."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [pytest.mark.server, pytest.mark.slow]


def test_bench_runs_every_step_on_small_data(tmp_path):
    results = tmp_path / "results.md"
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench.py"), "--scale", "small",
                           "--work", str(tmp_path / "work"), "--load-seconds", "1", "--lookup-timeout", "10",
                           "--results", str(results)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    table = results.read_text(encoding="utf-8")
    for row in ("build 1M", "build 10M", "vs rdflib", "roles at 10M", "holders at 10M", "coordination at 10M",
                "cites at 10M", "kg roles, fresh process", "kg serve, 8 clients"):
        assert row in table
    raw = json.loads(results.with_suffix(".json").read_text())
    assert raw["10M"]["build"]["quads"] > 50_000
    assert abs(raw["10M"]["bulk_load"]["quads"] - raw["10M"]["build"]["quads"]) < 0.01 * raw["10M"]["build"]["quads"]
    assert raw["serve"]["errors"] == 0 and raw["serve"]["requests"] > 10
    assert raw["lookups"]["roles"]["n"] == 50
