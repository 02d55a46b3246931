"""The derived graph: SPARQL CONSTRUCT rules (kg/rules/*.rq) over all other graphs.

It can always be dropped and rebuilt: `derive` reads the store, never writes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

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


def derive(store: Any) -> list[str]:
    """N-Quads lines of the derived graph, computed from the store's other graphs.

    The rules run at once on threads (pyoxigraph evaluates and serialises without
    the GIL) and their triples are written by Oxigraph, not term by term in Python:
    at 10M quads the rules give about a million triples.
    """
    suffix = f" <{DERIVED_GRAPH}> .\n".encode()
    texts = list(rules().values())
    with ThreadPoolExecutor(max_workers=min(len(texts), 2) or 1) as pool:
        blobs = list(pool.map(lambda text: _n_triples(store.query(text)), texts))
    seen: dict[str, None] = {}
    for blob in blobs:
        # One triple per line and a newline inside a term is escaped: every " .\n" ends a triple.
        seen.update(dict.fromkeys(blob.replace(b" .\n", suffix).decode().splitlines(keepends=True)))
    return list(seen)


def _n_triples(result: Any) -> bytes:
    """A CONSTRUCT result as N-Triples: pyoxigraph's own writer, or term by term for a list (sparql: stores)."""
    if hasattr(result, "serialize"):
        return result.serialize(format=ox.RdfFormat.N_TRIPLES)
    return ox.serialize(result, format=ox.RdfFormat.N_TRIPLES)
