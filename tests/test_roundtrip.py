"""Claims -> RDF -> claims loses nothing (hypothesis), and the shipped claims survive the trip."""

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.claims import FORMAT, check_claims, read_claims
from kg.gazetteer import default_gazetteer
from kg.ids import document_type_key
from kg.load import claims_quads
from kg.store import open_store
from kg.text import name_key, normalize
from kg.unload import claims_from_store

GAZ = default_gazetteer()
ROOT = Path(__file__).resolve().parents[1]
SYLLABLES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý",
             "Văn", "Thị", "Hữu", "Minh", "Thanh", "Hồng", "Quốc", "Đức", "Thu", "Lan", "Hà", "Tâm", "Khuê",
             "Bình", "Oanh", "Hạnh", "Thủy", "Hòa", "Quý"]
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from('"\\\n{}<>'),
               min_size=1, max_size=40).filter(lambda t: t.strip() and normalize(t).strip())
DATE = st.builds(lambda y, m, d, n: f"{y}" if n == 0 else f"{y}-{m:02d}" if n == 1 else f"{y}-{m:02d}-{d:02d}",
                 st.integers(1990, 2035), st.integers(1, 12), st.integers(1, 28), st.integers(0, 2))
NAMES = st.lists(st.sampled_from(SYLLABLES), min_size=2, max_size=4).map(" ".join)
KNOWN_ORGS = [entry.name for entry in GAZ.organizations]
ORG = st.one_of(st.sampled_from(KNOWN_ORGS), st.sampled_from(["Bệnh viện", "Sở Y tế", "Trường Đại học"]).flatmap(
    lambda head: st.sampled_from(SYLLABLES).map(lambda tail: f"{head} {tail} Thử")))
ROLE = st.sampled_from([role.vi for role in GAZ.roles] + ["Trưởng phòng Thử nghiệm"])
EVIDENCE = {"quote": TEXT, "span": st.none() | st.tuples(st.integers(0, 50), st.integers(0, 50)).map(
    lambda t: [min(t), max(t)]), "confidence": st.none() | st.integers(0, 1000).map(lambda n: n / 1000)}


def unique_by(key):
    return lambda items: len({key(i) for i in items}) == len(items)


post = st.fixed_dictionaries({
    "person": NAMES, "role": ROLE, "org": ORG, "status": st.sampled_from(["current", "former", "unknown"]),
    "acting": st.none() | st.booleans(), "concurrent": st.none() | st.booleans(),
    "start": st.none() | DATE, "end": st.none() | DATE, "term": st.none() | st.just("2025-2030"),
    "end_cause": st.none() | st.sampled_from(["retired", "other"]),
    "appointed_by": st.none() | st.sampled_from(["1234/QĐ-BYT", "72-NQ/TW"]), **EVIDENCE})
organization = st.fixed_dictionaries({
    "name": ORG, "en": st.none() | st.just("An English name"), "kind": st.none() | st.sampled_from(
        sorted(GAZ.classifications)), "part_of": st.none() | ORG,
    "aliases": st.lists(st.sampled_from(["Tên khác Một", "Tên khác Hai"]), unique=True), **EVIDENCE})
document = st.fixed_dictionaries({
    "id": st.sampled_from(["72-NQ/TW", "57-NQ/TW", "1234/QĐ-BYT", "42/2025/NĐ-CP", "15/2024/TT-BYT"]),
    "type": st.none() | st.sampled_from(["Nghị quyết", "Quyết định"]), "issuer": st.none() | ORG,
    "date": st.none() | DATE, "title": st.none() | TEXT, "subject": st.none() | TEXT, **EVIDENCE})
participant = st.fixed_dictionaries({"person": NAMES, "role": st.none() | st.sampled_from(
    ["chaired", "directed", "reported", "attended", "signed", "spoke"])})
event = st.fixed_dictionaries({
    "key": st.sampled_from(["su-kien-a", "su-kien-b", "hop-1"]), "kind": st.sampled_from(
        ["meeting", "signing", "conference", "congress", "announcement", "other"]),
    "label": st.none() | TEXT, "date": st.none() | DATE, "place": st.none() | TEXT,
    "organizers": st.lists(ORG, unique_by=name_key, max_size=3),
    "participants": st.lists(participant, unique_by=lambda p: name_key(p["person"]), max_size=3),
    "cites": st.lists(st.sampled_from(["72-NQ/TW", "57-NQ/TW"]), unique=True), **EVIDENCE})
agreement = st.fixed_dictionaries({
    "key": st.sampled_from(["pc-1", "pc-2"]), "kind": st.sampled_from(["chương trình phối hợp", "quy chế phối hợp"]),
    "parties": st.lists(ORG, unique_by=name_key, min_size=2, max_size=3),
    "status": st.none() | st.sampled_from(["proposed", "planned", "signed", "in force", "ended"]),
    "start": st.none() | DATE, "end": st.none() | DATE,
    "cites": st.lists(st.sampled_from(["72-NQ/TW", "68-NQ/TW"]), unique=True),
    "commitments": st.lists(TEXT, max_size=2, unique_by=lambda t: normalize(t).strip()), **EVIDENCE})
amount = st.fixed_dictionaries({"amount_vnd": st.integers(0, 10**12), "from": ORG, "to": TEXT, **EVIDENCE})
def declare_bodies(document: dict) -> dict:
    """Claims must declare every body the gazetteer does not know: add org claims for invented ones."""
    named = [p["org"] for p in document["posts"]] + [o["part_of"] for o in document["organizations"] if o["part_of"]]
    named += [d["issuer"] for d in document["documents"] if d["issuer"]]
    named += [x for e in document["events"] for x in e["organizers"]]
    named += [x for a in document["agreements"] for x in a["parties"]] + [m["from"] for m in document["amounts"]]
    declared = {name_key(o["name"]) for o in document["organizations"]}
    for name in named:
        if not GAZ.resolve_org(name) and name_key(name) not in declared:
            declared.add(name_key(name))
            document["organizations"].append({"name": name, "quote": name})
    return document


claims_documents = st.fixed_dictionaries({
    "format": st.just(FORMAT),
    "source": st.fixed_dictionaries({
        "id": st.just("nguon-thu"), "url": st.none() | st.just("https://example.org/bài-báo?id=1&x=y%22"),
        "publisher": st.none() | TEXT, "title": st.none() | TEXT, "author": st.none() | TEXT,
        "published": st.none() | DATE, "event_date": st.none() | DATE, "language": st.just("vi")}),
    "extraction": st.fixed_dictionaries({"method": st.sampled_from(["manual", "rules"]), "reviewed": st.booleans(),
                                         "tool": st.none() | st.just("vnhealth-kg rules")}),
    "posts": st.lists(post, max_size=4, unique_by=lambda p: (name_key(p["person"]), name_key(p["role"]),
                                                             name_key(GAZ.canonical_org_name(p["org"])))),
    "organizations": st.lists(organization, max_size=2,
                              unique_by=lambda o: name_key(GAZ.canonical_org_name(o["name"]))),
    "documents": st.lists(document, max_size=3, unique_by=lambda d: d["id"]),
    "events": st.lists(event, max_size=2, unique_by=lambda e: e["key"]),
    "agreements": st.lists(agreement, max_size=2, unique_by=lambda a: a["key"]),
    "amounts": st.lists(amount, max_size=2),
}).map(declare_bodies)


def canonical(document: dict) -> dict:
    """What a claims document means, independent of spelling, order and defaults."""
    claims = check_claims(document, "<test>")
    org = GAZ.canonical_org_name

    def role(name: str) -> str:
        entry = GAZ.role(name)
        return entry.vi if entry else name

    def ev(item: dict) -> tuple:
        confidence = None if item.get("confidence") is None else round(item["confidence"], 3)
        return item["quote"], tuple(item["span"] or ()), confidence

    def doc_type(item: dict) -> str | None:
        key = document_type_key(item["id"])
        return item.get("type") or (GAZ.document_types[key]["vi"] if key in GAZ.document_types else None)

    return {
        "source": {k: v for k, v in claims.source.items() if v is not None},
        "extraction": {k: v for k, v in claims.extraction.items() if v is not None},
        "posts": sorted((p["person"], role(p["role"]), org(p["org"]), p["status"], p["acting"], p["concurrent"],
                         p["start"], p["end"], p["term"], p["end_cause"], p["appointed_by"], ev(p))
                        for p in claims.posts),
        "organizations": sorted((org(o["name"]), o["en"], o["kind"], org(o["part_of"]) if o["part_of"] else None,
                                 tuple(sorted(set(o["aliases"]))), ev(o)) for o in claims.organizations),
        "documents": sorted((d["id"], doc_type(d), org(d["issuer"]) if d["issuer"] else None, d["date"], d["title"],
                             d["subject"], ev(d)) for d in claims.documents),
        "events": sorted((e["key"], e["kind"], e["label"] or e["kind"], e["date"], e["place"],
                          tuple(sorted(org(o) for o in e["organizers"])),
                          tuple((p["person"], p["role"]) for p in e["participants"]), tuple(sorted(e["cites"])),
                          ev(e)) for e in claims.events),
        "agreements": sorted((a["key"], a["kind"], tuple(sorted(org(p) for p in a["parties"])), a["status"],
                              a["start"], a["end"], tuple(sorted(a["cites"])), tuple(sorted(a["commitments"])), ev(a))
                             for a in claims.agreements),
        "amounts": [(m["amount_vnd"], org(m["from"]), m["to"], ev(m)) for m in claims.amounts],
    }


def round_trip(document: dict) -> dict:
    store = open_store("memory:")
    claims = check_claims(document, "<test>")
    store.replace_graphs(list(claims_quads(claims, GAZ)))
    return claims_from_store(store, claims.source_id, GAZ)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(claims_documents)
def test_claims_to_rdf_to_claims_loses_nothing(document):
    assert canonical(round_trip(document)) == canonical(document)


def test_shipped_claims_survive_the_round_trip():
    for path in sorted((ROOT / "data" / "claims").glob("*.yaml")):
        document = read_claims(path).to_dict()
        assert canonical(round_trip(document)) == canonical(document), path.name
