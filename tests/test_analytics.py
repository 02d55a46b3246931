"""kg.analytics and `kg analyze`: what the structure of the graph says, on hand-made and seed graphs."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from kg import analytics
from kg.cli import main
from kg.errors import InputError, NotFound
from kg.graph import MEMBER_OF, PART_OF, project

ID = "https://w3id.org/vnhealth-kg/id/"
BYT = ID + "org/bo-y-te"


def two_clusters() -> nx.MultiDiGraph:
    """Two triangles of bodies joined only through one person who holds a post in each, plus a loner."""
    g = nx.MultiDiGraph()
    for node in ("a1", "a2", "a3", "b1", "b2", "b3", "z"):
        g.add_node(node, kind="org", label=node.upper(), sources=[], quotes=[])
    g.add_node("p", kind="person", label="Người Nối", sources=[], quotes=[])
    for u, v in (("a2", "a1"), ("a3", "a1"), ("a3", "a2"), ("b2", "b1"), ("b3", "b1"), ("b3", "b2")):
        g.add_edge(u, v, predicate=PART_OF, source="s")
    g.add_edge("p", "a1", predicate=MEMBER_OF, role="Chủ tịch", status="current", source="s1", quote="q1")
    g.add_edge("p", "b1", predicate=MEMBER_OF, role="Ủy viên", status="current", source="s2", quote="q2")
    g.add_edge("p", "b1", predicate=MEMBER_OF, role="Ủy viên", status="current", source="s3", quote="q3")
    return g


def test_undirected_view_merges_directions_and_counts_statements():
    simple = analytics.undirected(two_clusters())
    assert simple.number_of_nodes() == 8 and simple.number_of_edges() == 8
    assert simple["p"]["b1"]["weight"] == 2 and simple["a1"]["p"]["weight"] == 1


def test_the_person_between_two_groups_is_the_broker():
    result = analytics.analyze(two_clusters(), top=3)
    assert result.betweenness[0].label == "Người Nối" and result.betweenness_exact
    assert result.betweenness[0].score > result.betweenness[1].score
    assert {r.label for r in result.betweenness[1:]} == {"A1", "B1"}
    assert [r.label for r in result.degree[:2]] == ["A1", "B1"] and result.degree[0].neighbours == 3
    assert result.component_count == 2 and [c.size for c in result.components] == [7, 1]
    assert result.components[1].members == ["Z"]
    assert result.community_count >= 3  # the two triangles are split, the loner is alone


def test_shared_officials_link_bodies_with_roles_and_sources():
    [pair] = analytics.shared_officials(two_clusters())
    assert (pair.label_a, pair.label_b) == ("A1", "B1")
    [official] = pair.officials
    assert official["label"] == "Người Nối"
    assert [h["role"] for h in official["in_a"]] == ["Chủ tịch"]
    assert [h["source"] for h in official["in_b"]] == ["s2", "s3"]


def test_seed_graph_hubs_brokers_and_shared_officials(seed_store):
    result = analytics.analyze(project(seed_store), top=5)
    assert (result.nodes, result.edges) == (56, 76)
    assert result.degree[0].iri == BYT and result.betweenness[0].iri == BYT
    assert result.components[0].size == 51
    pairs = {(p.label_a, p.label_b): [o["label"] for o in p.officials] for p in result.shared_officials}
    assert pairs[("Bộ Y tế", "Đảng ủy Bộ Y tế")] == ["Đào Hồng Lan"]
    assert pairs[("Ban Chấp hành Tổng Liên đoàn Lao động Việt Nam", "Công đoàn Y tế Việt Nam")] == ["Nguyễn Lương Tâm"]
    again = analytics.analyze(project(seed_store), top=5)
    assert [c.members for c in again.communities] == [c.members for c in result.communities]  # seeded


def test_large_graphs_use_sampled_betweenness():
    graph = nx.MultiDiGraph(nx.path_graph(analytics.EXACT_BETWEENNESS_UP_TO + 1))
    result = analytics.analyze(graph, top=1)
    assert not result.betweenness_exact and result.nodes == analytics.EXACT_BETWEENNESS_UP_TO + 1


def test_projection_checks_the_date_and_the_source(seed_store):
    with pytest.raises(InputError, match="--as-of '2026-02-30x' is not a date"):
        analytics.projection(seed_store, as_of="2026-02-30x")
    with pytest.raises(NotFound, match="did you mean: laodong-cdyt-hspi-ky-ket"):
        analytics.projection(seed_store, source="laodong-cdyt-hspi")
    only = analytics.projection(seed_store, source="laodong-cdyt-hspi-ky-ket")
    assert all(d["source"] == "laodong-cdyt-hspi-ky-ket" for *_, d in only.edges(data=True))


def test_cli_analyze_prints_each_section_with_its_meaning(runner, built_store_path):
    result = runner.invoke(main, ["analyze", "--store", built_store_path, "--top", "5"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("56 nodes, 76 edges (69 linked pairs)")
    for meaning in analytics.MEANINGS.values():
        assert meaning in out
    degree_table = out.split(analytics.MEANINGS["degree"])[1].split("\n\n")[0]
    assert degree_table.splitlines()[3].startswith("Bộ Y tế ")
    assert "Đào Hồng Lan (Bộ trưởng | Bí thư)" in out


def test_cli_analyze_json_and_as_of(runner, built_store_path):
    result = runner.invoke(main, ["analyze", "--store", built_store_path, "--json", "--top", "2"])
    data = json.loads(result.output)
    assert data["degree"][0]["label"] == "Bộ Y tế" and len(data["communities"]) == 2
    assert data["meanings"]["betweenness"].startswith("Brokers")
    before = json.loads(runner.invoke(main, ["analyze", "--store", built_store_path, "--json",
                                             "--as-of", "2020-01-01"]).output)
    assert before["shared_officials"] == []  # nobody is known to hold two posts that day


def test_cli_analyze_bad_top_and_date(runner, built_store_path):
    bad_top = runner.invoke(main, ["analyze", "--store", built_store_path, "--top", "0"])
    assert bad_top.exit_code == 2 and "--top" in bad_top.output
    bad_date = runner.invoke(main, ["analyze", "--store", built_store_path, "--as-of", "tomorrow"])
    assert bad_date.exit_code == 2
    assert bad_date.output == "kg: error: --as-of 'tomorrow' is not a date (YYYY-MM-DD)\n"
