"""Run a user's SPARQL query under a time limit, a row limit and a memory bound.

Oxigraph cannot cancel a running query from Python, so the query runs in a
forked child process that the parent kills at the deadline. The child opens
on-disk stores read-only (in-memory stores are inherited by the fork), caps
its own address space, and sends back serialised results.
"""

from __future__ import annotations

import contextlib
import faulthandler
import itertools
import os
import resource
import signal
import time
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from kg.errors import QueryError

DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_ROWS = 100_000
DEFAULT_MEMORY_MB = 4096


@dataclass
class Limits:
    timeout: float = DEFAULT_TIMEOUT
    max_rows: int = DEFAULT_MAX_ROWS
    memory_mb: int = DEFAULT_MEMORY_MB


@dataclass
class GuardedResult:
    kind: str  # "select", "ask" or "graph"
    result: Any  # QuerySolutions, QueryBoolean or an iterator of triples
    truncated: bool
    rows: int


def _child(store: Any, text: str, limits: Limits, write_fd: int) -> None:
    """In the child: run the query, write 'kind truncated rows\\n' + payload, exit."""
    try:
        faulthandler.disable()
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)  # an allocation failure's backtrace is not the user's business
        # The bound is on growth: what the process had at fork time plus memory_mb.
        with open("/proc/self/statm") as statm:
            current = int(statm.read().split()[0]) * resource.getpagesize()
        cap = current + limits.memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
        if getattr(store, "path", None) is not None:
            store = type(store)(store.path, read_only=True)
        result = store.query(text)
        if isinstance(result, ox.QueryBoolean):
            header, payload = "ask 0 1", result.serialize(format=ox.QueryResultsFormat.JSON)
        elif isinstance(result, ox.QuerySolutions):
            rows, truncated = _take(result, limits.max_rows)
            payload = _solutions_json(result.variables, rows)
            header = f"select {truncated:d} {len(rows)}"
        else:
            triples, truncated = _take(result, limits.max_rows)
            payload = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
            header = f"graph {truncated:d} {len(triples)}"
        message = header.encode() + b"\n" + payload
    except MemoryError:
        message = f"error query needed more than {limits.memory_mb} MB of memory".encode()
    except Exception as error:  # reported to the parent as one line
        message = f"error {str(error).splitlines()[0] if str(error) else type(error).__name__}".encode()
    with os.fdopen(write_fd, "wb") as pipe:
        pipe.write(message)
    os._exit(0)


def _take(items: Any, limit: int) -> tuple[list[Any], bool]:
    """At most `limit` items, and whether there were more."""
    taken = list(itertools.islice(items, limit + 1))
    return taken[:limit], len(taken) > limit


def _solutions_json(variables: list[ox.Variable], rows: list[ox.QuerySolution]) -> bytes:
    import json

    def term(value: Any) -> dict[str, str]:
        if isinstance(value, ox.NamedNode):
            return {"type": "uri", "value": value.value}
        if isinstance(value, ox.BlankNode):
            return {"type": "bnode", "value": value.value}
        out = {"type": "literal", "value": value.value}
        if value.language:
            out["xml:lang"] = value.language
        elif value.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = value.datatype.value
        return out

    names = [v.value for v in variables]
    bindings = [{n: term(row[n]) for n in names if row[n] is not None} for row in rows]
    return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}).encode()


def run_guarded(store: Any, text: str, limits: Limits | None = None) -> GuardedResult:
    """Run a read query with limits; raise QueryError on timeout, memory or syntax errors."""
    limits = limits or Limits()
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        os.close(read_fd)
        _child(store, text, limits, write_fd)
    os.close(write_fd)
    chunks: list[bytes] = []
    deadline = time.monotonic() + limits.timeout
    try:
        with os.fdopen(read_fd, "rb", buffering=0) as pipe:
            os.set_blocking(pipe.fileno(), False)
            while True:
                try:
                    chunk = pipe.read(1 << 16)
                except BlockingIOError:
                    chunk = None
                if chunk:
                    chunks.append(chunk)
                    continue
                if chunk == b"":
                    break
                if time.monotonic() > deadline:
                    os.kill(pid, signal.SIGKILL)
                    raise QueryError(f"query cancelled after the {limits.timeout:g} s timeout (--timeout to change)")
                time.sleep(0.005)
    finally:
        status = 0
        with contextlib.suppress(ChildProcessError):
            status = os.waitpid(pid, 0)[1]
    message = b"".join(chunks)
    header, _, payload = message.partition(b"\n")
    fields = header.decode(errors="replace").split(" ", 3)
    if not message and status:
        # Rust aborts when an allocation fails under the address-space cap.
        raise QueryError(f"query stopped: it needed more than the {limits.memory_mb} MB memory bound")
    if fields[0] == "error" or len(fields) < 3:
        detail = header.decode(errors="replace")[len("error "):] or "the query process died"
        raise QueryError(detail if detail.startswith("SPARQL") else f"SPARQL: {detail}")
    kind, truncated, rows = fields[0], fields[1] == "1", int(fields[2])
    if kind == "graph":
        result: Any = ox.parse(payload, format=ox.RdfFormat.N_TRIPLES)
    else:
        result = ox.parse_query_results(payload, format=ox.QueryResultsFormat.JSON)
    return GuardedResult(kind=kind, result=result, truncated=truncated, rows=rows)
