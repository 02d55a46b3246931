"""The seed graph holds what the two articles and the reference data state, and nothing else."""

from pathlib import Path

import pyoxigraph as ox
import yaml

from kg.namespaces import sparql_prologue
from kg.query import run, value
from kg.text import display_key

GOLD = yaml.safe_load((Path(__file__).parent / "fixtures" / "seed-gold.yaml").read_text(encoding="utf-8"))


def select(store, text, **bindings):
    rows = store.select(sparql_prologue() + text, {k: ox.Literal(v) for k, v in bindings.items()})
    return [{k: value(v) for k, v in row.items()} for row in rows]


def org_labels(store):
    """display_key(label) -> org IRI, over every label of every body."""
    rows = select(store, """SELECT DISTINCT ?org ?label WHERE {
                              ?org a org:Organization ; skos:prefLabel|skos:altLabel ?label }""")
    return {display_key(r["label"]): r["org"] for r in rows}


def gold_org_iri(labels, name):
    entry = next((o for o in GOLD["organizations"] if display_key(o["name"]) == display_key(name)), None)
    names = [name, *(entry.get("aliases", []) if entry else [])]
    found = {labels[display_key(n)] for n in names if display_key(n) in labels}
    assert len(found) == 1, f"{name} resolves to {found}"
    return found.pop()


def test_sparql_finds_exactly_the_gold_posts(seed_store):
    labels = org_labels(seed_store)
    expected = set()
    for source in GOLD["sources"]:
        for post in source["posts"]:
            expected.add((display_key(post["person"]), display_key(post["role"]),
                          gold_org_iri(labels, post["org"]), source["source"].removesuffix(".txt")))
    rows = select(seed_store, """
        SELECT DISTINCT ?name ?role ?org ?source WHERE {
          ?t a vnh:Tenure ; org:member/foaf:name ?name ; org:role/skos:prefLabel ?role ;
             org:organization ?org ; prov:wasDerivedFrom/dcterms:identifier ?source .
          FILTER(LANG(?role) = "vi")
        }""")
    found = {(display_key(r["name"]), display_key(r["role"]), r["org"], r["source"]) for r in rows}
    assert found == expected
    assert len(found) == 11


def test_every_tenure_has_a_quote_from_its_article(seed_store):
    rows = select(seed_store, """
        SELECT ?t ?quote ?file WHERE { ?t a vnh:Tenure ; vnh:quote ?quote ;
                                          prov:wasDerivedFrom/vnh:sourceFile ?file }""")
    assert len({r["t"] for r in rows}) == 11
    sources = Path(__file__).resolve().parents[1] / "data" / "sources"
    for row in rows:
        assert row["quote"] in (sources / row["file"]).read_text(encoding="utf-8")


def test_hspi_is_one_organization_with_both_name_orders(seed_store):
    rows = select(seed_store, """
        SELECT DISTINCT ?org WHERE { ?org skos:prefLabel|skos:altLabel ?l .
          FILTER(STR(?l) IN ("Viện Chiến lược và Chính sách Y tế", "Viện Chính sách và Chiến lược Y tế")) }""")
    assert [r["org"] for r in rows] == ["https://w3id.org/vnhealth-kg/id/org/vien-chien-luoc-va-chinh-sach-y-te"]
    en = select(seed_store, "SELECT ?l WHERE { ?o vnh:nameKey 'hspi' ; skos:prefLabel ?l FILTER(LANG(?l)='en') }")
    assert {r["l"] for r in en} == {"Health Strategy and Policy Institute"}


def test_union_coordinates_with_three_bodies_each_with_evidence(seed_store):
    rows = select(seed_store, """
        SELECT DISTINCT ?partner ?evidence WHERE {
          ?union vnh:nameKey "cong doan y te viet nam" ; vnh:coordinatesWith ?other .
          ?other skos:prefLabel ?partner . FILTER(LANG(?partner) = "en")
          ?link vnh:between ?union, ?other ; vnh:evidence ?evidence .
          ?evidence vnh:quote ?q ; prov:wasDerivedFrom ?src .
        }""")
    partners = {r["partner"] for r in rows}
    assert partners == {"Health Strategy and Policy Institute", "Ministry of Health",
                        "Standing Board of the Ministry of Health Party Committee"}
    evidence = {r["partner"]: set() for r in rows}
    for r in rows:
        evidence[r["partner"]].add(r["evidence"].split("/id/")[1].split("/")[0])
    assert evidence["Ministry of Health"] == {"agreement"}
    assert evidence["Standing Board of the Ministry of Health Party Committee"] == {"event"}
    assert evidence["Health Strategy and Policy Institute"] == {"agreement", "event"}


def test_three_resolutions_with_issuer_where_named(seed_store):
    rows = select(seed_store, """
        SELECT DISTINCT ?id ?issuer ?doc WHERE { ?doc a eli:LegalResource ; eli:id_local ?id .
          FILTER(STRENDS(?id, "NQ/TW"))
          OPTIONAL { ?doc eli:passed_by/skos:prefLabel ?issuer FILTER(LANG(?issuer) = "vi") } }""")
    assert {(r["id"], r.get("issuer")) for r in rows} == {
        ("72-NQ/TW", "Bộ Chính trị"), ("57-NQ/TW", "Bộ Chính trị"), ("68-NQ/TW", None)}
    assert all("/eli/" in r["doc"] for r in rows)


def test_reference_structure_of_the_ministry(seed_store):
    current = select(seed_store, """
        SELECT DISTINCT ?unit WHERE {
          GRAPH <https://w3id.org/vnhealth-kg/id/source/moh-structure-2025> { ?unit org:subOrganizationOf ?moh }
          ?moh vnh:nameKey "bo y te" .
          FILTER NOT EXISTS { ?unit schema:dissolutionDate ?d } }""")
    assert len(current) == 20
    dissolved = select(seed_store, """
        SELECT DISTINCT ?unit ?d WHERE { ?unit org:subOrganizationOf ?moh ; schema:dissolutionDate ?d .
          ?moh vnh:nameKey "bo y te" }""")
    assert len(dissolved) == 4 and {r["d"] for r in dissolved} == {"2025-03-01"}
    created = select(seed_store, """
        SELECT DISTINCT ?name WHERE { ?unit schema:foundingDate "2025-03-01"^^xsd:date ;
          org:subOrganizationOf/vnh:nameKey "bo y te" ; skos:prefLabel ?name FILTER(LANG(?name) = "vi") }""")
    assert {r["name"] for r in created} == {"Cục Phòng bệnh", "Cục Bà mẹ và Trẻ em", "Cục Bảo trợ xã hội"}
    basis = select(seed_store, """
        SELECT ?id ?article WHERE { ?src vnh:legalBasis/eli:id_local ?id ; vnh:legalArticle ?article }""")
    assert basis == [{"id": "42/2025/NĐ-CP", "article": "Điều 3"}]


def test_derived_graph_has_holds_and_transitive_suborganization(seed_store):
    holds = run(seed_store, "roles", person=ox.NamedNode("https://w3id.org/vnhealth-kg/id/person/dao-hong-lan"))
    assert len({value(r["post"]) for r in holds}) == 3
    rows = select(seed_store, """
        SELECT ?post WHERE { GRAPH <https://w3id.org/vnhealth-kg/graph/derived> {
          <https://w3id.org/vnhealth-kg/id/person/dao-hong-lan> org:holds ?post } }""")
    assert len(rows) == 3
    ask = sparql_prologue() + """ASK { GRAPH <https://w3id.org/vnhealth-kg/graph/derived> {
          <https://w3id.org/vnhealth-kg/id/org/van-phong-dang-uy-bo-y-te>
            org:transitiveSubOrganizationOf <https://w3id.org/vnhealth-kg/id/org/bo-y-te> } }"""
    assert bool(seed_store.query(ask)) is True
