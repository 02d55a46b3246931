"""Answers to the questions users bring: posts, holders, coordination, paths,
citations, search, timelines and sources, each with its evidence.

Tenures are read as claims (one per source statement) and settled in time by
the rules of docs/TIME.md: a status is explicit evidence, a succession ends
the predecessor's tenure at the successor's start, and a date is asserted only
when the evidence covers it. Heavy imports (networkx) stay inside the
functions that need them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from kg.claims import check_day
from kg.errors import Ambiguous, InputError, NotFound
from kg.namespaces import ID, SOURCE_BASE, expand
from kg.query import canned, run, value
from kg.text import name_key

STATUS = {"Current": "current", "Former": "former", "UnknownStatus": "unknown"}
_FULL_DATE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")


# ---- dates: a partial date (YYYY, YYYY-MM) is the interval of days it may mean ----

def earliest(date: str) -> str:
    """The first day a date (YYYY, YYYY-MM or YYYY-MM-DD) can mean."""
    return {4: f"{date}-01-01", 7: f"{date}-01"}.get(len(date), date)


def latest(date: str) -> str:
    """The last day a date (YYYY, YYYY-MM or YYYY-MM-DD) can mean."""
    if len(date) == 4:
        return f"{date}-12-31"
    if len(date) == 7:
        year, month = int(date[:4]), int(date[5:7])
        return f"{date}-{calendar.monthrange(year, month)[1]:02d}"
    return date


def check_date(text: str | None, option: str = "--as-of") -> str | None:
    """A user's date as YYYY-MM-DD, or InputError naming the option."""
    if text is None:
        return None
    text = text.strip()
    if not _FULL_DATE.match(text):
        raise InputError(f"{option} {text!r} is not a date (YYYY-MM-DD)")
    try:
        check_day(text)
    except ValueError as error:
        raise InputError(f"{option} {error}") from None
    return text


def source_id(graph_or_source: str) -> str:
    """The source id of a source graph IRI (…/id/source/<id>)."""
    return graph_or_source[len(SOURCE_BASE):] if graph_or_source.startswith(SOURCE_BASE) else graph_or_source


def records(store: Any, name: str, *, terms: bool = False,
            **bindings: str | list[str] | set[str] | None) -> list[dict[str, Any]]:
    """Rows of a canned query as {variable: IRI or lexical value} (or terms).
    Bind IRIs by name; one variable may be bound to several IRIs (a VALUES list):
    an empty list matches nothing, so no query is sent."""
    bound: dict[str, Any] = {}
    for key, iri in bindings.items():
        if isinstance(iri, (list, set, tuple)):
            if not iri:
                return []
            bound[key] = [ox.NamedNode(i) for i in sorted(iri)]
        elif iri is not None:
            bound[key] = ox.NamedNode(iri)
    rows = store.select(canned(name), bound or None)
    return rows if terms else [{n: t.value for n, t in row.items()} for row in rows]


# ---- sources ----

def source_table(store: Any, iris: set[str] | None = None) -> dict[str, dict[str, Any]]:
    """Source documents' metadata by source IRI: all, or these (one bound query)."""
    table: dict[str, dict[str, Any]] = {}
    for row in records(store, "sources", terms=True, source=iris):
        table[value(row["source"])] = {
            "id": value(row["id"]),
            "title": value(row.get("title")),
            "publisher": value(row.get("publisher")),
            "author": value(row.get("author")),
            "url": value(row.get("url")),
            "date": value(row.get("date")),
            "file": value(row.get("file")),
            "claims_file": value(row.get("claimsFile")),
            "method": value(row.get("method")),
            "reviewed": value(row.get("reviewed")),
        }
    return table


def evidence(sources: dict[str, dict[str, Any]], source_iri: str, quote: str | None) -> dict[str, Any]:
    """The evidence record every answer carries: source id, title, publisher, date, quote."""
    meta = sources.get(source_iri, {})
    return {"id": meta.get("id") or source_id(source_iri), "title": meta.get("title"),
            "publisher": meta.get("publisher"), "date": meta.get("date"), "quote": quote}


# ---- tenure claims and their settlement in time (docs/TIME.md) ----

@dataclass
class Tenure:
    """One source's statement that a person holds (or held) a post."""

    iri: str
    person: str
    person_name: str
    post: str
    role_iri: str
    role: str
    role_en: str | None
    org: str
    org_label: str
    org_en: str | None
    status: str  # as stated: current | former | unknown
    source: dict[str, Any]
    start: str | None = None
    end: str | None = None
    as_of: str | None = None
    acting: bool = False
    concurrent: bool = False
    term: str | None = None
    end_cause: str | None = None
    replaces: str | None = None
    successors: list[str] = field(default_factory=list)
    state: str = "unknown"  # after settlement: current | former | unknown
    ended: str | None = None  # end date, stated or from a succession
    ended_by: dict[str, Any] | None = None  # the succession claim that closed it

    @property
    def until(self) -> str | None:
        return self.end or self.ended


def entity_labels(store: Any, iris: set[str] | None = None) -> dict[str, tuple[str | None, str | None]]:
    """(Vietnamese, English) display names: foaf:name or skos:prefLabel@vi, and
    skos:prefLabel@en; for some entities (one bound query) or all (one pass)."""
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for row in records(store, "labels", terms=True, x=iris):
        term, slot = row["label"], "name" if row["p"].value.endswith("/name") else "pref"
        language = term.language if isinstance(term, ox.Literal) else None
        found[row["x"].value].setdefault(f"{slot}@{language or 'vi'}", term.value)
    return {iri: (names.get("name@vi") or names.get("pref@vi"), names.get("pref@en")) for iri, names in found.items()}


def tenure_claims(store: Any, *, labels: dict[str, tuple[str | None, str | None]] | None = None,
                  **bindings: str | set[str]) -> list[Tenure]:
    """Tenure claims (bind person=, org=, post=, source= or tenure= IRIs, or a set of
    IRIs for one of them), settled in time."""
    rows = records(store, "roles", **bindings)
    tenures = {r["tenure"] for r in rows}
    successors: dict[str, list[str]] = defaultdict(list)
    for row in records(store, "successors", tenure=tenures if bindings else None):
        successors[row["tenure"]].append(row["successorPerson"])
    sources = source_table(store, {r["source"] for r in rows} if bindings else None)
    if labels is None:
        wanted = {r[k] for r in rows for k in ("person", "role", "org") if k in r}
        wanted.update(p for people in successors.values() for p in people)
        labels = entity_labels(store, wanted if bindings else None)
    claims: dict[str, Tenure] = {}
    for row in rows:
        iri = row["tenure"]
        claim = claims.get(iri)
        if claim is None:
            person, role, org = row["person"], row["role"], row["org"]
            claim = claims[iri] = Tenure(
                iri=iri,
                person=person,
                person_name=labels.get(person, (None,))[0] or person,
                post=row["post"],
                role_iri=role,
                role=labels.get(role, (None,))[0] or role,
                role_en=labels.get(role, (None, None))[1],
                org=org,
                org_label=labels.get(org, (None,))[0] or org,
                org_en=labels.get(org, (None, None))[1],
                status=STATUS.get(row["status"].rsplit("#", 1)[-1], "unknown"),
                source=evidence(sources, row["source"], row["quote"]),
                start=row.get("start"),
                end=row.get("end"),
                as_of=row.get("asOf"),
                acting=row.get("acting") == "true",
                concurrent=row.get("concurrent") == "true",
                term=row.get("term"),
                end_cause=row.get("endCause"),
                replaces=row.get("replaces"),
            )
    for claim in claims.values():
        for person in sorted(successors.get(claim.iri, [])):
            successor = labels.get(person, (None,))[0]
            if successor and successor not in claim.successors:
                claim.successors.append(successor)
    result = sorted(claims.values(), key=lambda c: (c.org_label, c.role, c.person_name, c.source["id"]))
    return settle(result)


def _over(claim: Tenure) -> str | None:
    """The date by which a former claim says the tenure was over: its end, else its source's date."""
    return claim.end or claim.source["date"]


def settle(claims: list[Tenure]) -> list[Tenure]:
    """Give each claim its state: a current claim is closed by a former claim of the
    same person and post dated after it (or by any dated one when it is undated)."""
    groups: dict[tuple[str, str], list[Tenure]] = defaultdict(list)
    for claim in claims:
        groups[(claim.person, claim.post)].append(claim)
        claim.state = claim.status
    for group in groups.values():
        closers = sorted((earliest(over), c) for c in group if c.status == "former" and (over := _over(c)))
        for claim in group:
            if claim.status != "current":
                continue
            for over, closer in closers:
                if claim.as_of is None or latest(claim.as_of) < over:
                    claim.state = "former"
                    claim.ended = closer.end
                    claim.ended_by = {"source": closer.source["id"], "successors": closer.successors,
                                      "date": closer.end, "quote": closer.source["quote"]}
                    break
    return claims


def held_on(claim: Tenure, day: str) -> str:
    """"yes" when the claim's evidence covers the day, "no" when its dates exclude
    it, "unknown" otherwise (a tenure is one unbroken interval)."""
    until = claim.until
    if claim.start and earliest(claim.start) > day:
        return "no"
    if until and latest(until) <= day:
        return "no"
    before = bool(claim.start and latest(claim.start) <= day) or bool(claim.as_of and latest(claim.as_of) <= day)
    after = bool(until and earliest(until) > day) or bool(claim.as_of and earliest(claim.as_of) >= day)
    return "yes" if before and after else "unknown"


def _shift(day: str, days: int) -> str:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=days)).isoformat()


def held_interval(claim: Tenure) -> tuple[str, str] | None:
    """The first and last day the claim's evidence covers (held_on is "yes"), or None."""
    until = claim.until
    firsts = [latest(d) for d in (claim.start, claim.as_of) if d]
    lasts = [_shift(earliest(until), -1)] if until else []
    lasts += [earliest(claim.as_of)] if claim.as_of else []
    if not firsts or not lasts:
        return None
    first, last = min(firsts), max(lasts)
    if claim.start:
        first = max(first, earliest(claim.start))
    if until:
        last = min(last, _shift(latest(until), -1))
    return (first, last) if first <= last else None


def why_unknown(claim: Tenure, day: str) -> str:
    """Why a claim cannot be placed on a day, in words."""
    if claim.status == "unknown":
        return "status unknown in the source"
    if claim.state == "current" and not claim.as_of:
        return "current, undated source"
    if claim.as_of and not claim.start and latest(claim.as_of) > day:
        return f"stated current as of {claim.as_of}; start unknown"
    if claim.as_of and earliest(claim.as_of) < day:
        return f"stated current as of {claim.as_of}; nothing says it lasted to {day}"
    return "former, dates unknown" if claim.state == "former" else "dates unknown"


# ---- holdings: one person in one post, assembled from the claims about it ----

@dataclass
class Holding:
    """A person's holding of a post as all sources state it, settled in time."""

    person: str
    person_iri: str
    role: str
    role_en: str | None
    org: str
    org_en: str | None
    org_iri: str
    post_iri: str
    status: str  # current | former | unknown (docs/TIME.md)
    start: str | None = None
    end: str | None = None
    as_of: str | None = None
    acting: bool = False
    dated: bool = True  # False for a current post stated only by undated sources
    replaced_by: list[str] = field(default_factory=list)
    on_day: str | None = None  # with a day: yes | no | unknown
    note: str | None = None  # why on_day is unknown
    sources: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    @property
    def when(self) -> str:
        """The dates in words: "2020-03 – 2025-12-01", "as of 2026-01-13", "undated source"."""
        parts = []
        if self.start or self.end:
            parts.append(" – ".join(x or "?" for x in (self.start, self.end)))
        if self.as_of and self.status == "current":
            parts.append(f"as of {self.as_of}")
        if self.status == "current" and not self.dated:
            parts.append("undated source")
        return ", ".join(parts)


_ORDER = {"current": 0, "former": 1, "unknown": 2}


def holdings(claims: list[Tenure], day: str | None = None) -> list[Holding]:
    """Group settled claims by (person, post); with a day, say whether each was held on it."""
    grouped: dict[tuple[str, str], list[Tenure]] = defaultdict(list)
    for claim in claims:
        grouped[(claim.person, claim.post)].append(claim)
    result = []
    for group in grouped.values():
        first = group[0]
        states = {c.state for c in group}
        status = "current" if "current" in states else "former" if "former" in states else "unknown"
        starts = [c.start for c in group if c.start]
        ends = [c.until for c in group if c.until]
        holding = Holding(
            person=first.person_name, person_iri=first.person, role=first.role, role_en=first.role_en,
            org=first.org_label, org_en=first.org_en, org_iri=first.org, post_iri=first.post, status=status,
            start=min(starts, key=earliest) if starts else None,
            end=max(ends, key=latest) if ends else None,
            as_of=max((c.as_of for c in group if c.as_of), key=latest, default=None),
            acting=any(c.acting for c in group),
            dated=status != "current" or any(c.as_of for c in group if c.state == "current"),
        )
        for claim in group:
            for name in claim.successors + (claim.ended_by["successors"] if claim.ended_by else []):
                if name not in holding.replaced_by:
                    holding.replaced_by.append(name)
            if claim.source not in holding.sources:
                holding.sources.append(claim.source)
        if day:
            verdicts = [held_on(c, day) for c in group]
            holding.on_day = "yes" if "yes" in verdicts else "unknown" if "unknown" in verdicts else "no"
            if holding.on_day == "unknown":
                holding.note = why_unknown(group[verdicts.index("unknown")], day)
        result.append(holding)
    result.sort(key=lambda h: (_ORDER[h.status], h.org, h.role, h.person))
    return result


def select_holdings(all_holdings: list[Holding], day: str | None, include_all: bool) -> tuple[list[Holding],
                                                                                              list[Holding]]:
    """The holdings an answer lists, and those it cannot place on the day (listed apart)."""
    if day:
        return ([h for h in all_holdings if h.on_day == "yes"],
                [h for h in all_holdings if h.on_day == "unknown"])
    if include_all:
        return all_holdings, []
    return [h for h in all_holdings if h.status == "current"], []


# ---- finding entities by name ----

@dataclass
class Entity:
    iri: str
    label: str
    kind: str  # person | org | doc | role | event | agreement

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


_KIND_BY_PATH = {"person": "person", "org": "org", "role": "role", "eli": "doc", "event": "event",
                 "agreement": "agreement"}
_KIND_WORD = {"person": "person", "org": "body", "doc": "document", "role": "role", "event": "event",
              "agreement": "agreement"}
_DOC_NUMBER = re.compile(r"^(?P<kind>[^\d]*?)\s*(?P<number>\d+)$")


def kind_of(iri: str) -> str:
    """An entity's kind from its IRI path (…/id/org/…): person, org, role, doc, event, agreement or other."""
    if not iri.startswith(ID):
        return "other"
    return _KIND_BY_PATH.get(iri[len(ID):].split("/", 1)[0], "other")


def _matches(rows: list[dict[str, Any]], kind: str) -> list[Entity]:
    return [Entity(value(r["entity"]), value(r["label"]), kind) for r in rows]


def names(store: Any, kinds: tuple[str, ...] | None = None) -> list[Entity]:
    """Every display name (and alias) of the entities of these kinds."""
    found = []
    for row in records(store, "names"):
        kind = kind_of(row["entity"])
        if kind != "other" and (kinds is None or kind in kinds):
            found.append(Entity(row["entity"], row["label"], kind))
    return found


def suggestions(store: Any, text: str, kinds: tuple[str, ...], limit: int = 3) -> list[str]:
    """Close names of the given kinds, for "did you mean"."""
    import difflib

    by_key: dict[str, Entity] = {}
    for entity in names(store, kinds):
        by_key.setdefault(name_key(entity.label), entity)
    close = difflib.get_close_matches(name_key(text), list(by_key), n=limit * 3, cutoff=0.6)
    found: dict[str, str] = {}
    for key in close:
        found.setdefault(by_key[key].iri, by_key[key].label)
    return list(found.values())[:limit]


def find_docs(store: Any, text: str) -> list[Entity]:
    """Documents meant by "72-NQ/TW", "72" or "nghị quyết 72" (also "NQ 72")."""
    key = name_key(text)
    found = _matches(run(store, "find-doc", key=key), "doc")
    match = _DOC_NUMBER.match(key)
    if found or not match:
        return found
    rows = run(store, "docs-by-number", number=match["number"])
    kind = match["kind"].strip(" -/")
    if kind:
        types = {value(r["entity"]) for r in run(store, "find-doctype", key=kind)}
        types |= {doctype_iri for doctype_iri in {value(r.get("type")) for r in rows} if doctype_iri
                  and doctype_iri.rsplit("/", 1)[-1] == kind.replace(" ", "")}
        rows = [r for r in rows if value(r.get("type")) in types]
    return _matches(rows, "doc")


def find(store: Any, text: str, kinds: tuple[str, ...] = ("person", "org", "doc")) -> Entity:
    """The one entity a typed name (or IRI) means, or NotFound/Ambiguous with choices."""
    words = [_KIND_WORD[k] for k in kinds]
    what = " or ".join([", ".join(words[:-1]), words[-1]] if len(words) > 1 else words)
    if text.startswith(("http://", "https://")):
        from kg.graph import nodes

        table = nodes(store, node=text) if not re.search(r'[\s<>"{}|^`\\]', text) else {}
        if table and table[text]["kind"] in kinds:
            return Entity(text, table[text]["label"], table[text]["kind"])
        raise NotFound(f"no {what} with IRI {text!r}")
    key = name_key(text)
    found: list[Entity] = []
    if key:
        for kind, query in (("person", "find-person"), ("org", "find-org"), ("role", "find-role")):
            if kind in kinds:
                found += _matches(run(store, query, key=key), kind)
        if "doc" in kinds:
            found += find_docs(store, text)
    unique = sorted({(e.iri, e.kind): e for e in found}.values(), key=lambda e: (e.kind, e.label, e.iri))
    if len({e.iri for e in unique}) == 1:
        return unique[0]
    if unique:
        raise Ambiguous(f"{text!r} names {len(unique)} entities",
                        candidates=[f"{e.label} ({_KIND_WORD[e.kind]}) <{e.iri}>" for e in unique])
    raise NotFound(f"no {what} named {text!r}", suggestions=suggestions(store, text, kinds))


# ---- kg holders ----

@dataclass
class HoldersAnswer:
    org: Entity
    role: Entity | None
    scope: str
    as_of: str | None
    deep: bool
    holders: list[Holding]
    undetermined: list[Holding]

    def as_dict(self) -> dict[str, Any]:
        return {"org": self.org.label, "iri": self.org.iri, "role": self.role.label if self.role else None,
                "scope": self.scope, "as_of": self.as_of, "deep": self.deep,
                "holders": [h.as_dict() for h in self.holders],
                "undetermined": [h.as_dict() for h in self.undetermined]}


def sub_units(store: Any, org_iri: str) -> list[str]:
    return sorted({value(r["unit"]) for r in run(store, "sub-units", org=ox.NamedNode(org_iri))})


def holders(store: Any, org: str, *, role: str | None = None, as_of: str | None = None, deep: bool = False,
            include_all: bool = False) -> HoldersAnswer:
    """Who holds posts in a body (and its units with deep): now, on a day, or ever."""
    day = check_date(as_of)
    body = find(store, org, ("org",))
    wanted = find(store, role, ("role",)) if role else None
    claims = []
    for iri in [body.iri, *(sub_units(store, body.iri) if deep else [])]:
        claims += tenure_claims(store, org=iri)
    if wanted:
        claims = [c for c in claims if c.role_iri == wanted.iri]
    listed, undetermined = select_holdings(holdings(claims, day), day, include_all)
    scope = "as-of" if day else "all" if include_all else "current"
    return HoldersAnswer(body, wanted, scope, day, deep, listed, undetermined)


# ---- kg coordination ----

@dataclass
class Partner:
    iri: str
    label: str
    label_en: str | None
    depth: int
    via: str | None  # the partner (depth 1) through which a depth-2 partner is reached
    links: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class CoordinationAnswer:
    org: Entity
    depth: int
    partners: list[Partner]

    def as_dict(self) -> dict[str, Any]:
        return {"org": self.org.label, "iri": self.org.iri, "depth": self.depth,
                "partners": [p.as_dict() for p in self.partners]}


def coordination(store: Any, org: str, *, depth: int = 1) -> CoordinationAnswer:
    """The bodies a body coordinates with, each through which agreements or joint
    events (status, period, evidence); with depth 2, their partners too."""
    from kg.graph import AGREEMENT_STATUS_KEYS

    if depth < 1:
        raise InputError(f"--depth {depth}: give 1 or more")
    body = find(store, org, ("org",))
    reached_at: dict[str, tuple[int, str]] = {}  # partner -> (depth, the body it was reached from)
    stated: list[dict[str, Any]] = []
    frontier, seen = {body.iri}, {body.iri}
    for level in range(1, depth + 1):
        reached: dict[str, str] = {}
        rows = records(store, "projection-coordination", a=frontier)
        for row in sorted(rows, key=lambda r: r["a"]):  # a partner reached twice is reached from the first body
            other = row["b"]
            if other in seen or reached.setdefault(other, row["a"]) != row["a"]:
                continue
            stated.append(row)
        reached_at.update((other, (level, current)) for other, current in reached.items())
        seen.update(reached)
        frontier = set(reached)
        if not frontier:
            break
    labels = entity_labels(store, set(reached_at))
    partners = {iri: Partner(iri, labels.get(iri, (None,))[0] or iri, labels.get(iri, (None, None))[1], level,
                             None if level == 1 else labels.get(current, (None,))[0] or current)
                for iri, (level, current) in reached_at.items()}
    sources = source_table(store, {row["g"] for row in stated})
    for row in stated:
        link = {"evidence": row["evidence"], "kind": row["kind"], "label": row.get("label"),
                "status": AGREEMENT_STATUS_KEYS.get(row.get("status")),
                "start": row.get("start"), "end": row.get("end"),
                "source": evidence(sources, row["g"], row["quote"])}
        partner = partners[row["b"]]
        if link not in partner.links:
            partner.links.append(link)
    ordered = sorted(partners.values(), key=lambda p: (p.depth, p.via or "", p.label))
    return CoordinationAnswer(body, depth, ordered)


# ---- kg show, kg cites, kg timeline: one entity and its edges ----

@dataclass
class Fact:
    """One edge seen from an entity: relation, the other end, details and evidence."""

    relation: str
    other: str
    other_label: str
    other_kind: str
    detail: str
    date: str | None
    source: dict[str, Any]
    attrs: dict[str, Any] = field(default_factory=dict, repr=False)

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "attrs"}


def _detail(attrs: dict[str, Any]) -> str:
    if "tenure" in attrs:
        parts = [attrs["role"], attrs["status"] + (", acting" if attrs.get("acting") else "")]
        if attrs.get("start") or attrs.get("end"):
            parts.append(" – ".join(x or "?" for x in (attrs.get("start"), attrs.get("end"))))
        if attrs.get("as_of") and attrs["status"] == "current":
            parts.append(f"as of {attrs['as_of']}")
        return ", ".join(parts)
    if "evidence" in attrs:
        period = " – ".join(x or "?" for x in (attrs.get("start"), attrs.get("end"))) if attrs.get("end") else ""
        return ", ".join(x for x in (attrs.get("evidence_label"), attrs.get("evidence_status"), period) if x)
    return attrs.get("part") or ""


def facts(store: Any, entity: Entity) -> tuple[dict[str, Any], list[Fact]]:
    """An entity's attributes and every edge touching it, seen from it, with evidence."""
    from kg.graph import EDGE_KINDS, edges, nodes

    own = nodes(store, node=entity.iri).get(entity.iri, {"label": entity.label, "kind": entity.kind})
    touching = edges(store, node=entity.iri)
    stating = {SOURCE_BASE + edge.attrs["source"] for edge in touching}
    sources = {meta["id"]: meta for meta in source_table(store, stating).values()}
    labels: dict[str, dict[str, Any]] = {}
    found = []
    for edge in touching:
        outgoing = edge.u == entity.iri
        other = edge.v if outgoing else edge.u
        if other not in labels:
            labels[other] = nodes(store, node=other).get(other) or {"label": other.rsplit("/", 1)[-1], "kind": "other"}
        kind = EDGE_KINDS[edge.attrs["predicate"]]
        meta = sources.get(edge.attrs["source"], {})
        found.append(Fact(
            relation=kind.label_en if outgoing else kind.inverse_en, other=other,
            other_label=labels[other]["label"], other_kind=labels[other]["kind"],
            detail=_detail(edge.attrs) or ", ".join(f"{k} {labels[other][k]}" for k in ("founded", "dissolved")
                                                    if labels[other].get(k)),
            date=labels[other].get("date") or edge.attrs.get("start") or edge.attrs.get("as_of"),
            source={"id": edge.attrs["source"], "title": meta.get("title"), "publisher": meta.get("publisher"),
                    "date": edge.attrs.get("source_date"), "quote": edge.attrs.get("quote")},
            attrs={**edge.attrs, "other": labels[other]}))
    found.sort(key=lambda f: (f.relation, f.other_label, f.detail, f.source["id"]))
    return own, found


@dataclass
class ShowAnswer:
    entity: Entity
    attributes: dict[str, Any]
    facts: list[Fact]

    def groups(self) -> dict[str, list[Fact]]:
        grouped: dict[str, list[Fact]] = {}
        for fact in self.facts:
            grouped.setdefault(fact.relation, []).append(fact)
        return grouped

    def as_dict(self) -> dict[str, Any]:
        return {"entity": self.entity.as_dict(), "attributes": self.attributes,
                "groups": {k: [f.as_dict() for f in v] for k, v in self.groups().items()}}


def show(store: Any, text: str) -> ShowAnswer:
    """Everything known about one person, body or document (or event or agreement, by IRI),
    grouped by relation, with sources."""
    entity = find(store, text, ("person", "org", "doc", "event", "agreement"))
    attributes, found = facts(store, entity)
    return ShowAnswer(entity, attributes, found)


@dataclass
class CitesAnswer:
    doc: Entity
    attributes: dict[str, Any]
    citers: list[dict[str, Any]]

    def as_dict(self) -> dict[str, Any]:
        return {"doc": self.doc.as_dict(), "attributes": self.attributes, "citers": self.citers}


_CITE_KIND = {"references": "event", "cites": "agreement", "appointedBy": "tenure", "legalBasis": "source"}
_ACTOR_PREDICATES = {expand("schema:organizer"), expand("vnh:party")}


def cites(store: Any, text: str) -> CitesAnswer:
    """Who and what cites a resolution or decision ("72-NQ/TW", "72", "nghị quyết 72")."""
    from kg.graph import nodes

    doc = find(store, text, ("doc",))
    rows = [(row, _CITE_KIND.get(value(row["p"]).rsplit("/", 1)[-1].rsplit("#", 1)[-1], "doc"))
            for row in run(store, "cites", doc=ox.NamedNode(doc.iri))]
    appointed = {value(row["citer"]) for row, kind in rows if kind == "tenure"}
    reproducing = {value(row["citer"]) for row, kind in rows if kind == "source"}
    tenures = {c.iri: c for c in tenure_claims(store, tenure=appointed)}
    sources = source_table(store, {value(row["g"]) for row, _ in rows} | reproducing)
    others = {value(row["citer"]) for row, _ in rows} - appointed - reproducing
    actors: dict[str, set[str]] = defaultdict(set)  # who organised a citing event, who is party to an agreement
    for row in records(store, "projection-links", s=others):
        if row["p"] in _ACTOR_PREDICATES:
            actors[row["s"]].add(row["o"])
    described = nodes(store, node=others | {a for found in actors.values() for a in found}, provenance=False)
    citers = []
    for row, kind in rows:
        citer = value(row["citer"])
        source = evidence(sources, value(row["g"]), value(row.get("quote")))
        if citer in tenures:
            claim = tenures[citer]
            entry = {"kind": "tenure", "iri": citer, "label": f"{claim.person_name}, {claim.role} {claim.org_label}",
                     "who": [claim.person_name], "date": claim.start, "relation": "appointed by"}
        elif citer in sources:
            entry = {"kind": "source", "iri": citer, "label": sources[citer]["title"] or sources[citer]["id"],
                     "who": [], "date": sources[citer]["date"], "relation": "reproduces"}
        else:
            attrs = described.get(citer, {})
            entry = {"kind": attrs.get("kind", kind), "iri": citer, "label": attrs.get("label", citer),
                     "who": sorted({described[a]["label"] for a in actors[citer] if a in described}),
                     "date": attrs.get("date") or attrs.get("start"), "relation": "cites"}
        entry["source"] = source
        citers.append(entry)
    citers.sort(key=lambda c: (c["date"] or "9999", c["kind"], c["label"]))
    return CitesAnswer(doc, nodes(store, node=doc.iri).get(doc.iri, {}), citers)


@dataclass
class Moment:
    date: str | None
    what: str
    source: dict[str, Any]

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def timeline(store: Any, text: str) -> tuple[Entity, list[Moment]]:
    """Dated facts about a person or body in order (undated ones last): tenures
    starting, stated and ending, events, agreement periods, units founded or dissolved."""
    entity = find(store, text, ("person", "org"))
    attributes, found = facts(store, entity)
    moments: list[Moment] = []

    def add(date: str | None, what: str, source: dict[str, Any]) -> None:
        moment = Moment(date, what, source)
        if moment not in moments:
            moments.append(moment)

    no_source = {"id": None, "title": None, "publisher": None, "date": None, "quote": None}
    for key, word in (("founded", "founded"), ("dissolved", "dissolved")):
        if attributes.get(key):
            add(attributes[key], f"{entity.label} {word}", no_source)
    for fact in found:
        attrs, other = fact.attrs, fact.attrs["other"]
        if "tenure" in attrs:
            person, org = (entity.label, fact.other_label) if fact.relation == "holds" else (fact.other_label,
                                                                                             entity.label)
            post = f"{person}: {attrs['role']}, {org}"
            if attrs.get("start"):
                add(attrs["start"], f"{post} starts", fact.source)
            if attrs.get("as_of"):
                add(attrs["as_of"], f"{post} (stated as current)", fact.source)
            if attrs.get("end"):
                add(attrs["end"], f"{post} ends", fact.source)
            if not (attrs.get("start") or attrs.get("as_of") or attrs.get("end")):
                add(None, f"{post} ({attrs['status']})", fact.source)
        elif fact.other_kind == "event":
            add(other.get("date"), f"{fact.other_label} ({fact.relation}{', ' + fact.detail if fact.detail else ''})",
                fact.source)
        elif fact.other_kind == "agreement":
            status = other.get("status") or "status unknown"
            if other.get("start"):
                add(other["start"], f"{fact.other_label} starts ({status})", fact.source)
            if other.get("end"):
                add(other["end"], f"{fact.other_label} ends ({status})", fact.source)
            if not (other.get("start") or other.get("end")):
                add(None, f"{fact.other_label} ({status})", fact.source)
        elif fact.relation == "has unit":
            for key in ("founded", "dissolved"):
                if other.get(key):
                    add(other[key], f"{fact.other_label} {key}", fact.source)
        elif fact.other_kind == "doc" and other.get("date"):
            add(other["date"], f"{fact.other_label} ({fact.relation})", fact.source)
    moments.sort(key=lambda m: (m.date is None, earliest(m.date) if m.date else "", m.what))
    return entity, moments


# ---- kg search ----

@dataclass
class Hit:
    iri: str
    label: str
    kind: str
    matched: str  # the name or alias that matched
    score: float

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


_MIN_SCORE = 0.35
_FUZZY = _MIN_SCORE / 0.6  # the similarity below which a fuzzy match cannot reach _MIN_SCORE


def _score(query: str, candidate: str) -> float:
    """1.0 exact, then whole-word containment, prefix, and character similarity."""
    import difflib

    if query == candidate:
        return 1.0
    words, have = query.split(), set(candidate.split())
    if words and all(w in have for w in words):
        return 0.9 - 0.2 * (1 - len(query) / max(len(candidate), 1))
    if candidate.startswith(query):
        return 0.7
    matcher = difflib.SequenceMatcher(None, query, candidate)
    if matcher.real_quick_ratio() < _FUZZY or matcher.quick_ratio() < _FUZZY:
        return 0.0
    return 0.6 * matcher.ratio()


def search(store: Any, text: str, *, limit: int = 10, kinds: tuple[str, ...] | None = None) -> list[Hit]:
    """Persons, bodies, documents, events and agreements ranked by how well a name matches."""
    query = name_key(text)
    if not query:
        raise InputError("nothing to search for")
    best: dict[str, Hit] = {}
    for entity in names(store, kinds or ("person", "org", "doc", "event", "agreement")):
        score = _score(query, name_key(entity.label))
        if score >= _MIN_SCORE and (entity.iri not in best or score > best[entity.iri].score):
            best[entity.iri] = Hit(entity.iri, entity.label, entity.kind, entity.label, round(score, 3))
    if best:
        from kg.graph import nodes

        for hit in best.values():
            hit.label = nodes(store, node=hit.iri).get(hit.iri, {}).get("label") or hit.label
    return sorted(best.values(), key=lambda h: (-h.score, h.label))[:limit]


# ---- kg sources, kg source ----

_CONTENT_WORD = {"Tenure": "posts", "Person": "persons", "Organization": "bodies", "LegalResource": "documents",
                 "Event": "events", "CoordinationAgreement": "agreements", "Grant": "grants"}


def sources(store: Any) -> list[dict[str, Any]]:
    """Every source document, with counts of what it contributed."""
    table = source_table(store)
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for row in run(store, "source-contents"):
        kind = value(row["type"]).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        counts[value(row["g"])][_CONTENT_WORD[kind]] = value(row["count"])
    return [{**meta, "iri": iri, "contributes": counts.get(iri, {})}
            for iri, meta in sorted(table.items(), key=lambda item: item[1]["id"])]


def source(store: Any, ident: str) -> dict[str, Any]:
    """One source: its metadata and what it states (tenures, bodies, documents, events, agreements)."""
    from kg.graph import edges, nodes

    table = source_table(store)
    match = next((iri for iri, meta in table.items() if meta["id"] == ident.strip() or iri == ident.strip()), None)
    if match is None:
        import difflib

        ids = sorted(m["id"] for m in table.values())
        close = [i for i in ids if ident.strip() and ident.strip() in i]
        close += [i for i in difflib.get_close_matches(ident, ids, n=3, cutoff=0.5) if i not in close]
        raise NotFound(f"no source {ident!r}", suggestions=close)
    meta = table[match]
    stated = nodes(store, source=meta["id"])
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for iri, attrs in sorted(stated.items(), key=lambda item: item[1]["label"]):
        grouped[attrs["kind"]].append({"iri": iri, "label": attrs["label"], "quotes": attrs["quotes"]})
    posts = [{"person": c.person_name, "role": c.role, "org": c.org_label, "status": c.status, "start": c.start,
              "end": c.end, "as_of": c.as_of, "quote": c.source["quote"]}
             for c in tenure_claims(store, source=match)]
    links = len(edges(store, source=meta["id"]))
    quads = sum(1 for _ in store.quads(match))
    return {**meta, "iri": match, "quads": quads, "edges": links, "tenures": posts, "entities": dict(grouped)}


# ---- kg path ----

@dataclass
class Hop:
    start: str  # label of the node the hop leaves
    end: str  # label of the node it reaches
    relation: str  # the words the chain prints between them
    sentence: str  # the edge stated in its own direction
    source: dict[str, Any]

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class PathAnswer:
    start: Entity
    end: Entity
    nodes: list[dict[str, Any]]
    hops: list[Hop]

    @property
    def chain(self) -> str:
        """"A — Bộ trưởng — B — coordinates (…) — C": the path on one line."""
        parts = [self.nodes[0]["label"]]
        for hop in self.hops:
            parts += [hop.relation, hop.end]
        return " — ".join(parts)

    def as_dict(self) -> dict[str, Any]:
        return {"from": self.start.as_dict(), "to": self.end.as_dict(), "chain": self.chain, "nodes": self.nodes,
                "hops": [h.as_dict() for h in self.hops]}


def _period(start: str | None, end: str | None) -> str:
    return "-".join(x for x in (start, end) if x) if start or end else ""


def _evidence_words(graph: Any, attrs: dict[str, Any]) -> str:
    """"chương trình phối hợp 2026-2030" or "buổi làm việc 2026-01-13"."""
    node = graph.nodes.get(attrs["evidence"], {})
    if attrs["evidence_kind"] == "agreement":
        words = node.get("agreement_kind") or attrs.get("evidence_label") or "agreement"
        return " ".join(x for x in (words, _period(attrs.get("start"), attrs.get("end"))) if x)
    return " ".join(x for x in (node.get("label") or attrs.get("evidence_label"), node.get("date")) if x)


def _hop(graph: Any, here: str, there: str, sources: dict[str, dict[str, Any]]) -> Hop:
    from kg.graph import COORDINATES, EDGE_KINDS

    candidates = [(True, k, a) for k, a in graph.get_edge_data(here, there, default={}).items()]
    candidates += [(False, k, a) for k, a in graph.get_edge_data(there, here, default={}).items()]
    # dated sources first, then sources other than the gazetteer (a list, not a statement), then forward
    forward, _, attrs = min(candidates, key=lambda c: (c[2].get("source_date") is None, c[2]["source"] == "gazetteer",
                                                       not c[0], c[1]))
    u, v = (here, there) if forward else (there, here)
    label = {n: graph.nodes[n]["label"] for n in (u, v)}
    meta = sources.get(attrs["source"], {})
    cited = f"{meta.get('publisher') or attrs['source']}{' ' + attrs['source_date'] if attrs['source_date'] else ''}"
    kind = EDGE_KINDS[attrs["predicate"]]
    if "tenure" in attrs:
        relation = attrs["role"] + (" (former)" if attrs["status"] == "former" else "")
        dates = _detail(attrs).split(", ", 1)[-1]
        sentence = f"{label[u]} holds the post of {attrs['role']} at {label[v]} ({dates})"
    elif attrs["predicate"] == COORDINATES:
        words = _evidence_words(graph, attrs)
        relation = f"coordinates ({words}, {cited})"
        status = f", {attrs['evidence_status']}" if attrs.get("evidence_status") else ""
        sentence = f"{label[u]} coordinates with {label[v]} through {words}{status}"
    else:
        relation = kind.label_en if forward else kind.inverse_en
        part = f" ({attrs['part']})" if attrs.get("part") else ""
        sentence = f"{label[u]} {kind.label_en}{part} {label[v]}"
    source = {"id": attrs["source"], "title": meta.get("title"), "publisher": meta.get("publisher"),
              "date": attrs.get("source_date"), "quote": attrs.get("quote")}
    return Hop(graph.nodes[here]["label"], graph.nodes[there]["label"], relation, sentence, source)


def path(store: Any, a: str, b: str, *, as_of: str | None = None) -> PathAnswer:
    """The shortest chain of stated links between two persons or bodies, each hop with its source."""
    import networkx as nx

    from kg.graph import project

    day = check_date(as_of)
    start, end = find(store, a, ("person", "org", "doc")), find(store, b, ("person", "org", "doc"))
    graph = project(store, as_of=day)
    try:
        chain = nx.shortest_path(graph.to_undirected(as_view=True), start.iri, end.iri)
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        when = f" on {day}" if day else ""
        raise NotFound(f"no connection between {start.label} and {end.label}{when}") from None
    sources = {meta["id"]: meta for meta in source_table(store).values()}
    hops = [_hop(graph, x, y, sources) for x, y in itertools.pairwise(chain)]
    visited = [{"iri": n, "label": graph.nodes[n]["label"], "kind": graph.nodes[n]["kind"]} for n in chain]
    return PathAnswer(start, end, visited, hops)
