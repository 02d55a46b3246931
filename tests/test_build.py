"""Building and loading: idempotent, one named graph per source, atomic replacement."""

import pyoxigraph as ox

from kg import ids
from kg.build import build, load_claims
from kg.claims import parse_claims
from kg.namespaces import DERIVED_GRAPH, ONTOLOGY_GRAPH
from kg.store import open_store

EXTRA = """
format: vnhealth-claims/1
source: {id: test-extra, publisher: Test}
posts:
  - {person: Lê Thị Thử, role: Giám đốc, org: Sở Y tế Thử Nghiệm, status: current, quote: "bà Lê Thị Thử, Giám đốc"}
organizations:
  - {name: Sở Y tế Thử Nghiệm, kind: department-of-health, quote: "Sở Y tế Thử Nghiệm"}
"""


def quads(store):
    return sorted(str(q) for q in store.quads())


def test_one_named_graph_per_source_plus_ontology_and_derived(seed_store):
    graphs = set(seed_store.named_graphs())
    assert graphs == {
        ONTOLOGY_GRAPH, DERIVED_GRAPH,
        ids.source_iri("gazetteer"), ids.source_iri("moh-structure-2025"),
        ids.source_iri("laodong-cdyt-hspi-ky-ket"), ids.source_iri("ngaynay-2026-01-13-byt-cdyt"),
    }
    assert not list(seed_store._store.quads_for_pattern(None, None, None, ox.DefaultGraph()))


def test_sources_are_described_with_their_metadata(seed_store):
    source = ox.NamedNode(ids.source_iri("ngaynay-2026-01-13-byt-cdyt"))
    triples = {(q.predicate.value.rsplit("/", 1)[-1].rsplit("#", 1)[-1], q.object.value)
               for q in seed_store._store.quads_for_pattern(source, None, None, source)}
    assert ("publisher", "Báo Ngày Nay") in triples
    assert ("eventDate", "2026-01-13") in triples
    assert not any(p == "date" for p, _ in triples)  # publication date unknown: not invented


def test_building_twice_changes_nothing(tmp_path):
    store = open_store(f"oxigraph:{tmp_path / 'store'}")
    build(store)
    first = quads(store)
    build(store)
    assert quads(store) == first


def test_reloading_one_source_replaces_only_its_graph(fresh_store):
    claims = parse_claims(EXTRA, "extra.yaml")
    before = {g: sorted(str(q) for q in fresh_store.quads(g)) for g in fresh_store.named_graphs()}
    load_claims(fresh_store, claims)
    load_claims(fresh_store, claims)  # twice: no change
    after = {g: sorted(str(q) for q in fresh_store.quads(g)) for g in fresh_store.named_graphs()}
    new_graph = ids.source_iri("test-extra")
    assert set(after) == set(before) | {new_graph}
    changed = {g for g in before if before[g] != after[g]}
    assert changed == {DERIVED_GRAPH}  # the new tenure adds org:holds shortcuts
    assert any("le-thi-thu" in q for q in after[new_graph])

    revised = parse_claims(EXTRA.replace("Giám đốc, org", "Phó Giám đốc, org"), "extra.yaml")
    load_claims(fresh_store, revised)
    final = sorted(str(q) for q in fresh_store.quads(new_graph))
    assert any("/pho-giam-doc" in q for q in final)
    assert not any("/giam-doc>" in q and "/pho-giam-doc" not in q for q in final)
    for graph in before:
        if graph != DERIVED_GRAPH:
            assert sorted(str(q) for q in fresh_store.quads(graph)) == before[graph]


def test_memory_store_spec_works():
    store = open_store("memory:")
    report = build(store)
    assert report.quads == len(store) > 1000
    assert report.sources[-2:] == ["laodong-cdyt-hspi-ky-ket", "ngaynay-2026-01-13-byt-cdyt"]


def test_incremental_derived_graph_equals_a_rebuild_from_scratch(fresh_store, tmp_path):
    path = tmp_path / "extra.yaml"
    path.write_text(EXTRA.replace("org: Sở Y tế Thử Nghiệm, status", "org: Bộ Y tế, status"), encoding="utf-8")
    load_claims(fresh_store, parse_claims(path.read_text(encoding="utf-8"), str(path)))
    rebuilt = open_store("memory:")
    build(rebuilt, extra=[path])
    incremental = sorted(str(q) for q in fresh_store.quads(DERIVED_GRAPH))
    assert incremental == sorted(str(q) for q in rebuilt.quads(DERIVED_GRAPH))
    assert any("le-thi-thu" in q and "org#memberOf" in q for q in incremental)


def test_loading_into_an_empty_store_brings_the_base_graphs():
    store = open_store("memory:")
    load_claims(store, parse_claims(EXTRA, "extra.yaml"))
    assert {ONTOLOGY_GRAPH, ids.source_iri("gazetteer"), ids.source_iri("moh-structure-2025"),
            ids.source_iri("test-extra"), DERIVED_GRAPH} == set(store.named_graphs())
    from kg.query import roles

    assert [(p.role, p.role_en) for p in roles(store, "le thi thu").posts] == [("Giám đốc", "Director")]
