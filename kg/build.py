"""Build and update the dataset: data/ -> quads -> store, atomically.

A full build writes everything into a fresh store that replaces the old one
only when complete; loading one source replaces its named graph and the
derived graph, nothing else.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg import ids
from kg.claims import Claims, check_claims
from kg.derive import derive, derive_update
from kg.errors import InputError
from kg.gazetteer import Gazetteer, load_gazetteer
from kg.load import (
    RDF_SUFFIXES,
    claims_quads,
    gazetteer_quads,
    ontology_quads,
    rdf_file_lines,
    read_claims_checked,
    reference_quads,
)
from kg.namespaces import DERIVED_GRAPH, sparql_prologue
from kg.paths import data_dir
from kg.store import Store, graph_block, replace_update

Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    pass


@dataclass
class BuildReport:
    sources: list[str] = field(default_factory=list)
    quads: int = 0
    derived: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"sources": self.sources, "quads": self.quads, "derived": self.derived}


def claims_files(root: Path) -> list[Path]:
    directory = root / "claims"
    if not directory.exists():
        return []
    return sorted(p for p in directory.glob("*") if p.suffix in (".yaml", ".yml", ".json"))


def rdf_files(root: Path) -> list[Path]:
    directory = root / "rdf"
    return sorted(p for p in directory.glob("*") if p.suffix in RDF_SUFFIXES) if directory.exists() else []


def dataset_lines(
    root: Path | None = None,
    extra: Iterable[Path] = (),
    progress: Progress = _quiet,
) -> tuple[list[str], list[str]]:
    """All N-Quads lines of a build (without the derived graph) and the source ids."""
    root = root or data_dir()
    gazetteer = load_gazetteer(root)
    lines = ontology_quads()
    lines += list(gazetteer_quads(gazetteer))
    lines += list(reference_quads(gazetteer))
    sources = ["gazetteer", "moh-structure-2025"]
    seen: dict[str, str] = {}
    for path in [*claims_files(root), *extra]:
        if path.suffix in RDF_SUFFIXES:
            progress(f"loading RDF {path}")
            lines += rdf_file_lines(path)
            sources.append(path.stem)
            continue
        progress(f"loading claims {path}")
        claims = read_claims_checked(path, root / "sources")
        if claims.source_id in seen:
            raise InputError(f"source id {claims.source_id!r} is also used by {seen[claims.source_id]}",
                             path=str(path), line=claims.source.line_of("id"))
        seen[claims.source_id] = str(path)
        lines += list(claims_quads(claims, gazetteer))
        sources.append(claims.source_id)
    for path in rdf_files(root):
        progress(f"loading RDF {path}")
        lines += rdf_file_lines(path)
        sources.append(path.stem)
    return lines, sources


def derived_lines(lines: list[str]) -> list[str]:
    """Run the rules over a scratch in-memory copy of the given quads."""
    from kg.store import OxigraphStore

    scratch = OxigraphStore(None)
    scratch._store.load("".join(lines).encode(), format=ox.RdfFormat.N_QUADS)
    return derive(scratch)


def build(store: Store, root: Path | None = None, extra: Iterable[Path] = (),
          progress: Progress = _quiet) -> BuildReport:
    """Rebuild the whole store from data/ (plus extra claims or RDF files)."""
    lines, sources = dataset_lines(root, extra, progress)
    progress(f"deriving from {len(lines)} quads")
    derived = derived_lines(lines)
    progress("writing the store")
    store.replace_all("".join(lines + derived).encode())
    return BuildReport(sources=sources, quads=len(lines) + len(derived), derived=len(derived))


def load_claims(store: Store, claims: Claims, gazetteer: Gazetteer | None = None) -> dict[str, Any]:
    """Replace one source's graph and refresh the derived graph, in one transaction."""
    gazetteer = gazetteer or load_gazetteer()
    lines = list(claims_quads(claims, gazetteer))
    graph = ids.source_iri(claims.source_id)
    graphs = sorted({*store.named_graphs(), graph})
    replace = replace_update({graph: graph_block(lines).get(graph, [])})
    store.update(sparql_prologue() + replace + " ;\n" + derive_update(graphs))
    derived = sum(1 for _ in store.quads(DERIVED_GRAPH))
    return {"source": claims.source_id, "graph": graph, "quads": len(lines), "derived": derived}


def ingest_claims(store: Store, claims: dict[str, Any] | Claims) -> dict[str, Any]:
    """Load a claims document (e.g. from the extractor) as its own source graph."""
    checked = claims if isinstance(claims, Claims) else check_claims(claims, "<extracted>")
    return load_claims(store, checked)


def stderr_progress(message: str) -> None:
    print(f"kg: {message}", file=sys.stderr)
