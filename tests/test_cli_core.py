"""The first commands through the CLI: build, roles, sparql, stats, validate."""

import json

import pytest

from kg.cli import main


def test_build_into_a_store_path(runner, tmp_path):
    result = runner.invoke(main, ["--help"])
    assert "kg roles" in result.output
    result = runner.invoke(main, ["build", "-q", "--store", f"oxigraph:{tmp_path / 's'}"])
    assert result.exit_code == 0, result.output
    assert "4 sources" in result.output and "ngaynay-2026-01-13-byt-cdyt" in result.output


def test_kg_store_environment_variable_chooses_the_store(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("KG_STORE", f"oxigraph:{tmp_path / 'env-store'}")
    assert runner.invoke(main, ["build", "-q"]).exit_code == 0
    assert (tmp_path / "env-store" / "CURRENT").exists()


def test_roles_of_dao_hong_lan_are_exactly_three_citing_ngay_nay(runner, built_store_path):
    result = runner.invoke(main, ["roles", "Đào Hồng Lan", "--store", built_store_path, "--json"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    posts = {(p["role"], p["org"]) for p in answer["posts"]}
    assert posts == {("Ủy viên", "Ban Chấp hành Trung ương Đảng"), ("Bí thư", "Đảng ủy Bộ Y tế"),
                     ("Bộ trưởng", "Bộ Y tế")}
    english = {p["org_en"] for p in answer["posts"]}
    assert english == {"Central Committee of the Communist Party of Vietnam",
                       "Party Committee of the Ministry of Health", "Ministry of Health"}
    for post in answer["posts"]:
        assert [s["id"] for s in post["sources"]] == ["ngaynay-2026-01-13-byt-cdyt"]
        assert post["sources"][0]["publisher"] == "Báo Ngày Nay"
        assert "Đào Hồng Lan" in post["sources"][0]["quote"]


@pytest.mark.parametrize("typed", ["nguyen luong tam", "NGUYỄN LƯƠNG TÂM", "Nguyễn  Lương Tâm"])
def test_roles_matches_without_diacritics_or_case(runner, built_store_path, typed):
    result = runner.invoke(main, ["roles", typed, "--store", built_store_path, "--json"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert answer["person"] == "Nguyễn Lương Tâm"
    assert {(p["role"], p["org"]) for p in answer["posts"]} == {
        ("Chủ tịch", "Công đoàn Y tế Việt Nam"), ("Ủy viên", "Ban Chấp hành Tổng Liên đoàn Lao động Việt Nam")}


def test_roles_table_shows_body_status_and_source(runner, built_store_path):
    result = runner.invoke(main, ["roles", "vu manh ha", "--store", built_store_path])
    assert result.exit_code == 0
    assert "Thứ trưởng Thường trực" in result.output and "Bộ Y tế" in result.output
    assert "as of 2026-01-13" in result.output and "“đồng chí Vũ Mạnh Hà" in result.output


def test_unknown_name_suggests_the_closest(runner, built_store_path):
    result = runner.invoke(main, ["roles", "Dao Hong Lam", "--store", built_store_path])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "kg: error: no person named 'Dao Hong Lam'; did you mean: Đào Hồng Lan?"]


def test_sparql_select_formats(runner, built_store_path):
    query = "SELECT ?name WHERE { ?p a foaf:Person ; foaf:name ?name } ORDER BY ?name"
    table = runner.invoke(main, ["sparql", query, "--store", built_store_path])
    assert table.exit_code == 0 and "Đào Hồng Lan" in table.output and "(7 rows)" in table.output
    csv = runner.invoke(main, ["sparql", query, "--format", "csv", "--store", built_store_path])
    assert csv.output.splitlines()[0] == "name" and len(csv.output.splitlines()) == 8
    data = json.loads(runner.invoke(main, ["sparql", query, "--format", "json", "--store", built_store_path]).output)
    assert len(data["results"]["bindings"]) == 7


def test_sparql_construct_and_file(runner, built_store_path, tmp_path):
    query_file = tmp_path / "q.rq"
    query_file.write_text("CONSTRUCT { ?p foaf:name ?n } WHERE { ?p a foaf:Person ; foaf:name ?n }", encoding="utf-8")
    result = runner.invoke(main, ["sparql", "-f", str(query_file), "--format", "nquads", "--store", built_store_path])
    assert result.exit_code == 0
    assert '<https://w3id.org/vnhealth-kg/id/person/dao-hong-lan> <http://xmlns.com/foaf/0.1/name> "Đào Hồng Lan"@vi' \
        in result.output


def test_sparql_update_needs_allow_update(runner, tmp_path):
    store = f"oxigraph:{tmp_path / 's'}"
    runner.invoke(main, ["build", "-q", "--store", store])
    update = "INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } }"
    result = runner.invoke(main, ["sparql", update, "--allow-update", "--store", store])
    assert result.exit_code == 0 and "update applied" in result.output
    ask = runner.invoke(main, ["sparql", "ASK { <urn:a> <urn:b> <urn:c> }", "--store", store])
    assert ask.output.strip() == "true"


def test_stats_counts_classes_and_graphs(runner, built_store_path):
    result = runner.invoke(main, ["stats", "--json", "--store", built_store_path])
    data = json.loads(result.output)
    assert data["classes"]["http://xmlns.com/foaf/0.1/Person"] == 7
    assert data["classes"]["https://w3id.org/vnhealth-kg/ontology#Tenure"] == 11
    assert data["graphs"]["https://w3id.org/vnhealth-kg/id/source/laodong-cdyt-hspi-ky-ket"] > 50


def test_validate_passes_on_shipped_data(runner, built_store_path):
    result = runner.invoke(main, ["validate", "--store", built_store_path])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1].startswith("conforms: 0 errors")


BAD_DATES = """format: vnhealth-claims/1
source: {id: bad-dates}
posts:
  - person: Trần Văn Thử
    role: Giám đốc
    org: Bệnh viện Thử Nghiệm
    status: former
    start: 2026-05-01
    end: 2025-01-01
    quote: "ông Trần Văn Thử, nguyên Giám đốc Bệnh viện Thử Nghiệm"
organizations:
  - {name: Bệnh viện Thử Nghiệm, kind: hospital, quote: "Bệnh viện Thử Nghiệm"}
"""


def test_validate_fails_naming_file_and_fact_for_start_after_end(runner, tmp_path):
    path = tmp_path / "bad-dates.yaml"
    path.write_text(BAD_DATES, encoding="utf-8")
    result = runner.invoke(main, ["validate", str(path)])
    assert result.exit_code == 1, result.output
    error = next(line for line in result.output.splitlines() if line.startswith("error:"))
    assert str(path) in error and "Trần Văn Thử" in error and "start is after end" in error
    assert "FAILS: 1 errors" in result.output


def test_validate_fails_naming_file_and_line_for_a_claim_without_quote(runner, tmp_path):
    path = tmp_path / "no-quote.yaml"
    path.write_text(BAD_DATES.replace('    quote: "ông Trần Văn Thử, nguyên Giám đốc Bệnh viện Thử Nghiệm"\n', ""),
                    encoding="utf-8")
    result = runner.invoke(main, ["validate", str(path)])
    assert result.exit_code == 1
    assert f"error: {path}: line 4: post has no 'quote'" in result.output


CYCLE = """format: vnhealth-claims/1
source: {id: cycle}
organizations:
  - {name: Khoa Thử A, part_of: Khoa Thử B, quote: "Khoa Thử A thuộc Khoa Thử B"}
  - {name: Khoa Thử B, part_of: Khoa Thử A, quote: "Khoa Thử B thuộc Khoa Thử A"}
"""


def test_validate_reports_a_part_of_cycle(runner, tmp_path):
    path = tmp_path / "cycle.yaml"
    path.write_text(CYCLE, encoding="utf-8")
    result = runner.invoke(main, ["validate", str(path)])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 2
    assert all(str(path) in e and "is part of itself" in e for e in errors)
    assert {"Khoa Thử A", "Khoa Thử B"} == {e.split(": ")[2].split(" <")[0] for e in errors}
