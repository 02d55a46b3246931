"""RDF back to claims: the claims document a source graph states.

The inverse of kg.load for one source graph, so a reviewer can pull what the
graph holds for a source (`kg source ID --claims`), edit it and build again,
and so a property test can show that loading loses nothing. Bodies come back
under their canonical gazetteer names; list order is not kept (RDF has none).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pyoxigraph as ox

from kg import ids
from kg.claims import FORMAT
from kg.errors import NotFound
from kg.gazetteer import Gazetteer, load_gazetteer
from kg.load import AGREEMENT_STATUS, EVENT_CLASS, PARTICIPATION, STATUS
from kg.namespaces import ID, PREFIXES, VNH
from kg.store import Store

RDF_TYPE = PREFIXES["rdf"] + "type"


def _p(curie: str) -> str:
    prefix, _, local = curie.partition(":")
    return PREFIXES[prefix] + local


class _Graph:
    """subject -> predicate -> objects, for one named graph."""

    def __init__(self, quads: list[ox.Quad]):
        self.data: dict[str, dict[str, list[ox.Term]]] = defaultdict(lambda: defaultdict(list))
        for quad in quads:
            self.data[quad.subject.value][quad.predicate.value].append(quad.object)

    def all(self, subject: str, predicate: str) -> list[ox.Term]:
        return self.data.get(subject, {}).get(_p(predicate), [])

    def one(self, subject: str, predicate: str, lang: str | None = None) -> str | None:
        for term in self.all(subject, predicate):
            if lang is None or getattr(term, "language", None) == lang:
                return term.value
        return None

    def types(self, subject: str) -> set[str]:
        return {t.value for t in self.data.get(subject, {}).get(RDF_TYPE, [])}

    def subjects(self, prefix: str) -> list[str]:
        return sorted(s for s in self.data if s.startswith(prefix))


def _inverse(mapping: dict[str, str]) -> dict[str, str]:
    return {VNH + local: key for key, local in mapping.items()}


class _Unloader:
    def __init__(self, graph: _Graph, source_id: str, gazetteer: Gazetteer):
        self.g, self.source_id, self.gazetteer = graph, source_id, gazetteer
        self.org_names = {ids.org_iri(entry.name): entry.name for entry in gazetteer.organizations}
        # Source graphs describe only the roles the gazetteer lacks (kg.load): known ones by name here.
        self.role_names = {ids.role_iri(role.vi): role.vi for role in gazetteer.roles}

    def name(self, node: str) -> str:
        if node in self.org_names:
            return self.org_names[node]
        return self.g.one(node, "foaf:name") or self.g.one(node, "skos:prefLabel", "vi") or node

    def evidence(self, node: str, out: dict[str, Any]) -> dict[str, Any]:
        out["quote"] = self.g.one(node, "vnh:quote")
        start, end = self.g.one(node, "vnh:spanStart"), self.g.one(node, "vnh:spanEnd")
        if start is not None and end is not None:
            out["span"] = [int(start), int(end)]
        confidence = self.g.one(node, "vnh:confidence")
        if confidence is not None:
            out["confidence"] = float(confidence)
        return out

    def source(self) -> tuple[dict[str, Any], dict[str, Any]]:
        node, g = ids.source_iri(self.source_id), self.g
        source = {"id": self.source_id, "file": g.one(node, "vnh:sourceFile"), "url": g.one(node, "dcterms:source"),
                  "publisher": g.one(node, "dcterms:publisher"), "title": g.one(node, "dcterms:title"),
                  "author": g.one(node, "dcterms:creator"), "published": g.one(node, "dcterms:date"),
                  "event_date": g.one(node, "vnh:eventDate"), "language": g.one(node, "dcterms:language")}
        extraction = {"method": g.one(node, "vnh:extractionMethod") or "manual",
                      "reviewed": g.one(node, "vnh:reviewed") == "true", "tool": g.one(node, "vnh:extractionTool")}
        return source, extraction

    def persons(self) -> list[dict[str, Any]]:
        out = []
        for node in self.g.subjects(ID + "person/"):
            if PREFIXES["foaf"] + "Person" not in self.g.types(node):
                continue
            name = self.g.one(node, "foaf:name")
            entry = {"name": name, "prefix": self.g.one(node, "schema:honorificPrefix"),
                     "aliases": sorted(a.value for a in self.g.all(node, "skos:altLabel")),
                     "distinct_from": sorted(self.name(o.value) for o in self.g.all(node, "owl:differentFrom")),
                     "key": self.g.one(node, "dcterms:identifier")}
            if entry["prefix"] or entry["aliases"] or entry["distinct_from"] or entry["key"]:
                out.append(entry)
        return out

    def tenure(self, node: str) -> dict[str, Any]:
        g = self.g
        role = g.all(node, "org:role")[0].value
        post = {"person": self.name(g.all(node, "org:member")[0].value),
                "role": g.one(role, "skos:prefLabel", "vi") or self.role_names.get(role),
                "org": self.name(g.all(node, "org:organization")[0].value)}
        return post

    def posts(self) -> list[dict[str, Any]]:
        g = self.g
        tenures = [n for n in g.subjects(ID + "tenure/") if VNH + "Tenure" in g.types(n)]
        replaced = {o.value for n in tenures for o in g.all(n, "vnh:replaces")}
        status_names = _inverse(STATUS)
        out = []
        for node in tenures:
            if node in replaced:
                continue  # written by the loader for a succession: part of the successor's claim
            post = self.tenure(node)
            post["status"] = status_names[g.all(node, "vnh:status")[0].value]
            for key in ("acting", "concurrent"):
                value = g.one(node, f"vnh:{key}")
                post[key] = None if value is None else value == "true"
            post.update(start=g.one(node, "schema:startDate"), end=g.one(node, "schema:endDate"),
                        term=g.one(node, "vnh:term"), end_cause=g.one(node, "vnh:endCause"))
            documents = g.all(node, "vnh:appointedBy")
            post["appointed_by"] = g.one(documents[0].value, "eli:id_local") if documents else None
            old = g.all(node, "vnh:replaces")
            if old:
                previous = self.tenure(old[0].value)
                post["replaces"] = {"person": previous["person"],
                                    "role": previous["role"] if previous["role"] != post["role"] else None,
                                    "org": previous["org"] if previous["org"] != post["org"] else None}
            out.append(self.evidence(node, post))
        return out

    def organizations(self) -> list[dict[str, Any]]:
        g, out = self.g, []
        for node in g.subjects(ID + "org/"):
            if g.one(node, "vnh:quote") is None:
                continue
            kind = g.all(node, "org:classification")
            parent = g.all(node, "org:subOrganizationOf")
            out.append(self.evidence(node, {
                "name": self.name(node), "en": g.one(node, "skos:prefLabel", "en"),
                "kind": kind[0].value.rsplit("/", 1)[-1] if kind else None,
                "part_of": self.name(parent[0].value) if parent else None,
                "aliases": sorted(a.value for a in g.all(node, "skos:altLabel"))}))
        return out

    def documents(self) -> list[dict[str, Any]]:
        g, out = self.g, []
        types = {ids.document_type_iri(k): v["vi"] for k, v in self.gazetteer.document_types.items()}
        for node in g.subjects(ID + "eli/"):
            if g.one(node, "vnh:quote") is None:
                continue
            kind, issuer = g.all(node, "eli:type_document"), g.all(node, "eli:passed_by")
            out.append(self.evidence(node, {
                "id": g.one(node, "eli:id_local"), "type": types.get(kind[0].value) if kind else None,
                "issuer": self.name(issuer[0].value) if issuer else None, "date": g.one(node, "eli:date_document"),
                "title": g.one(node, "eli:title"), "subject": g.one(node, "eli:description")}))
        return out

    def events(self) -> list[dict[str, Any]]:
        g, out = self.g, []
        kinds = {VNH + local: key for key, local in EVENT_CLASS.items()}
        roles = _inverse(PARTICIPATION)
        prefix = ids.event_iri(self.source_id, "x")[:-1]
        for node in g.subjects(prefix):
            if PREFIXES["schema"] + "Event" not in g.types(node):
                continue
            participants = []
            associations = sorted(g.all(node, "prov:qualifiedAssociation"),
                                  key=lambda a: int(a.value.rsplit("/", 1)[-1]))
            for association in associations:
                role = g.all(association.value, "prov:hadRole")
                participants.append({"person": self.name(g.all(association.value, "prov:agent")[0].value),
                                     "role": roles[role[0].value] if role else None})
            kind = next((kinds[t] for t in g.types(node) if t in kinds), "other")
            out.append(self.evidence(node, {
                "key": node[len(prefix):], "kind": kind, "label": g.one(node, "rdfs:label"),
                "date": g.one(node, "schema:startDate"), "place": g.one(node, "vnh:placeName"),
                "organizers": sorted(self.name(o.value) for o in g.all(node, "schema:organizer")),
                "participants": participants,
                "cites": sorted(g.one(d.value, "eli:id_local") for d in g.all(node, "dcterms:references"))}))
        return out

    def agreements(self) -> list[dict[str, Any]]:
        g, out = self.g, []
        statuses = _inverse(AGREEMENT_STATUS)
        prefix = ids.agreement_iri(self.source_id, "x")[:-1]
        event_prefix = ids.event_iri(self.source_id, "x")[:-1]
        for node in g.subjects(prefix):
            status, event = g.all(node, "vnh:status"), g.all(node, "prov:wasGeneratedBy")
            out.append(self.evidence(node, {
                "key": node[len(prefix):], "kind": g.one(node, "vnh:agreementKind"),
                "parties": sorted(self.name(p.value) for p in g.all(node, "vnh:party")),
                "status": statuses[status[0].value] if status else None,
                "start": g.one(node, "schema:startDate"), "end": g.one(node, "schema:endDate"),
                "event": event[0].value[len(event_prefix):] if event else None,
                "cites": sorted(g.one(d.value, "eli:id_local") for d in g.all(node, "eli:cites")),
                "commitments": sorted(c.value for c in g.all(node, "vnh:commitment"))}))
        return out

    def amounts(self) -> list[dict[str, Any]]:
        g, out = self.g, []
        prefix = ids.grant_iri(self.source_id, 0)[:-1]
        for node in sorted(g.subjects(prefix), key=lambda n: int(n.rsplit("/", 1)[-1])):
            out.append(self.evidence(node, {
                "amount_vnd": int(g.one(node, "vnh:amountVND")),
                "from": self.name(g.all(node, "schema:funder")[0].value),
                "to": g.one(node, "vnh:recipientDescription")}))
        return out


def claims_from_store(store: Store, source_id: str, gazetteer: Gazetteer | None = None) -> dict[str, Any]:
    """The claims document that the source graph of `source_id` states."""
    graph_iri = ids.source_iri(source_id)
    if graph_iri not in store.named_graphs():
        raise NotFound(f"no source {source_id!r} in the store")
    unloader = _Unloader(_Graph(list(store.quads(graph_iri))), source_id, gazetteer or load_gazetteer())
    source, extraction = unloader.source()
    document: dict[str, Any] = {"format": FORMAT, "source": source, "extraction": extraction}
    for section in ("persons", "posts", "organizations", "documents", "events", "agreements", "amounts"):
        document[section] = getattr(unloader, section)()
    return _prune(document)


def _prune(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _prune(v) for k, v in value.items() if v is not None and v != [] and v != {}}
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value
