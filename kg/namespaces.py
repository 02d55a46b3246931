"""Prefixes: the one table of namespace IRIs (used by code, queries and exports)."""

from __future__ import annotations

BASE = "https://w3id.org/vnhealth-kg/"

PREFIXES: dict[str, str] = {
    "vnh": BASE + "ontology#",
    "vnhid": BASE + "id/",
    "org": "http://www.w3.org/ns/org#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "time": "http://www.w3.org/2006/time#",
    "eli": "http://data.europa.eu/eli/ontology#",
    "dcterms": "http://purl.org/dc/terms/",
    "schema": "https://schema.org/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "sh": "http://www.w3.org/ns/shacl#",
}

VNH = PREFIXES["vnh"]
ID = PREFIXES["vnhid"]
ONTOLOGY_IRI = BASE + "ontology"
ONTOLOGY_GRAPH = BASE + "graph/ontology"
DERIVED_GRAPH = BASE + "graph/derived"
SOURCE_BASE = ID + "source/"


def sparql_prologue() -> str:
    """PREFIX lines for every known prefix (prepended to canned and user queries)."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def expand(curie: str) -> str:
    prefix, _, local = curie.partition(":")
    return PREFIXES[prefix] + local
