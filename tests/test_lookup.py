"""The questions users bring, on the shipped data: through the CLI and the Python API."""


import pytest
from cli_helpers import invoke, invoke_json

from kg import lookup
from kg.cli import main
from kg.errors import Ambiguous, InputError, NotFound
from kg.query import roles

NGAYNAY = "ngaynay-2026-01-13-byt-cdyt"
LAODONG = "laodong-cdyt-hspi-ky-ket"
CDYT = "https://w3id.org/vnhealth-kg/id/org/cong-doan-y-te-viet-nam"


# ---- roles ----

def test_roles_api_current_all_and_as_of(seed_store):
    answer = roles(seed_store, "Phạm Thanh Bình")
    assert [(p.role, p.org, p.status, p.dated) for p in answer.posts] == [
        ("Chủ tịch", "Công đoàn Y tế Việt Nam", "current", False)]
    on_day = roles(seed_store, "pham thanh binh", as_of="2026-01-13")
    assert on_day.posts == [] and [p.note for p in on_day.undetermined] == ["current, undated source"]
    tam = roles(seed_store, "Nguyễn Lương Tâm", as_of="2026-01-13")
    assert {p.role for p in tam.posts} == {"Chủ tịch", "Ủy viên"} and tam.undetermined == []
    assert roles(seed_store, "Nguyễn Lương Tâm", as_of="2026-01-12").posts == []


def test_roles_cli_as_of_lists_undated_apart(runner, built_store_path):
    out = invoke(runner, built_store_path, "roles", "pham thanh binh", "--as-of", "2026-01-13")
    assert "no posts known on 2026-01-13" in out
    assert "not placed on 2026-01-13: Chủ tịch Công đoàn Y tế Việt Nam (current, undated source; " \
           f"{LAODONG})" in out
    table = invoke(runner, built_store_path, "roles", "pham thanh binh")
    assert "undated source" in table and "“Chủ tịch Công đoàn Y tế Việt Nam Phạm Thanh Bình”" in table


@pytest.mark.parametrize("args, message", [
    (["--as-of", "13/01/2026"], "kg: error: --as-of '13/01/2026' is not a date (YYYY-MM-DD)"),
    (["--as-of", "2026-02-30"], "kg: error: --as-of '2026-02-30' is not a date: no such day"),
    (["--as-of", "2026-02-28", "--all"], "kg: error: give either --as-of or --all, not both"),
])
def test_roles_bad_options_are_one_line(runner, built_store_path, args, message):
    result = runner.invoke(main, ["roles", "dao hong lan", *args, "--store", built_store_path])
    assert result.exit_code == 2 and result.output.strip().splitlines() == [message]


# ---- holders ----

def test_holders_api_chair_on_2026_01_13_is_nguyen_luong_tam_only(seed_store):
    answer = lookup.holders(seed_store, "Công đoàn Y tế Việt Nam", role="Chủ tịch", as_of="2026-01-13")
    assert [h.person for h in answer.holders] == ["Nguyễn Lương Tâm"]
    assert answer.holders[0].sources[0]["id"] == NGAYNAY
    assert [(h.person, h.note) for h in answer.undetermined] == [("Phạm Thanh Bình", "current, undated source")]


def test_holders_cli_answers_nguyen_luong_tam(runner, built_store_path):
    data = invoke_json(runner, built_store_path, "holders", "Công đoàn Y tế Việt Nam", "--role", "Chủ tịch",
                       "--as-of", "2026-01-13")
    assert [h["person"] for h in data["holders"]] == ["Nguyễn Lương Tâm"]
    assert data["holders"][0]["sources"][0]["quote"].endswith("Chủ tịch Công đoàn Y tế Việt Nam")
    table = invoke(runner, built_store_path, "holders", "cong doan y te", "--role", "chu tich")
    rows = [line for line in table.splitlines() if "Chủ tịch  Công đoàn" in line]
    assert len(rows) == 2 and any("undated source" in r for r in rows)


def test_holders_deep_reaches_units(seed_store):
    shallow = lookup.holders(seed_store, "Bộ Y tế")
    assert {h.person for h in shallow.holders} == {"Đào Hồng Lan", "Vũ Mạnh Hà"}
    deep = lookup.holders(seed_store, "Bộ Y tế", deep=True)
    assert {(h.person, h.org) for h in deep.holders} >= {
        ("Trần Thị Mai Oanh", "Viện Chiến lược và Chính sách Y tế"), ("Đào Hồng Lan", "Đảng ủy Bộ Y tế"),
        ("Phạm Minh Khuê", "Đảng ủy Bộ Y tế")}


def test_holders_unknown_role_suggests(seed_store):
    with pytest.raises(NotFound, match="no role named 'Chu tich x'; did you mean: Chủ tịch"):
        lookup.holders(seed_store, "Bộ Y tế", role="Chu tich x")


# ---- coordination ----

def test_coordination_api_lists_the_three_partners_with_evidence(seed_store):
    answer = lookup.coordination(seed_store, "Công đoàn Y tế Việt Nam")
    partners = {p.label_en: p for p in answer.partners}
    assert set(partners) == {"Health Strategy and Policy Institute", "Ministry of Health",
                             "Standing Board of the Ministry of Health Party Committee"}
    moh = {(link["kind"], link["status"], link["start"], link["end"]) for link in partners["Ministry of Health"].links}
    assert moh == {("agreement", "proposed", "2025", "2030"), ("agreement", "planned", "2026", "2030")}
    hspi = partners["Health Strategy and Policy Institute"].links
    assert {(link["kind"], link["status"]) for link in hspi} == {("agreement", "signed"), ("event", None)}
    assert all(link["source"]["id"] == LAODONG and link["source"]["quote"] for link in hspi)
    board = partners["Standing Board of the Ministry of Health Party Committee"].links
    assert [(link["label"], link["start"], link["source"]["id"]) for link in board] == [
        ("buổi làm việc", "2026-01-13", NGAYNAY)]


def test_coordination_cli_table_and_depth_two(runner, built_store_path):
    out = invoke(runner, built_store_path, "coordination", "Công đoàn Y tế Việt Nam")
    for expected in ("Health Strategy and Policy Institute", "Ministry of Health",
                     "Standing Board of the Ministry of Health Party Committee", "planned", "2026 – 2030",
                     "“Công đoàn Y tế Việt Nam cũng đề xuất ký Quy chế phối hợp mới"):
        assert expected in out
    deep = invoke_json(runner, built_store_path, "coordination", "Viện Chiến lược và Chính sách Y tế", "--depth", "2")
    found = {(p["label"], p["depth"], p["via"]) for p in deep["partners"]}
    assert found == {("Công đoàn Y tế Việt Nam", 1, None), ("Bộ Y tế", 2, "Công đoàn Y tế Việt Nam"),
                     ("Thường trực Đảng ủy Bộ Y tế", 2, "Công đoàn Y tế Việt Nam")}


# ---- path ----

def test_path_api_dao_hong_lan_to_tran_thi_mai_oanh(seed_store):
    answer = lookup.path(seed_store, "Đào Hồng Lan", "Trần Thị Mai Oanh")
    assert answer.chain == ("Đào Hồng Lan — Bộ trưởng — Bộ Y tế — has unit — Viện Chiến lược và Chính sách Y tế"
                            " — Viện trưởng — Trần Thị Mai Oanh")
    assert [h.source["id"] for h in answer.hops] == [NGAYNAY, "moh-structure-2025", LAODONG]
    assert "Bộ trưởng Bộ Y tế" in answer.hops[0].source["quote"]


def test_path_cli_prints_each_hop_with_its_source(runner, built_store_path):
    out = invoke(runner, built_store_path, "path", "Đào Hồng Lan", "Trần Thị Mai Oanh")
    lines = out.splitlines()
    assert lines[0].startswith("Đào Hồng Lan — Bộ trưởng — Bộ Y tế") and lines[0].endswith("Trần Thị Mai Oanh")
    assert lines[1].startswith("  1. Đào Hồng Lan holds the post of Bộ trưởng at Bộ Y tế")
    assert f"[{NGAYNAY} 2026-01-13] “đồng chí Đào Hồng Lan" in lines[1]
    assert f"[{LAODONG}] “TS Trần Thị Mai Oanh - Viện trưởng" in lines[3]
    coordinated = invoke(runner, built_store_path, "path", "Bộ Y tế", "cong doan y te viet nam")
    assert coordinated.splitlines()[0] == ("Bộ Y tế — coordinates (chương trình phối hợp 2026-2030, Báo Ngày Nay "
                                           "2026-01-13) — Công đoàn Y tế Việt Nam")


def test_path_between_unconnected_dates_is_not_found(seed_store):
    with pytest.raises(NotFound, match="no connection between Đào Hồng Lan and Trần Thị Mai Oanh on 2020-01-01"):
        lookup.path(seed_store, "Đào Hồng Lan", "Trần Thị Mai Oanh", as_of="2020-01-01")


# ---- cites ----

@pytest.mark.parametrize("typed", ["72-NQ/TW", "72", "nghị quyết 72", "nghi quyet 72", "NQ 72", "72-nq/tw"])
def test_cites_api_finds_resolution_72_however_typed(seed_store, typed):
    answer = lookup.cites(seed_store, typed)
    assert answer.doc.iri.endswith("/eli/nq/72-nq-tw")
    assert [(c["kind"], c["label"], c["date"], c["source"]["id"]) for c in answer.citers] == [
        ("event", "buổi làm việc", "2026-01-13", NGAYNAY)]
    assert answer.citers[0]["who"] == ["Công đoàn Y tế Việt Nam", "Thường trực Đảng ủy Bộ Y tế"]


def test_cites_cli_and_decree_42(runner, built_store_path):
    out = invoke(runner, built_store_path, "cites", "nghị quyết 72")
    assert "Nghị quyết 72-NQ/TW" in out and "Thường trực Đảng ủy Bộ Y tế" in out and "2026-01-13" in out
    decree = invoke_json(runner, built_store_path, "cites", "nghị định 42")
    assert decree["doc"]["label"] == "42/2025/NĐ-CP"
    assert [(c["kind"], c["relation"]) for c in decree["citers"]] == [("source", "reproduces")]
    result = runner.invoke(main, ["cites", "quyết định 72", "--store", built_store_path])
    assert result.exit_code == 2 and result.output.startswith("kg: error: no document named 'quyết định 72'")


# ---- show ----

def test_show_api_groups_a_body_with_sources(seed_store):
    answer = lookup.show(seed_store, "cong doan y te")
    groups = answer.groups()
    assert set(groups) == {"coordinates with", "has unit", "held by", "organizes", "party to"}
    assert {(f.other_label, f.source["id"]) for f in groups["held by"]} == {
        ("Nguyễn Lương Tâm", NGAYNAY), ("Phạm Thanh Bình", LAODONG)}
    assert answer.attributes["label_en"] == "Vietnam Health Trade Union"
    units = {f.other_label: f.detail for f in lookup.show(seed_store, "Bộ Y tế").groups()["has unit"]}
    assert units["Cục Y tế dự phòng"] == "dissolved 2025-03-01" and units["Cục Phòng bệnh"] == "founded 2025-03-01"


def test_show_cli_by_name_and_iri(runner, built_store_path):
    by_iri = invoke_json(runner, built_store_path, "show", "https://w3id.org/vnhealth-kg/id/person/dao-hong-lan")
    assert by_iri["entity"]["label"] == "Đào Hồng Lan"
    assert {f["other_label"] for f in by_iri["groups"]["holds"]} == {
        "Bộ Y tế", "Đảng ủy Bộ Y tế", "Ban Chấp hành Trung ương Đảng"}
    assert [(f["other_label"], f["detail"]) for f in by_iri["groups"]["participates in"]] == [
        ("buổi làm việc", "directed")]
    out = invoke(runner, built_store_path, "show", "Đào Hồng Lan")
    assert "holds:" in out and "Bộ trưởng, current, as of 2026-01-13" in out and f"[{NGAYNAY} 2026-01-13]" in out


def test_show_an_event_by_iri(seed_store):
    answer = lookup.show(seed_store, f"https://w3id.org/vnhealth-kg/id/event/{NGAYNAY}/buoi-lam-viec-2026-01-13")
    assert answer.attributes["date"] == "2026-01-13"
    groups = answer.groups()
    assert {f.other_label for f in groups["attended by"]} == {"Đào Hồng Lan", "Vũ Mạnh Hà", "Phạm Minh Khuê",
                                                              "Nguyễn Lương Tâm"}
    assert {f.other_label for f in groups["cites"]} == {"Nghị quyết 72-NQ/TW", "Nghị quyết 57-NQ/TW",
                                                        "Nghị quyết 68-NQ/TW"}


def test_show_unknown(seed_store):
    with pytest.raises(NotFound, match="did you mean: Đào Hồng Lan"):
        lookup.show(seed_store, "Dao Hong Lam")
    with pytest.raises(NotFound, match="no person, body, document, event or agreement with IRI"):
        lookup.show(seed_store, "https://example.org/x")


# ---- search ----

def test_search_api_ranks_exact_first(seed_store):
    hits = lookup.search(seed_store, "cong doan y te")
    assert (hits[0].label, hits[0].kind) == ("Công đoàn Y tế Việt Nam", "org")
    assert [h.label for h in lookup.search(seed_store, "mai oanh")] == ["Trần Thị Mai Oanh"]
    assert lookup.search(seed_store, "HSPI")[0].label == "Viện Chiến lược và Chính sách Y tế"
    kinds = {h.kind for h in lookup.search(seed_store, "buoi lam viec")}
    assert "event" in kinds


def test_search_cli(runner, built_store_path):
    out = invoke(runner, built_store_path, "search", "dao hong lan")
    assert out.splitlines()[2].split()[:4] == ["Đào", "Hồng", "Lan", "person"]
    assert invoke_json(runner, built_store_path, "search", "72")[0]["label"] == "Nghị quyết 72-NQ/TW"
    assert invoke(runner, built_store_path, "search", "zzzzqqq").strip() == "no match"


# ---- timeline ----

def test_timeline_api_of_the_ministry(seed_store):
    entity, moments = lookup.timeline(seed_store, "Bộ Y tế")
    assert entity.label == "Bộ Y tế"
    dates = [m.date for m in moments if m.date]
    assert dates == sorted(dates, key=lookup.earliest)
    facts = {(m.date, m.what) for m in moments}
    assert ("2025-03-01", "Cục Phòng bệnh founded") in facts
    assert ("2026-01-13", "Đào Hồng Lan: Bộ trưởng, Bộ Y tế (stated as current)") in facts


def test_timeline_cli_of_a_person(runner, built_store_path):
    data = invoke_json(runner, built_store_path, "timeline", "nguyen luong tam")
    assert [(m["date"], m["source"]["id"]) for m in data["moments"]] == [("2026-01-13", NGAYNAY)] * 3
    assert "buổi làm việc (participates in, reported)" in {m["what"] for m in data["moments"]}
    out = invoke(runner, built_store_path, "timeline", "Phạm Thanh Bình")
    assert "undated" in out and "lễ ký kết" in out


# ---- sources ----

def test_sources_api_and_cli(seed_store, runner, built_store_path):
    found = {s["id"]: s for s in lookup.sources(seed_store)}
    assert set(found) == {"gazetteer", "moh-structure-2025", LAODONG, NGAYNAY}
    assert found[NGAYNAY]["contributes"]["posts"] == 8 and found[NGAYNAY]["date"] == "2026-01-13"
    assert found[LAODONG]["contributes"]["posts"] == 3 and found[LAODONG]["date"] is None
    out = invoke(runner, built_store_path, "sources")
    assert "Báo Ngày Nay" in out and "8 posts" in out


def test_source_api_and_cli(seed_store, runner, built_store_path):
    one = lookup.source(seed_store, LAODONG)
    assert {(t["person"], t["role"]) for t in one["tenures"]} == {
        ("Phạm Thanh Bình", "Chủ tịch"), ("Trần Thị Mai Oanh", "Viện trưởng"), ("Vũ Thị Minh Hạnh", "Phó Viện trưởng")}
    assert [a["label"] for a in one["entities"]["agreement"]] == [
        "chương trình phối hợp hoạt động giữa Công đoàn Y tế Việt Nam và Viện Chiến lược và Chính sách Y tế"]
    out = invoke(runner, built_store_path, "source", NGAYNAY)
    assert "publisher: Báo Ngày Nay" in out and "Nguyễn Lương Tâm" in out and "buổi làm việc" in out
    with pytest.raises(NotFound, match=f"no source 'ngaynay'; did you mean: {NGAYNAY}?"):
        lookup.source(seed_store, "ngaynay")


# ---- bad input ----

@pytest.mark.parametrize("command", [["holders"], ["coordination"], ["show"], ["timeline"], ["path", "Bộ Y tế"],
                                     ["cites"]])
@pytest.mark.parametrize("name", ['"', "} ; DROP ALL ; {", "\\", "<urn:x>", "Đào\"Hồng"])
def test_hostile_names_are_not_found(runner, built_store_path, command, name):
    result = runner.invoke(main, [*command, name, "--store", built_store_path])
    assert result.exit_code == 2
    assert result.output.startswith("kg: error: no ") and len(result.output.strip().splitlines()) == 1


def test_find_reports_ambiguity(seed_store, fresh_store):
    fresh_store.update("""INSERT DATA { GRAPH <urn:x> {
        <https://w3id.org/vnhealth-kg/id/person/x> a <http://xmlns.com/foaf/0.1/Person> ;
          <http://xmlns.com/foaf/0.1/name> "Bộ Y Tế"@vi ;
          <https://w3id.org/vnhealth-kg/ontology#nameKey> "bo y te" } }""")
    with pytest.raises(Ambiguous, match="'bo y te' names 2 entities"):
        lookup.find(fresh_store, "bo y te")
    assert lookup.find(fresh_store, "bo y te", ("org",)).label == "Bộ Y tế"


def test_dates_must_be_full(seed_store):
    with pytest.raises(InputError, match="--as-of '2026' is not a date"):
        lookup.holders(seed_store, "Bộ Y tế", as_of="2026")
