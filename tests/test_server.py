"""`kg serve` against the SPARQL 1.1 Protocol recommendation (https://www.w3.org/TR/sparql11-protocol/).

The server runs as a real process on a free 127.0.0.1 port, over the on-disk seed store.
"""

from __future__ import annotations

import contextlib
import csv
import http.client
import io
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import build
from kg.query import roles
from kg.server import free_port, negotiate
from kg.store import open_store

pytestmark = pytest.mark.server

PERSONS = "SELECT ?p ?name WHERE { ?p a foaf:Person ; foaf:name ?name } ORDER BY DESC(?name)"
PREFIXED = "PREFIX foaf: <http://xmlns.com/foaf/0.1/>\n" + PERSONS
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
MARKER = "ASK { <http://example.org/s> <http://example.org/p> <http://example.org/o> }"


def start(*args: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--port", str(port), *args],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/", timeout=2).read()
            return process, base
        except OSError:
            if process.poll() is not None:
                raise AssertionError(process.stderr.read()) from None
            time.sleep(0.1)
    process.kill()
    raise AssertionError("kg serve did not answer in 30 s")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(timeout=15)


@pytest.fixture(scope="module")
def server(built_store_path):
    """Read-only `kg serve` over the seed store: 2 s timeout, at most 5 rows."""
    process, base = start("--store", built_store_path, "--timeout", "2", "--limit", "5")
    yield base
    stop(process)


def call(url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None,
         method: str | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def get(base: str, query: str, accept: str = "", **params: str) -> tuple[int, dict[str, str], bytes]:
    url = f"{base}/query?" + urllib.parse.urlencode({"query": query, **params})
    return call(url, headers={"Accept": accept} if accept else {})


def form(base: str, query: str, accept: str = "") -> tuple[int, dict[str, str], bytes]:
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if accept:
        headers["Accept"] = accept
    return call(f"{base}/query", data=urllib.parse.urlencode({"query": query}).encode(), headers=headers)


def names(body: bytes, fmt: ox.QueryResultsFormat = ox.QueryResultsFormat.JSON) -> list[str]:
    if fmt == ox.QueryResultsFormat.CSV:  # lossy, so pyoxigraph does not read it
        return [row["name"] for row in csv.DictReader(io.StringIO(body.decode()))]
    return [row["name"].value for row in ox.parse_query_results(body, format=fmt)]


def test_query_via_get(server):
    status, headers, body = get(server, PREFIXED)
    assert status == 200
    assert headers["Content-Type"].startswith("application/sparql-results+json")
    assert names(body)[0] == "Đào Hồng Lan"


def test_query_via_post_form_and_post_direct_agree(server):
    status, _, by_form = form(server, PREFIXED)
    assert status == 200
    status, _, direct = call(f"{server}/query", data=PREFIXED.encode(),
                             headers={"Content-Type": "application/sparql-query"})
    assert status == 200
    assert names(by_form) == names(direct) == names(get(server, PREFIXED)[2])
    assert "Đào Hồng Lan" in names(direct)


@pytest.mark.parametrize(("accept", "fmt"), [
    ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
    ("text/csv", ox.QueryResultsFormat.CSV),
    ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
    ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
    ("text/html;q=0.9, text/csv;q=0.5", ox.QueryResultsFormat.CSV),
])
def test_content_negotiation_for_results(server, accept, fmt):
    status, headers, body = get(server, PREFIXED, accept)
    assert status == 200
    assert headers["Content-Type"].split(";")[0] == fmt.media_type.split(";")[0]
    assert "Đào Hồng Lan" in names(body, fmt)


@pytest.mark.parametrize(("accept", "fmt"), [
    ("text/turtle", ox.RdfFormat.TURTLE),
    ("application/n-quads", ox.RdfFormat.N_QUADS),
    ("application/n-triples", ox.RdfFormat.N_TRIPLES),
])
def test_content_negotiation_for_graphs(server, accept, fmt):
    query = ("CONSTRUCT { ?p <http://xmlns.com/foaf/0.1/name> ?n } WHERE { ?p <http://xmlns.com/foaf/0.1/name> ?n "
             "FILTER(?p = <https://w3id.org/vnhealth-kg/id/person/dao-hong-lan>) }")
    status, headers, body = get(server, query, accept)
    assert status == 200
    assert headers["Content-Type"].split(";")[0] == fmt.media_type
    triples = list(ox.parse(body, format=fmt))
    assert "Đào Hồng Lan" in {q.object.value for q in triples}


def test_ask_and_unacceptable_format(server):
    status, _, body = get(server, "ASK { ?s a <http://xmlns.com/foaf/0.1/Person> }")
    assert status == 200 and bool(ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON))
    status, _, body = get(server, PREFIXED, "image/png")
    assert status == 406
    assert b"text/csv" in body


def test_default_graph_is_the_union_and_graph_names_the_source(server):
    query = ("SELECT ?g WHERE { GRAPH ?g { <https://w3id.org/vnhealth-kg/id/person/dao-hong-lan> "
             "<http://xmlns.com/foaf/0.1/name> ?n } }")
    sources = {row["g"].value for row in ox.parse_query_results(get(server, query)[2],
                                                                 format=ox.QueryResultsFormat.JSON)}
    assert "https://w3id.org/vnhealth-kg/id/source/ngaynay-2026-01-13-byt-cdyt" in sources
    assert get(server, "ASK { <https://w3id.org/vnhealth-kg/id/person/dao-hong-lan> ?p ?o }")[2].endswith(b"true}")


def test_malformed_query_gets_400_with_the_parser_message(server):
    status, headers, body = get(server, "SELEC ?x WHERE { ?x ?y ?z }")
    assert status == 400
    assert headers["Content-Type"].startswith("text/plain")
    assert body.decode().startswith("error at 1:1")


def test_protocol_errors(server):
    assert call(f"{server}/query")[0] == 400  # no query
    two = urllib.parse.urlencode([("query", "ASK {}"), ("query", "ASK {}")])
    status, _, body = call(f"{server}/query?{two}")
    assert status == 400 and b"exactly one" in body
    status, _, _ = call(f"{server}/query", data=b"ASK {}", headers={"Content-Type": "text/plain"})
    assert status == 415


def test_update_on_a_read_only_server_is_403_and_changes_nothing(server):
    update = "INSERT DATA { <http://example.org/s> <http://example.org/p> <http://example.org/o> }"
    status, _, body = call(f"{server}/update", data=urllib.parse.urlencode({"update": update}).encode(),
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 403 and b"read-only" in body
    status, _, _ = call(f"{server}/update", data=update.encode(),
                        headers={"Content-Type": "application/sparql-update"})
    assert status == 403
    status, _, _ = call(f"{server}/store?default", data=b"<http://example.org/s> <http://example.org/p> "
                        b"<http://example.org/o> .", headers={"Content-Type": "application/n-triples"},
                        method="PUT")
    assert status == 403
    assert get(server, MARKER)[2].endswith(b"false}")
    assert get(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0] == 200


def test_row_limit_cuts_and_says_so(server):
    status, headers, body = get(server, "SELECT ?s WHERE { ?s ?p ?o }", "text/csv")
    assert status == 200
    assert headers["X-KG-Truncated"] == "5"
    assert len(body.decode().strip().splitlines()) == 1 + 5
    status, headers, body = get(server, PREFIXED, "text/csv")
    assert "X-KG-Truncated" in headers  # 7 persons, 5 shown
    status, headers, _ = get(server, "SELECT ?s WHERE { ?s a <http://xmlns.com/foaf/0.1/Person> } LIMIT 3")
    assert "X-KG-Truncated" not in headers


def test_query_over_the_timeout_is_cancelled_and_others_are_answered(server):
    answers: dict[str, tuple[int, float]] = {}

    def slow() -> None:
        started = time.monotonic()
        status, _, _ = get(server, SLOW)
        answers["slow"] = (status, time.monotonic() - started)

    worker = threading.Thread(target=slow)
    worker.start()
    time.sleep(0.5)
    started = time.monotonic()
    status, _, _ = get(server, PREFIXED)
    answers["quick"] = (status, time.monotonic() - started)
    worker.join(30)
    assert answers["quick"][0] == 200 and answers["quick"][1] < 1.5
    assert answers["slow"][0] == 503
    assert answers["slow"][1] < 2 + 3  # the 2 s timeout, plus the backstop
    assert names(get(server, PREFIXED)[2])[0] == "Đào Hồng Lan"


def test_runaway_sort_is_stopped_too(server):
    status, _, body = get(server, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?d ?g")
    assert status == 503 and b"timeout" in body
    assert get(server, PREFIXED)[0] == 200


def test_html_page_offers_the_canned_questions(server):
    status, headers, body = call(f"{server}/")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    page = body.decode()
    assert "<textarea" in page and "roles" in page and "find-person" in page
    assert 'VALUES (?key) { (\\"dao hong lan\\") }' in page  # examples come with a value bound
    assert "http" not in page.split("<script", 1)[0].replace("http-equiv", "")  # no CDN links


def test_allow_update_server_takes_a_build_over_http_through_the_graph_store():
    process, base = start("--store", "memory:", "--allow-update")
    try:
        store = open_store(f"sparql:{base}/query,{base}/update,{base}/store")
        report = build(store)
        assert report.derived > 0
        assert [p.org for p in roles(store, "Vu Manh Ha").posts if p.role == "Thứ trưởng Thường trực"] == ["Bộ Y tế"]
        update = "INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/s> <http://example.org/p> " \
                 "<http://example.org/o> } }"
        status, _, _ = call(f"{base}/update", data=update.encode(),
                            headers={"Content-Type": "application/sparql-update"})
        assert status == 204
        assert get(base, MARKER)[2].endswith(b"true}")
    finally:
        stop(process)


def test_negotiate_follows_quality_values():
    offers = {"text/csv": 1, "application/sparql-results+json": 1}
    assert negotiate("", offers, "application/sparql-results+json") == "application/sparql-results+json"
    assert negotiate("*/*", offers, "application/sparql-results+json") == "application/sparql-results+json"
    assert negotiate("text/csv;q=0.4, application/sparql-results+json;q=0.8", offers, "x") == \
        "application/sparql-results+json"
    assert negotiate("text/*", offers, "application/sparql-results+json") == "text/csv"
    assert negotiate("text/csv;q=0", offers, "x") is None


def _oxigraph_threads(parent: int) -> int:
    """Threads of the Oxigraph server that `kg serve` (pid parent) runs now (0 between restarts)."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == parent:  # the field after the state is the parent pid
            return int(fields[17])  # num_threads
    return 0


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="counts threads in /proc (Linux)")
def test_burst_after_slow_and_cancelled_queries_is_answered_without_growing_threads(built_store_path):
    """Oxigraph's own --timeout-s held one thread per query for the whole timeout; past ~16,000 (the
    memory-map limit) every query failed, 502. The server's threads must not grow with the queries."""
    process, base = start("--store", built_store_path, "--timeout", "3")
    try:
        def abandon() -> None:  # a client that gives up on a slow query and hangs up
            with contextlib.suppress(OSError):
                urllib.request.urlopen(f"{base}/query?" + urllib.parse.urlencode({"query": SLOW}), timeout=0.5)

        for _ in range(2):
            abandon()
        assert get(base, SLOW)[0] == 503  # cancelled at the timeout
        peak, done = [0], threading.Event()

        def watch() -> None:
            while not done.is_set():
                peak[0] = max(peak[0], _oxigraph_threads(process.pid))
                time.sleep(0.02)

        def burst(statuses: list[int]) -> None:
            connection = http.client.HTTPConnection("127.0.0.1", int(base.rsplit(":", 1)[1]), timeout=30)
            body = urllib.parse.urlencode({"query": PREFIXED})
            for _ in range(100):
                connection.request("POST", "/query", body=body,
                                   headers={"Content-Type": "application/x-www-form-urlencoded"})
                answer = connection.getresponse()
                answer.read()
                statuses.append(answer.status)
            connection.close()

        watcher = threading.Thread(target=watch)
        watcher.start()
        statuses: list[int] = []
        clients = [threading.Thread(target=burst, args=(statuses,)) for _ in range(16)]
        for client in clients:
            client.start()
        for client in clients:
            client.join(60)
        done.set()
        watcher.join()
        assert statuses == [200] * 1600
        assert 0 < peak[0] < 200  # its connection threads (the front keeps at most 64), not one per query
    finally:
        stop(process)
