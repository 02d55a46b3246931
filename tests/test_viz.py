"""kg.viz and `kg viz` without a browser: the page's data, its escaping, its selection, the CLI."""

from __future__ import annotations

import json
import re

import networkx as nx
import pytest

from kg import viz
from kg.cli import main
from kg.errors import Ambiguous, InputError, NotFound
from kg.graph import MEMBER_OF, PART_OF, project

ID = "https://w3id.org/vnhealth-kg/id/"
TAM = ID + "person/nguyen-luong-tam"
BYT = ID + "org/bo-y-te"


def json_block(html: str, name: str):
    match = re.search(rf'<script type="application/json" id="kg-{name}">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


@pytest.fixture(scope="module")
def seed_graph(seed_store) -> nx.MultiDiGraph:
    return project(seed_store)


def small_graph() -> nx.MultiDiGraph:
    """A body with a unit inside a unit, a person holding two posts, and an event."""
    g = nx.MultiDiGraph()
    for node, kind, label in (("p", "person", "Trần Văn Ất"), ("a", "org", "Bộ Ất"), ("b", "org", "Cục Bính"),
                              ("c", "org", "Phòng Canh"), ("e", "event", "hội nghị")):
        g.add_node(node, kind=kind, label=label, label_en=None, sources=["s1"], quotes=[])
    g.add_edge("b", "a", predicate=PART_OF, label_vi="thuộc", label_en="part of", source="s1", quote="q1")
    g.add_edge("c", "b", predicate=PART_OF, label_vi="thuộc", label_en="part of", source="s1", quote="q2")
    g.add_edge("p", "a", predicate=MEMBER_OF, label_vi="giữ chức", label_en="holds", source="s2",
               quote="Trần Văn Ất, Bộ trưởng", role="Bộ trưởng", role_en="Minister", status="current",
               as_of="2026-01-13")
    g.add_edge("p", "c", predicate=MEMBER_OF, label_vi="giữ chức", label_en="holds", source="s3",
               quote="Trần Văn Ất, Trưởng phòng", role="Trưởng phòng", role_en=None, status="former")
    g.add_edge("a", "e", predicate="https://schema.org/organizer", label_vi="tổ chức", label_en="organizes",
               source="s1", quote="q3")
    return g


def test_safe_json_cannot_close_its_script_block_and_round_trips():
    data = {"x": "</script><script>alert(1)</script> & \u2028\u2029 \"><img src=x>"}
    text = viz.safe_json(data)
    assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(text) == data


def test_parse_types_accepts_the_six_kinds_and_names_a_bad_one():
    assert viz.parse_types("person, org,post") == {"person", "org", "post"}
    assert viz.parse_types(None) is None
    with pytest.raises(InputError, match="unknown kind people; choose from person,org,post,doc,event,agreement"):
        viz.parse_types("person,people")
    with pytest.raises(InputError, match="unknown kind"):
        viz.parse_types(" , ")


def test_page_data_labels_tenure_edges_by_role_and_gathers_a_persons_evidence():
    nodes, edges = viz.page_data(small_graph())
    by_id = {n["id"]: n for n in nodes}
    person = by_id["p"]
    assert person["posts"] == ["Bộ trưởng — Bộ Ất (current)", "Trưởng phòng — Phòng Canh (former)"]
    assert person["sources"] == ["s1", "s2", "s3"]
    assert person["quotes"] == ["Trần Văn Ất, Bộ trưởng", "Trần Văn Ất, Trưởng phòng"]
    assert person["keys"] == ["tran van at"]
    assert person["value"] == 2 and by_id["a"]["value"] == 3  # size: degree
    tenure = next(e for e in edges if e["from"] == "p" and e["to"] == "a")
    assert (tenure["labelVi"], tenure["labelEn"]) == ("Bộ trưởng", "Minister")
    assert tenure["detail"] == "giữ chức / holds, current, as of 2026-01-13"
    untranslated = next(e for e in edges if e["to"] == "c")
    assert untranslated["labelEn"] == "Trưởng phòng"  # no English role: the Vietnamese one, never blank
    organizer = next(e for e in edges if e["to"] == "e")
    assert (organizer["labelVi"], organizer["labelEn"], organizer["quote"]) == ("tổ chức", "organizes", "q3")
    # Sub-units fold into their top-most ancestor when collapsed.
    assert (by_id["b"]["unit"], by_id["c"]["unit"]) == ("a", "a") and "unit" not in by_id["a"]


def test_select_focus_depth_and_types():
    g = small_graph()
    assert set(viz.select(g, focus="p", depth=0)) == {"p"}
    assert set(viz.select(g, focus="p", depth=1)) == {"p", "a", "c"}
    assert set(viz.select(g, focus="p", depth=2)) == {"p", "a", "b", "c", "e"}
    no_posts = viz.select(g, types={"person", "org"})
    assert set(no_posts) == {"p", "a", "b", "c"}
    assert all(d["predicate"] == PART_OF for *_, d in no_posts.edges(data=True))
    with_posts = viz.select(g, types={"person", "org", "post"})
    assert sum(d["predicate"] == MEMBER_OF for *_, d in with_posts.edges(data=True)) == 2
    assert set(viz.select(g, focus="e", depth=1, types={"person"})) == {"e"}  # the focus always stays
    with pytest.raises(InputError, match="--depth must be 0 or more, not -1"):
        viz.select(g, focus="p", depth=-1)


def test_resolve_finds_people_and_bodies_without_diacritics(seed_graph):
    assert viz.resolve(seed_graph, "nguyen luong tam") == TAM
    assert viz.resolve(seed_graph, "BỘ Y TẾ") == BYT
    assert viz.resolve(seed_graph, "ministry of health") == BYT
    with pytest.raises(NotFound, match="no person or body named 'nguyen luong tan'; did you mean: Nguyễn Lương Tâm"):
        viz.resolve(seed_graph, "nguyen luong tan")
    twins = small_graph()
    twins.add_node("q", kind="person", label="Tran Van At", label_en=None, sources=[], quotes=[])
    with pytest.raises(Ambiguous, match="names 2 nodes"):
        viz.resolve(twins, "tran van at")


def test_render_is_self_contained_and_goes_through_pyvis_without_add_edge(monkeypatch, seed_graph):
    from pyvis.network import Network

    def refuse(*_args, **_kwargs):
        raise AssertionError("add_node/add_edge rescan the graph per call; fill the lists instead")

    monkeypatch.setattr(Network, "add_edge", refuse)
    monkeypatch.setattr(Network, "add_node", refuse)
    html = viz.render(seed_graph, title="seed")
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=[\"']?(https?:|//)", html)
    assert "jsdelivr" not in html and "cdnjs.cloudflare" not in html and "bootstrap" not in html
    assert "sourceMappingURL" not in html
    assert "default-src 'none'" in html  # CSP: the page may fetch nothing
    nodes, edges, meta = json_block(html, "nodes"), json_block(html, "edges"), json_block(html, "meta")
    assert (len(nodes), len(edges)) == (56, 76)
    assert meta["counts"] == {"org": 40, "person": 7, "doc": 4, "agreement": 3, "event": 2}
    assert meta["title"] == "seed"
    options = json_block(html, "options")
    assert options["groups"]["person"]["shape"] == "dot" and options["groups"]["org"]["shape"] == "square"
    assert options["physics"]["stabilization"]["enabled"] is True


def test_write_reports_what_the_page_holds(tmp_path):
    page = viz.write(small_graph(), tmp_path / "g.html")
    assert (page.nodes, page.edges, page.kinds) == (5, 5, {"event": 1, "org": 3, "person": 1})
    assert page.bytes == (tmp_path / "g.html").stat().st_size > 400_000  # vis-network is inside
    html = (tmp_path / "g.html").read_text(encoding="utf-8")
    outside_data = re.sub(r'<script type="application/json".*?</script>', "", html, flags=re.S)
    assert "Trần Văn Ất" in html and "Trần Văn Ất" not in outside_data  # data lives only in the JSON blocks


def test_cli_viz_writes_the_page_and_says_what_it_holds(runner, built_store_path, tmp_path):
    out = tmp_path / "graph.html"
    result = runner.invoke(main, ["viz", "--store", built_store_path, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"wrote {out}: 56 nodes, 76 edges (agreement 3, doc 4, event 2, org 40, person 7)")
    assert json_block(out.read_text(encoding="utf-8"), "meta")["title"] == "vnhealth-kg"


def test_cli_viz_focus_types_and_as_of(runner, built_store_path, tmp_path):
    out = tmp_path / "lan.html"
    args = ["viz", "--store", built_store_path, "-o", str(out), "--json"]
    result = runner.invoke(main, [*args, "--focus", "dao hong lan", "--types", "person,org,post"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["focus"] == ID + "person/dao-hong-lan"
    assert (report["nodes"], report["edges"], report["kinds"]) == (4, 4, {"org": 3, "person": 1})
    labels = sorted(n["label"] for n in json_block(out.read_text(encoding="utf-8"), "nodes"))
    assert labels == ["Ban Chấp hành Trung ương Đảng", "Bộ Y tế", "Đào Hồng Lan", "Đảng ủy Bộ Y tế"]
    # Before the article's date nothing says she held those posts: the tenure edges go.
    before = json.loads(runner.invoke(main, [*args, "--focus", "dao hong lan", "--as-of", "2020-01-01"]).output)
    assert before["edges"] == 0


def test_cli_viz_open_uses_the_default_browser(monkeypatch, runner, built_store_path, tmp_path):
    opened = []
    monkeypatch.setattr("webbrowser.open", opened.append)
    out = tmp_path / "open.html"
    result = runner.invoke(main, ["viz", "--store", built_store_path, "-o", str(out), "--open"])
    assert result.exit_code == 0, result.output
    assert opened == [out.resolve().as_uri()]


@pytest.mark.parametrize(("args", "message"), [
    (["--focus", "khong ai"], "kg: error: --focus: no person or body named 'khong ai'"),
    (["--types", "person,bodies"], "kg: error: --types: unknown kind bodies; choose from"),
    (["--as-of", "13/01/2026"], "kg: error: --as-of '13/01/2026' is not a date (YYYY-MM-DD)"),
    (["--focus", "bo y te", "--depth", "-2"], "kg: error: --depth must be 0 or more, not -2"),
    (["--source", "ngaynay"], "kg: error: --source: no source 'ngaynay'"),
])
def test_cli_viz_bad_input_is_one_line_and_writes_nothing(runner, built_store_path, tmp_path, args, message):
    out = tmp_path / "never.html"
    result = runner.invoke(main, ["viz", "--store", built_store_path, "-o", str(out), *args])
    assert result.exit_code == 2
    assert result.output.startswith(message) and result.output.count("\n") == 1
    assert not out.exists()


def test_cli_viz_help_teaches_with_an_example(runner):
    result = runner.invoke(main, ["viz", "--help"])
    assert result.exit_code == 0
    assert 'kg viz --focus "nguyen luong tam" --depth 2' in result.output
