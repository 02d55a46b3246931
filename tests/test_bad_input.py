"""Bad input: one clear line, exit 2, and the store exactly as before."""

import pytest

from kg.cli import main

CLAIMS_OK = """format: vnhealth-claims/1
source: {id: extra-source}
posts:
  - {person: Lê Thị Thử, role: Giám đốc, org: Sở Y tế Thử Nghiệm, status: current, quote: "bà Lê Thị Thử"}
organizations:
  - {name: Sở Y tế Thử Nghiệm, quote: "Sở Y tế Thử Nghiệm"}
"""

CASES = {
    "malformed-yaml": ("bad.yaml", "format: vnhealth-claims/1\nsource: {id: x\nposts: [\n",
                       "bad.yaml:3: malformed YAML"),
    "unknown-key": ("unknown.yaml", CLAIMS_OK.replace("status: current", "status: current, salary: 3"),
                    "unknown.yaml:4: unknown key 'salary' in post"),
    "missing-source-file": ("nosource.yaml", CLAIMS_OK.replace("{id: extra-source}",
                                                              "{id: extra-source, file: missing-article.txt}"),
                            "nosource.yaml:2: source file 'missing-article.txt' does not exist"),
    "bad-date": ("date.yaml", CLAIMS_OK.replace("status: current", "status: current, start: 13/01/2026"),
                 "date.yaml:4: post 'start': '13/01/2026' is not a date"),
    "one-party": ("party.yaml", CLAIMS_OK + "agreements:\n  - {key: a, kind: quy chế phối hợp, parties: [Bộ Y tế], "
                  "quote: q}\n", "party.yaml:8: agreement 'parties': expected at least 2 entries, got 1"),
    "dangling-body": ("dangling.yaml", CLAIMS_OK.replace("org: Sở Y tế Thử Nghiệm", "org: Sở Y Tế Thử Nghệm"),
                      "dangling.yaml:4: post 'org' names unknown body 'Sở Y Tế Thử Nghệm'"),
    "turtle-syntax": ("broken.ttl", "@prefix ex: <http://example.org/> .\nex:a ex:b ex:c ;\n ex:d .\n",
                      "broken.ttl:3: malformed RDF"),
    "binary": ("bin.yaml", b"\x00\x01\x02format", "bin.yaml: binary file"),
}


def dump(store_path):
    from kg.store import open_store

    store = open_store(store_path, read_only=True)
    try:
        return sorted(str(q) for q in store.quads())
    finally:
        store.close()


@pytest.fixture()
def store_path(runner, tmp_path):
    path = f"oxigraph:{tmp_path / 'store'}"
    assert runner.invoke(main, ["build", "-q", "--store", path]).exit_code == 0
    return path


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_extra_file_fails_cleanly_and_store_is_unchanged(runner, tmp_path, store_path, case):
    name, content, expected = CASES[case]
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    before = dump(store_path)
    result = runner.invoke(main, ["build", "-q", "--store", store_path, str(path)])
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("kg: error: ") and f"{tmp_path}/" in lines[0]
    assert expected in lines[0]
    assert "Traceback" not in result.output
    assert dump(store_path) == before


def test_update_without_allow_update_is_refused_and_changes_nothing(runner, store_path):
    before = dump(store_path)
    for update, keyword in (("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "INSERT"),
                            ("PREFIX ex: <http://example.org/>\n# a comment\nDELETE WHERE { ?s ?p ?o }", "DELETE"),
                            ("drop all", "DROP")):
        result = runner.invoke(main, ["sparql", update, "--store", store_path])
        assert result.exit_code == 2
        assert result.output.strip().splitlines() == [
            f"kg: error: this is a SPARQL update ({keyword}); the store is read-only unless --allow-update"]
    assert dump(store_path) == before


def test_malformed_query_is_one_line(runner, store_path):
    result = runner.invoke(main, ["sparql", "SELECT ?x WHERE { ?x", "--store", store_path])
    assert result.exit_code == 2
    assert result.output.startswith("kg: error: SPARQL: ") and len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize("name", [
    '"', "'", "} ; DROP ALL ; {", '" } ; DROP ALL ; { "', "\\", "\\u0022", "{{}}", "?x", "<urn:x>", "\n", "Đào\"Hồng",
])
def test_hostile_names_are_not_found_and_change_nothing(runner, store_path, name):
    before = dump(store_path)
    result = runner.invoke(main, ["roles", name, "--store", store_path])
    assert result.exit_code == 2
    assert result.output.startswith("kg: error: no person named ")
    assert dump(store_path) == before


def test_missing_store_says_to_build_first(runner, tmp_path):
    result = runner.invoke(main, ["roles", "dao hong lan", "--store", f"oxigraph:{tmp_path / 'none'}"])
    assert result.exit_code == 2
    assert "run `kg build` first" in result.output
