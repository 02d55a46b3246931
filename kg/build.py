"""Build and update the dataset: data/ -> quads -> store, atomically.

A full build writes everything into a fresh store that replaces the old one
only when complete; loading one source replaces its named graph and the
derived graph, nothing else.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg import ids
from kg.claims import Claims, check_claims
from kg.derive import derive, derive_update
from kg.errors import InputError, KGError
from kg.gazetteer import Gazetteer, load_gazetteer
from kg.load import (
    GAZETTEER_SOURCE,
    RDF_SUFFIXES,
    claims_quads,
    gazetteer_quads,
    ontology_quads,
    rdf_file_lines,
    read_claims_checked,
    reference_quads,
)
from kg.namespaces import DERIVED_GRAPH
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


def dataset_sources(
    root: Path | None = None,
    extra: Iterable[Path] = (),
    progress: Progress = _quiet,
) -> Iterator[tuple[str, list[str]]]:
    """(source id, N-Quads lines) for each source of a build, without the derived graph."""
    root = root or data_dir()
    gazetteer = load_gazetteer(root)
    yield from base_sources(gazetteer)
    seen: dict[str, str] = {}
    for path in [*claims_files(root), *extra]:
        if path.suffix in RDF_SUFFIXES:
            progress(f"loading RDF {path}")
            yield path.stem, rdf_file_lines(path)
            continue
        progress(f"loading claims {path}")
        claims = read_claims_checked(path, root / "sources")
        if claims.source_id in seen:
            raise InputError(f"source id {claims.source_id!r} is also used by {seen[claims.source_id]}",
                             path=str(path), line=claims.source.line_of("id"))
        seen[claims.source_id] = str(path)
        yield claims.source_id, list(claims_quads(claims, gazetteer))
    for path in rdf_files(root):
        progress(f"loading RDF {path}")
        yield path.stem, rdf_file_lines(path)


class _DatasetStream:
    """The build's quads made in a forked child and read through a pipe.

    Making quads is Python work on one core; Oxigraph's bulk loader parses and
    sorts on the other while it reads them, so neither waits for the other and
    the build never holds all lines in memory. finish() reports the child's
    sources and count, or raises its error (the store is then left unchanged).
    """

    def __init__(self, root: Path | None, extra: Iterable[Path], progress: Progress):
        context = multiprocessing.get_context("fork")
        read_fd, write_fd = os.pipe()
        self._results, sender = context.Pipe(duplex=False)
        self._child = context.Process(target=_produce, daemon=True,
                                      args=(read_fd, write_fd, sender, root, list(extra), progress))
        self._child.start()
        os.close(write_fd)
        sender.close()
        self.reader = os.fdopen(read_fd, "rb", buffering=1 << 20)
        self.sources: list[str] = []
        self.count = 0

    def finish(self) -> None:
        try:
            outcome = self._results.recv()
        except EOFError:
            outcome = ("error", (KGError, ("the build's quad producer died",), {}))
        self._child.join()
        if outcome[0] == "error":
            kind, args, attributes = outcome[1]
            error = kind.__new__(kind)
            Exception.__init__(error, *args)
            error.__dict__.update(attributes)  # path, line, suggestions... as the child had them
            raise error
        _, self.sources, self.count = outcome

    def close(self) -> None:
        self.reader.close()
        if self._child.is_alive():
            self._child.terminate()
        self._child.join()
        self._results.close()


def _produce(read_fd: int, write_fd: int, results: Any, root: Path | None, extra: list[Path],
             progress: Progress) -> None:
    os.close(read_fd)  # else this child keeps its own pipe readable and blocks forever if the parent dies
    sources, count = [], 0
    try:
        with os.fdopen(write_fd, "wb", buffering=1 << 20) as out:
            for source, lines in dataset_sources(root, extra, progress):
                out.write("".join(lines).encode())
                count += len(lines)
                if source != "ontology":
                    sources.append(source)
        results.send(("ok", sources, count))
    except BrokenPipeError:  # the loader stopped reading: it failed, and says why
        results.send(("error", (KGError, ("the store stopped reading the build's quads",), {})))
    except Exception as error:  # sent back whole: finish() raises it in the parent
        results.send(("error", (type(error), error.args, dict(error.__dict__))))


def build(store: Store, root: Path | None = None, extra: Iterable[Path] = (),
          progress: Progress = _quiet) -> BuildReport:
    """Rebuild the whole store from data/ (plus extra claims or RDF files)."""
    stream = _DatasetStream(root, extra, progress)

    def rules(view: Any) -> list[str]:
        progress(f"deriving from {stream.count} quads")
        return derive(view)

    try:
        derived = store.rebuild(stream.reader, rules, check=stream.finish)
    finally:
        stream.close()
    progress("store written")
    return BuildReport(sources=stream.sources, quads=stream.count + derived, derived=derived)


def base_sources(gazetteer: Gazetteer) -> Iterator[tuple[str, list[str]]]:
    """The graphs every store holds whatever else it has: ontology, gazetteer, reference data."""
    yield "ontology", ontology_quads()
    yield "gazetteer", list(gazetteer_quads(gazetteer))
    yield "moh-structure-2025", list(reference_quads(gazetteer))


def load_claims(store: Store, claims: Claims, gazetteer: Gazetteer | None = None) -> dict[str, Any]:
    """Replace one source's graph and refresh the derived graph, in one transaction.

    A store that has never been built gets the base graphs (ontology, gazetteer,
    reference data) in the same transaction, so roles and bodies keep their labels.
    """
    gazetteer = gazetteer or load_gazetteer()
    lines = list(claims_quads(claims, gazetteer))
    graph = ids.source_iri(claims.source_id)
    present = store.named_graphs()
    base = [] if ids.source_iri(GAZETTEER_SOURCE) in present else [
        line for _, quads in base_sources(gazetteer) for line in quads]
    blocks = graph_block(lines + base)
    graphs = sorted({*present, *blocks, graph})
    replace = replace_update({g: blocks.get(g, []) for g in sorted({*blocks, graph})})
    store.update(replace + " ;\n" + derive_update(graphs))
    derived = sum(1 for _ in store.quads(DERIVED_GRAPH))
    return {"source": claims.source_id, "graph": graph, "quads": len(lines), "derived": derived}


def ingest_claims(store: Store, claims: dict[str, Any] | Claims) -> dict[str, Any]:
    """Load a claims document (e.g. from the extractor) as its own source graph."""
    checked = claims if isinstance(claims, Claims) else check_claims(claims, "<extracted>")
    return load_claims(store, checked)


def stderr_progress(message: str) -> None:
    print(f"kg: {message}", file=sys.stderr)
