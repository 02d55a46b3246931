"""The `sparql:` store: the same build, lookups, export and viz against a real Oxigraph server over HTTP."""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pyoxigraph as ox
import pytest

from kg.build import build, ingest_claims
from kg.cli import main
from kg.derive import derive_update
from kg.errors import QueryError, StoreError
from kg.namespaces import BASE, DERIVED_GRAPH
from kg.query import roles
from kg.remote import RemoteStore, with_values
from kg.server import ServeConfig, free_port, upstream
from kg.store import open_store

pytestmark = pytest.mark.server

PERSON = "https://w3id.org/vnhealth-kg/id/person/dao-hong-lan"


SERVER = os.environ.get("KG_TEST_SERVER", "oxigraph")  # `make test-virtuoso` sets "virtuoso"
VIRTUOSO_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")


@contextlib.contextmanager
def virtuoso(directory: Path) -> Iterator[SimpleNamespace]:
    """A private Virtuoso (Debian's virtuoso-opensource) on free 127.0.0.1 ports, SPARQL updates granted."""
    sql, http = free_port(), free_port()
    ini = VIRTUOSO_INI.read_text().replace("/var/lib/virtuoso-opensource-7/db/", f"{directory}/")
    ini = re.sub(r"^(ServerPort\s*=\s*)1111", rf"\g<1>127.0.0.1:{sql}", ini, flags=re.M)
    ini = re.sub(r"^(ServerPort\s*=\s*)8890", rf"\g<1>127.0.0.1:{http}", ini, flags=re.M)
    (directory / "virtuoso.ini").write_text(ini)
    process = subprocess.Popen(["virtuoso-t", "-f", "-c", str(directory / "virtuoso.ini")], cwd=directory,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{http}/sparql"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=2).read()
                break
            except OSError:
                assert process.poll() is None and time.monotonic() < deadline, "Virtuoso did not start"
                time.sleep(0.5)
        subprocess.run(["isql-vt", f"127.0.0.1:{sql}", "dba", "dba", 'exec=GRANT SPARQL_UPDATE TO "SPARQL";'],
                       check=True, capture_output=True)
        yield SimpleNamespace(query_url=url, update_url=url, store_url=None)
    finally:
        process.terminate()
        process.wait(timeout=60)


@pytest.fixture(scope="module")
def sparql_server(tmp_path_factory):
    """`oxigraph serve` (in memory, read-write), or Virtuoso under `make test-virtuoso`; stopped after."""
    if SERVER == "virtuoso":
        with virtuoso(tmp_path_factory.mktemp("virtuoso")) as server:
            yield server
        return
    with upstream(ServeConfig(store="memory:", allow_update=True)) as server:
        yield server


@pytest.fixture(scope="module")
def remote_spec(sparql_server) -> str:
    """The seed graph built into the server over HTTP."""
    spec = f"sparql:{sparql_server.query_url},{sparql_server.update_url}"
    report = build(open_store(spec))
    assert report.derived > 0
    return spec


def ours(quads) -> set[str]:
    """The project's quads (Virtuoso's own system graphs are in its dataset too), booleans written
    canonically (Virtuoso gives "true"^^xsd:boolean back as "1")."""
    return {str(q).replace('"1"^^<http://www.w3.org/2001/XMLSchema#boolean>',
                           '"true"^^<http://www.w3.org/2001/XMLSchema#boolean>')
            for q in quads if q.graph_name.value.startswith(BASE)}


def test_spec_finds_oxigraph_graph_store(sparql_server):
    store = RemoteStore.from_spec(f"{sparql_server.query_url},{sparql_server.update_url}")
    assert store.store_url == sparql_server.store_url  # Oxigraph's /store; none for Virtuoso
    assert RemoteStore.from_spec("http://example.org/sparql").update_url is None


def test_build_over_http_holds_the_same_quads_as_the_embedded_store(remote_spec, seed_store):
    remote = open_store(remote_spec)
    assert [g for g in remote.named_graphs() if g.startswith(BASE)] == seed_store.named_graphs()
    assert ours(remote.quads()) == ours(seed_store.quads())


def test_roles_lookup_over_http(remote_spec):
    answer = roles(open_store(remote_spec), "dao hong lan")
    assert answer.person.iri == PERSON
    posts = {(p.role, p.org, p.status) for p in answer.posts}
    assert ("Bộ trưởng", "Bộ Y tế", "current") in posts
    minister = next(p for p in answer.posts if p.role == "Bộ trưởng")
    assert minister.sources[0]["id"] == "ngaynay-2026-01-13-byt-cdyt"
    assert "Bộ trưởng Bộ Y tế" in minister.sources[0]["quote"]


def test_cli_lookups_against_the_server(remote_spec, runner):
    result = runner.invoke(main, ["roles", "--store", remote_spec, "--json", "Dao Hong Lan"])
    assert result.exit_code == 0, result.output
    assert "Bộ trưởng" in {p["role"] for p in json.loads(result.output)["posts"]}
    holders = runner.invoke(main, ["holders", "--store", remote_spec, "Bộ Y tế"])
    assert holders.exit_code == 0, holders.output
    assert "Đào Hồng Lan" in holders.output
    coordination = runner.invoke(main, ["coordination", "--store", remote_spec, "Công đoàn Y tế Việt Nam"])
    assert coordination.exit_code == 0, coordination.output
    assert "Bộ Y tế" in coordination.output
    cites = runner.invoke(main, ["cites", "--store", remote_spec, "72-NQ/TW"])
    assert cites.exit_code == 0, cites.output
    assert "72-NQ/TW" in cites.output


def test_export_and_viz_against_the_server(remote_spec, runner, tmp_path):
    exported = runner.invoke(main, ["export", "--store", remote_spec, "--format", "nq"])
    assert exported.exit_code == 0, exported.output
    quads = list(ox.parse(exported.output.encode(), format=ox.RdfFormat.N_QUADS))
    assert any(q.subject.value == PERSON for q in quads)
    page = tmp_path / "graph.html"
    drawn = runner.invoke(main, ["viz", "--store", remote_spec, "-o", str(page)])
    assert drawn.exit_code == 0, drawn.output
    assert "Đào Hồng Lan" in page.read_text(encoding="utf-8")


ORG = BASE + "id/org/"
TEST_SOURCE = BASE + "id/source/remote-test"
ARTICLE = Path(__file__).parent / "fixtures" / "articles" / "byt-pho-cuc-truong-quan-ly-duoc.txt"


def derived_pairs(store, predicate: str) -> set[tuple[str, str]]:
    """(subject, object) of one predicate in the derived graph, as the server holds it."""
    rows = store.select(f"SELECT ?s ?o WHERE {{ GRAPH <{DERIVED_GRAPH}> {{ ?s {predicate} ?o }} }}")
    return {(row["s"].value, row["o"].value) for row in rows}


def forget_sources(store, graphs: list[str]) -> None:
    """Drop test sources and re-derive, in one update, so later tests see the seed graph again."""
    remaining = [g for g in store.named_graphs() if g.startswith(BASE) and g not in graphs]
    store.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in graphs) + " ;\n" + derive_update(remaining))


def test_ingest_over_http_replaces_one_graph_and_refreshes_derived(remote_spec, runner):
    """The one-update ingest (source graph + derived graph recomputed on the server) on both servers:
    Virtuoso once refused the transitive rule inside the update, so nothing was ingested."""
    store = open_store(remote_spec)
    before = set(store.named_graphs())
    closure_before = derived_pairs(store, "org:transitiveSubOrganizationOf")
    claims = {
        "format": "vnhealth-claims/1",
        "source": {"id": "remote-test", "event_date": "2026-02-01"},
        "posts": [{"person": "Lưu Văn Thử", "role": "Giám đốc", "org": "Bệnh viện Thử Nghiệm",
                   "status": "current", "quote": "ông Lưu Văn Thử, Giám đốc Bệnh viện Thử Nghiệm"}],
        "organizations": [
            {"name": "Bệnh viện Thử Nghiệm", "kind": "hospital", "part_of": "Bộ Y tế",
             "quote": "Bệnh viện Thử Nghiệm trực thuộc Bộ Y tế"},
            {"name": "Khoa Thử Nghiệm", "part_of": "Bệnh viện Thử Nghiệm",
             "quote": "Khoa Thử Nghiệm của Bệnh viện Thử Nghiệm"},
            {"name": "Tổ Thử Nghiệm", "part_of": "Khoa Thử Nghiệm", "quote": "Tổ Thử Nghiệm thuộc Khoa Thử Nghiệm"},
        ],
    }
    hospital, ward, team = ORG + "benh-vien-thu-nghiem", ORG + "khoa-thu-nghiem", ORG + "to-thu-nghiem"
    try:
        ingest_claims(store, claims)
        assert set(store.named_graphs()) - before == {TEST_SOURCE}
        answer = roles(store, "luu van thu")
        assert [(p.role, p.org) for p in answer.posts] == [("Giám đốc", "Bệnh viện Thử Nghiệm")]
        person = BASE + "id/person/luu-van-thu"
        assert (person, hospital) in derived_pairs(store, "org:memberOf")
        closure = derived_pairs(store, "org:transitiveSubOrganizationOf")
        assert closure - closure_before == {
            (hospital, ORG + "bo-y-te"),
            (ward, hospital), (ward, ORG + "bo-y-te"),
            (team, ward), (team, hospital), (team, ORG + "bo-y-te")}
        assert (hospital, ward) in derived_pairs(store, "org:hasSubOrganization")
        shown = runner.invoke(main, ["roles", "--store", remote_spec, "--json", "Luu Van Thu"])
        assert shown.exit_code == 0, shown.output
        assert [(p["role"], p["org"]) for p in json.loads(shown.output)["posts"]] == \
            [("Giám đốc", "Bệnh viện Thử Nghiệm")]
    finally:
        forget_sources(store, [TEST_SOURCE])
    assert set(store.named_graphs()) == before
    assert derived_pairs(store, "org:transitiveSubOrganizationOf") == closure_before


def test_kg_ingest_command_against_the_server(remote_spec, runner):
    """`kg ingest ARTICLE --store sparql:…`: extraction, then the same one-update load."""
    source = BASE + "id/source/" + ARTICLE.stem
    try:
        result = runner.invoke(main, ["ingest", "--store", remote_spec, str(ARTICLE)])
        assert result.exit_code == 0, result.output
        assert result.output.strip().endswith(f"-> {source}")
        store = open_store(remote_spec)
        assert source in store.named_graphs()
        shown = runner.invoke(main, ["roles", "--store", remote_spec, "--json", "Le Minh Khoa"])
        assert shown.exit_code == 0, shown.output
        assert ("Phó Cục trưởng", "Cục Quản lý Dược") in \
            {(p["role"], p["org"]) for p in json.loads(shown.output)["posts"]}
        assert (ORG + "cuc-quan-ly-duoc", ORG + "bo-y-te") in derived_pairs(store, "org:transitiveSubOrganizationOf")
    finally:
        forget_sources(open_store(remote_spec), [source])


def test_replace_all_without_graph_store_uses_one_update(sparql_server, tmp_path):
    store = RemoteStore(sparql_server.query_url, sparql_server.update_url, None)
    scratch = open_store("memory:")
    build(scratch)
    saved = ours(scratch.quads())
    store.replace_all(scratch.dump("nq"))  # 2,000+ quads: staged in chunks, swapped in by MOVE
    assert ours(store.quads()) == saved
    build(open_store(f"sparql:{sparql_server.query_url},{sparql_server.update_url}"))  # leave it as built


def test_bound_values_are_terms_not_text():
    hostile = ox.Literal('x" } ; DROP ALL ; #')
    query = with_values("# a comment WHERE { here }\nSELECT ?a WHERE { ?a <http://e/p#x> ?key }", {"key": hostile})
    assert query.endswith('WHERE { VALUES (?key) { ("x\\" } ; DROP ALL ; #") }  ?a <http://e/p#x> ?key }')
    assert with_values("CONSTRUCT { ?a ?b ?c } WHERE { ?a ?b ?c }", {"a": ox.NamedNode("http://e/a")}) == \
        "CONSTRUCT { ?a ?b ?c } WHERE { VALUES (?a) { (<http://e/a>) }  ?a ?b ?c }"
    assert with_values("SELECT * { ?a ?b ?c }", {"a": ox.NamedNode("http://e/a")}).startswith(
        "SELECT * { VALUES (?a)")


def test_one_variable_bound_to_a_list_is_one_values_row_each(remote_spec, seed_store):
    hostile = ox.Literal('x" } ; DROP ALL ; #')
    assert with_values("SELECT ?a WHERE { ?a ?b ?key }", {"key": [hostile, ox.Literal("dao hong lan")]}) == \
        'SELECT ?a WHERE { VALUES ?key { "x\\" } ; DROP ALL ; #" "dao hong lan" }  ?a ?b ?key }'
    with pytest.raises(QueryError, match="several values"):
        with_values("SELECT ?a WHERE { ?a ?b ?c }", {"a": [ox.NamedNode("http://e/a")], "b": ox.NamedNode("http://e/b")})
    keys = ["dao hong lan", "nguyen luong tam", "no such person"]
    for store in (open_store(remote_spec), seed_store):
        rows = store.select("SELECT ?key ?p WHERE { ?p vnh:nameKey ?key ; a foaf:Person }",
                            {"key": [ox.Literal(k) for k in keys]})
        assert sorted((r["key"].value, r["p"].value) for r in rows) == [
            ("dao hong lan", BASE + "id/person/dao-hong-lan"),
            ("nguyen luong tam", BASE + "id/person/nguyen-luong-tam")]
        assert store.select("SELECT ?p WHERE { ?p vnh:nameKey ?key }", {"key": []}) == []


def test_hostile_literal_is_matched_as_a_literal(remote_spec):
    rows = open_store(remote_spec).select("SELECT ?p WHERE { ?p vnh:nameKey ?key }",
                                          {"key": ox.Literal('x" } ; DROP ALL ; #')})
    assert rows == []
    assert len(ours(open_store(remote_spec).quads())) > 1000


def test_errors_are_one_line_and_name_the_endpoint(remote_spec, runner):
    with pytest.raises(StoreError, match=r"cannot reach SPARQL endpoint http://127.0.0.1:9/query: .*refused"):
        open_store("sparql:http://127.0.0.1:9/query").select("SELECT * WHERE { ?s ?p ?o } LIMIT 1")
    with pytest.raises(QueryError, match=r"^SPARQL: .*error"):
        open_store(remote_spec).query("SELECT WHERE {")
    read_only = remote_spec.split(",")[0]
    with pytest.raises(StoreError, match="has no update endpoint"):
        open_store(read_only).update("CLEAR ALL")
    result = runner.invoke(main, ["roles", "--store", "sparql:http://127.0.0.1:9/query", "x"])
    assert result.exit_code == 2
    assert result.output.strip().startswith("kg: error: cannot reach SPARQL endpoint http://127.0.0.1:9/query")
    with pytest.raises(StoreError, match="not an http"):
        open_store("sparql:ftp://example.org/x")
