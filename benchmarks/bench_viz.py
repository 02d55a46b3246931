"""HTML generation for 100, 1,000 and 5,000 nodes: kg.viz next to pyvis's plain add_node/add_edge path.

Run: python benchmarks/bench_viz.py [--sizes 100,1000,5000] [--repeat 3]

Both paths start from the same generated graph (shaped like kg.graph's
projection, tests/browser/synthetic.py) and write a self-contained file:
- kg.viz: pyvis Network + our template, node/edge lists filled in one pass,
  vis-network inlined, data as escaped JSON (what `kg viz` does);
- pyvis: Network(cdn_resources="in_line"), add_node per node, add_edge per
  edge, write_html: the documented way. Its add_edge scans the node list to
  check both ends exist and, on the default undirected network, every edge
  so far for a duplicate: quadratic. The directed column skips the duplicate
  scan. (Either page links Bootstrap from a CDN: it does not work offline.)
Times are the best of --repeat runs, in seconds; sizes in KiB.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser.synthetic import synthetic_graph  # noqa: E402

from kg import viz  # noqa: E402
from kg.table import render  # noqa: E402


def with_pyvis(graph, path: Path, directed: bool = False) -> None:
    """The plain pyvis path: one add_node / add_edge call per element."""
    from pyvis.network import Network

    net = Network(directed=directed, cdn_resources="in_line")
    for node, a in graph.nodes(data=True):
        net.add_node(node, label=a["label"], title=a["label"], group=a["kind"])
    for u, v, a in graph.edges(data=True):
        net.add_edge(u, v, label=a["label_vi"], title=a["label_en"])
    cwd = os.getcwd()
    os.chdir(path.parent)  # pyvis writes relative to the working directory
    try:
        net.write_html(path.name)
    finally:
        os.chdir(cwd)


def best(run, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,5000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    import pyvis  # noqa: F401  (imported once, outside the timings)

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(s) for s in args.sizes.split(",")):
            graph = synthetic_graph(n)
            ours, theirs = Path(tmp) / f"kg-{n}.html", Path(tmp) / f"pyvis-{n}.html"
            kg_time = best(lambda g=graph, p=ours: viz.write(g, p), args.repeat)
            plain = best(lambda g=graph, p=theirs: with_pyvis(g, p), args.repeat)
            directed = best(lambda g=graph, p=theirs: with_pyvis(g, p, directed=True), args.repeat)
            rows.append([graph.number_of_nodes(), graph.number_of_edges(), f"{kg_time:.3f}",
                         f"{ours.stat().st_size // 1024}", f"{plain:.3f}", f"{directed:.3f}",
                         f"{theirs.stat().st_size // 1024}", f"{plain / kg_time:.1f}x"])
    print(render(["nodes", "edges", "kg.viz s", "kg.viz KiB", "pyvis add_* s", "pyvis directed s", "pyvis KiB",
                  "speed-up"], rows))


if __name__ == "__main__":
    main()
