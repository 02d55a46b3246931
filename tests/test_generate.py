"""`kg generate`: a deterministic synthetic dataset that `kg build` loads and the lookups answer from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.build import build
from kg.cli import main
from kg.generate import generate
from kg.query import roles, run, value
from kg.store import open_store
from kg.text import ascii_fold


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synthetic")
    report = generate(out, people=300, orgs=60, seed=7)
    assert (report.people, report.organizations) == (300, 60)
    return out


@pytest.fixture(scope="module")
def synthetic_store(generated):
    store = open_store("memory:")
    build(store, extra=sorted((generated / "claims").glob("*.json")))
    return store


def files(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((directory / "claims").glob("*.json"))}


def test_same_seed_same_files_other_seed_other_files(generated, tmp_path):
    generate(tmp_path / "again", people=300, orgs=60, seed=7)
    assert files(tmp_path / "again") == files(generated)
    generate(tmp_path / "other", people=300, orgs=60, seed=8)
    assert files(tmp_path / "other") != files(generated)


def test_every_person_and_body_is_in_the_graph(synthetic_store):
    persons = synthetic_store.select(
        "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a foaf:Person ; prov:wasDerivedFrom|^org:member ?x . "
        "?t org:member ?p ; prov:wasDerivedFrom ?s . ?s dcterms:publisher \"Dữ liệu tổng hợp (synthetic)\" }")
    assert int(persons[0]["n"].value) == 300
    kinds = {value(r["kind"]).rsplit("/", 1)[-1] for r in synthetic_store.select(
        "SELECT DISTINCT ?kind WHERE { ?o org:classification ?kind ; prov:wasDerivedFrom ?s . "
        "FILTER(STRSTARTS(STR(?s), \"https://w3id.org/vnhealth-kg/id/source/synthetic-\")) }")}
    assert {"ministry", "department", "department-of-health", "hospital", "trade-union"} <= kinds


def test_names_carry_diacritics_and_are_found_without_them(generated, synthetic_store):
    claims = json.loads((generated / "claims" / "synthetic-000002.json").read_text(encoding="utf-8"))
    post = next(p for p in claims["posts"] if p["status"] == "current")
    assert ascii_fold(post["person"]) != post["person"]  # Vietnamese letters, not ascii
    answer = roles(synthetic_store, ascii_fold(post["person"]).lower())
    assert answer.person.label == post["person"]
    found = next(p for p in answer.posts if p.org == post["org"])
    assert found.sources[0]["id"] == "synthetic-000002"
    assert found.sources[0]["quote"].endswith(f"{post['role']} {post['org']}")


def test_successions_decisions_agreements_and_citations(synthetic_store):
    successions = run(synthetic_store, "roles")  # every tenure; the replaced ones are former
    assert {value(r["status"]).rsplit("#", 1)[-1] for r in successions} >= {"Current", "Former"}
    counts = synthetic_store.select(
        "SELECT (COUNT(DISTINCT ?r) AS ?replaces) (COUNT(DISTINCT ?d) AS ?decisions) (COUNT(DISTINCT ?c) AS ?links)"
        " (COUNT(DISTINCT ?cited) AS ?cited_docs) WHERE {"
        " { ?r vnh:replaces ?old } UNION { ?t vnh:appointedBy ?d } UNION { ?c a vnh:Coordination }"
        " UNION { ?a a vnh:CoordinationAgreement ; eli:cites ?cited } }")[0]
    assert all(int(counts[k].value) > 5 for k in ("replaces", "decisions", "links"))
    assert int(counts["cited_docs"].value) >= 3


def test_cli_generate_and_bad_input(runner, tmp_path):
    result = runner.invoke(main, ["generate", "--people", "20", "--orgs", "5", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"wrote 1 claims files to {tmp_path / 'claims'}: 20 persons, 5 bodies")
    assert runner.invoke(main, ["generate", "--people", "0", "--orgs", "5", "-o", str(tmp_path)]).exit_code == 2
    too_many = runner.invoke(main, ["generate", "--people", "600000", "--orgs", "5", "-o", str(tmp_path)])
    assert too_many.exit_code == 2
    assert too_many.output.strip() == "kg: error: --people 600000: at most 500000 distinct invented names"
