"""The extractor's vocabulary: data/lexicon/*.yaml plus the gazetteer, compiled once.

Everything the rules recognise (roles, organization heads, known bodies,
places, surnames, noise patterns, event words) is data; this module only turns
it into tries, sets and compiled patterns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.gazetteer import Gazetteer, default_gazetteer
from kg.paths import data_dir
from kg.text import display_key, normalize
from kg.yamlio import load_yaml

from .tokens import Trie, term_keys

# display_key of the short strings the rules compare over and over (names, heads, roles), memoised.
dkey = lru_cache(maxsize=1 << 16)(display_key)


@dataclass(frozen=True)
class RoleInfo:
    name: str  # canonical role words
    embedded_head: int = 0  # how many of the role's last tokens start the body's name
    seat_of: str | None = None  # committee seat ("Tỉnh ủy viên" -> "Tỉnh ủy")
    party: bool = False  # a party role: bare, it belongs to the Đảng ủy of the next body
    implied_head: str | None = None  # stated alone, the body is the article's one body with this head
    implied_body: str | None = None  # stated alone, the body is this one ("Phó Thủ tướng": Chính phủ)


@dataclass(frozen=True)
class HeadInfo:
    head: str
    kind: str
    needs_parent: bool = False


@dataclass(frozen=True)
class Place:
    name: str
    kind: str  # city | province


@dataclass
class Lexicon:
    gazetteer: Gazetteer
    roles: Trie = field(default_factory=Trie)
    heads: Trie = field(default_factory=Trie)
    not_heads: Trie = field(default_factory=Trie)
    known_orgs: Trie = field(default_factory=Trie)
    places: Trie = field(default_factory=Trie)
    place_markers: Trie = field(default_factory=Trie)
    triggers: Trie = field(default_factory=Trie)
    linkers: Trie = field(default_factory=Trie)
    linker_adverbs: Trie = field(default_factory=Trie)
    aside_ends: frozenset[str] = frozenset()
    transfers: Trie = field(default_factory=Trie)
    ministries: Trie = field(default_factory=Trie)  # "Y tế" -> Bộ Y tế, after a minister's role
    promoted_from: frozenset[str] = frozenset()
    head_names: frozenset[str] = frozenset()
    subunit_heads: frozenset[str] = frozenset()
    former: Trie = field(default_factory=Trie)
    acting: Trie = field(default_factory=Trie)
    concurrent: Trie = field(default_factory=Trie)
    stop_phrases: Trie = field(default_factory=Trie)
    comma_phrases: Trie = field(default_factory=Trie)
    surnames: frozenset[str] = frozenset()
    honorifics: frozenset[str] = frozenset()
    not_names: frozenset[str] = frozenset()
    name_words: frozenset[str] = frozenset()
    party_head: str = "Đảng ủy"
    abbreviations: re.Pattern[str] | None = None
    expansions: dict[str, str] = field(default_factory=dict)
    captions: list[re.Pattern[str]] = field(default_factory=list)
    datelines: list[re.Pattern[str]] = field(default_factory=list)
    bylines: list[re.Pattern[str]] = field(default_factory=list)
    byline_max_words: int = 6
    retired: tuple[str, ...] = ()
    replaces: Trie = field(default_factory=Trie)
    events: dict[str, Any] = field(default_factory=dict)
    document_types: list[dict[str, str]] = field(default_factory=list)  # beyond the gazetteer's
    partial_date: re.Pattern[str] = re.compile(r"(?!)")
    cache: dict[str, dict] = field(default_factory=dict)  # memoised name resolutions (bounded)


def _words(items: list[str]) -> frozenset[str]:
    return frozenset(display_key(item) for item in items)


def _fill(trie: Trie, terms: list[str], payload: Any = True) -> None:
    for term in terms:
        trie.add(normalize(term), payload)


def build_lexicon(gazetteer: Gazetteer, root: Path) -> Lexicon:
    """Read data/lexicon/ and join it with the gazetteer."""
    lex = Lexicon(gazetteer=gazetteer)
    orgs = load_yaml(root / "organizations.yaml")
    roles = load_yaml(root / "roles.yaml")
    persons = load_yaml(root / "persons.yaml")
    places = load_yaml(root / "places.yaml")
    noise = load_yaml(root / "noise.yaml")
    abbreviations = load_yaml(root / "abbreviations.yaml")["abbreviations"]
    lex.events = dict(load_yaml(root / "events.yaml"))
    lex.document_types = [dict(item) for item in load_yaml(root / "documents.yaml")["document_types"]]
    dayparts = "|".join(re.escape(w) for w in sorted(lex.events["dayparts"], key=len, reverse=True))
    lex.partial_date = re.compile(
        rf"(?<!\w)(?:{dayparts})(?: ngày)?\s+(\d{{1,2}})\s?[/-]\s?(\d{{1,2}})(?![\d/-])"
    )

    embedded = {display_key(k): len(term_keys(v)) for k, v in roles["embedded_heads"].items()}
    party = {display_key(r) for r in roles["party_roles"]}
    implied = {display_key(k): normalize(v) for k, v in roles["implied_heads"].items()}
    bodies = {display_key(k): normalize(v) for k, v in roles["implied_bodies"].items()}
    for role in gazetteer.roles:
        key = display_key(role.vi)
        info = RoleInfo(
            role.vi,
            embedded.get(key, 0),
            party=key in party,
            implied_head=implied.get(key),
            implied_body=bodies.get(key),
        )
        lex.roles.add(role.vi, info)
    for seat, committee in roles["committee_seats"].items():
        lex.roles.add(normalize(seat), RoleInfo("Ủy viên", seat_of=normalize(committee)))
    lex.party_head = normalize(roles["party_head"])
    _fill(lex.former, roles["former"])
    _fill(lex.acting, roles["acting"])
    _fill(lex.concurrent, roles["concurrent"])
    ending = {display_key(x) for x in roles["ending_linkers"]}
    for linker in roles["linkers"]:
        lex.linkers.add(normalize(linker), "end" if display_key(linker) in ending else "start")
    for linker in roles["former_linkers"]:
        lex.linkers.add(normalize(linker), "former")
    _fill(lex.linker_adverbs, roles["linker_adverbs"])
    lex.aside_ends = _words(roles["aside_ends"])
    _fill(lex.transfers, roles["transfer_words"])
    lex.promoted_from = _words(roles["promoted_from_heads"])
    lex.retired = tuple(normalize(x) for x in roles["retired"])
    _fill(lex.replaces, roles["replaces"])

    for item in orgs["heads"]:
        lex.heads.add(
            normalize(item["head"]),
            HeadInfo(normalize(item["head"]), item["kind"], bool(item.get("needs_parent"))),
        )
    lex.head_names = _words([item["head"] for item in orgs["heads"]] + list(roles["implied_heads"].values()))
    lex.subunit_heads = _words(orgs["subunit_heads"])
    _fill(lex.not_heads, orgs["not_heads"])
    _fill(lex.stop_phrases, orgs["stop_phrases"])
    _fill(lex.comma_phrases, orgs["comma_phrases"])
    lex.name_words = _words(orgs["name_words"])
    for entry in gazetteer.organizations:
        for label in entry.labels:
            lex.known_orgs.add(label, entry.name)
    for name in orgs["known"]:
        lex.known_orgs.add(normalize(name), normalize(name))
    for name in [e.name for e in gazetteer.organizations if e.kind == "ministry"] + list(orgs["known"]):
        if name.startswith("Bộ ") and name != "Bộ Chính trị":
            lex.ministries.add(normalize(name[3:]), normalize(name))

    for item in places["places"]:
        place = Place(normalize(item["name"]), item["kind"])
        for label in [item["name"], *(item.get("aliases") or [])]:
            lex.places.add(normalize(label), place)
    _fill(lex.place_markers, places["place_markers"])

    lex.surnames = _words(persons["surnames"])
    lex.honorifics = _words(persons["honorifics"])
    lex.not_names = _words(persons["not_names"])
    _fill(lex.triggers, persons["triggers"])

    lex.expansions = {normalize(k): normalize(v) for k, v in abbreviations.items()}
    alternatives = "|".join(re.escape(k) for k in sorted(lex.expansions, key=len, reverse=True))
    lex.abbreviations = re.compile(rf"(?<![\w.])(?:{alternatives})(?![\w])")
    lex.captions = [re.compile(p, re.MULTILINE) for p in noise["caption"]]
    lex.datelines = [re.compile(p) for p in noise["dateline"]]
    lex.bylines = [re.compile(p) for p in noise["byline"]]
    lex.byline_max_words = int(noise["byline_max_words"])
    return lex


_BUILT: dict[tuple[int, str], Lexicon] = {}


def get_lexicon(gazetteer: Gazetteer | None = None) -> Lexicon:
    """The compiled lexicon for a gazetteer (the default one unless given), built once."""
    gaz = gazetteer or default_gazetteer()
    root = data_dir() / "lexicon"
    key = (id(gaz), str(root))
    if key not in _BUILT or _BUILT[key].gazetteer is not gaz:
        _BUILT[key] = build_lexicon(gaz, root)
    return _BUILT[key]
