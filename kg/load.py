"""Claims, gazetteer, reference data, ontology and RDF files become N-Quads.

One named graph per source document (its IRI is the source's IRI); the
ontology and the derived graph have graphs of their own. Every function here
is pure: it returns lines, and kg.build writes them to a store.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg import ids as _ids
from kg.claims import Claims, check_quotes, read_claims
from kg.errors import InputError
from kg.gazetteer import Gazetteer, OrgEntry
from kg.namespaces import ONTOLOGY_GRAPH, VNH
from kg.nquads import QuadWriter, curie, date_literal, iri, literal, typed
from kg.paths import ONTOLOGY_DIR, PROJECT_DIR
from kg.references import check_bodies
from kg.text import name_key, normalize
from kg.yamlio import read_text

# IRIs repeat across claims (each tenure names its person, body and role again),
# and kg.ids's functions are pure: a build computes each IRI once (kg.text
# memoises name_key and normalize itself).
_once = functools.lru_cache(maxsize=1 << 18)


class _MemoIds:
    """kg.ids with every function memoised (IRIs are pure functions of names)."""

    def __getattr__(self, name: str) -> Callable[..., str]:
        function = _once(getattr(_ids, name))
        setattr(self, name, function)
        return function


ids = _MemoIds()


class _Lookups:
    """The gazetteer's answers for names, memoised for the gazetteer a build uses."""

    _current: _Lookups | None = None

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self.resolve_org = functools.lru_cache(maxsize=None)(gazetteer.resolve_org)
        self.canonical_org_name = functools.lru_cache(maxsize=None)(gazetteer.canonical_org_name)
        self.role = functools.lru_cache(maxsize=None)(gazetteer.role)

    @classmethod
    def of(cls, gazetteer: Gazetteer) -> _Lookups:
        if cls._current is None or cls._current.gazetteer is not gazetteer:
            cls._current = cls(gazetteer)
        return cls._current

GAZETTEER_SOURCE = "gazetteer"
REFERENCE_SOURCE = "moh-structure-2025"
A = curie("rdf:type")
STATUS = {"current": "Current", "former": "Former", "unknown": "UnknownStatus"}
AGREEMENT_STATUS = {"proposed": "Proposed", "planned": "Planned", "signed": "Signed",
                    "in force": "InForce", "ended": "Ended"}
EVENT_CLASS = {"meeting": "Meeting", "signing": "SigningCeremony", "conference": "Conference",
               "congress": "Congress", "announcement": "Announcement"}
PARTICIPATION = {"chaired": "Chaired", "directed": "Directed", "reported": "Reported",
                 "attended": "Attended", "signed": "SignedRole", "spoke": "Spoke"}
RDF_SUFFIXES = {".ttl": ox.RdfFormat.TURTLE, ".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS,
                ".nt": ox.RdfFormat.N_TRIPLES, ".jsonld": ox.RdfFormat.JSON_LD, ".rdf": ox.RdfFormat.RDF_XML}


@functools.cache  # the ontology's terms: a few dozen
def vnh(local: str) -> str:
    return iri(VNH + local)


def vi(text: str) -> str:
    return literal(text, lang="vi")


def _labels(out: QuadWriter, node: str, name: str, aliases: Iterable[str] = (), en: str | None = None) -> None:
    out.add(node, curie("skos:prefLabel"), vi(name))
    out.add(node, curie("rdfs:label"), vi(name))
    out.add(node, vnh("nameKey"), literal(name_key(name)))
    for alias in aliases:
        out.add(node, curie("skos:altLabel"), vi(alias))
        out.add(node, vnh("nameKey"), literal(name_key(alias)))
    if en:
        out.add(node, curie("skos:prefLabel"), literal(en, lang="en"))
        out.add(node, curie("rdfs:label"), literal(en, lang="en"))


def _org_type(entry: OrgEntry) -> str:
    return curie("org:OrganizationalUnit") if entry.part_of else curie("org:FormalOrganization")


def _describe_org(out: QuadWriter, gazetteer: Gazetteer, entry: OrgEntry) -> str:
    node = iri(ids.org_iri(entry.name))
    out.add(node, A, _org_type(entry))
    out.add(node, A, curie("org:Organization"))
    _labels(out, node, entry.name, entry.aliases, entry.en)
    if entry.kind:
        out.add(node, curie("org:classification"), iri(ids.classification_iri(entry.kind)))
    if entry.part_of:
        parent = gazetteer.resolve_org(entry.part_of)
        out.add(node, curie("org:subOrganizationOf"), iri(ids.org_iri(parent.name if parent else entry.part_of)))
    return node


def source_node_quads(out: QuadWriter, source: dict[str, Any], method: str, reviewed: bool) -> str:
    node = iri(ids.source_iri(source["id"]))
    out.add(node, A, vnh("SourceDocument"))
    out.add(node, A, curie("prov:Entity"))
    out.add(node, curie("dcterms:identifier"), literal(source["id"]))
    out.add(node, vnh("extractionMethod"), literal(method))
    out.add(node, vnh("reviewed"), typed(reviewed))
    fields = {"title": "dcterms:title", "publisher": "dcterms:publisher", "author": "dcterms:creator",
              "language": "dcterms:language"}
    for key, predicate in fields.items():
        if source.get(key):
            out.add(node, curie(predicate), literal(source[key]))
    if source.get("url"):
        out.add(node, curie("dcterms:source"), iri(source["url"]))
    if source.get("published"):
        out.add(node, curie("dcterms:date"), date_literal(source["published"]))
    if source.get("event_date"):
        out.add(node, vnh("eventDate"), date_literal(source["event_date"]))
    if source.get("file"):
        out.add(node, vnh("sourceFile"), literal(source["file"]))
    return node


class _ClaimsWriter:
    """Turns one Claims into the quads of its source graph."""

    def __init__(self, claims: Claims, gazetteer: Gazetteer):
        self.claims = claims
        self.gazetteer = gazetteer
        self.lookups = _Lookups.of(gazetteer)
        self.source_id = claims.source_id
        self.out = QuadWriter(ids.source_iri(self.source_id))
        self.source = iri(ids.source_iri(self.source_id))
        self.as_of = claims.source.get("event_date") or claims.source.get("published")
        self.persons = {name_key(p["name"]): p for p in claims.persons}
        for person in claims.persons:
            for alias in person["aliases"]:
                self.persons[name_key(alias)] = person

    def evidence(self, node: str, item: dict[str, Any]) -> None:
        self.out.add(node, curie("prov:wasDerivedFrom"), self.source)
        self.out.add(node, vnh("quote"), vi(item["quote"]))
        if item.get("span"):
            self.out.add(node, vnh("spanStart"), typed(item["span"][0]))
            self.out.add(node, vnh("spanEnd"), typed(item["span"][1]))
        if item.get("confidence") is not None:
            self.out.add(node, vnh("confidence"), typed(float(item["confidence"])))

    def person(self, name: str) -> str:
        declared = self.persons.get(name_key(name))
        canonical = declared["name"] if declared else normalize(name)
        node = iri(ids.person_iri(canonical, declared.get("key") if declared else None))
        out = self.out
        out.add(node, A, curie("foaf:Person"))
        out.add(node, curie("foaf:name"), vi(canonical))
        _labels(out, node, canonical, declared["aliases"] if declared else ())
        if declared and declared.get("prefix"):
            out.add(node, curie("schema:honorificPrefix"), literal(declared["prefix"]))
        if declared and declared.get("key"):
            out.add(node, curie("dcterms:identifier"), literal(declared["key"]))
        for other in declared["distinct_from"] if declared else ():
            other_node = iri(ids.person_iri(other))
            out.add(other_node, curie("foaf:name"), vi(other))
            out.add(node, curie("owl:differentFrom"), other_node)
        return node

    def org(self, name: str) -> str:
        entry = self.lookups.resolve_org(name)
        if entry:
            return iri(ids.org_iri(entry.name))
        canonical = normalize(name).strip()
        node = iri(ids.org_iri(canonical))
        self.out.add(node, A, curie("org:Organization"))
        _labels(self.out, node, canonical)
        return node

    def document(self, doc_id: str) -> str:
        node = iri(ids.document_iri(doc_id))
        self.out.add(node, A, curie("eli:LegalResource"))
        self.out.add(node, curie("eli:id_local"), literal(doc_id))
        self.out.add(node, vnh("nameKey"), literal(name_key(doc_id)))
        number = doc_id.split("/")[0].split("-")[0]
        if number.isdigit():
            self.out.add(node, vnh("docNumber"), literal(number))
        return node

    def role(self, role: str) -> str:
        node = iri(ids.role_iri(role))
        if self.lookups.role(role):
            # The gazetteer graph describes known roles. Restating their labels in every source
            # graph would make each label one row per source under the union default graph.
            return node
        self.out.add(node, A, curie("org:Role"))
        self.out.add(node, A, curie("skos:Concept"))
        _labels(self.out, node, normalize(role))
        return node

    def tenure(self, person: str, role: str, org: str, item: dict[str, Any], *, replaced: bool = False) -> str:
        org_name = self.lookups.canonical_org_name(org)
        node = iri(ids.tenure_iri(self.source_id, person, org_name, role))
        post = iri(ids.post_iri(org_name, role))
        role_node, org_node, out = self.role(role), self.org(org), self.out
        out.add(post, A, curie("org:Post"))
        out.add(post, curie("org:postIn"), org_node)
        out.add(post, curie("org:role"), role_node)
        out.add(post, curie("skos:prefLabel"), vi(f"{normalize(role)} {org_name}"))
        out.add(node, A, vnh("Tenure"))
        out.add(node, A, curie("org:Membership"))
        out.add(node, curie("rdfs:label"), vi(f"{normalize(person)} — {normalize(role)} — {org_name}"))
        out.add(node, curie("org:member"), self.person(person))
        out.add(node, curie("org:organization"), org_node)
        out.add(node, curie("org:role"), role_node)
        out.add(node, vnh("post"), post)
        self.evidence(node, item)
        if replaced:
            out.add(node, vnh("status"), vnh("Former"))
            out.add(node, vnh("endCause"), literal("replaced"))
            if item.get("start"):
                out.add(node, curie("schema:endDate"), date_literal(item["start"]))
            return node
        out.add(node, vnh("status"), vnh(STATUS[item["status"]]))
        if item["status"] == "current" and self.as_of:
            out.add(node, vnh("asOf"), date_literal(self.as_of))
        for key, predicate in (("start", "schema:startDate"), ("end", "schema:endDate")):
            if item.get(key):
                out.add(node, curie(predicate), date_literal(item[key]))
        for key in ("acting", "concurrent"):
            if item.get(key) is not None:
                out.add(node, vnh(key), typed(item[key]))
        if item.get("term"):
            out.add(node, vnh("term"), literal(item["term"]))
        if item.get("end_cause"):
            out.add(node, vnh("endCause"), literal(item["end_cause"]))
        if item.get("appointed_by"):
            out.add(node, vnh("appointedBy"), self.document(item["appointed_by"]))
        return node

    def write(self) -> QuadWriter:
        c, out = self.claims, self.out
        node = source_node_quads(out, c.source, c.extraction["method"], c.extraction["reviewed"])
        if not c.path.startswith("<"):
            out.add(node, vnh("claimsFile"), literal(_portable(c.path)))
        if c.extraction.get("tool"):
            out.add(node, vnh("extractionTool"), literal(c.extraction["tool"]))
        for person in c.persons:
            self.person(person["name"])
        for post in c.posts:
            node = self.tenure(post["person"], post["role"], post["org"], post)
            old = post.get("replaces")
            if old:
                old_node = self.tenure(old["person"], old.get("role") or post["role"],
                                       old.get("org") or post["org"], post, replaced=True)
                out.add(node, vnh("replaces"), old_node)
        for org in c.organizations:
            node = self.org(org["name"])
            for alias in org["aliases"]:
                out.add(node, curie("skos:altLabel"), vi(alias))
                out.add(node, vnh("nameKey"), literal(name_key(alias)))
            if org.get("en"):
                out.add(node, curie("skos:prefLabel"), literal(org["en"], lang="en"))
            if org.get("kind"):
                out.add(node, curie("org:classification"), iri(ids.classification_iri(org["kind"])))
            if org.get("part_of"):
                out.add(node, curie("org:subOrganizationOf"), self.org(org["part_of"]))
            self.evidence(node, org)
        for doc in c.documents:
            self.write_document(doc)
        for event in c.events:
            self.write_event(event)
        for agreement in c.agreements:
            self.write_agreement(agreement)
        for index, amount in enumerate(c.amounts, start=1):
            node = iri(ids.grant_iri(self.source_id, index))
            out.add(node, A, vnh("Grant"))
            out.add(node, curie("schema:funder"), self.org(amount["from"]))
            out.add(node, vnh("amountVND"), typed(amount["amount_vnd"]))
            out.add(node, vnh("recipientDescription"), vi(amount["to"]))
            self.evidence(node, amount)
        return out

    def write_document(self, doc: dict[str, Any]) -> None:
        node, out = self.document(doc["id"]), self.out
        type_key = ids.document_type_key(doc["id"])
        if doc.get("type"):
            found = next((k for k, v in self.gazetteer.document_types.items()
                          if name_key(v["vi"]) == name_key(doc["type"])), None)
            type_key = found or type_key
        if type_key in self.gazetteer.document_types:
            out.add(node, curie("eli:type_document"), iri(ids.document_type_iri(type_key)))
        if doc.get("issuer"):
            out.add(node, curie("eli:passed_by"), self.org(doc["issuer"]))
        if doc.get("date"):
            out.add(node, curie("eli:date_document"), date_literal(doc["date"]))
        if doc.get("title"):
            out.add(node, curie("eli:title"), vi(doc["title"]))
        if doc.get("subject"):
            out.add(node, curie("eli:description"), vi(doc["subject"]))
        label = " ".join(x for x in (doc.get("type"), doc["id"]) if x)
        out.add(node, curie("rdfs:label"), vi(label))
        self.evidence(node, doc)

    def write_event(self, event: dict[str, Any]) -> None:
        node, out = iri(ids.event_iri(self.source_id, event["key"])), self.out
        out.add(node, A, curie("schema:Event"))
        out.add(node, A, curie("prov:Activity"))
        if event["kind"] in EVENT_CLASS:
            out.add(node, A, vnh(EVENT_CLASS[event["kind"]]))
        label = event.get("label") or event["kind"]
        out.add(node, curie("rdfs:label"), vi(label))
        out.add(node, curie("schema:name"), vi(label))
        if event.get("date"):
            out.add(node, curie("schema:startDate"), date_literal(event["date"]))
        if event.get("place"):
            out.add(node, vnh("placeName"), vi(event["place"]))
        for organizer in event["organizers"]:
            out.add(node, curie("schema:organizer"), self.org(organizer))
        for index, participant in enumerate(event["participants"], start=1):
            person = self.person(participant["person"])
            association = iri(f"{ids.event_iri(self.source_id, event['key'])}/association/{index}")
            out.add(node, curie("prov:wasAssociatedWith"), person)
            out.add(node, curie("prov:qualifiedAssociation"), association)
            out.add(association, A, curie("prov:Association"))
            out.add(association, curie("prov:agent"), person)
            if participant.get("role"):
                out.add(association, curie("prov:hadRole"), vnh(PARTICIPATION[participant["role"]]))
        for doc in event["cites"]:
            out.add(node, curie("dcterms:references"), self.document(doc))
        self.evidence(node, event)

    def write_agreement(self, agreement: dict[str, Any]) -> None:
        node, out = iri(ids.agreement_iri(self.source_id, agreement["key"])), self.out
        out.add(node, A, vnh("CoordinationAgreement"))
        out.add(node, A, curie("schema:CreativeWork"))
        out.add(node, vnh("agreementKind"), vi(agreement["kind"]))
        parties = [self.lookups.canonical_org_name(p) for p in agreement["parties"]]
        out.add(node, curie("rdfs:label"), vi(f"{agreement['kind']} giữa {' và '.join(parties)}"))
        for party in agreement["parties"]:
            out.add(node, vnh("party"), self.org(party))
        if agreement.get("status"):
            out.add(node, vnh("status"), vnh(AGREEMENT_STATUS[agreement["status"]]))
        for key, predicate in (("start", "schema:startDate"), ("end", "schema:endDate")):
            if agreement.get(key):
                out.add(node, curie(predicate), date_literal(agreement[key]))
        if agreement.get("event"):
            out.add(node, curie("prov:wasGeneratedBy"), iri(ids.event_iri(self.source_id, agreement["event"])))
        for doc in agreement["cites"]:
            out.add(node, curie("eli:cites"), self.document(doc))
        for commitment in agreement["commitments"]:
            out.add(node, vnh("commitment"), vi(commitment))
        self.evidence(node, agreement)


def claims_quads(claims: Claims, gazetteer: Gazetteer) -> QuadWriter:
    check_bodies(claims, gazetteer)
    return _ClaimsWriter(claims, gazetteer).write()


def gazetteer_quads(gazetteer: Gazetteer) -> QuadWriter:
    """Bodies, roles, classifications and document kinds, as a source of their own."""
    out = QuadWriter(ids.source_iri(GAZETTEER_SOURCE))
    source_node_quads(out, {"id": GAZETTEER_SOURCE, "title": "vnhealth-kg gazetteer", "file": "gazetteer/"},
                      "manual", True)
    for entry in gazetteer.organizations:
        if entry.origin != "gazetteer":
            continue
        node = _describe_org(out, gazetteer, entry)
        for evidence in entry.evidence:
            out.add(node, curie("prov:wasDerivedFrom"), iri(ids.source_iri(evidence["source"])))
            if evidence.get("quote"):
                out.add(node, vnh("quote"), vi(evidence["quote"]))
    for role in gazetteer.roles:
        node = iri(ids.role_iri(role.vi))
        out.add(node, A, curie("org:Role"))
        out.add(node, A, curie("skos:Concept"))
        _labels(out, node, role.vi, en=role.en)
        if role.single_holder:
            out.add(node, vnh("singleHolder"), typed(True))
    for key, concept in gazetteer.classifications.items():
        node = iri(ids.classification_iri(key))
        out.add(node, A, curie("skos:Concept"))
        _labels(out, node, concept["vi"], en=concept["en"])
    for key, concept in gazetteer.document_types.items():
        node = iri(ids.document_type_iri(key))
        out.add(node, A, curie("skos:Concept"))
        _labels(out, node, concept["vi"], en=concept["en"])
    return out


def reference_quads(gazetteer: Gazetteer) -> QuadWriter:
    """The Ministry of Health's structure under Decree 42/2025/NĐ-CP, citing decree and article."""
    reference = gazetteer.reference
    out = QuadWriter(ids.source_iri(REFERENCE_SOURCE))
    if not reference:
        return out
    decree = reference["source"]
    source = source_node_quads(out, {"id": REFERENCE_SOURCE, "title": decree["title_vi"],
                                     "file": "reference/moh-structure-2025.yaml"}, "reference", True)
    decree_node = iri(ids.document_iri(decree["id"]))
    out.add(source, vnh("legalBasis"), decree_node)
    out.add(source, vnh("legalArticle"), literal("Điều 3"))
    for url in decree.get("reported_by", []):
        out.add(source, curie("dcterms:source"), iri(url))
    out.add(decree_node, A, curie("eli:LegalResource"))
    out.add(decree_node, curie("eli:id_local"), literal(decree["id"]))
    out.add(decree_node, vnh("nameKey"), literal(name_key(decree["id"])))
    out.add(decree_node, vnh("docNumber"), literal(decree["id"].split("/")[0]))
    out.add(decree_node, curie("rdfs:label"), vi(f"{decree['kind']} {decree['id']}"))
    out.add(decree_node, curie("eli:type_document"), iri(ids.document_type_iri(ids.document_type_key(decree["id"]))))
    out.add(decree_node, curie("eli:passed_by"), iri(ids.org_iri(gazetteer.canonical_org_name(decree["issuer"]))))
    out.add(decree_node, curie("eli:date_document"), date_literal(decree["date"]))
    out.add(decree_node, curie("eli:first_date_entry_in_force"), date_literal(decree["in_force"]))
    out.add(decree_node, curie("eli:title"), vi(decree["title_vi"]))
    out.add(decree_node, curie("prov:wasDerivedFrom"), source)
    parent = iri(ids.org_iri(gazetteer.canonical_org_name(reference["parent"])))
    change = iri(ids.change_event_iri(f"tai-co-cau-{decree['id']}"))
    out.add(change, A, curie("org:ChangeEvent"))
    out.add(change, curie("rdfs:label"), vi(f"Tổ chức lại Bộ Y tế theo {decree['kind']} {decree['id']}"))
    out.add(change, curie("schema:startDate"), date_literal(decree["in_force"]))
    out.add(change, curie("prov:used"), decree_node)
    out.add(change, curie("prov:wasDerivedFrom"), source)

    def unit(vi_name: str, en: str | None, kind: str | None) -> str:
        entry = gazetteer.resolve_org(vi_name)
        name = entry.name if entry else normalize(vi_name)
        node = iri(ids.org_iri(name))
        out.add(node, A, curie("org:Organization"))
        printed = normalize(vi_name)
        _labels(out, node, name, [printed] if printed != name else [], en=en)
        if kind:
            out.add(node, curie("org:classification"), iri(ids.classification_iri(kind)))
        out.add(node, curie("prov:wasDerivedFrom"), source)
        return node

    for item in reference.get("units", []):
        node = unit(item["vi"], item.get("en"), item.get("kind"))
        out.add(node, A, curie("org:OrganizationalUnit"))
        out.add(node, curie("org:subOrganizationOf"), parent)
        if item.get("created"):
            out.add(node, curie("schema:foundingDate"), date_literal(str(item["created"])))
            out.add(change, curie("org:resultingOrganization"), node)
            out.add(node, curie("org:changedBy"), change)
    for item in reference.get("dissolved", []):
        node = unit(item["vi"], item.get("en"), None)
        out.add(node, A, curie("org:OrganizationalUnit"))
        out.add(node, curie("org:subOrganizationOf"), parent)
        out.add(node, curie("schema:dissolutionDate"), date_literal(str(item["ended"])))
        out.add(change, curie("org:originalOrganization"), node)
        out.add(node, curie("org:changedBy"), change)
    for item in reference.get("transferred_in", []):
        node = unit(item["vi"], None, None)
        out.add(node, vnh("transferredFrom"), unit(item["from"], None, "ministry"))
    return out


def ontology_quads(directory: Path = ONTOLOGY_DIR) -> list[str]:
    """The ontology in its own graph, so queries can read labels of terms."""
    return rdf_file_lines(directory / "vnhealth.ttl", graph=ONTOLOGY_GRAPH)


def rdf_file_lines(path: Path, graph: str | None = None) -> list[str]:
    """Parse an RDF file into N-Quads lines of one graph (default: a source graph named after the file)."""
    suffix = path.suffix.lower()
    if suffix not in RDF_SUFFIXES:
        raise InputError(f"unknown RDF file type {suffix!r} (use {', '.join(RDF_SUFFIXES)})", path=str(path))
    text = read_text(path)
    target = ox.NamedNode(graph or ids.source_iri(path.stem))
    try:
        quads = list(ox.parse(text.encode(), format=RDF_SUFFIXES[suffix], base_iri=path.resolve().as_uri()))
    except SyntaxError as error:
        line = getattr(error, "lineno", None)
        message = str(error).splitlines()[0]
        raise InputError(f"malformed RDF: {message}", path=str(path), line=line) from None
    skolem = _Skolemizer(target.value)
    rewritten = (ox.Quad(skolem(q.subject), q.predicate, skolem(q.object), target) for q in quads)
    return ox.serialize(rewritten, format=ox.RdfFormat.N_QUADS).decode().splitlines(keepends=True)


class _Skolemizer:
    """Blank nodes become IRIs numbered in parse order, so loading a file twice is a no-op."""

    def __init__(self, graph: str):
        self.base = f"{graph}/.well-known/genid/"
        self.names: dict[str, ox.NamedNode] = {}

    def __call__(self, term: Any) -> Any:
        if not isinstance(term, ox.BlankNode):
            return term
        if term.value not in self.names:
            self.names[term.value] = ox.NamedNode(f"{self.base}b{len(self.names) + 1}")
        return self.names[term.value]


def _portable(path: str) -> str:
    """A project file as a path relative to the project (the same on every clone), others as given."""
    try:
        return str(Path(path).resolve().relative_to(PROJECT_DIR))
    except ValueError:
        return path


def read_claims_checked(path: Path, sources_dir: Path | None) -> Claims:
    """Read a claims file and check its quotes against the article it names."""
    claims = read_claims(path)
    article = claims.source.get("file")
    if article and sources_dir is not None:
        article_path = sources_dir / article
        if not article_path.exists():
            raise InputError(f"source file {article!r} does not exist in {sources_dir}", path=str(path),
                             line=claims.source.line_of("file"))
        check_quotes(claims, read_text(article_path))
    return claims
