"""The ontology declares every vnh: term the project uses, each fully documented."""

import re
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS

from kg.namespaces import ONTOLOGY_IRI, VNH

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY = rdflib.Graph().parse(ROOT / "ontology" / "vnhealth.ttl")
SHAPES = rdflib.Graph().parse(ROOT / "ontology" / "shapes.ttl")
DECLARED = {
    str(s)[len(VNH):]
    for s in ONTOLOGY.subjects(RDF.type, None)
    if isinstance(s, rdflib.URIRef) and str(s).startswith(VNH)
}
USES = [
    re.compile(r"\bvnh:([A-Za-z][A-Za-z0-9_]*)"),  # Turtle, SPARQL, docs
    re.compile(r"\bvnh\(\"([A-Za-z][A-Za-z0-9_]*)\"\)"),  # kg/load.py's vnh("Term")
    re.compile(r"ontology#([A-Za-z][A-Za-z0-9_]*)"),  # full IRIs
]
SCANNED = [
    *ROOT.glob("kg/**/*.py"), *ROOT.glob("kg/**/*.rq"), *ROOT.glob("ontology/*.ttl"),
    *ROOT.glob("examples/*.rq"), *ROOT.glob("data/**/*.ttl"), *ROOT.glob("benchmarks/**/*.py"),
]


def used_terms() -> dict[str, set[str]]:
    used: dict[str, set[str]] = {}
    for path in SCANNED:
        text = path.read_text(encoding="utf-8")
        for pattern in USES:
            for term in pattern.findall(text):
                used.setdefault(term, set()).add(str(path.relative_to(ROOT)))
    return used


def test_scan_finds_the_terms_the_loader_writes():
    # Guard against a scanner that silently finds nothing.
    used = used_terms()
    assert {"Tenure", "quote", "nameKey", "coordinatesWith", "singleHolder"} <= set(used)


def test_every_vnh_term_used_in_files_is_declared():
    undeclared = {term: sorted(paths) for term, paths in used_terms().items() if term not in DECLARED}
    assert undeclared == {}


def test_every_vnh_term_in_the_built_graph_is_declared(seed_store):
    terms = set()
    for quad in seed_store.quads():
        for term in (quad.predicate, quad.object):
            if hasattr(term, "value") and str(term.value).startswith(VNH):
                terms.add(term.value[len(VNH):])
    terms.discard("")  # the namespace IRI itself (vann:preferredNamespaceUri)
    assert terms, "the seed graph uses vnh: terms"
    assert terms - DECLARED == set()


def test_ontology_header_has_version_license_and_dates():
    onto = rdflib.URIRef(ONTOLOGY_IRI)
    assert (onto, RDF.type, OWL.Ontology) in ONTOLOGY
    dcterms = rdflib.Namespace("http://purl.org/dc/terms/")
    for predicate in (OWL.versionInfo, dcterms.license, dcterms.created, dcterms.modified):
        assert ONTOLOGY.value(onto, predicate) is not None, predicate


@pytest.mark.parametrize("term", sorted(DECLARED))
def test_each_term_has_labels_comment_and_is_defined_by(term):
    node = rdflib.URIRef(VNH + term)
    languages = {label.language for label in ONTOLOGY.objects(node, RDFS.label)}
    skos_languages = {label.language for label in ONTOLOGY.objects(node, rdflib.URIRef(
        "http://www.w3.org/2004/02/skos/core#prefLabel"))}
    assert {"vi", "en"} <= languages | skos_languages
    if (node, RDF.type, rdflib.URIRef("http://www.w3.org/2004/02/skos/core#ConceptScheme")) not in ONTOLOGY:
        assert ONTOLOGY.value(node, RDFS.isDefinedBy) == rdflib.URIRef(ONTOLOGY_IRI)
    types = set(ONTOLOGY.objects(node, RDF.type))
    if types & {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}:
        assert ONTOLOGY.value(node, RDFS.comment) is not None
    if OWL.DatatypeProperty in types:
        assert ONTOLOGY.value(node, RDFS.range) is not None


def test_shapes_cover_tenures_agreements_events_and_legal_documents():
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    targets = {str(t) for t in SHAPES.objects(None, sh.targetClass)}
    assert {VNH + "Tenure", VNH + "CoordinationAgreement", "https://schema.org/Event",
            "http://data.europa.eu/eli/ontology#LegalResource"} <= targets
