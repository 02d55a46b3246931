"""Article text -> a claims document (docs/CLAIMS.md), by rules and the gazetteer.

One pass over the sentences of the normalised text; every claim carries the
quote that states it, its span in the normalised text and a confidence.
"""

from __future__ import annotations

from typing import Any

from kg.gazetteer import Gazetteer
from kg.text import display_key, normalize, slugify

from . import dates
from .documents import find_documents
from .events import ArticleEvents
from .lexicon import Lexicon, get_lexicon
from .noise import sentences
from .orgs import canonical_known, canonical_name, parse_org, text_of
from .persons import Chain, Title, name_after, sentence_chains
from .tokens import Token, tokenize

TOOL = "vnhealth-kg rules"
_SOURCE_KEYS = ("id", "file", "url", "publisher", "title", "author", "published", "event_date", "language")


def _source(source: dict | None) -> dict[str, Any]:
    given = dict(source or {})
    out = {key: given.get(key) for key in _SOURCE_KEYS}
    if not out["id"]:
        stem = (out["file"] or "article").rsplit("/", 1)[-1].removesuffix(".txt")
        try:
            out["id"] = slugify(stem)
        except ValueError:
            out["id"] = "article"
    out["language"] = out["language"] or "vi"
    return out


def _role_name(lex: Lexicon, title: Title) -> str:
    name = title.role.name
    if title.acting and not name.startswith("Quyền"):
        known = lex.gazetteer.role(f"Quyền {name}")
        return known.vi if known else f"Quyền {name}"
    return name


class _Article:
    """State of one extraction: the text, its date, and the claims found so far."""

    def __init__(self, lex: Lexicon, text: str, date: str | None):
        self.lex = lex
        self.text = text
        self.date = date
        self.year = dates.article_year(date)
        self.posts: dict[tuple[str, str, str], dict] = {}
        self.persons: dict[str, dict] = {}
        self.orgs: dict[str, dict] = {}
        self.documents: dict[str, dict] = {}
        self.events = ArticleEvents(lex, text, date)

    # -- organizations -------------------------------------------------
    def note_org(self, name: str, start: int, end: int, kind: str | None) -> None:
        key = display_key(name)
        if key in self.orgs:
            return
        entry = self.lex.gazetteer.resolve_org(name)
        self.orgs[key] = {
            "name": name,
            "en": entry.en if entry else None,
            "kind": (entry.kind if entry and entry.kind else kind) or "other",
            "part_of": entry.part_of if entry else None,
            "aliases": [],
            "quote": self.text[start:end],
            "span": [start, end],
            "confidence": 0.9 if entry or canonical_known(self.lex, name) else 0.6,
        }

    def scan_orgs(self, tokens: list[Token]) -> None:
        i = 0
        while i < len(tokens):
            role = self.lex.roles.match(tokens, i, first_cap=True)
            if role:
                i = max(i + 1, role[0] - role[1].embedded_head)
                continue
            org = parse_org(self.lex, tokens, i, self.text) if tokens[i].is_cap else None
            if org and not org.bare and org.end > org.start:
                surface = text_of(self.text, tokens, org.start, org.end)
                self.note_org(canonical_name(self.lex, surface), tokens[org.start].start, tokens[org.end - 1].end,
                              org.head.kind if org.head else None)
                i = org.end
            else:
                i += 1

    # -- posts -----------------------------------------------------------
    def add_post(self, chain: Chain, title: Title, tokens: list[Token], extras: dict) -> None:
        person = chain.person
        assert person is not None
        if not title.org_name:
            return
        role = _role_name(self.lex, title)
        key = (display_key(person.name), display_key(role), display_key(title.org_name))
        start_tok = min(person.start, chain.start)
        end_tok = max(person.end, title.end)
        span = [tokens[start_tok].start, tokens[end_tok - 1].end]
        former = title.former or extras.get("ended", False)
        post = {
            "person": person.name,
            "role": role,
            "org": title.org_name,
            "status": "former" if former else "current",
            "acting": title.acting or role.startswith("Quyền"),
            "concurrent": title.concurrent,
            "start": extras.get("start"),
            "end": extras.get("end"),
            "term": extras.get("term"),
            "replaces": extras.get("replaces"),
            "end_cause": extras.get("end_cause"),
            "appointed_by": extras.get("appointed_by"),
            "quote": self.text[span[0]:span[1]],
            "span": span,
            "confidence": 0.9 if canonical_known(self.lex, title.org_name) else 0.75,
        }
        if key not in self.posts:
            self.posts[key] = post
        else:
            kept = self.posts[key]
            for field in ("start", "end", "term", "replaces", "end_cause", "appointed_by"):
                kept[field] = kept[field] or post[field]
        self.note_org(title.org_name, tokens[title.org.start].start if title.org else span[0],
                      tokens[title.org.end - 1].end if title.org else span[1], title.org.head.kind
                      if title.org and title.org.head else None)
        known = self.persons.setdefault(display_key(person.name), {"name": person.name, "prefix": None,
                                                                     "aliases": [], "distinct_from": [], "key": None})
        known["prefix"] = known["prefix"] or person.prefix
        self.events.note_person(person.name, span[0])

    def sentence(self, start: int, end: int) -> None:
        tokens = tokenize(self.text[start:end], start)
        if not tokens:
            return
        docs = find_documents(self.lex, self.text, start, end)
        for doc in docs:
            self.documents.setdefault(doc["id"], doc)
        chains = sentence_chains(self.lex, tokens, self.text)
        for chain in chains:
            if chain.person is None:
                continue
            extras = _extras(self, chain, tokens, start, end, docs)
            for title in chain.titles:
                self.add_post(chain, title, tokens, extras)
            replaced = extras.get("replaced")
            if replaced:
                self.add_post(Chain(chain.titles, replaced), chain.titles[-1], tokens, {
                    "ended": True, "end": extras.get("start"),
                    "end_cause": extras.get("replaced_cause", "replaced")})
        self.scan_orgs(tokens)
        self.events.sentence(tokens, start, end, docs)


def _cue_at(text: str, cues: tuple[str, ...], start: int, end: int) -> int:
    """Offset of the first cue in text[start:end], or -1."""
    found = [p for p in (text.find(cue, start, end) for cue in cues) if p >= 0]
    return min(found) if found else -1


def _extras(article: _Article, chain: Chain, tokens: list[Token], start: int, end: int, docs: list[dict]) -> dict:
    """Term, start, end, succession and appointing decision stated around a chain."""
    lex, text = article.lex, article.text
    extras: dict[str, Any] = {}
    chain_end = tokens[chain.end - 1].end
    terms = dates.periods(lex, text, start, end, "term_words")
    near = [t for t in terms if chain.linker == "start" or 0 <= t[0] - chain_end <= 3]
    if near:
        extras["term"] = f"{near[0][2]}-{near[0][3]}"
    cues = tuple(lex.events["start_cues"])
    cue = _cue_at(text, cues, start, end)
    if cue >= 0:
        found = dates.dates_in(lex, text, cue, min(end, cue + 40), article.year)
        if found:
            extras["start"] = found[0][2]
    if chain.linker == "start":
        decisions = [d for d in docs if d["type"] == "Quyết định"]
        if decisions:
            extras["appointed_by"] = decisions[0]["id"]
    elif chain.linker == "end":
        extras["ended"] = True
        extras["end_cause"] = "other"
    for k in range(chain.end, min(len(tokens), chain.end + 4)):
        found = lex.replaces.match(tokens, k)
        if found:
            replaced = name_after(lex, tokens, text, found[0])
            if replaced:
                extras["replaced"] = replaced
                extras["replaces"] = {"person": replaced.name}
                after = tokens[replaced.end].start if replaced.end < len(tokens) else end
                if _cue_at(text, lex.retired, after, min(end, after + 30)) >= 0:
                    extras["replaced_cause"] = "retired"
            break
    retired = _cue_at(text, lex.retired, start, end)
    if retired >= 0 and chain.linker != "start" and "replaced" not in extras:
        extras["ended"] = True
        extras["end_cause"] = "retired"
        extras["end"] = extras.pop("start", None)
    return extras


def extract(text: str, *, source: dict | None = None, gazetteer: Gazetteer | None = None) -> dict:
    """The claims document of one article (docs/CLAIMS.md), extracted by rules."""
    lex = get_lexicon(gazetteer)
    norm = normalize(text)
    src = _source(source)
    spans = list(sentences(lex, norm))
    date = src["event_date"] or src["published"]
    if not date:
        date = next((iso for s, e in spans for _, _, iso in dates.full_dates(norm, s, e)), None)
    article = _Article(lex, norm, date)
    for start, end in spans:
        article.sentence(start, end)
    events, agreements = article.events.finish()
    return {
        "format": "vnhealth-claims/1",
        "source": src,
        "extraction": {"method": "rules", "reviewed": False, "tool": TOOL},
        "persons": list(article.persons.values()),
        "posts": list(article.posts.values()),
        "organizations": list(article.orgs.values()),
        "documents": list(article.documents.values()),
        "events": events,
        "agreements": agreements,
    }
