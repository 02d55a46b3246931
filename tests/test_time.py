"""Time and conflicts on invented claims (tests/fixtures/claims-time): a succession,
a "nguyên" post, an acting post, an undated source, two dated sources that
conflict. Every command runs on them through the CLI and the API."""

from pathlib import Path

import pytest
from cli_helpers import invoke, invoke_json

from kg import lookup
from kg.build import build
from kg.cli import main
from kg.graph import project
from kg.lookup import Tenure, held_interval, held_on, settle
from kg.query import roles
from kg.store import open_store
from kg.validate import consistency_problems

FIXTURES = Path(__file__).parent / "fixtures" / "claims-time"
A, B, C, D = "fixture-time-a-2025-06", "fixture-time-b-2025-12", "fixture-time-c-undated", "fixture-time-d-2026-02"
CENTRE = "Trung tâm Kiểm thử Y tế Số 9"


@pytest.fixture(scope="module")
def time_store_path(tmp_path_factory):
    """The shipped data plus the time fixtures, on disk for the CLI."""
    path = tmp_path_factory.mktemp("time") / "store"
    build(open_store(f"oxigraph:{path}"), extra=sorted(FIXTURES.glob("*.yaml")))
    return f"oxigraph:{path}"


@pytest.fixture(scope="module")
def time_store(time_store_path):
    return open_store(time_store_path, read_only=True)


# ---- the rules, on single claims ----

def claim(**fields):
    base = {"iri": "t", "person": "p", "person_name": "P", "post": "post", "role_iri": "r", "role": "Giám đốc",
            "role_en": None, "org": "o", "org_label": "O", "org_en": None, "status": "current",
            "source": {"id": "s", "date": None, "quote": "q"}}
    return Tenure(**{**base, **fields})


@pytest.mark.parametrize("fields, day, verdict", [
    ({"as_of": "2026-01-13"}, "2026-01-13", "yes"),
    ({"as_of": "2026-01-13"}, "2026-01-12", "unknown"),  # start unknown
    ({"as_of": "2026-01-13"}, "2026-01-14", "unknown"),  # may have ended
    ({}, "2026-01-13", "unknown"),  # undated source
    ({"start": "2020-03", "as_of": "2025-06-01"}, "2022-01-01", "yes"),
    ({"start": "2020-03", "as_of": "2025-06-01"}, "2020-03-15", "unknown"),  # some day in March 2020
    ({"start": "2020-03", "as_of": "2025-06-01"}, "2020-02-29", "no"),
    ({"status": "former", "start": "2019", "end": "2021-05-01"}, "2021-04-30", "yes"),
    ({"status": "former", "start": "2019", "end": "2021-05-01"}, "2021-05-01", "no"),
    ({"status": "former"}, "2021-05-01", "unknown"),  # "nguyên", no dates
])
def test_held_on(fields, day, verdict):
    assert held_on(claim(**fields), day) == verdict


def test_succession_closes_earlier_and_undated_current_claims_only():
    source_b = {"id": "b", "date": "2025-12-15", "quote": "thay thế"}
    replaced = claim(iri="x-b", status="former", end="2025-12-01", source=source_b, successors=["Y"])
    earlier = claim(iri="x-a", as_of="2025-06-01", start="2020-03")
    undated = claim(iri="x-c")
    later = claim(iri="x-d", as_of="2026-02-01")
    settle([replaced, earlier, undated, later])
    assert (earlier.state, earlier.until, earlier.ended_by["successors"]) == ("former", "2025-12-01", ["Y"])
    assert (undated.state, later.state) == ("former", "current")
    assert held_interval(earlier) == ("2020-03-31", "2025-11-30")
    assert held_interval(undated) is None and held_interval(later) == ("2026-02-01", "2026-02-01")


# ---- roles ----

def test_roles_api_succession_nguyen_acting(time_store):
    thu = roles(time_store, "Lê Văn Thử")
    assert thu.posts == []
    everything = roles(time_store, "le van thu", include_all=True).posts
    assert [(p.role, p.status, p.start, p.end, p.replaced_by) for p in everything] == [
        ("Giám đốc", "former", "2020-03", "2025-12-01", ["Trần Thị Mẫu"])]
    assert [s["id"] for s in everything[0].sources] == [A, B]
    assert [p.role for p in roles(time_store, "Lê Văn Thử", as_of="2025-09-01").posts] == ["Giám đốc"]
    assert roles(time_store, "Lê Văn Thử", as_of="2025-12-01").posts == []
    kiem = roles(time_store, "Ngô Văn Kiểm", include_all=True).posts
    assert [(p.role, p.status, p.start, p.end) for p in kiem] == [("Giám đốc", "former", None, None)]
    assert roles(time_store, "Ngô Văn Kiểm").posts == []
    acting = roles(time_store, "Phan Thị Giả Định").posts
    assert [(p.role, p.acting, p.as_of) for p in acting] == [("Quyền Giám đốc", True, "2025-06-01")]


def test_roles_cli_on_fixtures(runner, time_store_path):
    out = invoke(runner, time_store_path, "roles", "le van thu", "--all")
    assert "former" in out and "2020-03 – 2025-12-01 (replaced by Trần Thị Mẫu)" in out
    assert "thay thế ông Lê Văn Thử”" in out
    assert invoke(runner, time_store_path, "roles", "le van thu").splitlines()[1] == \
        "no current posts (--all lists former ones)"
    assert "current (acting)" in invoke(runner, time_store_path, "roles", "phan thi gia dinh")


# ---- holders ----

@pytest.mark.parametrize("day, holder", [("2025-06-01", "Lê Văn Thử"), ("2025-09-01", "Lê Văn Thử"),
                                         ("2025-12-01", "Trần Thị Mẫu"), ("2025-12-15", "Trần Thị Mẫu")])
def test_holders_api_director_through_the_succession(time_store, day, holder):
    answer = lookup.holders(time_store, CENTRE, role="Giám đốc", as_of=day)
    assert [h.person for h in answer.holders] == [holder]
    assert [(h.person, h.note) for h in answer.undetermined] == [("Ngô Văn Kiểm", "former, dates unknown")]


def test_holders_cli_on_fixtures(runner, time_store_path):
    now = invoke_json(runner, time_store_path, "holders", "trung tam kiem thu y te so 9")
    assert {(h["person"], h["role"]) for h in now["holders"]} == {("Trần Thị Mẫu", "Giám đốc"),
                                                                  ("Trần Thị Mẫu", "Phó Giám đốc")}
    everyone = invoke_json(runner, time_store_path, "holders", CENTRE, "--all", "--role", "giam doc")
    assert [(h["person"], h["status"]) for h in everyone["holders"]] == [
        ("Trần Thị Mẫu", "current"), ("Lê Văn Thử", "former"), ("Ngô Văn Kiểm", "former")]
    deep = invoke_json(runner, time_store_path, "holders", "Hội Thử nghiệm Y học")
    assert {(h["person"], h["dated"]) for h in deep["holders"]} == {("Vương Văn Mới", True),
                                                                    ("Đỗ Văn Minh Họa", False)}
    out = invoke(runner, time_store_path, "holders", "Hội Thử nghiệm Y học", "--as-of", "2026-02-01")
    assert "Vương Văn Mới" in out and f"not placed on 2026-02-01: Đỗ Văn Minh Họa: Chủ tịch Hội Thử nghiệm Y học " \
        f"(current, undated source; {C})" in out


# ---- validate ----

def test_conflicts_error_warning_and_succession(time_store):
    found = {(p.severity, p.focus): p for p in consistency_problems(time_store)}
    assert set(found) == {("error", "Viện trưởng Viện Mô phỏng Y học"), ("warning", "Chủ tịch Hội Thử nghiệm Y học"),
                          ("warning", "Chủ tịch Công đoàn Y tế Việt Nam")}
    error = found[("error", "Viện trưởng Viện Mô phỏng Y học")]
    assert error.where == "fixture-time-e-2026-03 and fixture-time-f-2026-03"
    assert "Bùi Thị Một" in error.message and "Hồ Văn Hai" in error.message and "on 2026-03-01" in error.message
    warning = found[("warning", "Chủ tịch Hội Thử nghiệm Y học")]
    assert C in warning.where and D in warning.where and f"{C} is undated" in warning.message


def test_validate_cli_names_both_sources(runner, time_store_path):
    result = runner.invoke(main, ["validate", "--store", time_store_path])
    assert result.exit_code == 1
    assert "error: fixture-time-e-2026-03 and fixture-time-f-2026-03: Viện trưởng Viện Mô phỏng Y học:" in result.output
    assert "Trung tâm Kiểm thử" not in result.output  # the succession explains Lê Văn Thử → Trần Thị Mẫu


# ---- the other commands on the fixtures ----

def test_coordination_on_fixtures(time_store, runner, time_store_path):
    answer = lookup.coordination(time_store, "Hội Thử nghiệm Y học")
    assert {(p.label, link["kind"], link["status"]) for p in answer.partners for link in p.links} == {
        (CENTRE, "agreement", "signed"), (CENTRE, "event", None), ("Trung tâm Thử nghiệm Số 7", "agreement", "planned")}
    out = invoke(runner, time_store_path, "coordination", CENTRE, "--depth", "2")
    assert "Trung tâm Thử nghiệm Số 7" in out and "2025 – 2027" in out and "via" in out.splitlines()[1]


def test_path_on_fixtures_respects_dates(time_store, runner, time_store_path):
    answer = lookup.path(time_store, "Lê Văn Thử", "Phan Thị Giả Định")
    assert answer.chain == "Lê Văn Thử — participates in — buổi làm việc — attended by — Phan Thị Giả Định"
    out = invoke(runner, time_store_path, "path", "Trần Thị Mẫu", "Lê Văn Thử", "--as-of", "2025-06-01")
    assert out.splitlines()[0] == ("Trần Thị Mẫu — Phó Giám đốc — Trung tâm Kiểm thử Y tế Số 9 — Giám đốc (former) — "
                                   "Lê Văn Thử")
    later = lookup.path(time_store, "Trần Thị Mẫu", "Lê Văn Thử", as_of="2025-12-15")
    assert later.chain == ("Trần Thị Mẫu — Giám đốc — Trung tâm Kiểm thử Y tế Số 9 — organizes — buổi làm việc — "
                           "attended by — Lê Văn Thử")
    assert later.hops[0].source["id"] == B


def test_cites_on_fixtures(time_store, runner, time_store_path):
    answer = lookup.cites(time_store, "quyết định 15")
    assert [(c["kind"], c["relation"], c["date"]) for c in answer.citers] == [
        ("agreement", "cites", "2025"), ("event", "cites", "2025-06-01"), ("tenure", "appointed by", "2025-12-01")]
    data = invoke_json(runner, time_store_path, "cites", "15/QĐ-TTS9")
    assert data["citers"][2]["who"] == ["Trần Thị Mẫu"] and data["citers"][2]["source"]["id"] == B


def test_show_and_timeline_on_fixtures(time_store, runner, time_store_path):
    shown = lookup.show(time_store, CENTRE).groups()
    assert {(f.other_label, f.detail) for f in shown["held by"]} >= {
        ("Lê Văn Thử", "Giám đốc, former, 2020-03 – 2025-12-01"), ("Ngô Văn Kiểm", "Giám đốc, former")}
    entity, moments = lookup.timeline(time_store, "Lê Văn Thử")
    assert entity.kind == "person"
    assert [(m.date, m.source["id"]) for m in moments if "Giám đốc" in m.what] == [
        ("2020-03", A), ("2025-06-01", A), ("2025-12-01", A), ("2025-12-01", B)]
    out = invoke(runner, time_store_path, "timeline", "Ngô Văn Kiểm")
    assert "undated" in out and "Giám đốc, Trung tâm Kiểm thử Y tế Số 9 (former)" in out
    assert "Quyền Giám đốc, current" in invoke(runner, time_store_path, "show", "Phan Thị Giả Định")


def test_search_and_sources_on_fixtures(time_store, runner, time_store_path):
    assert lookup.search(time_store, "kiem thu so 9")[0].label == CENTRE
    found = {s["id"]: s for s in lookup.sources(time_store)}
    assert found[C]["date"] is None and found[B]["date"] == "2025-12-15"
    out = invoke(runner, time_store_path, "source", B)
    assert "Trần Thị Mẫu" in out and "Lê Văn Thử" in out and "former" in out
    assert "Vương Văn Mới" in invoke(runner, time_store_path, "search", "vuong van moi")
    listed = {s["id"]: s for s in invoke_json(runner, time_store_path, "sources")}
    assert listed[B]["contributes"] == {"posts": 2, "persons": 2, "documents": 1, "bodies": 1}
    assert listed[C]["date"] is None and listed[A]["date"] == "2025-06-01"


def test_projection_and_export_on_a_day(time_store, runner, time_store_path, tmp_path):
    graph = project(time_store, as_of="2025-09-01")
    holds = {(graph.nodes[u]["label"], a["role"]) for u, v, a in graph.edges(data=True) if a["label_en"] == "holds"
             and graph.nodes[v]["label"] == CENTRE}
    assert holds == {("Lê Văn Thử", "Giám đốc")}  # Trần Thị Mẫu's deputy post: stated 2025-06-01, no later
    later = project(time_store, as_of="2025-12-15")
    assert {(later.nodes[u]["label"], a["role"]) for u, v, a in later.edges(data=True) if a["label_en"] == "holds"
            and later.nodes[v]["label"] == CENTRE} == {("Trần Thị Mẫu", "Giám đốc")}
    invoke(runner, time_store_path, "export", "--format", "csv", "--source", B, "-o", str(tmp_path / "b"))
    rows = (tmp_path / "b" / "tenures.csv").read_text(encoding="utf-8").splitlines()
    assert len(rows) == 3 and rows[0].startswith("tenure,person,")
    assert {r.split(",")[1] for r in rows[1:]} == {"Trần Thị Mẫu", "Lê Văn Thử"}
