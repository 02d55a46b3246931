"""`make bench`: the graph at 1M and 10M triples, each figure next to a baseline measured in the same run.

Run: python benchmarks/bench.py [--scale full|small] [--work DIR] [--results FILE] [--load-seconds S]

- build/load: `kg build` of `kg generate` claims into the default kind of store (Oxigraph on disk),
  triples per second and peak RSS, against pyoxigraph's own bulk_load of the same N-Quads into a
  fresh on-disk store (at 1M three of each, alternating, the median reported), and rdflib's
  Graph.parse (a Dataset) of them at 1M;
- lookups at 10M: p50/p95 of roles, holders, coordination and cites in-process, over `kg serve`
  HTTP (the same library calls through a sparql: store), and through rdflib's engine at 1M;
- `kg roles` as a fresh process on the 10M store, against a bare `python -c pass`;
- `kg serve` under a bounded load from a second process (8 clients, 30 s, 127.0.0.1 only):
  requests/s, p99, errors, against Oxigraph's own server given the same load.
Each measurement runs in a child process of its own, so peak RSS is that measurement's.
`--scale small` runs every step on tiny data in under a minute (the test suite does).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# (people, orgs) per size: kg generate makes about 45 quads per person.
SCALES = {"full": {"1M": (22_000, 4_400), "10M": (220_000, 44_000)},
          "small": {"1M": (300, 60), "10M": (1_200, 240)}}
# Builds and bulk loads per size, alternating, the median reported (10M: once, ~5 min a pair).
REPEATS = {"1M": 3, "10M": 1}
LOOKUPS = ("roles", "holders", "coordination", "cites")
LOOKUP_BUDGET_S = 60  # a slow lookup is timed fewer times (at least 3)...
LOOKUP_TIMEOUT_S = 150.0  # ...and one that takes longer than this in all is reported as stopped
GOALS = {"build_vs_bulk": 0.8, "build_vs_rdflib": 5.0, "lookup_p50_ms": 5.0, "roles_cli_s": 0.5, "serve_rps": 500}


# ---- children: one measurement each, JSON on stdout ----

def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def child_build(store: str, claims_dir: str) -> dict[str, Any]:
    from kg.build import build
    from kg.store import open_store

    shutil.rmtree(store, ignore_errors=True)
    files = sorted(Path(claims_dir).glob("*.json"))
    started = time.perf_counter()
    report = build(open_store(f"oxigraph:{store}"), extra=files)
    return {"seconds": time.perf_counter() - started, "quads": report.quads}


def child_bulk_load(store: str, nquads: str) -> dict[str, Any]:
    import pyoxigraph as ox

    shutil.rmtree(store, ignore_errors=True)
    started = time.perf_counter()
    target = ox.Store(store)
    target.bulk_load(path=nquads, format=ox.RdfFormat.N_QUADS)
    target.flush()
    return {"seconds": time.perf_counter() - started, "quads": len(target)}


def child_rdflib_parse(nquads: str) -> dict[str, Any]:
    import rdflib

    started = time.perf_counter()
    dataset = rdflib.Dataset()
    dataset.parse(nquads, format="nquads")
    return {"seconds": time.perf_counter() - started, "quads": len(dataset)}


def child_export(store: str, nquads: str) -> dict[str, Any]:
    import pyoxigraph as ox

    source = ox.Store.read_only(store)
    source.dump(nquads, format=ox.RdfFormat.N_QUADS)
    return {"quads": len(source)}


def _median_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The run of median time, with every run's seconds beside it."""
    ordered = sorted(runs, key=lambda r: r["seconds"])
    return {**ordered[(len(ordered) - 1) // 2], "runs": [round(r["seconds"], 1) for r in runs]}


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {"p50": 1000 * statistics.median(ordered), "p95": 1000 * ordered[int(0.95 * (len(ordered) - 1))],
            "n": len(ordered)}


def _time_lookups(store: Any, name: str, inputs: list[str], rounds: int) -> dict[str, Any]:
    from kg import lookup, query

    call = {"roles": query.roles, "holders": lookup.holders, "coordination": lookup.coordination,
            "cites": lookup.cites}[name]
    timings = []
    call(store, inputs[0])  # warm caches as a running process would have them
    budget = time.perf_counter() + LOOKUP_BUDGET_S
    for index in range(rounds):
        if index >= 3 and time.perf_counter() > budget:
            break
        started = time.perf_counter()
        answer = call(store, inputs[index % len(inputs)])
        timings.append(time.perf_counter() - started)
        assert answer is not None
    return _percentiles(timings)


def child_lookups(spec: str, samples_file: str, name: str, rounds: str) -> dict[str, Any]:
    from kg.store import open_store

    samples = json.loads(Path(samples_file).read_text())
    return _time_lookups(open_store(spec, read_only=True), name, samples[name], int(rounds))


def child_rdflib_lookups(nquads: str, samples_file: str, name: str, rounds: str) -> dict[str, Any]:
    """The same lookups through rdflib's SPARQL engine (a Dataset whose default graph is the union)."""
    import pyoxigraph as ox
    import rdflib

    from kg.store import Store, with_values

    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(nquads, format="nquads")

    def to_ox(term: Any) -> Any:
        if isinstance(term, rdflib.URIRef):
            return ox.NamedNode(str(term))
        if isinstance(term, rdflib.BNode):
            return ox.BlankNode(str(term))
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)) if term.datatype else None)

    class Rows(list):
        variables: list[Any]

    class RdflibStore(Store):
        spec = "rdflib:"

        def query(self, sparql: str, bindings: Any = None) -> Any:
            from kg.namespaces import sparql_prologue

            # bound as the other stores bind: a VALUES block (rdflib's initBindings takes no lists)
            result = dataset.query(sparql_prologue() + with_values(sparql, bindings))
            rows = Rows({str(v): (to_ox(r[v]) if r[v] is not None else None) for v in result.vars} for r in result)
            rows.variables = [ox.Variable(str(v)) for v in result.vars]
            return rows

        update = named_graphs = quads = replace_all = None  # read-only view

    samples = json.loads(Path(samples_file).read_text())
    return _time_lookups(RdflibStore(), name, samples[name], int(rounds))


CHILDREN = {"build": child_build, "bulk_load": child_bulk_load, "rdflib_parse": child_rdflib_parse,
            "export": child_export, "lookups": child_lookups, "rdflib_lookups": child_rdflib_lookups}


def measure(kind: str, *args: str, timeout: float | None = None) -> dict[str, Any]:
    """Run one measurement in a fresh child; its JSON answer plus its peak RSS in MiB."""
    try:
        done = subprocess.run([sys.executable, __file__, "_child", kind, *args], capture_output=True, text=True,
                              cwd=ROOT, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"timeout": timeout}
    if done.returncode != 0:
        raise SystemExit(f"bench: {kind} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# ---- orchestration ----

def samples_from(claims_dir: Path, count: int = 20) -> dict[str, list[str]]:
    """Names the lookups ask for: current holders, bodies with agreements, cited documents."""
    persons, bodies, parties, documents = [], [], [], []
    for path in sorted(claims_dir.glob("*.json"))[:200]:
        claims = json.loads(path.read_text(encoding="utf-8"))
        persons += [p["person"] for p in claims["posts"] if p["status"] == "current"][:1]
        bodies += [o["name"] for o in claims["organizations"]][:1]
        parties += [a["parties"][0] for a in claims["agreements"]][:1]
        documents += [d["id"] for d in claims["documents"] if d.get("type") == "Nghị quyết"][:1]
    pick = random.Random(1)
    return {"roles": pick.sample(persons, min(count, len(persons))),
            "holders": pick.sample(bodies, min(count, len(bodies))),
            "coordination": pick.sample(parties, min(count, len(parties))),
            "cites": sorted(set(documents))[:5]}


def kg_command() -> list[str]:
    script = Path(sys.executable).parent / "kg"
    return [str(script)] if script.exists() else [sys.executable, "-m", "kg"]


def start_server(args: list[str]) -> tuple[subprocess.Popen, str]:
    from kg.server import free_port

    port = free_port()
    process = subprocess.Popen([*args, "--port", str(port)] if args[0] != "oxigraph" else args,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return process, f"http://127.0.0.1:{port}"


def wait_until_up(url: str, process: subprocess.Popen) -> None:
    import urllib.request

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"bench: server stopped: {process.stderr.read().decode()[-2000:]}")
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"bench: {url} did not answer")


def load_test(query_url: str, keys: list[str], seconds: float) -> dict[str, Any]:
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "load.py"), query_url, str(seconds),
                           *keys], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"bench: load failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout)


def roles_cli(spec: str, name: str, runs: int = 5) -> dict[str, float]:
    times, bare = [], []
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run([*kg_command(), "roles", name, "--store", spec], capture_output=True, text=True)
        times.append(time.perf_counter() - started)
        assert done.returncode == 0, done.stderr
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        bare.append(time.perf_counter() - started)
    return {"seconds": statistics.median(times), "bare": statistics.median(bare)}


def machine() -> dict[str, str]:
    import pyoxigraph
    import rdflib

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next((line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), "0")
    return {"cpu": cpu, "cores": str(os.cpu_count()), "memory": f"{int(memory) / 1024 / 1024:.1f} GiB",
            "python": platform.python_version(), "pyoxigraph": pyoxigraph.__version__,
            "oxigraph server": subprocess.run([str(Path(sys.executable).parent / "oxigraph"), "--version"],
                                              capture_output=True, text=True).stdout.strip(),
            "rdflib": rdflib.__version__, "os": platform.platform()}


def run(scale: str, work: Path, load_seconds: float, lookup_timeout: float, log: Any) -> dict[str, Any]:
    from kg.generate import generate

    results: dict[str, Any] = {"scale": scale, "machine": machine(), "load_before": os.getloadavg()}
    work.mkdir(parents=True, exist_ok=True)
    for size, (people, orgs) in SCALES[scale].items():
        data = work / f"data-{size}"
        log(f"{size}: kg generate --people {people} --orgs {orgs}")
        generate(data, people, orgs, seed=1)
        store, nquads = work / f"store-{size}", work / f"{size}.nq"
        builds: list[dict[str, Any]] = []
        bulks: list[dict[str, Any]] = []
        for round_ in range(REPEATS[size]):
            # alternate which goes first: the disk's speed drifts (a 1M bulk_load took 9 s or 29 s)
            for step in ("build", "bulk_load") if round_ % 2 == 0 else ("bulk_load", "build"):
                if step == "build":
                    log(f"{size}: kg build ({round_ + 1}/{REPEATS[size]})")
                    builds.append(measure("build", str(store), str(data / "claims")))
                    if round_ == 0:  # the baseline's input: what the build wrote
                        measure("export", str(store), str(nquads))
                else:
                    log(f"{size}: pyoxigraph bulk_load of the same quads ({round_ + 1}/{REPEATS[size]})")
                    bulks.append(measure("bulk_load", str(work / f"bulk-{size}"), str(nquads)))
                    shutil.rmtree(work / f"bulk-{size}", ignore_errors=True)
        results[size] = {"build": _median_run(builds), "bulk_load": _median_run(bulks)}
        if size == "1M":
            log(f"{size}: rdflib Dataset.parse")
            results[size]["rdflib_parse"] = measure("rdflib_parse", str(nquads))
    big, small = work / "store-10M", work / "1M.nq"
    samples = {size: samples_from(work / f"data-{size}" / "claims") for size in SCALES[scale]}
    for size, chosen in samples.items():
        (work / f"samples-{size}.json").write_text(json.dumps(chosen, ensure_ascii=False))
    rounds = {"roles": 50, "holders": 50, "coordination": 50, "cites": 10}

    def lookups(kind: str, target: str, size: str, times: dict[str, int]) -> dict[str, Any]:
        return {name: measure(kind, target, str(work / f"samples-{size}.json"), name, str(times[name]),
                              timeout=lookup_timeout) for name in LOOKUPS}

    log("10M: lookups in-process")
    results["lookups"] = lookups("lookups", f"oxigraph:{big}", "10M", rounds)
    log("1M: lookups through rdflib")
    results["rdflib_lookups"] = lookups("rdflib_lookups", str(small), "1M", dict.fromkeys(rounds, 5))
    samples = samples["10M"]
    log("10M: kg roles as a fresh process")
    results["roles_cli"] = roles_cli(f"oxigraph:{big}", samples["roles"][0])
    server, base = start_server([*kg_command(), "serve", "--store", f"oxigraph:{big}"])
    try:
        wait_until_up(base + "/", server)
        log("10M: lookups over kg serve HTTP")
        results["http_lookups"] = lookups("lookups", f"sparql:{base}/query", "10M", rounds)
        from kg.text import name_key

        keys = [name_key(n) for n in samples["roles"]]
        log(f"10M: kg serve under load ({load_seconds:g} s, 8 clients)")
        results["serve"] = load_test(f"{base}/query", keys, load_seconds)
    finally:
        server.terminate()
        server.wait()
    from kg.server import free_port, oxigraph_command

    port = free_port()
    command = [oxigraph_command(), "serve-read-only", "--union-default-graph", "--location", str(big)]
    oxigraph = subprocess.Popen([*command, "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/", oxigraph)
        log(f"10M: Oxigraph's own server under the same load ({load_seconds:g} s)")
        results["oxigraph_serve"] = load_test(f"http://127.0.0.1:{port}/query", keys, load_seconds)
    finally:
        oxigraph.terminate()
        oxigraph.wait()
    results["load_after"] = os.getloadavg()
    return results


# ---- the table ----

def rate(entry: dict[str, Any]) -> str:
    runs = f"; runs {', '.join(f'{r:g}' for r in entry['runs'])} s" if len(entry.get("runs", [])) > 1 else ""
    return f"{entry['quads'] / entry['seconds'] / 1000:,.0f}k triples/s ({entry['seconds']:.1f} s, " \
           f"{entry['rss_mb']:,.0f} MiB{runs})"


def table(results: dict[str, Any]) -> list[list[str]]:
    rows = []
    for size in SCALES[results["scale"]]:
        built, bulk = results[size]["build"], results[size]["bulk_load"]
        ratio = (built["quads"] / built["seconds"]) / (bulk["quads"] / bulk["seconds"])
        rows.append([f"build {size} ({built['quads']:,} quads) vs bulk_load", rate(built),
                     "pyoxigraph bulk_load, disk: " + rate(bulk),
                     f"{ratio:.2f}x (goal >= {GOALS['build_vs_bulk']})", _ok(ratio >= GOALS["build_vs_bulk"])])
        if "rdflib_parse" in results[size]:
            parsed = results[size]["rdflib_parse"]
            ratio = (built["quads"] / built["seconds"]) / (parsed["quads"] / parsed["seconds"])
            rows.append([f"build {size} vs rdflib", rate(built), "rdflib Dataset.parse: " + rate(parsed),
                         f"{ratio:.1f}x (goal >= {GOALS['build_vs_rdflib']:g}x)",
                         _ok(ratio >= GOALS["build_vs_rdflib"])])
    for name in LOOKUPS:
        local, remote, slow = (results[k][name] for k in ("lookups", "http_lookups", "rdflib_lookups"))
        rows.append([f"{name} at 10M, p50/p95", f"{_latency(local)} in-process; {_latency(remote)} over kg serve",
                     f"rdflib at 1M: {_latency(slow)}", f"p50 goal <= {GOALS['lookup_p50_ms']:g} ms",
                     _ok("p50" in local and local["p50"] <= GOALS["lookup_p50_ms"])])
    cli = results["roles_cli"]
    rows.append(["kg roles, fresh process, 10M", f"{cli['seconds']:.2f} s", f"python -c pass: {cli['bare']:.2f} s",
                 f"goal <= {GOALS['roles_cli_s']} s", _ok(cli["seconds"] <= GOALS["roles_cli_s"])])
    serve, own = results["serve"], results["oxigraph_serve"]
    rows.append(["kg serve, 8 clients, 10M", _load(serve), "oxigraph serve: " + _load(own),
                 f"goal >= {GOALS['serve_rps']}/s, 0 errors",
                 _ok(serve["rps"] >= GOALS["serve_rps"] and serve["errors"] == 0)])
    return rows


def _latency(entry: dict[str, Any]) -> str:
    if "timeout" in entry:
        return f"over {entry['timeout']:g} s (stopped)"
    return f"{entry['p50']:.1f} / {entry['p95']:.1f} ms (n={entry['n']})"


def _load(entry: dict[str, Any]) -> str:
    return f"{entry['rps']:,.0f} req/s, p99 {entry['p99_ms']:.1f} ms, {entry['errors']} errors " \
           f"({entry['requests']:,} in {entry['seconds']:.0f} s)"


def _ok(flag: bool) -> str:
    return "met" if flag else "MISSED"


def markdown(results: dict[str, Any]) -> str:
    head = ["measure", "kg", "baseline (same run)", "goal", ""]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(row) + " |" for row in table(results)]
    info = "\n".join(f"- {k}: {v}" for k, v in results["machine"].items())
    before, after = results["load_before"], results["load_after"]
    return (f"{chr(10).join(lines)}\n\nMachine:\n{info}\n- load average (1/5/15 min) before: "
            f"{before[0]:.2f} {before[1]:.2f} {before[2]:.2f}; after: {after[0]:.2f} {after[1]:.2f} {after[2]:.2f}\n")


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "_child":
        answer = CHILDREN[sys.argv[2]](*sys.argv[3:])
        print(json.dumps({**answer, "rss_mb": _peak_mb()}))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=SCALES, default="full")
    parser.add_argument("--work", type=Path, default=ROOT / "benchmarks" / "out")
    parser.add_argument("--results", type=Path, help="Also write the table as markdown (and .json beside it).")
    parser.add_argument("--load-seconds", type=float, default=30.0)
    parser.add_argument("--lookup-timeout", type=float, default=LOOKUP_TIMEOUT_S,
                        help="Stop timing a lookup kind after this many seconds.")
    args = parser.parse_args()
    started = time.monotonic()

    def log(message: str) -> None:
        print(f"[{time.monotonic() - started:6.0f} s] {message}", file=sys.stderr, flush=True)

    results = run(args.scale, args.work, args.load_seconds, args.lookup_timeout, log)
    from kg.table import render

    print(render(["measure", "kg", "baseline (same run)", "goal", ""], table(results), max_width=200))
    if args.results:
        args.results.write_text(markdown(results), encoding="utf-8")
        args.results.with_suffix(".json").write_text(json.dumps(results, indent=2) + "\n")
        print(f"wrote {args.results} and {args.results.with_suffix('.json')}", file=sys.stderr)


if __name__ == "__main__":
    main()
