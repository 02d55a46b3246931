"""Validation: SHACL shapes (pyshacl) plus consistency checks (kg/checks/*.rq).

Every problem names the claims file (or source) that states the fact and the
fact itself, so a reviewer knows what to fix.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from kg.namespaces import ONTOLOGY_GRAPH, PREFIXES, sparql_prologue
from kg.paths import ONTOLOGY_DIR, PACKAGE_DIR
from kg.store import Store

SH = PREFIXES["sh"]
CHECKS_DIR = PACKAGE_DIR / "checks"


@dataclass
class Problem:
    severity: str  # "error" or "warning"
    where: str  # claims file or source id
    focus: str
    message: str

    def __str__(self) -> str:
        return f"{self.severity}: {self.where}: {self.focus}: {self.message}"


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    checked_quads: int = 0

    @property
    def conforms(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)

    def as_dict(self) -> dict[str, Any]:
        return {"conforms": self.conforms, "checked_quads": self.checked_quads,
                "problems": [p.__dict__ for p in self.problems]}


def _origins(store: Store) -> dict[str, list[str]]:
    """For each node, where it was stated: claims file or source id."""
    rows = store.select(sparql_prologue() + """
        SELECT ?node ?file ?id WHERE {
          ?node prov:wasDerivedFrom ?source .
          OPTIONAL { ?source vnh:claimsFile ?file }
          OPTIONAL { ?source dcterms:identifier ?id }
        }""")
    origins: dict[str, list[str]] = {}
    for row in rows:
        where = (row.get("file") or row.get("id") or row["node"]).value
        origins.setdefault(row["node"].value, [])
        if where not in origins[row["node"].value]:
            origins[row["node"].value].append(where)
    return origins


def _label(store: Store, node: str) -> str:
    rows = store.select(
        sparql_prologue() + "SELECT ?node ?l WHERE { ?node rdfs:label|skos:prefLabel|foaf:name ?l } LIMIT 1",
        {"node": ox.NamedNode(node)},
    )
    return f"{rows[0]['l'].value} <{node}>" if rows else f"<{node}>"


def shacl_problems(store: Store) -> tuple[list[Problem], int]:
    import pyshacl
    import rdflib

    data = rdflib.Graph()
    quads = [q for q in store.quads() if not (isinstance(q.graph_name, ox.NamedNode)
                                             and q.graph_name.value == ONTOLOGY_GRAPH)]
    triples = ox.serialize((q.triple for q in quads), format=ox.RdfFormat.N_TRIPLES)
    data.parse(data=triples, format="nt")
    shapes = rdflib.Graph().parse(ONTOLOGY_DIR / "shapes.ttl")
    ontology = rdflib.Graph().parse(ONTOLOGY_DIR / "vnhealth.ttl")
    conforms, results, _ = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology, inference="none")
    problems = []
    if not conforms:
        origins = _origins(store)
        sh = rdflib.Namespace(SH)
        for result in results.subjects(rdflib.RDF.type, sh.ValidationResult):
            focus = str(results.value(result, sh.focusNode))
            message = str(results.value(result, sh.resultMessage) or "violates a shape")
            severity = "warning" if results.value(result, sh.resultSeverity) == sh.Warning else "error"
            for where in origins.get(focus, ["(no source)"]):
                problems.append(Problem(severity, where, _label(store, focus), message))
    return problems, len(quads)


def consistency_problems(store: Store) -> list[Problem]:
    problems = []
    for row in store.select(sparql_prologue() + (CHECKS_DIR / "overlapping-holders.rq").read_text()):
        dated = "asOfA" in row and "asOfB" in row
        post = row.get("postLabel", row["post"]).value
        a, b = row["nameA"].value, row["nameB"].value
        sources = f"{row['sourceA'].value.rsplit('/', 1)[-1]} and {row['sourceB'].value.rsplit('/', 1)[-1]}"
        message = (f"{a} and {b} are both stated as current holders, with no succession between them "
                   f"(sources: {sources})")
        if not dated:
            message += "; at least one source is undated, so they may not overlap"
        problems.append(Problem("error" if dated else "warning", sources, post, message))
    return problems


def validate(store: Store) -> Report:
    problems, checked = shacl_problems(store)
    problems += consistency_problems(store)
    problems.sort(key=lambda p: (p.severity != "error", p.where, p.focus, p.message))
    return Report(problems=problems, checked_quads=checked)
