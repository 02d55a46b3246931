"""User queries run under a time limit, a row limit and a memory bound."""

import time

import pytest

from kg.cli import main
from kg.errors import QueryError
from kg.guard import Limits, run_guarded
from kg.store import open_store

CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def disk_store(built_store_path):
    return open_store(built_store_path, read_only=True)


def test_cartesian_product_is_cancelled_at_the_timeout(disk_store):
    started = time.monotonic()
    with pytest.raises(QueryError, match=r"cancelled after the 1 s timeout"):
        run_guarded(disk_store, CARTESIAN, Limits(timeout=1))
    assert time.monotonic() - started < 3
    # The store still answers afterwards.
    answer = run_guarded(disk_store, "SELECT (COUNT(*) AS ?n) WHERE { ?p a foaf:Person }")
    assert [row["n"].value for row in answer.result] == ["7"]


def test_row_limit_truncates_and_says_so(disk_store):
    answer = run_guarded(disk_store, "SELECT ?s WHERE { ?s ?p ?o }", Limits(max_rows=5))
    assert answer.truncated and answer.rows == 5 and len(list(answer.result)) == 5
    graph = run_guarded(disk_store, "CONSTRUCT WHERE { ?s ?p ?o }", Limits(max_rows=3))
    assert graph.kind == "graph" and graph.truncated and len(list(graph.result)) == 3


def test_memory_bound_stops_a_query_that_materialises_a_product(disk_store):
    query = "SELECT ?x ?f WHERE { ?a ?b ?x . ?d ?e ?f . } ORDER BY ?x ?f LIMIT 1"
    with pytest.raises(QueryError, match="needed more than the 100 MB memory bound"):
        run_guarded(disk_store, query, Limits(timeout=60, memory_mb=100))


def test_syntax_errors_point_at_the_users_line(disk_store):
    with pytest.raises(QueryError, match=r"^SPARQL: error at 2:"):
        run_guarded(disk_store, "SELECT ?x\nWHERE { ?x")


def test_in_memory_store_queries_through_the_fork(seed_store):
    answer = run_guarded(seed_store, "ASK { ?p foaf:name 'Đào Hồng Lan'@vi }")
    assert answer.kind == "ask" and bool(answer.result) is True


def test_cli_timeout_and_row_limit(runner, built_store_path):
    result = runner.invoke(main, ["sparql", CARTESIAN, "--timeout", "0.5", "--store", built_store_path])
    assert result.exit_code == 2
    assert result.output.strip() == "kg: error: query cancelled after the 0.5 s timeout (--timeout to change)"
    result = runner.invoke(main, ["sparql", "SELECT ?s WHERE { ?s a foaf:Person }", "--max-rows", "2",
                                  "--format", "csv", "--store", built_store_path])
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 3
    assert "stopped after 2 rows" in result.stderr
