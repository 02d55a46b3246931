"""Score the extractor against a gold file (the format of data's seed-gold.yaml).

Matching follows the gold file's rules: names compare by `display_key` (NFC,
case-folded, spacing collapsed, one tone-mark style) with honorifics stripped
from persons; a body matches when any label of the gold organization (name or
alias) or of the gazetteer entry it resolves to equals the extracted name;
roles compare as names. A post is a (person, role, org) triple and must agree
on being former (gold `former: true`) or not.

Categories, scored per source and summed (micro-average):
- posts: the triples above.
- organizations: the bodies that take part in the source's facts: in gold, the
  orgs of its posts, agreements' parties, events' organizers, coordination
  pairs and document issuers; extracted, the same fields of the claims. (A
  flat list of every body mentioned would reward naming bodies nobody holds a
  post in, and the gold file does not list those per source.)
- documents: (id, issuer) pairs from the gold `resolutions`/`documents`.
- coordination: unordered pairs of bodies that coordinate: gold `coordination`
  against all pairs of each extracted agreement's parties and event's organizers.
- persons: names in gold posts and event participants against the extracted
  `persons`; a false person here is a person the article never names.
"""

from __future__ import annotations

from itertools import combinations
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.gazetteer import Gazetteer, default_gazetteer
from kg.paths import data_dir
from kg.text import display_key, strip_honorifics
from kg.yamlio import load_yaml, read_text

CATEGORIES = ("posts", "organizations", "documents", "coordination", "persons")


class _Orgs:
    """Maps any name of a body to one comparison key."""

    def __init__(self, gold_orgs: list[dict], gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self.labels: dict[str, str] = {}
        for org in gold_orgs:
            for label in [org["name"], *(org.get("aliases") or [])]:
                self.labels.setdefault(display_key(label), display_key(org["name"]))

    def key(self, name: str) -> str:
        found = self.labels.get(display_key(name))
        if found:
            return found
        entry = self.gazetteer.resolve_org(name)
        if entry:
            for label in entry.labels:
                if display_key(label) in self.labels:
                    return self.labels[display_key(label)]
            return display_key(entry.name)
        return display_key(name)


def _person(name: str) -> str:
    return display_key(strip_honorifics(name)[0])


def _gold_sets(source: dict, orgs: _Orgs) -> dict[str, set]:
    posts = {
        (_person(p["person"]), display_key(p["role"]), orgs.key(p["org"]), bool(p.get("former")))
        for p in source.get("posts") or []
    }
    pairs = {frozenset(orgs.key(x) for x in pair) for pair in source.get("coordination") or []}
    docs = {
        (display_key(d["id"]), orgs.key(d["issuer"]) if d.get("issuer") else None)
        for d in (source.get("resolutions") or []) + (source.get("documents") or [])
    }
    groups = [a.get("parties") or [] for a in source.get("agreements") or []]
    groups += [e.get("organizers") or [] for e in source.get("events") or []]
    persons = {p[0] for p in posts}
    for event in source.get("events") or []:
        persons |= {_person(x) for x in event.get("participants") or []}
    return _category_sets(posts, pairs, docs, groups, persons, orgs)


def _category_sets(posts: set, pairs: set, docs: set, groups: list[list[str]], persons: set,
                   orgs: _Orgs) -> dict[str, set]:
    """The scored sets; bodies are every body that takes part in a fact (see the module doc)."""
    bodies = {p[2] for p in posts} | {x for pair in pairs for x in pair} | {d[1] for d in docs if d[1]}
    for group in groups:
        bodies |= {orgs.key(x) for x in group}
    return dict(zip(CATEGORIES, (posts, bodies, docs, pairs, persons), strict=True))


def _extracted_sets(claims: dict, orgs: _Orgs) -> dict[str, set]:
    posts = {
        (_person(p["person"]), display_key(p["role"]), orgs.key(p["org"]), p["status"] == "former")
        for p in claims["posts"]
    }
    pairs: set[frozenset[str]] = set()
    groups = [a["parties"] for a in claims["agreements"]] + [e["organizers"] for e in claims["events"]]
    for group in groups:
        keys = sorted({orgs.key(x) for x in group})
        pairs |= {frozenset(pair) for pair in combinations(keys, 2)}
    docs = {
        (display_key(d["id"]), orgs.key(d["issuer"]) if d.get("issuer") else None)
        for d in claims["documents"]
    }
    persons = {_person(p["name"]) for p in claims["persons"]}
    return _category_sets(posts, pairs, docs, groups, persons, orgs)


def _show(category: str, item: Any) -> str:
    if category == "posts":
        person, role, org, former = item
        return f"{person} | {role} | {org}{' (former)' if former else ''}"
    if category == "coordination":
        return " <-> ".join(sorted(item))
    if category == "documents":
        return f"{item[0]} (issuer: {item[1] or '-'})"
    return str(item)


def _scores(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
    }


def _articles_folder(gold_path: Path, first: str) -> Path:
    """Where the articles are when not given: beside the gold file, in ../sources (the layout of
    the shared eval folder), or in the project's data/sources."""
    candidates = [gold_path.parent, gold_path.parent.parent / "sources", data_dir() / "sources"]
    return next((folder for folder in candidates if (folder / first).is_file()), gold_path.parent)


def evaluate(
    gold_path: str | Path, articles_dir: str | Path | None = None, *, gazetteer: Gazetteer | None = None
) -> dict[str, Any]:
    """Run the extractor on every source of the gold file and score it (see the module doc)."""
    from kg.extract import extract

    gold_path = Path(gold_path)
    gold = load_yaml(gold_path)
    if not isinstance(gold, dict) or not gold.get("sources"):
        raise InputError("no 'sources' in this gold file (see tests/fixtures/seed-gold.yaml)", path=str(gold_path))
    folder = Path(articles_dir) if articles_dir else _articles_folder(gold_path, gold["sources"][0]["source"])
    gaz = gazetteer or default_gazetteer()
    orgs = _Orgs(list(gold.get("organizations") or []), gaz)
    totals = {c: [0, 0, 0] for c in CATEGORIES}
    sources = []
    for source in gold.get("sources") or []:
        path = folder / source["source"]
        claims = extract(
            read_text(path),
            source={"file": source["source"], "event_date": source.get("date")},
            gazetteer=gaz,
        )
        want, got = _gold_sets(source, orgs), _extracted_sets(claims, orgs)
        entry: dict[str, Any] = {"source": source["source"], "misses": {}, "false": {}}
        for category in CATEGORIES:
            hits = want[category] & got[category]
            missed, false = want[category] - got[category], got[category] - want[category]
            totals[category][0] += len(hits)
            totals[category][1] += len(false)
            totals[category][2] += len(missed)
            entry["misses"][category] = sorted(_show(category, x) for x in missed)
            entry["false"][category] = sorted(_show(category, x) for x in false)
        sources.append(entry)
    return {
        "gold": str(gold_path),
        "articles": str(folder),
        "categories": {c: _scores(*totals[c]) for c in CATEGORIES},
        "sources": sources,
    }


def format_report(report: dict[str, Any]) -> str:
    """The scores as a table, then every miss and false claim per source."""
    lines = [
        f"gold: {report['gold']}  articles: {report['articles']}  sources: {len(report['sources'])}",
        "",
        f"{'category':<14}{'precision':>10}{'recall':>10}{'F1':>8}{'tp':>6}{'fp':>6}{'fn':>6}",
    ]
    for category, s in report["categories"].items():
        lines.append(
            f"{category:<14}{s['precision']:>10.2f}{s['recall']:>10.2f}{s['f1']:>8.2f}"
            f"{s['tp']:>6}{s['fp']:>6}{s['fn']:>6}"
        )
    for entry in report["sources"]:
        problems = [
            (kind, category, item)
            for kind in ("misses", "false")
            for category, items in entry[kind].items()
            for item in items
        ]
        if not problems:
            continue
        lines += ["", f"{entry['source']}:"]
        for kind, category, item in problems:
            lines.append(f"  {'miss ' if kind == 'misses' else 'false'} {category:<13} {item}")
    return "\n".join(lines) + "\n"
