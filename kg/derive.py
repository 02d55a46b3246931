"""The derived graph: SPARQL CONSTRUCT rules (kg/rules/*.rq) over all other graphs.

It can always be dropped and rebuilt: `derive` reads the store, never writes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from kg.namespaces import DERIVED_GRAPH
from kg.paths import RULES_DIR


def rules(directory: Path = RULES_DIR) -> dict[str, str]:
    return {path.stem: path.read_text(encoding="utf-8") for path in sorted(directory.glob("*.rq"))}


_RULE = re.compile(r"CONSTRUCT\s*\{(?P<template>[^{}]*)\}\s*WHERE\s*\{(?P<where>.*)\}\s*$", re.DOTALL)


def derive_update(graphs: Iterable[str]) -> str:
    """SPARQL update that recomputes the derived graph from the given graphs.

    Appended to the update that writes a source, it makes "write the source and
    refresh what follows from it" one transaction: the rules' WHERE clauses
    read the merge of `graphs` (USING), which the earlier operations of the
    same request have already changed.
    """
    using = "".join(f"USING <{g}>\n" for g in graphs if g != DERIVED_GRAPH)
    operations = [f"DROP SILENT GRAPH <{DERIVED_GRAPH}>"]
    for name, text in rules().items():
        match = _RULE.search(text)
        if not match:
            raise ValueError(f"rule {name}.rq is not of the form CONSTRUCT {{ ... }} WHERE {{ ... }}")
        operations.append(f"INSERT {{ GRAPH <{DERIVED_GRAPH}> {{{match['template']}}} }}\n{using}"
                          f"WHERE {{{match['where']}}}")
    return " ;\n".join(operations)


def derive(store) -> list[str]:
    """N-Quads lines of the derived graph, computed from the store's other graphs."""
    graph = ox.NamedNode(DERIVED_GRAPH)
    seen: dict[str, None] = {}
    for text in rules().values():
        triples = store.query(text)
        quads = (ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples)
        for line in ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode().splitlines(keepends=True):
            seen[line] = None
    return list(seen)
