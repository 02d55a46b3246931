"""The generated pages in headless Debian chromium, offline: drawn, counted, searchable, inert data.

`make test` installs chromium with apt-get when it is missing; without it these
tests fail (they are the proof that the page works), they are never skipped.
Screenshots go to test-artifacts/ (gitignored) for a person to look at.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from browser.harness import CHROMIUM, browser, visit
from browser.synthetic import synthetic_graph

from kg import viz
from kg.build import build
from kg.cli import main
from kg.store import open_store

pytestmark = pytest.mark.browser
FIXTURES = Path(__file__).parent / "fixtures"
HOSTILE = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "javascript:alert(1)"]
TAM = "https://w3id.org/vnhealth-kg/id/person/nguyen-luong-tam"


@pytest.fixture(scope="module")
def chromium():
    if not shutil.which("chromium") and not Path(CHROMIUM).exists():
        pytest.fail("chromium is not installed: run `make test` (apt-get install -y chromium)")
    with browser() as instance:
        yield instance


def assert_inert(v) -> None:
    """Nothing left the page, nothing complained, no script of the data's ran."""
    assert v.requests_out == []
    assert v.console_errors == []
    assert v.page_errors == []
    assert v.dialogs == []


@pytest.fixture(scope="module")
def seed_page(tmp_path_factory, built_store_path):
    from click.testing import CliRunner

    path = tmp_path_factory.mktemp("viz") / "seed.html"
    result = CliRunner().invoke(main, ["viz", "--store", built_store_path, "-o", str(path), "--json"])
    assert result.exit_code == 0, result.output
    return path, json.loads(result.output)


def test_seed_page_draws_offline_with_the_library_counts_and_finds_a_name(chromium, seed_page):
    path, report = seed_page
    with visit(chromium, path) as v:
        v.wait_ready()
        assert v.counts() == (report["nodes"], report["edges"]) == (56, 76)
        assert v.painted_pixels() > 5000
        assert v.search("nguyen luong tam") == [TAM]
        details = v.page.inner_text("#kg-details")
        assert "Nguyễn Lương Tâm" in details
        assert "Chủ tịch — Công đoàn Y tế Việt Nam" in details
        assert "ngaynay-2026-01-13-byt-cdyt" in details
        v.screenshot("seed-search.png")
        assert v.page.inner_text("#kg-counts").startswith("56 nút / nodes, 76 cạnh / edges")
        legend = v.page.inner_text("#kg-legend")
        assert "Người / Person (7)" in legend and "Cơ quan, tổ chức / Body (40)" in legend
        assert_inert(v)


def test_seed_page_physics_settles_then_freezes_and_can_resume(chromium, seed_page):
    with visit(chromium, seed_page[0]) as v:
        v.wait_ready()
        assert v.page.evaluate("network.physics.options.enabled") is False
        v.page.click("#kg-physics")
        assert v.page.evaluate("network.physics.options.enabled") is True
        v.page.click("#kg-physics")
        assert v.page.evaluate("network.physics.options.enabled") is False
        assert_inert(v)


def test_collapsing_sub_units_hides_them_in_their_parent_and_expanding_restores(chromium, seed_page):
    with visit(chromium, seed_page[0]) as v:
        v.wait_ready()
        shown = "network.body.nodeIndices.length"
        before = v.page.evaluate(shown)
        v.page.click("#kg-collapse")
        collapsed = v.page.evaluate(shown)
        # Bộ Y tế's 24 units and the Party committee's 3 go into their parents.
        assert collapsed < before - 20
        assert v.page.evaluate("network.isCluster('cluster:https://w3id.org/vnhealth-kg/id/org/bo-y-te')")
        assert v.counts() == (56, 76)  # the data is untouched, only the view folds
        v.page.click("#kg-collapse")
        assert v.page.evaluate(shown) == before
        assert_inert(v)


def test_language_switch_shows_english_roles_on_tenure_edges(chromium, seed_page):
    with visit(chromium, seed_page[0]) as v:
        v.wait_ready()
        query = """network.body.data.edges.get().filter(e => e.from.endsWith('/dao-hong-lan')
                   && e.to.endsWith('/org/bo-y-te'))[0].label"""
        assert v.page.evaluate(query) == "Bộ trưởng"
        v.page.select_option("#kg-lang", "en")
        assert v.page.evaluate(query) == "Minister"
        assert_inert(v)


def test_focus_page_holds_the_ego_graph(chromium, tmp_path, runner, built_store_path):
    path = tmp_path / "tam.html"
    result = runner.invoke(main, ["viz", "--store", built_store_path, "-o", str(path), "--focus", "nguyen luong tam",
                                  "--depth", "1", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    with visit(chromium, path) as v:
        v.wait_ready()
        assert v.counts() == (report["nodes"], report["edges"]) == (4, 4)
        labels = sorted(v.page.evaluate("network.body.data.nodes.get().map(n => n.labelVi)"))
        assert labels == ["Ban Chấp hành Tổng Liên đoàn Lao động Việt Nam", "Công đoàn Y tế Việt Nam",
                          "Nguyễn Lương Tâm", "buổi làm việc"]
        assert_inert(v)


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory):
    store = open_store("memory:")
    build(store, None, [FIXTURES / "viz-hostile.yaml"])
    path = tmp_path_factory.mktemp("viz") / "hostile.html"
    page = viz.visualize(store, path, source="hostile-markup")
    return path, page


def _hover(v, node_id: str) -> str:
    """Move the mouse onto a node; the text of the tooltip vis-network shows."""
    point = v.page.evaluate("""id => {
        const p = network.canvasToDOM(network.getPositions([id])[id]);
        const r = document.getElementById('mynetwork').getBoundingClientRect();
        return [p.x + r.left, p.y + r.top];
    }""", node_id)
    v.page.mouse.move(point[0] + 3, point[1] + 3)
    v.page.mouse.move(*point)
    v.until("document.querySelector('div.vis-tooltip') && "
            "document.querySelector('div.vis-tooltip').style.visibility === 'visible'", timeout_s=10)
    return v.page.evaluate("document.querySelector('div.vis-tooltip').textContent")


def test_hostile_labels_and_quotes_are_shown_as_text_and_never_run(chromium, hostile_page):
    path, page = hostile_page
    html = path.read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<img" not in html
    with visit(chromium, path) as v:
        v.page.evaluate("window.__pwned = false")
        v.wait_ready()
        assert v.counts() == (page.nodes, page.edges) == (3, 2)
        person = v.page.evaluate("network.body.data.nodes.get().find(n => n.group === 'person').id")
        tip = _hover(v, person)
        assert HOSTILE[0] in tip and HOSTILE[1] in tip and HOSTILE[2] in tip
        assert v.search("<SCRIPT>alert(1)") == [person]
        details = v.page.inner_text("#kg-details")
        assert HOSTILE[0] in details and HOSTILE[1] in details
        v.page.fill("#kg-search", "img src")
        v.page.dispatch_event("#kg-search", "input")
        assert HOSTILE[1] in v.page.inner_text("#kg-results")
        assert v.page.evaluate("document.querySelectorAll('img, a[href], iframe').length") == 0
        assert v.page.evaluate("document.scripts.length") == 6  # 4 JSON blocks, vis-network, the page's own
        v.screenshot("hostile.png")
        assert_inert(v)


@pytest.mark.slow
def test_two_thousand_nodes_draw_readably(chromium, tmp_path):
    graph = synthetic_graph(2000)
    path = tmp_path / "g2000.html"
    page = viz.write(graph, path)
    with visit(chromium, path) as v:
        v.wait_ready()
        assert v.counts() == (page.nodes, page.edges) == (2000, graph.number_of_edges())
        assert v.painted_pixels() > 50_000
        # Not a blob: few nodes sit on top of another (centres closer than both radii).
        overlapping = v.page.evaluate("""() => {
            const ids = network.body.nodeIndices, pos = network.getPositions(ids);
            let n = 0;
            for (const a of ids) {
                const na = network.body.nodes[a];
                for (const b of ids) {
                    if (a === b) continue;
                    const nb = network.body.nodes[b];
                    const dx = pos[a].x - pos[b].x, dy = pos[a].y - pos[b].y;
                    const ra = na.shape.radius || na.options.size, rb = nb.shape.radius || nb.options.size;
                    if (Math.hypot(dx, dy) < ra + rb) {
                        n++; break;
                    }
                }
            }
            return n;
        }""")
        assert overlapping < 0.05 * 2000
        v.screenshot("g2000-overview.png")
        hub = v.page.evaluate("network.body.data.nodes.get().sort((a, b) => b.value - a.value)[0].id")
        v.page.evaluate("id => network.focus(id, {scale: 0.8})", hub)
        v.page.evaluate("network.redraw()")
        v.screenshot("g2000-zoomed.png")
        assert_inert(v)
