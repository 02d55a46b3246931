"""Stores behind one interface: `memory:`, `oxigraph:PATH` (default), `sparql:URL`.

All writes replace whole named graphs atomically: one SPARQL update (one
transaction) for a few graphs, or, for a full build of an on-disk store, a
fresh store written beside the old one and swapped in by rename. Queries see
the union of all graphs as their default graph.
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import io
import os
import queue
import re
import shutil
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, BinaryIO

import pyoxigraph as ox

from kg.errors import QueryError, StoreError
from kg.namespaces import PREFIXES

DEFAULT_SPEC = "oxigraph:.kg/store"
# Set by the CLI's --wait: a writer waits for another writer instead of failing (else KG_WAIT=1).
WAIT_FOR_WRITER: bool | None = None
Term = ox.NamedNode | ox.BlankNode | ox.Literal
# Values bound to a query's variables: a term each, or a list of terms for one variable.
Bindings = Mapping[str, Term | Sequence[Term]]

FORMATS: dict[str, ox.RdfFormat] = {
    "ttl": ox.RdfFormat.TURTLE,
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nq": ox.RdfFormat.N_QUADS,
    "nquads": ox.RdfFormat.N_QUADS,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "json-ld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}


def graph_block(nquad_lines: Iterable[str]) -> dict[str, list[str]]:
    """Group N-Quads lines by graph IRI into N-Triples lines per graph."""
    graphs: dict[str, list[str]] = {}
    for line in nquad_lines:
        body, _, graph = line.rstrip(" .\n").rpartition(" ")
        graphs.setdefault(graph[1:-1], []).append(body + " .")
    return graphs


def replace_update(graphs: Mapping[str, list[str]]) -> str:
    """One SPARQL update that drops the graphs and inserts their new content."""
    parts = [f"DROP SILENT GRAPH <{iri}>" for iri in graphs]
    inserts = "\n".join(
        f"GRAPH <{iri}> {{\n" + "\n".join(lines) + "\n}" for iri, lines in graphs.items() if lines
    )
    if inserts:
        parts.append("INSERT DATA {\n" + inserts + "\n}")
    return " ;\n".join(parts)


# Tokens that may contain "#" or "{" without starting a comment or a group.
_TOKENS = re.compile(
    r'<[^<>"{}|^`\\\s]*>'  # IRI
    r'|"""(?:[^"\\]|\\.|"(?!""))*"""|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''  # strings
    r"|#[^\n]*"  # comment
)
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
def with_values(sparql: str, bindings: Bindings | None) -> str:
    """The query with `VALUES (?a ?b) { (t1 t2) }` opening its WHERE group.

    One variable may be bound to a list of terms instead (`VALUES ?a { t1 t2 }`):
    one query for many entities. Terms are written with str(term), pyoxigraph's
    N-Triples serialisation, so a bound value can never change the query's structure.
    """
    if not bindings:
        return sparql
    lists = [name for name, bound in bindings.items() if isinstance(bound, (list, tuple))]
    if lists and len(bindings) > 1:
        raise QueryError(f"cannot bind ?{lists[0]} to several values together with other variables")
    if lists:
        block = f" VALUES ?{lists[0]} {{ {' '.join(str(term) for term in bindings[lists[0]])} }} "
    else:
        names = " ".join(f"?{name}" for name in bindings)
        terms = " ".join(str(term) for term in bindings.values())
        block = f" VALUES ({names}) {{ ({terms}) }} "
    masked = _TOKENS.sub(lambda m: "#" * len(m.group(0)) if m.group(0).startswith("#") else "x" * len(m.group(0)),
                         sparql)
    match = _WHERE.search(masked)
    if match is None:
        form = _FORM.search(masked)
        brace = masked.find("{", form.end()) if form else -1
        if brace < 0:
            raise QueryError("cannot bind variables: the query has no WHERE group")
        position = brace + 1
    else:
        position = match.end()
    return sparql[:position] + block + sparql[position:]


class Store(ABC):
    """What every backend offers the library.

    Queries and updates may use the project's prefixes (kg.namespaces.PREFIXES)
    without declaring them, and see the union of all graphs as default graph.
    """

    spec: str

    @abstractmethod
    def query(self, sparql: str, bindings: Bindings | None = None) -> Any:
        """Raw pyoxigraph-style result: QuerySolutions, bool or QueryTriples."""

    def select(self, sparql: str, bindings: Bindings | None = None) -> list[dict[str, Term]]:
        """A SELECT's rows as {variable: term}, unbound variables left out."""
        result = self.query(sparql, bindings)
        names = [v.value for v in result.variables]
        # zip over each solution's values: several times quicker than looking them up by name
        ordered = (row.values() if isinstance(row, Mapping) else row for row in result)
        return [{n: t for n, t in zip(names, row, strict=True) if t is not None} for row in ordered]

    @abstractmethod
    def update(self, sparql: str) -> None: ...

    @abstractmethod
    def named_graphs(self) -> list[str]: ...

    @abstractmethod
    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]: ...

    def replace_graphs(self, nquad_lines: Iterable[str], graphs: Iterable[str] = ()) -> None:
        """Atomically make the given graphs hold exactly these quads."""
        grouped = graph_block(nquad_lines)
        for iri in graphs:
            grouped.setdefault(iri, [])
        if grouped:
            self.update(replace_update(grouped))

    @abstractmethod
    def replace_all(self, nquads: bytes) -> None:
        """Atomically replace the whole dataset (a full build)."""

    def rebuild(self, nquads: bytes | BinaryIO, rules: Callable[[Any], list[str]],
                check: Callable[[], None] = lambda: None) -> int:
        """Replace the dataset by these quads plus the lines `rules` derives from them; count those.

        `check` runs when the input is read, before anything is replaced: raising
        there leaves the store as it was. Backends without a faster way derive
        over a scratch in-memory copy, then replace_all.
        """
        data = nquads if isinstance(nquads, bytes) else nquads.read()
        check()
        scratch = ox.Store()
        scratch.bulk_load(data, format=ox.RdfFormat.N_QUADS)
        derived = rules(_UnionView(scratch))
        self.replace_all(data + "".join(derived).encode())
        return len(derived)

    def dump(self, fmt: str, graph: str | None = None) -> bytes:
        rdf_format = FORMATS[fmt]
        quads = list(self.quads(graph))
        if not rdf_format.supports_datasets:
            return ox.serialize((q.triple for q in quads), format=rdf_format, prefixes=PREFIXES)
        return ox.serialize(quads, format=rdf_format, prefixes=PREFIXES)

    def __len__(self) -> int:
        return sum(1 for _ in self.quads())

    def close(self) -> None:  # noqa: B027 - optional for backends without resources
        pass

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def _query_error(error: Exception) -> QueryError:
    return QueryError(f"SPARQL: {str(error).splitlines()[0]}")


def _union_query(store: ox.Store, sparql: str, bindings: Bindings | None) -> Any:
    # Bound values go in as VALUES, not as pyoxigraph substitutions: Oxigraph plans a query
    # before substituting, so a bound name key still scanned every key (1.8 s vs 0.5 ms at 10M).
    try:
        return store.query(with_values(sparql, bindings), use_default_graph_as_union=True, prefixes=PREFIXES)
    except SyntaxError as error:
        raise _query_error(error) from None


class _UnionView:
    """A bare pyoxigraph store queried like every Store (union default graph), for the rules."""

    def __init__(self, store: ox.Store):
        self._store = store

    def query(self, sparql: str, bindings: Bindings | None = None) -> Any:
        return _union_query(self._store, sparql, bindings)


class OxigraphStore(Store):
    """pyoxigraph, in memory (`memory:`) or on disk (`oxigraph:PATH`)."""

    def __init__(self, path: Path | None = None, *, read_only: bool = False, wait: bool | None = None):
        self.path = path
        self.read_only = read_only
        self.spec = f"oxigraph:{path}" if path else "memory:"
        self._lock: WriterLock | None = None
        if path is not None and not read_only:
            if wait is None:
                wait = WAIT_FOR_WRITER if WAIT_FOR_WRITER is not None else os.environ.get("KG_WAIT") == "1"
            self._lock = WriterLock(path, wait=wait)
            _recover_swap(path)  # safe: no other writer can be mid-swap while we hold the lock
        self._store = self._open()

    def _open(self) -> ox.Store:
        if self.path is None:
            return ox.Store()
        try:
            if self.read_only:
                # Mid-swap, the old store waits beside the new one: read that consistent snapshot.
                retired = self.path.with_name(f"{self.path.name}.old")
                location = self.path if (self.path / "CURRENT").exists() else retired
                if not (location / "CURRENT").exists():
                    raise StoreError(f"no store at {self.path}: run `kg build` first")
                return ox.Store.read_only(str(location))
            self.path.parent.mkdir(parents=True, exist_ok=True)
            return ox.Store(str(self.path))
        except OSError as error:
            text = str(error)
            if "LOCK" in text or "lock" in text:
                raise StoreError(f"store {self.path} is in use by another process (a write is running)") from None
            if "Permission denied" in text or "Read-only" in text:
                raise StoreError(f"cannot write the store at {self.path}: permission denied") from None
            raise StoreError(f"cannot open store {self.path}: {text.splitlines()[0]}") from None

    def query(self, sparql: str, bindings: Bindings | None = None) -> Any:
        return _union_query(self._store, sparql, bindings)

    def update(self, sparql: str) -> None:
        if self.read_only:
            raise StoreError(f"store {self.spec} was opened read-only")
        try:
            self._store.update(sparql, prefixes=PREFIXES)
        except SyntaxError as error:
            raise _query_error(error) from None
        self._store.flush() if self.path else None

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        graph_name = ox.NamedNode(graph) if graph else None
        return self._store.quads_for_pattern(None, None, None, graph_name)

    def replace_all(self, nquads: bytes) -> None:
        fresh, staging = self._fresh()
        fresh.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
        if staging is None:
            self._store = fresh
            return
        fresh.flush()
        del fresh
        self._swap(staging)

    def rebuild(self, nquads: bytes | BinaryIO, rules: Callable[[Any], list[str]],
                check: Callable[[], None] = lambda: None) -> int:
        """Bulk-load into the fresh store (streaming), derive there, then swap it in."""
        fresh, staging = self._fresh()
        try:
            bulk_load_chunked(fresh, nquads)
            check()
            derived = rules(_UnionView(fresh))
            bulk_load_chunked(fresh, "".join(derived).encode())  # ~1M lines at 10M: both cores
            fresh.flush() if staging else None
        except BaseException:
            del fresh
            if staging:
                gc.collect()
                shutil.rmtree(staging, ignore_errors=True)
            raise
        if staging is None:
            self._store = fresh
            return len(derived)
        del fresh
        self._swap(staging)
        return len(derived)

    def _fresh(self) -> tuple[ox.Store, Path | None]:
        """An empty store: in memory, or on disk beside the current one (staging)."""
        if self.path is None:
            return ox.Store(), None
        staging = self.path.with_name(f"{self.path.name}.new-{os.getpid()}")
        shutil.rmtree(staging, ignore_errors=True)
        return ox.Store(str(staging)), staging

    def _swap(self, staging: Path) -> None:
        self._store = None  # release the RocksDB lock before the swap
        gc.collect()
        _swap_in(staging, self.path)
        self._store = self._open()

    def __len__(self) -> int:
        return len(self._store)

    def __del__(self) -> None:
        # Close RocksDB before the writer lock goes: a writer waiting on the lock (--wait)
        # must find the store closed once it gets the lock.
        self._store = None
        if getattr(self, "_lock", None):
            self._lock.release()

    def close(self) -> None:
        self._store = None
        gc.collect()
        if self._lock:
            self._lock.release()
            self._lock = None


# Oxigraph's bulk loader sorts and writes a batch only once it holds 1M quads or its input
# ends, so a ~1M-quad build stream was sorted and written only after the producer had
# finished. The first chunks are small so that work starts while the producer runs; later
# ones double up to about Oxigraph's own batch (1M quads), because every chunk is a set of
# files RocksDB ingests and then compacts, and many small ones slow the load and the rules.
FIRST_CHUNK_BYTES = 16 << 20
LAST_CHUNK_BYTES = 256 << 20
LOADERS = 2  # bulk_load releases the GIL: two chunks load at once, beside the producer


def bulk_load_chunked(store: ox.Store, nquads: bytes | BinaryIO, first: int = FIRST_CHUNK_BYTES,
                      last: int = LAST_CHUNK_BYTES, loaders: int = LOADERS) -> None:
    """Bulk-load N-Quads as line-aligned chunks on `loaders` threads while the input is still read.

    N-Quads is one statement per line, so a cut after a newline never splits one.
    On any error no further chunk is read, the running ones finish, and the error is raised.
    """
    source = io.BytesIO(nquads) if isinstance(nquads, bytes) else nquads
    chunks: queue.Queue[bytes | None] = queue.Queue(maxsize=1)
    errors: list[BaseException] = []

    def load() -> None:
        while (chunk := chunks.get()) is not None:
            if errors:
                continue  # drain: the build has failed
            try:
                store.bulk_load(chunk, format=ox.RdfFormat.N_QUADS)
            except BaseException as error:  # re-raised by the reading thread
                errors.append(error)

    threads = [threading.Thread(target=load, name=f"kg-bulk-load-{i}", daemon=True) for i in range(loaders)]
    for thread in threads:
        thread.start()
    try:
        rest, size = b"", first
        while not errors and (block := source.read(size)):
            block = rest + block if rest else block
            cut = block.rfind(b"\n") + 1
            rest = block[cut:]
            if cut:
                chunks.put(block[:cut])
            size = min(2 * size, last)
        if rest and not errors:
            chunks.put(rest)
    finally:
        for _ in threads:
            chunks.put(None)
        for thread in threads:
            thread.join()
    if errors:
        raise errors[0]


_HELD_LOCKS: set[int] = set()


def _drop_inherited_locks() -> None:
    # A forked helper (a quad producer, a guarded query) must not keep the
    # writer's lock alive after the writer dies: close, never unlock, its copy.
    for fd in list(_HELD_LOCKS):
        with contextlib.suppress(OSError):
            os.close(fd)
    _HELD_LOCKS.clear()


os.register_at_fork(after_in_child=_drop_inherited_locks)


class WriterLock:
    """One writer per on-disk store, named by PID; released by the kernel if the writer dies."""

    def __init__(self, path: Path, *, wait: bool = False):
        self.file_path = path.with_name(f"{path.name}.lock")
        self.fd: int | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.fd = os.open(self.file_path, os.O_RDWR | os.O_CREAT, 0o644)
        except PermissionError:
            raise StoreError(f"cannot write the store at {path}: permission denied") from None
        except OSError as error:
            raise StoreError(f"cannot write the store at {path}: {error.strerror}") from None
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            holder = os.pread(self.fd, 32, 0).decode(errors="replace").strip() or "?"
            os.close(self.fd)
            self.fd = None
            raise StoreError(f"store {path} is in use by PID {holder} (a write is running); "
                             "retry later or pass --wait") from None
        os.ftruncate(self.fd, 0)
        os.pwrite(self.fd, f"{os.getpid()}\n".encode(), 0)
        _HELD_LOCKS.add(self.fd)

    def release(self) -> None:
        if self.fd is None or self.fd not in _HELD_LOCKS:  # not ours (e.g. inherited by a fork)
            return
        _HELD_LOCKS.discard(self.fd)
        os.ftruncate(self.fd, 0)
        fcntl.flock(self.fd, fcntl.LOCK_UN)
        os.close(self.fd)
        self.fd = None

    def __del__(self) -> None:  # a store dropped without close() still frees its lock
        self.release()


def _swap_in(staging: Path, target: Path) -> None:
    """Replace target by staging with renames; a crash leaves one whole store."""
    retired = target.with_name(f"{target.name}.old")
    shutil.rmtree(retired, ignore_errors=True)
    if target.exists():
        target.rename(retired)
    staging.rename(target)
    shutil.rmtree(retired, ignore_errors=True)


def _recover_swap(target: Path) -> None:
    """Finish or undo a swap that a crash interrupted; drop half-written stagings.

    Only the lock-holding writer calls this, so no other swap is in progress
    and every staging folder belongs to a writer that died.
    """
    retired = target.with_name(f"{target.name}.old")
    if not (target / "CURRENT").exists() and (retired / "CURRENT").exists():
        shutil.rmtree(target, ignore_errors=True)
        retired.rename(target)
    elif retired.exists():
        shutil.rmtree(retired, ignore_errors=True)
    for staging in target.parent.glob(f"{target.name}.new-*"):
        shutil.rmtree(staging, ignore_errors=True)


def open_store(spec: str | None = None, *, read_only: bool = False) -> Store:
    """Open a store from a spec: `memory:`, `oxigraph:PATH`, a bare PATH, or `sparql:URL[,UPDATE]`."""
    spec = spec or os.environ.get("KG_STORE") or DEFAULT_SPEC
    if spec == "memory:":
        return OxigraphStore(None)
    if spec.startswith("sparql:"):
        from kg.remote import RemoteStore  # only when asked: it pulls in urllib machinery

        return RemoteStore.from_spec(spec[len("sparql:"):])
    path = spec[len("oxigraph:"):] if spec.startswith("oxigraph:") else spec
    if not path:
        raise StoreError(f"store spec {spec!r} names no path")
    return OxigraphStore(Path(path), read_only=read_only)
