"""A SPARQL 1.1 server as the store: `sparql:QUERY_URL[,UPDATE_URL[,STORE_URL]]`.

Queries go over the SPARQL Protocol and come back as the same pyoxigraph
objects the embedded store returns, so every lookup runs unchanged. Bound
variables become a VALUES block written from the pyoxigraph terms' N-Triples
form (never from user text). STORE_URL is a Graph Store Protocol endpoint:
given, or found by convention for Oxigraph's layout (…/query → …/store), it
carries whole-dataset reads and writes; without it, updates do the work.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Mapping
from typing import Any

import pyoxigraph as ox

from kg.errors import QueryError, StoreError
from kg.namespaces import BASE, PREFIXES
from kg.store import Bindings, Store, graph_block, replace_update, with_values

RESULTS_ACCEPT = ("application/sparql-results+json, application/n-triples;q=0.9, "
                  "text/turtle;q=0.8, application/sparql-results+xml;q=0.5")
# The project's prefixes, predeclared like the embedded store does, on one line so that the
# server's error messages keep the line numbers of the caller's text.
_PROLOGUE = "".join(f"PREFIX {p}: <{iri}> " for p, iri in PREFIXES.items())
# A blank node in SPARQL JSON results; Virtuoso labels them "nodeID://b10001", which is no valid label.
_BNODE = re.compile(rb'("type"\s*:\s*"bnode"\s*,\s*"value"\s*:\s*")([^"]*)"')
# A replace_all without Graph Store goes in updates of at most this many triples each.
UPDATE_CHUNK = 1_000
STAGING = BASE + "staging/"


def _first_line(body: bytes) -> str:
    text = body.decode("utf-8", "replace").strip()
    return text.splitlines()[0][:300] if text else "(no message)"


class RemoteStore(Store):
    """A store behind SPARQL 1.1 Protocol endpoints (Oxigraph server, Virtuoso, Fuseki...)."""

    def __init__(self, query_url: str, update_url: str | None = None, store_url: str | None = None,
                 *, timeout: float = 300.0):
        for url in filter(None, (query_url, update_url, store_url)):
            if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
                raise StoreError(f"not an http(s) URL in the store spec: {url!r}")
        self.query_url = query_url
        self.update_url = update_url
        self.store_url = store_url
        self.timeout = timeout
        # Oxigraph's server (…/query) takes the union of all graphs as default graph when asked per
        # query; it must not be started with --union-default-graph, which forbids updates with USING.
        self.union_param = query_url.rstrip("/").endswith("/query")
        self.spec = "sparql:" + ",".join(filter(None, (query_url, update_url, store_url)))

    @classmethod
    def from_spec(cls, spec: str) -> RemoteStore:
        """`QUERY_URL[,UPDATE_URL[,STORE_URL]]`; Oxigraph's /query implies /update and /store."""
        parts = [p.strip() for p in spec.split(",")]
        if not parts[0] or len(parts) > 3:
            raise StoreError(f"store spec 'sparql:{spec}' should be sparql:QUERY_URL[,UPDATE_URL[,STORE_URL]]")
        query_url, update_url, store_url = [*parts, None, None][:3]
        if query_url.endswith("/query") and store_url is None and update_url is not None \
                and update_url == query_url[: -len("query")] + "update":
            store_url = query_url[: -len("query")] + "store"
        return cls(query_url, update_url or None, store_url or None)

    # ---- HTTP ----

    def _request(self, url: str, *, data: bytes | None = None, method: str = "GET",
                 headers: Mapping[str, str] | None = None) -> tuple[str, bytes]:
        request = urllib.request.Request(url, data=data, method=method, headers=dict(headers or {}))
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.headers.get("Content-Type", ""), response.read()
        except urllib.error.HTTPError as error:
            message = _first_line(error.read())
            if error.code == 400:
                raise QueryError(f"SPARQL: {message}") from None
            raise StoreError(f"{url} answered {error.code} {error.reason}: {message}") from None
        except urllib.error.URLError as error:
            reason = error.reason.strerror if isinstance(error.reason, OSError) and error.reason.strerror \
                else error.reason
            raise StoreError(f"cannot reach SPARQL endpoint {url}: {reason}") from None
        except TimeoutError:
            raise StoreError(f"SPARQL endpoint {url} did not answer within {self.timeout:g} s") from None

    def _form(self, url: str, field: str, text: str, accept: str | None = None) -> tuple[str, bytes]:
        headers = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
        fields = {field: text}
        if accept:
            headers["Accept"] = accept
        if field == "query" and self.union_param:
            fields["union-default-graph"] = ""
        body = urllib.parse.urlencode(fields).encode()
        return self._request(url, data=body, method="POST", headers=headers)

    # ---- Store ----

    def query(self, sparql: str, bindings: Bindings | None = None) -> Any:
        text = _PROLOGUE + with_values(sparql, bindings)
        content_type, body = self._form(self.query_url, "query", text, RESULTS_ACCEPT)
        media_type = content_type.split(";")[0].strip().lower()
        results_format = ox.QueryResultsFormat.from_media_type(media_type) if media_type else None
        try:
            if results_format is not None:
                if results_format == ox.QueryResultsFormat.JSON:
                    body = _BNODE.sub(lambda m: m[1] + re.sub(rb"[^A-Za-z0-9_]", b"_", m[2]) + b'"', body)
                return ox.parse_query_results(body, format=results_format)
            rdf_format = ox.RdfFormat.from_media_type(media_type)
            if rdf_format is None:
                raise StoreError(f"{self.query_url} answered with unexpected content type {content_type!r}")
            return [quad.triple for quad in ox.parse(body, format=rdf_format)]
        except SyntaxError as error:
            raise StoreError(f"{self.query_url} sent a malformed answer: {str(error).splitlines()[0]}") from None

    def update(self, sparql: str) -> None:
        if not self.update_url:
            raise StoreError(f"store {self.spec} has no update endpoint: use sparql:QUERY_URL,UPDATE_URL")
        self._form(self.update_url, "update", _PROLOGUE + sparql)

    def named_graphs(self) -> list[str]:
        rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(row["g"].value for row in rows if isinstance(row.get("g"), ox.NamedNode))

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        if self.store_url:
            target = self.store_url + (f"?graph={urllib.parse.quote(graph, safe='')}" if graph else "")
            _, body = self._request(target, headers={"Accept": "application/n-quads"})
            rdf_format = ox.RdfFormat.N_TRIPLES if graph else ox.RdfFormat.N_QUADS
            name = ox.NamedNode(graph) if graph else None
            return (ox.Quad(q.subject, q.predicate, q.object, name) if name else q
                    for q in ox.parse(body, format=rdf_format))
        if graph:
            rows = self.select("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": ox.NamedNode(graph)})
            return (ox.Quad(r["s"], r["p"], r["o"], ox.NamedNode(graph)) for r in rows)
        rows = self.select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return (ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows)

    def replace_all(self, nquads: bytes) -> None:
        """The whole dataset becomes these quads: one GSP PUT where the server has it."""
        if self.store_url:
            self._request(self.store_url, data=nquads, method="PUT",
                          headers={"Content-Type": "application/n-quads"})
            return
        self._replace_by_update(nquads.decode("utf-8").splitlines(keepends=True))

    def _replace_by_update(self, lines: list[str]) -> None:
        """Small datasets in one update (atomic); larger ones written into staging graphs in
        chunks (servers cap an update's size: Virtuoso at ~2,000 triples), then swapped in by
        one update of MOVEs, so readers see the old or the new graphs, never a half-written one."""
        grouped = graph_block(lines)
        for iri in self.named_graphs():  # the project's old graphs, never the server's own
            if iri.startswith(BASE) and iri not in grouped and not iri.startswith(STAGING):
                grouped[iri] = []
        if len(lines) <= UPDATE_CHUNK:
            self.update(replace_update(grouped))
            return
        staged = {iri: f"{STAGING}{index}" for index, iri in enumerate(grouped) if grouped[iri]}
        for iri, staging in staged.items():
            self.update(f"DROP SILENT GRAPH <{staging}>")
            graph_lines = grouped[iri]
            for start in range(0, len(graph_lines), UPDATE_CHUNK):
                self.update(f"INSERT DATA {{ GRAPH <{staging}> {{\n" +
                            "\n".join(graph_lines[start:start + UPDATE_CHUNK]) + "\n} }")
        self.update(" ;\n".join(f"MOVE SILENT GRAPH <{staged[iri]}> TO GRAPH <{iri}>" if iri in staged
                                 else f"DROP SILENT GRAPH <{iri}>" for iri in grouped))

    def __len__(self) -> int:
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(rows[0]["n"].value)

