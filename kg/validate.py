"""Validation: SHACL shapes (pyshacl) plus consistency checks (kg/checks/*.rq).

Every problem names the claims file (or source) that states the fact and the
fact itself, so a reviewer knows what to fix.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from kg.namespaces import ONTOLOGY_GRAPH, PREFIXES
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
    rows = store.select("""
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
        "SELECT ?node ?l WHERE { ?node rdfs:label|skos:prefLabel|foaf:name ?l } LIMIT 1",
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
    """Single-holder posts held by two persons with no succession between them:
    an error when their dates certainly overlap, a warning when both are stated
    current but the dates cannot tell (an undated source, or different dates)."""
    from kg.lookup import held_interval, tenure_claims

    pairs = store.select((CHECKS_DIR / "overlapping-holders.rq").read_text())
    if not pairs:
        return []
    claims = {claim.iri: claim for claim in tenure_claims(store)}
    problems = []
    for row in pairs:
        a, b = claims.get(row["tenureA"].value), claims.get(row["tenureB"].value)
        if a is None or b is None:
            continue
        where = f"{a.source['id']} and {b.source['id']}"
        post = f"{a.role} {a.org_label}"
        span_a, span_b = held_interval(a), held_interval(b)
        if span_a and span_b and max(span_a[0], span_b[0]) <= min(span_a[1], span_b[1]):
            day = max(span_a[0], span_b[0])
            problems.append(Problem("error", where, post, (
                f"{a.person_name} ({a.source['id']}, {_dates(a)}) and {b.person_name} ({b.source['id']}, "
                f"{_dates(b)}) both held it on {day}, and no succession between them explains it")))
        elif a.state == "current" and b.state == "current":
            undated = [c.source["id"] for c in (a, b) if not c.as_of]
            reason = (f"{' and '.join(undated)} {'is' if len(undated) == 1 else 'are'} undated, so they may not "
                      "overlap" if undated else "stated at different dates; the later source may be newer")
            problems.append(Problem("warning", where, post, (
                f"{a.person_name} ({a.source['id']}, {_dates(a)}) and {b.person_name} ({b.source['id']}, "
                f"{_dates(b)}) are both stated as current holders, with no succession between them; {reason}")))
    return problems


def _dates(claim: Any) -> str:
    parts = [f"from {claim.start}"] * bool(claim.start) + [f"until {claim.until}"] * bool(claim.until)
    parts += [f"as of {claim.as_of}"] if claim.as_of else []
    return ", ".join(parts) or "undated"


def cycle_problems(store: Store) -> list[Problem]:
    """Bodies that are part of themselves: a data error that would also blow up the derived graph."""
    rows = store.select((CHECKS_DIR / "suborganization-cycles.rq").read_text())
    origins = _origins(store)
    return [Problem("error", ", ".join(origins.get(row["org"].value, ["(no source)"])),
                    f"{row['label'].value if 'label' in row else ''} <{row['org'].value}>".strip(),
                    "is part of itself through org:subOrganizationOf links (a cycle)") for row in rows]


def validate(store: Store) -> Report:
    problems, checked = shacl_problems(store)
    problems += cycle_problems(store)
    problems += consistency_problems(store)
    problems.sort(key=lambda p: (p.severity != "error", p.where, p.focus, p.message))
    return Report(problems=problems, checked_quads=checked)
