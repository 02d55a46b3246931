"""Query safety on the 1M-triple benchmark graph: a cartesian product under `kg sparql`'s limits.

Run: python benchmarks/bench_query_safety.py [--work DIR] [--timeout S] [--memory-mb MB]

Generates ~1M quads with `kg generate` (22,000 invented people, 4,400 bodies), builds them into an
on-disk store, then runs through kg.guard (what `kg sparql` does):
- a three-way cartesian product with COUNT: must be cancelled at the timeout, with the message;
- a sort over a two-way product: must be stopped at the memory bound (or the timeout);
- an ordinary lookup right after: must still answer.
Reports the time to cancel, the parent's peak RSS and the query child's, beside the bound.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.errors import QueryError  # noqa: E402
from kg.guard import Limits, run_guarded  # noqa: E402
from kg.store import open_store  # noqa: E402

CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SORTED_PRODUCT = "SELECT ?c ?f WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 1"


def prepare(work: Path) -> str:
    store = work / "store-1m"
    if (store / "CURRENT").exists():
        return f"oxigraph:{store}"
    claims = work / "claims-1m"
    if not claims.exists():
        subprocess.run([sys.executable, "-m", "kg", "generate", "--people", "22000", "--orgs", "4400",
                        "--seed", "1", "-o", str(claims)], check=True, cwd=ROOT)
    files = sorted(str(p) for p in (claims / "claims").glob("*.json"))
    subprocess.run([sys.executable, "-m", "kg", "build", "-q", "--store", f"oxigraph:{store}", *files],
                   check=True, cwd=ROOT)
    return f"oxigraph:{store}"


def attempt(store, query: str, limits: Limits) -> tuple[str, float]:
    started = time.monotonic()
    try:
        run_guarded(store, query, limits)
        outcome = "finished"
    except QueryError as error:
        outcome = str(error)
    return outcome, time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", type=Path, default=ROOT / "benchmarks" / "out")
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument("--memory-mb", type=int, default=1024)
    parser.add_argument("--keep", action="store_true", help="keep the generated store")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    spec = prepare(args.work)
    store = open_store(spec, read_only=True)
    quads = len(store)
    limits = Limits(timeout=args.timeout, memory_mb=args.memory_mb)
    rows = []
    for name, query in (("cartesian product (3-way COUNT)", CARTESIAN), ("sort over a 2-way product", SORTED_PRODUCT)):
        outcome, seconds = attempt(store, query, limits)
        rows.append((name, outcome, seconds))
    lookup = run_guarded(store, "SELECT (COUNT(*) AS ?n) WHERE { ?p a foaf:Person }", limits)
    persons = next(iter(lookup.result))["n"].value
    child_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    own_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"store: {spec}, {quads:,} quads; limits: timeout {args.timeout:g} s, memory bound "
          f"{args.memory_mb} MB over the fork")
    print(f"{'query':34}  {'seconds':>8}  outcome")
    for name, outcome, seconds in rows:
        print(f"{name:34}  {seconds:8.2f}  {outcome}")
    print(f"lookup afterwards: {persons} persons (the store still answers)")
    print(f"peak RSS: kg process {own_peak:.0f} MB, query children {child_peak:.0f} MB")
    if not args.keep:
        shutil.rmtree(spec.removeprefix("oxigraph:"), ignore_errors=True)


if __name__ == "__main__":
    main()
