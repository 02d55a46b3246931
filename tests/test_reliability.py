"""Faults: writers that collide, writers killed mid-way, readers during writes."""

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.store import open_store

KG = [sys.executable, "-m", "kg"]
EXTRA = """format: vnhealth-claims/1
source: {id: reliability-extra}
posts:
  - {person: Đỗ Văn Bền, role: Giám đốc, org: Sở Y tế Thử Nghiệm, status: current, quote: "ông Đỗ Văn Bền"}
organizations:
  - {name: Sở Y tế Thử Nghiệm, quote: "Sở Y tế Thử Nghiệm"}
"""
HOLDER = """
import sys, time
from kg.store import open_store
store = open_store(sys.argv[1])
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
"""


def kg(*args, **kwargs):
    return subprocess.run([*KG, *args], capture_output=True, text=True, timeout=120, **kwargs)


def content(spec):
    store = open_store(spec, read_only=True)
    try:
        return frozenset(str(q) for q in store.quads())
    finally:
        store.close()


@pytest.fixture()
def disk_spec(tmp_path):
    spec = f"oxigraph:{tmp_path / 'store'}"
    assert kg("build", "-q", "--store", spec).returncode == 0
    return spec


def hold(spec, seconds):
    process = subprocess.Popen([sys.executable, "-c", HOLDER, spec.removeprefix("oxigraph:"), str(seconds)],
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "holding"
    return process


def killed_runs(next_args, runs, rng, settle, max_delay=1.4):
    """Start `kg ARGS` (ARGS from next_args()), SIGKILL it after a random delay, `runs` times;
    call settle() after each."""
    for _ in range(runs):
        process = subprocess.Popen([*KG, *next_args()], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.0, max_delay))
        process.send_signal(signal.SIGKILL)
        process.wait()
        settle()


def test_second_writer_is_told_the_pid_and_store_is_untouched(disk_spec):
    before = content(disk_spec)
    holder = hold(disk_spec, 30)
    try:
        result = kg("build", "-q", "--store", disk_spec)
        assert result.returncode == 2
        assert result.stderr.strip() == (
            f"kg: error: store {disk_spec.removeprefix('oxigraph:')} is in use by PID {holder.pid} "
            "(a write is running); retry later or pass --wait")
        # A reader is not blocked by the writer and sees the committed data.
        reader = kg("roles", "dao hong lan", "--json", "--store", disk_spec)
        assert reader.returncode == 0 and "Bộ trưởng" in reader.stdout
    finally:
        holder.kill()
        holder.wait()
    assert content(disk_spec) == before


def test_wait_blocks_until_the_other_writer_ends(disk_spec, tmp_path):
    extra = tmp_path / "extra.yaml"
    extra.write_text(EXTRA, encoding="utf-8")
    holder = hold(disk_spec, 1.5)
    started = time.monotonic()
    result = kg("build", "-q", "--wait", "--store", disk_spec, str(extra))
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started >= 1.0
    holder.wait()
    assert any("do-van-ben" in q for q in content(disk_spec))


@pytest.mark.slow
def test_build_killed_at_random_points_leaves_old_or_new_never_a_mix(disk_spec, tmp_path):
    """SIGKILL `kg build` at random delays; each time the store holds the whole old or the whole new graph."""
    extra = tmp_path / "extra.yaml"
    extra.write_text(EXTRA, encoding="utf-8")
    old = content(disk_spec)
    new_spec = f"oxigraph:{tmp_path / 'reference-new'}"
    assert kg("build", "-q", "--store", new_spec, str(extra)).returncode == 0
    new = content(new_spec)
    assert old != new
    outcomes = {"old": 0, "new": 0}
    runs = 20

    def next_args():
        # Alternate direction so both old->new and new->old swaps get interrupted.
        target_is_new = content(disk_spec) == old
        return ["build", "-q", "--store", disk_spec, *([str(extra)] if target_is_new else [])]

    def settle():
        open_store(disk_spec).close()  # a writer opening the store finishes or undoes an interrupted swap
        now = content(disk_spec)
        assert now in (old, new)
        outcomes["new" if now == new else "old"] += 1
        validate = kg("validate", "--store", disk_spec)
        assert validate.returncode == 0, validate.stdout

    killed_runs(next_args, runs, random.Random(20261122), settle, max_delay=1.6)
    leftovers = [p.name for p in Path(disk_spec.removeprefix("oxigraph:")).parent.iterdir()]
    assert sorted(leftovers) == ["extra.yaml", "reference-new", "reference-new.lock", "store", "store.lock"]
    print(f"kill test: {runs} runs, outcomes {outcomes}")


def test_recovery_from_a_crash_between_the_two_renames(disk_spec):
    path = Path(disk_spec.removeprefix("oxigraph:"))
    before = content(disk_spec)
    path.rename(path.with_name("store.old"))  # the moment after "retire old", before "move new in"
    staging = path.with_name("store.new-999999")
    staging.mkdir()
    (staging / "half-written").write_text("x")
    assert content(disk_spec) == before  # readers fall back to the retired store
    open_store(disk_spec).close()  # a writer recovers
    assert content(disk_spec) == before
    assert not staging.exists() and not path.with_name("store.old").exists()


ARTICLE = ("(Báo Thử) - Sáng 14/3/2026, tại Hà Nội, ông Trịnh Văn Kiên, Giám đốc Sở Y tế Hải Dương, "
           "đã chủ trì hội nghị tổng kết công tác y tế năm 2025.\n")


@pytest.mark.slow
def test_ingest_killed_at_random_points_leaves_old_or_new(disk_spec, tmp_path):
    article = tmp_path / "bao-thu-hai-duong.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    old = content(disk_spec)
    reference = f"oxigraph:{tmp_path / 'reference'}"
    assert kg("build", "-q", "--store", reference).returncode == 0
    assert kg("ingest", str(article), "--store", reference).returncode == 0
    new = content(reference)
    assert old != new and any("trinh-van-kien" in q for q in new)
    outcomes = []

    def settle():
        open_store(disk_spec).close()
        now = content(disk_spec)
        assert now in (old, new)
        outcomes.append(now == new)
        if now == new:  # start the next run from the old content again
            assert kg("build", "-q", "--store", disk_spec).returncode == 0

    killed_runs(lambda: ["ingest", str(article), "--store", disk_spec], 20, random.Random(7), settle)
    print(f"ingest kill test: 20 runs, {sum(outcomes)} ended new, {20 - sum(outcomes)} old")


@pytest.mark.slow
def test_export_killed_at_random_points_leaves_the_old_file_or_the_whole_new_one(disk_spec, tmp_path):
    target = tmp_path / "dataset.nq"
    assert kg("export", "--format", "nq", "--source", "gazetteer", "-o", str(target), "--store", disk_spec
              ).returncode == 0
    old = target.read_bytes()
    full = tmp_path / "full.nq"
    assert kg("export", "--format", "nq", "-o", str(full), "--store", disk_spec).returncode == 0
    new = full.read_bytes()
    assert old != new
    outcomes = []

    def settle():
        now = target.read_bytes()
        assert now in (old, new)
        outcomes.append(now == new)
        target.write_bytes(old)

    export = ["export", "--format", "nq", "-o", str(target), "--store", disk_spec]
    killed_runs(lambda: export, 20, random.Random(11), settle)
    print(f"export kill test: 20 runs, {sum(outcomes)} ended new, {20 - sum(outcomes)} old")
