"""The derived graph: SPARQL CONSTRUCT rules (kg/rules/*.rq) over all other graphs.

It can always be dropped and rebuilt: `derive` reads the store, never writes.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg.namespaces import DERIVED_GRAPH, sparql_prologue
from kg.paths import RULES_DIR


def rules(directory: Path = RULES_DIR) -> dict[str, str]:
    return {path.stem: path.read_text(encoding="utf-8") for path in sorted(directory.glob("*.rq"))}


def derive(store) -> list[str]:
    """N-Quads lines of the derived graph, computed from the store's other graphs."""
    graph = ox.NamedNode(DERIVED_GRAPH)
    prologue = sparql_prologue()
    seen: dict[str, None] = {}
    for text in rules().values():
        triples = store.query(prologue + text)
        quads = (ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples)
        for line in ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode().splitlines(keepends=True):
            seen[line] = None
    return list(seen)
