"""Canned queries (kg/queries/*.rq) with bound parameters, and free SPARQL.

User input never enters a query string: names become a normalised key, a
literal the store binds in a VALUES block (an indexed triple pattern).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import pyoxigraph as ox

from kg.errors import Ambiguous, NotFound, QueryError
from kg.guard import Limits, run_guarded
from kg.paths import QUERIES_DIR
from kg.store import Store
from kg.text import name_key

_UPDATE = re.compile(
    r"^\s*(?:(?:#[^\n]*\n|PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s+<[^>]*>)\s*)*"
    r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b",
    re.IGNORECASE,
)


@cache
def canned(name: str) -> str:
    """The text of kg/queries/NAME.rq (stores predeclare the project's prefixes)."""
    path = QUERIES_DIR / f"{name}.rq"
    return path.read_text(encoding="utf-8")


def run(store: Store, name: str, **bindings: ox.NamedNode | ox.Literal | str) -> list[dict[str, Any]]:
    """Run a canned SELECT with values bound (str values become plain literals)."""
    bound = {k: ox.Literal(v) if isinstance(v, str) else v for k, v in bindings.items()}
    return store.select(canned(name), bound)


def value(term: Any) -> Any:
    """A result term as plain Python: IRI/literal text, booleans and numbers as such."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value.rsplit("#", 1)[-1]
        if datatype == "boolean":
            return term.value == "true"
        if datatype in ("integer", "int", "long"):
            return int(term.value)
        return term.value
    return term.value


def is_update(text: str) -> bool:
    return bool(_UPDATE.match(text))


def run_sparql(store: Store, text: str, *, allow_update: bool = False, limits: Limits | None = None) -> Any:
    """Run a user's SPARQL text under limits; updates only when explicitly allowed.

    Returns a kg.guard.GuardedResult for queries and None for an applied update.
    """
    if is_update(text):
        if not allow_update:
            keyword = _UPDATE.match(text).group(1).upper()
            raise QueryError(f"this is a SPARQL update ({keyword}); the store is read-only unless --allow-update")
        store.update(text)
        return None
    return run_guarded(store, text, limits)


@dataclass
class Match:
    iri: str
    label: str


def find_person(store: Store, name: str) -> Match:
    """The one person a typed name means, or NotFound/Ambiguous with choices."""
    key = name_key(name)
    if not key:
        raise NotFound(f"no person named {name!r}")
    rows = run(store, "find-person", key=key)
    matches = sorted({(value(r["entity"]), value(r["label"])) for r in rows})
    if len(matches) == 1:
        return Match(*matches[0])
    if len(matches) > 1:
        candidates = [f"{label} <{iri}>" for iri, label in matches]
        raise Ambiguous(f"{name!r} names {len(matches)} persons", candidates=candidates)
    raise NotFound(f"no person named {name!r}", suggestions=suggest(store, name))


def suggest(store: Store, name: str, limit: int = 3) -> list[str]:
    labels = {value(r["label"]) for r in run(store, "person-names")}
    by_key: dict[str, str] = {}
    for label in labels:
        by_key.setdefault(name_key(label), label)
    close = difflib.get_close_matches(name_key(name), list(by_key), n=limit, cutoff=0.6)
    return [by_key[k] for k in close]


@dataclass
class RolesAnswer:
    person: Match
    posts: list[Any]  # kg.lookup.Holding
    as_of: str | None = None
    scope: str = "current"  # current | all | as-of
    undetermined: list[Any] = field(default_factory=list)  # posts that cannot be placed on as_of

    def as_dict(self) -> dict[str, Any]:
        return {"person": self.person.label, "iri": self.person.iri, "scope": self.scope, "as_of": self.as_of,
                "posts": [p.as_dict() for p in self.posts],
                "undetermined": [p.as_dict() for p in self.undetermined]}


def roles(store: Store, name: str, *, as_of: str | None = None, include_all: bool = False) -> RolesAnswer:
    """A person's posts, each with its sources: current ones (default), all with
    their dates (include_all), or those held on a day (as_of, docs/TIME.md)."""
    from kg.lookup import check_date, holdings, select_holdings, tenure_claims

    day = check_date(as_of)
    person = find_person(store, name)
    posts, undetermined = select_holdings(holdings(tenure_claims(store, person=person.iri), day), day, include_all)
    scope = "as-of" if day else "all" if include_all else "current"
    return RolesAnswer(person=person, posts=posts, as_of=day, scope=scope, undetermined=undetermined)
