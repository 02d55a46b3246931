"""Article text -> a claims document (docs/CLAIMS.md), by rules and the gazetteer.

One pass over the sentences of the normalised text; every claim carries the
quote that states it, its span in the normalised text and a confidence.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any

from kg.errors import InputError
from kg.gazetteer import Gazetteer
from kg.text import normalize, slugify

from . import dates
from .documents import find_documents
from .events import ArticleEvents
from .lexicon import Lexicon, dkey, get_lexicon
from .noise import sentences
from .orgs import canonical_known, canonical_name, find_orgs
from .persons import Chain, Person, Title, name_after, sentence_chains
from .tokens import Token, tokenize

TOOL = "vnhealth-kg rules"
MAX_CHARS = 1_000_000  # a news article is far shorter; longer input is refused rather than ground through
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
        self.tokens: list[Token] = []
        self.tails: dict[str, str] | None = None  # built once all sentences are read
        self.tail_keys: list[str] = []
        self.heads_of: dict[str, int] = {}

    # -- organizations -------------------------------------------------
    def note_org(self, name: str, start: int, end: int, kind: str | None) -> None:
        key = dkey(name)
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

    def scan_orgs(self, found: list) -> None:
        for org, start, end, name in found:
            kind = org.head.kind if org.head else None
            self.note_org(name, self.tokens[start].start, self.tokens[end - 1].end, kind)

    # -- posts -----------------------------------------------------------
    def add_post(
        self, chain: Chain, title: Title, tokens: list[Token], extras: dict, person: Person | None = None
    ) -> None:
        person = person or chain.person
        assert person is not None
        if not title.org_name:
            return
        role = _role_name(self.lex, title)
        key = (dkey(person.name), dkey(role), dkey(title.org_name))
        start_tok = min(person.start, chain.start)
        end_tok = max(person.end, title.end)
        span = [tokens[start_tok].start, tokens[end_tok - 1].end]
        former = title.former or title.ended or extras.get("ended", False)
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
            "quote": self.text[span[0] : span[1]],
            "span": span,
            "confidence": 0.9 if canonical_known(self.lex, title.org_name) else 0.75,
        }
        if key not in self.posts:
            self.posts[key] = post
        else:
            kept = self.posts[key]
            for field in ("start", "end", "term", "replaces", "end_cause", "appointed_by"):
                kept[field] = kept[field] or post[field]
            if post["status"] == "former":  # any mention that the post ended outweighs plain mentions
                kept["status"] = "former"
        if dkey(title.org_name) not in self.lex.head_names:
            self.note_org(
                title.org_name,
                tokens[title.org.start].start if title.org else span[0],
                tokens[title.org.end - 1].end if title.org else span[1],
                title.org.head.kind if title.org and title.org.head else None,
            )
        known = self.persons.setdefault(
            dkey(person.name),
            {"name": person.name, "prefix": None, "aliases": [], "distinct_from": [], "key": None},
        )
        known["prefix"] = known["prefix"] or person.prefix
        self.events.note_person(person.name, span[0])

    def _is_head_at(self, words: list[str], cut: int) -> bool:
        return words[cut][:1].isupper() and any(
            dkey(" ".join(words[cut : cut + n])) in self.lex.head_names for n in (1, 2, 3)
        )

    def complete(self, name: str) -> str | None:
        """A body named short completed from the article's one longer body that continues it.

        A bare head ("Bệnh viện", "Viện") or a body without its place ("Sở Y tế",
        "UBND tỉnh", "Ban Thường vụ Tỉnh ủy") takes the continuation the article
        gives elsewhere ("Sở Y tế tỉnh Nghệ An"); None when it stays a bare head
        or the article offers several continuations.
        """
        if canonical_known(self.lex, name) and dkey(name) not in self.lex.head_names:
            return name
        words = name.split(" ")
        tails = self._tails()
        bare = dkey(name) in self.lex.head_names
        for cut in range(len(words)):
            if not self._is_head_at(words, cut):
                continue
            key = dkey(" ".join(words[cut:])) + " "
            head = self._head_of(key)
            found = {k for k in self._starting_with(key) if not head or self._head_of(k) == head}
            head_only = dkey(" ".join(words[cut:])) in self.lex.head_names
            if not head_only:  # a body without its place only takes a continuation that adds one
                found = {k for k in found if self._adds_place(k[len(key) :])}
            if not found:
                continue
            longest = max(found, key=len, default=None)
            if longest and all(longest.startswith(k) for k in found):
                return canonical_name(self.lex, " ".join([*words[:cut], tails[longest]]))
            if found:
                return None
        return None if bare else name

    def _tails(self) -> dict[str, str]:
        """Every ending of every body's name that starts with a head, by its display key."""
        if self.tails is None:
            self.tails = {}
            for other in (o["name"] for o in self.orgs.values()):
                parts = other.split(" ")
                for cut in range(len(parts)):
                    if self._is_head_at(parts, cut):
                        tail = " ".join(parts[cut:])
                        self.tails.setdefault(dkey(tail), tail)
            self.tail_keys = sorted(self.tails)
        return self.tails

    def _starting_with(self, key: str) -> list[str]:
        keys = self.tail_keys
        found = []
        for k in range(bisect_left(keys, key), len(keys)):
            if not keys[k].startswith(key):
                break
            found.append(keys[k])
        return found

    def _head_of(self, name: str) -> int:
        """Length in tokens of the longest head starting a name ("Ban Thường vụ ..." is not a "Ban ...")."""
        if name not in self.heads_of:
            found = self.lex.heads.match(tokenize(name), 0)
            self.heads_of[name] = found[0] if found else 0
        return self.heads_of[name]

    def _adds_place(self, words: str) -> bool:
        tokens = tokenize(words)
        return any(
            self.lex.place_markers.match(tokens, k) or self.lex.places.match(tokens, k)
            for k in range(len(tokens))
        )

    def finish_events(self) -> tuple[list[dict], list[dict]]:
        """Events and agreements with their bodies completed like posts' bodies."""
        events, agreements = self.events.finish(self.complete)
        for doc in self.documents.values():
            if doc["issuer"]:
                doc["issuer"] = self.complete(doc["issuer"])
        return events, agreements

    def finish_orgs(self) -> list[dict]:
        """The bodies named, short names completed, bare heads dropped, one entry per body."""
        orgs: dict[str, dict] = {}
        for org in self.orgs.values():
            name = self.complete(org["name"])
            if name is not None:
                orgs.setdefault(dkey(name), {**org, "name": name})
        return list(orgs.values())

    def finish_posts(self) -> list[dict]:
        posts: dict[tuple[str, str, str], dict] = {}
        for post in self.posts.values():
            org = self.complete(post["org"])
            if org is None:
                continue
            post["org"] = org
            posts.setdefault((dkey(post["person"]), dkey(post["role"]), dkey(org)), post)
        return list(posts.values())

    def sentence(self, start: int, end: int) -> None:
        tokens = tokenize(self.text[start:end], start)
        if not tokens:
            return
        docs = find_documents(self.lex, self.text, start, end)
        for doc in docs:
            self.documents.setdefault(doc["id"], doc)
        orgs = find_orgs(self.lex, tokens, self.text)
        chains = sentence_chains(self.lex, tokens, self.text, orgs)
        for chain in chains:
            if chain.person is None:
                continue
            extras = _extras(self, chain, tokens, start, end, docs)
            for person in [chain.person, *chain.others]:
                for title in chain.titles:
                    self.add_post(chain, title, tokens, extras, person)
            replaced = extras.get("replaced")
            if replaced:
                self.add_post(
                    Chain(chain.titles, replaced),
                    chain.titles[-1],
                    tokens,
                    {
                        "ended": True,
                        "end": extras.get("start"),
                        "end_cause": extras.get("replaced_cause", "replaced"),
                    },
                )
        self.tokens = tokens
        self.scan_orgs(orgs)
        self.events.sentence(tokens, start, end, docs, orgs)


def _cue_at(text: str, cues: tuple[str, ...], start: int, end: int) -> int:
    """Offset of the first cue in text[start:end], or -1."""
    found = [p for p in (text.find(cue, start, end) for cue in cues) if p >= 0]
    return min(found) if found else -1


def _extras(
    article: _Article, chain: Chain, tokens: list[Token], start: int, end: int, docs: list[dict]
) -> dict:
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
    for k in range(chain.end, min(len(tokens), chain.end + 16)):
        if tokens[k].text in (";", ":") or lex.roles.match(tokens, k, first_cap=True):
            break
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
    if len(text) > MAX_CHARS:
        raise InputError(f"{len(text)} characters is too long for an article (limit {MAX_CHARS})")
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
    posts = article.finish_posts()
    named = {dkey(p["person"]) for p in posts}  # persons whose every post named no body are left out
    events, agreements = article.finish_events()
    for event in events:
        event["participants"] = [p for p in event["participants"] if dkey(p["person"]) in named]
    return {
        "format": "vnhealth-claims/1",
        "source": src,
        "extraction": {"method": "rules", "reviewed": False, "tool": TOOL},
        "persons": [p for p in article.persons.values() if dkey(p["name"]) in named],
        "posts": posts,
        "organizations": article.finish_orgs(),
        "documents": list(article.documents.values()),
        "events": events,
        "agreements": agreements,
    }
