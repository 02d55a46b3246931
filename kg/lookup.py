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
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from kg.errors import InputError
from kg.namespaces import SOURCE_BASE
from kg.query import run, value

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
    return text


def source_id(graph_or_source: str) -> str:
    """The source id of a source graph IRI (…/id/source/<id>)."""
    return graph_or_source[len(SOURCE_BASE):] if graph_or_source.startswith(SOURCE_BASE) else graph_or_source


# ---- sources ----

def source_table(store: Any) -> dict[str, dict[str, Any]]:
    """Every source document's metadata by source IRI (a small table)."""
    table = {}
    for row in run(store, "sources"):
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


def tenure_claims(store: Any, **bindings: str) -> list[Tenure]:
    """Tenure claims (bind person=, org=, post= or source= IRIs), settled in time."""
    sources = source_table(store)
    claims: dict[str, Tenure] = {}
    for row in run(store, "roles", **{k: ox.NamedNode(v) for k, v in bindings.items()}):
        iri = value(row["tenure"])
        claim = claims.get(iri)
        if claim is None:
            claim = claims[iri] = Tenure(
                iri=iri,
                person=value(row["person"]),
                person_name=value(row.get("personName")) or value(row["person"]),
                post=value(row["post"]),
                role=value(row.get("roleLabel")) or value(row["role"]),
                role_en=value(row.get("roleEn")),
                org=value(row["org"]),
                org_label=value(row.get("orgLabel")) or value(row["org"]),
                org_en=value(row.get("orgEn")),
                status=STATUS.get(value(row["status"]).rsplit("#", 1)[-1], "unknown"),
                source=evidence(sources, value(row["source"]), value(row["quote"])),
                start=value(row.get("start")),
                end=value(row.get("end")),
                as_of=value(row.get("asOf")),
                acting=bool(value(row.get("acting"))),
                concurrent=bool(value(row.get("concurrent"))),
                term=value(row.get("term")),
                end_cause=value(row.get("endCause")),
                replaces=value(row.get("replaces")),
            )
        successor = value(row.get("successorName"))
        if successor and successor not in claim.successors:
            claim.successors.append(successor)
    return settle(list(claims.values()))


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
