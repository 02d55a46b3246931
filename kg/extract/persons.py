"""Persons and their titles: who holds which role in which body.

Titles are found first (role words, optionally after "nguyên", "Quyền",
"kiêm"), each with the body that follows it. Titles separated by commas form a
chain that belongs to one person: the name before the chain ("đồng chí X, T1,
T2", "X - T", "ông X giữ chức T") or, failing that, the name after it ("T1, T2
X"). A name is 2-5 capitalised syllables starting with a surname, never inside
a body's name, never a place. A bare head in a chain takes the next body
("Bí thư Đảng ủy, Bộ trưởng Bộ Y tế" -> Đảng ủy Bộ Y tế).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.text import strip_honorifics

from .lexicon import Lexicon, RoleInfo, dkey
from .orgs import OrgMatch, canonical_name, is_honorific, parse_org, stops_name, text_of
from .tokens import Token

_SEPARATORS = {",", "-", "–", "—", "(", ":"}
_MAX_NAME = 5


@dataclass
class Title:
    role: RoleInfo
    start: int  # first token (modifiers included)
    end: int  # after the body, or after the role when there is none
    org: OrgMatch | None
    acting: bool = False
    former: bool = False
    concurrent: bool = False
    ended: bool = False  # left for a new post stated in the same sentence
    org_name: str | None = None  # resolved when the chain is attached


@dataclass
class Person:
    name: str
    prefix: str | None
    start: int  # token indices of the mention, honorifics included
    end: int


@dataclass
class Chain:
    titles: list[Title]
    person: Person | None = None
    linker: str | None = None  # "start" / "end" / "former" for "giữ chức", "thôi giữ chức", "từng là"
    others: list[Person] = field(default_factory=list)  # "X và Y được bầu làm ...": Y is person, X other

    @property
    def start(self) -> int:
        return self.titles[0].start

    @property
    def end(self) -> int:
        return self.titles[-1].end


def _modifiers(lex: Lexicon, tokens: list[Token], i: int) -> tuple[int, bool, bool, bool]:
    former = acting = concurrent = False
    for _ in range(3):
        if (m := lex.former.match(tokens, i)) and not former:
            former, i = True, m[0]
        elif (m := lex.concurrent.match(tokens, i)) and not concurrent:
            concurrent, i = True, m[0]
        elif (
            (m := lex.acting.match(tokens, i))
            and not acting
            and lex.roles.match(tokens, m[0], first_cap=True)
        ):
            acting, i = True, m[0]
        else:
            break
    return i, former, acting, concurrent


def find_titles(lex: Lexicon, tokens: list[Token], text: str) -> list[Title]:
    titles: list[Title] = []
    starts = lex.cache.get("title_starts")
    if starts is None:
        starts = lex.cache["title_starts"] = frozenset().union(
            *(t.first_keys() for t in (lex.roles, lex.former, lex.acting, lex.concurrent))
        )
    i, n = 0, len(tokens)
    while i < n:
        if tokens[i].key not in starts:
            i += 1
            continue
        k, former, acting, concurrent = _modifiers(lex, tokens, i)
        role = lex.roles.match(tokens, k, first_cap=True)
        if not role:
            i += 1
            continue
        role_end, info = role
        if info.name.startswith("Quyền"):
            acting = True
        org_start = role_end - info.embedded_head
        org = parse_org(lex, tokens, org_start, text, split=True, after_role=True)
        ministry = (
            None
            if org or info.implied_head != "Bộ"
            else lex.ministries.match(tokens, role_end, first_cap=True)
        )
        if ministry:  # "Thứ trưởng Y tế" is a deputy minister of the Ministry of Health
            org = OrgMatch(role_end, ministry[0], ministry[0], None, ministry[1])
        if info.embedded_head and org and org.head_only:
            org = None  # "Trưởng ban" with no body after it
        end = org.end if org else role_end
        titles.append(Title(info, i, end, org, acting, former, concurrent))
        i = max(end, role_end)
    return titles


def _chains(lex: Lexicon, tokens: list[Token], titles: list[Title]) -> list[Chain]:
    chains: list[Chain] = []
    for title in titles:
        if chains:
            gap = tokens[chains[-1].end : title.start]
            if [t.text for t in gap] == [","] or (not gap and title.concurrent):
                chains[-1].titles.append(title)
                continue
        chains.append(Chain([title]))
    return chains


def _prefix_back(lex: Lexicon, tokens: list[Token], b: int) -> int:
    """Start of the honorifics ("PGS.TS", "PGS. TS") right before tokens[b]."""
    while b > 0 and (
        is_honorific(lex, tokens[b - 1])
        or (tokens[b - 1].text == "." and b > 1 and is_honorific(lex, tokens[b - 2]))
    ):
        b -= 1
    return b


def _person(lex: Lexicon, tokens: list[Token], text: str, s: int, e: int, triggered: bool) -> Person | None:
    """The person named by tokens[s:e], or None when it cannot be a name."""
    length = e - s
    if not 2 <= length <= _MAX_NAME:
        return None
    words = tokens[s:e]
    if not all(t.text.isalpha() and t.text[0].isupper() and not t.text[1:].isupper() for t in words):
        return None
    if not triggered and words[0].key not in lex.surnames:
        return None
    surface = text_of(text, tokens, s, e)
    if dkey(surface) in lex.not_names:
        return None
    p = _prefix_back(lex, tokens, s)
    name, prefix = strip_honorifics(text_of(text, tokens, p, e))
    return Person(name, prefix, p, e)


def _triggered(lex: Lexicon, tokens: list[Token], b: int) -> bool:
    """Honorifics or a trigger word ("ông", "đồng chí") right before tokens[b]."""
    p = _prefix_back(lex, tokens, b)
    if p < b:
        return True
    for k in range(max(0, p - 3), p):
        found = lex.triggers.match(tokens, k)
        if found and found[0] == p:
            return True
    return False


def name_before(lex: Lexicon, tokens: list[Token], text: str, e: int, inside: set[int]) -> Person | None:
    """The name ending just before tokens[e]."""
    b = e
    while (
        b > 0
        and e - b <= _MAX_NAME
        and tokens[b - 1].is_cap
        and tokens[b - 1].is_word
        and not stops_name(lex, tokens, b - 1)
    ):
        b -= 1
    if (
        e - b > _MAX_NAME
        or b in inside
        or (b > 0 and tokens[b - 1].is_cap and tokens[b - 1].is_word and not stops_name(lex, tokens, b - 1))
    ):
        return None
    triggered = b > 0 and _triggered(lex, tokens, b)
    return _person(lex, tokens, text, b, e, triggered)


def name_after(lex: Lexicon, tokens: list[Token], text: str, s: int) -> Person | None:
    """The name starting at tokens[s] (after honorifics and a trigger)."""
    n = len(tokens)
    triggered = False
    found = lex.triggers.match(tokens, s)
    if found:
        s, triggered = found[0], True
    while s < n and (
        is_honorific(lex, tokens[s]) or (tokens[s].text == "." and s > 0 and is_honorific(lex, tokens[s - 1]))
    ):
        s, triggered = s + 1, True
    e = s
    while (
        e < n
        and e - s <= _MAX_NAME
        and tokens[e].is_cap
        and tokens[e].is_word
        and not stops_name(lex, tokens, e)
    ):
        e += 1
    return _person(lex, tokens, text, s, e, triggered)


def _linker_before(lex: Lexicon, tokens: list[Token], start: int) -> tuple[int, str] | None:
    """(start, kind) of a linker ("giữ chức", "từng là") ending right before tokens[start]."""
    for k in range(max(0, start - 6), start):
        kind = lex.linkers.match_ending(tokens, k, start)
        if kind:
            return k, kind
    return None


def _skip_back(lex: Lexicon, tokens: list[Token], e: int, org_starts: dict[int, int]) -> int:
    """Before adverbs ("đã", "vừa"), a comma and a passive agent ("được Bộ Y tế bổ nhiệm làm")
    that stand between a name or title and its linker."""
    moved = True
    while moved and e > 0:
        moved = False
        if e in org_starts and org_starts[e] > 0 and tokens[org_starts[e] - 1].key == "được":
            e, moved = org_starts[e] - 1, True
        for k in range(max(0, e - 3), e):
            found = lex.linker_adverbs.match(tokens, k)
            if found and found[0] == e:
                e, moved = k, True
                break
        if e > 0 and tokens[e - 1].text == ",":
            e, moved = e - 1, True
    return e


def _coordinated(
    lex: Lexicon, tokens: list[Token], text: str, person: Person, inside: set[int]
) -> list[Person]:
    """Names joined to a person by "và" ("bà X và ông Y được bầu làm ...")."""
    others = []
    b = person.start
    while b > 0:
        for k in range(max(0, b - 3), b):
            found = lex.triggers.match(tokens, k)
            if found and found[0] == b:
                b = k
                break
        if b < 2 or tokens[b - 1].key != "và":
            break
        other = name_before(lex, tokens, text, b - 1, inside)
        if other is None:
            break
        others.append(other)
        b = other.start
    return others


def _subject(lex: Lexicon, tokens: list[Token], text: str) -> Person | None:
    """The person a sentence opens with ("Ông X sinh năm 1975, ..."), if any."""
    found = lex.triggers.match(tokens, 0)
    return name_after(lex, tokens, text, 0) if found or (tokens and tokens[0].key in lex.honorifics) else None


def _ends(lex: Lexicon, old: Title, new: Title) -> bool:
    """Whether taking the new post ends the old one: a deputy made head, or a sub-unit head promoted."""
    if new.acting or new.concurrent:
        return False
    if old.role.name.startswith("Phó ") and old.role.name[4:].startswith(new.role.name):
        return True  # "Phó Giám đốc (phụ trách)" made "Giám đốc"
    return bool(old.org and old.org.head and dkey(old.org.head.head) in lex.promoted_from)


def _aside(lex: Lexicon, tokens: list[Token], sep: int) -> int:
    """Before an aside that ends at the separator tokens[sep] ("X, 52 tuổi, Giám đốc")."""
    if (
        sep >= 4
        and tokens[sep - 1].key in lex.aside_ends
        and tokens[sep - 2].text.isdigit()
        and tokens[sep - 3].text == ","
    ):
        return sep - 3
    return sep


def _attach(
    lex: Lexicon,
    tokens: list[Token],
    text: str,
    chain: Chain,
    inside: set[int],
    previous: Chain | None,
    org_starts: dict[int, int],
) -> None:
    """Find the chain's person: before it (name-first), through a linker, or after it (title-first)."""
    start = chain.start
    if start >= 2 and tokens[start - 1].text in _SEPARATORS:
        chain.person = name_before(lex, tokens, text, _aside(lex, tokens, start - 1), inside)
    linker = None if chain.person else _linker_before(lex, tokens, start)
    if linker:
        e = _skip_back(lex, tokens, linker[0], org_starts)
        chain.linker = linker[1]
        chain.person = name_before(lex, tokens, text, e, inside)
        e = _aside(lex, tokens, e) if e < len(tokens) and tokens[e].text == "," else e
        if (
            chain.person is None
            and previous is not None
            and previous.person
            and e in (previous.end, previous.person.end)
        ):
            chain.person = previous.person
            moved = any(lex.transfers.match(tokens, k) for k in range(e, linker[0]))
            if chain.linker == "start":
                for old in previous.titles:
                    ends = any(_ends(lex, old, new) for new in chain.titles)
                    seat = old.role.name.startswith("Ủy viên")  # committee seats go with the person
                    old.ended = old.ended or ends or (moved and not old.concurrent and not seat)
        if chain.person is None and chain.linker == "former":
            chain.person = _subject(lex, tokens, text)
        if chain.person is not None:
            chain.others = _coordinated(lex, tokens, text, chain.person, inside)
        if chain.linker == "former":
            for title in chain.titles:
                title.former = True
    if chain.person is not None:
        for title in chain.titles:
            if title.org and title.org.split:
                title.org.split = None
        return
    last = chain.titles[-1]
    if last.org and last.org.split:
        s, e = last.org.split
        chain.person = _person(lex, tokens, text, s, e, True)
        if chain.person:
            last.org.end = s
            last.end = s
            return
    nxt = chain.end
    if nxt < len(tokens) and tokens[nxt].text in _SEPARATORS:
        candidate = name_after(lex, tokens, text, nxt + 1)
        if candidate and (lex.triggers.match(tokens, nxt + 1) or candidate.prefix):
            chain.person = candidate
        return
    chain.person = name_after(lex, tokens, text, nxt)


def _place_in(lex: Lexicon, tokens: list[Token], start: int, end: int):
    for p in range(start, end):
        found = lex.places.match(tokens, p)
        if found:
            return found[1]
    return None


def _outer(lex: Lexicon, tokens: list[Token], text: str, org: OrgMatch | None, name: str) -> str:
    """The body a sub-unit belongs to, when its name says so ("Ban Tổ chức Công đoàn Y tế Việt Nam" ->
    "Công đoàn Y tế Việt Nam"): a bare committee stated beside the sub-unit's head is the parent's."""
    if org is None or org.head is None or dkey(org.head.head) not in lex.subunit_heads:
        return name
    for p in range(org.head_end, org.end):
        if tokens[p].is_cap and (
            lex.known_orgs.match(tokens, p, first_cap=True) or lex.heads.match(tokens, p, first_cap=True)
        ):
            return canonical_name(lex, text_of(text, tokens, p, org.end))
    return name


def _base(role: RoleInfo) -> str:
    return dkey(role.name.removeprefix("Quyền "))


def _resolve_orgs(
    lex: Lexicon, tokens: list[Token], text: str, chain: Chain, orgs: list, held: set[tuple[str, str]]
) -> None:
    """Give every title of the chain its body's name: stated, inherited from its neighbours in the
    chain, implied by the role, or (for a lone role) the body named last before it in the sentence
    whose post of that role no one else in the sentence holds (`held`: (role, body) keys)."""
    named: list[str | None] = []
    for title in chain.titles:
        org = title.org
        named.append(
            None
            if org is None or org.bare or org.head_only
            else org.known or canonical_name(lex, text_of(text, tokens, org.start, org.end))
        )
    before = [name for _, _, end, name in orgs if end <= chain.start]
    free = [name for name in before if not any((_base(t.role), dkey(name)) in held for t in chain.titles)]
    for idx in list(range(len(named))) * 2:  # twice: a bare title may inherit from one resolved in pass one
        title = chain.titles[idx]
        if title.org_name:
            continue
        if named[idx]:
            title.org_name = named[idx]
            continue
        order = list(range(idx + 1, len(named))) + list(range(idx - 1, -1, -1))
        source = next((k for k in order if chain.titles[k].org_name or named[k]), None)
        parent = None
        if source is not None:
            other = chain.titles[source]
            parent = _outer(lex, tokens, text, other.org, other.org_name or named[source] or "")
        title.org_name = _org_for(lex, tokens, text, chain, title, parent, free)


def _org_for(
    lex: Lexicon,
    tokens: list[Token],
    text: str,
    chain: Chain,
    title: Title,
    parent: str | None,
    free: list[str],
) -> str | None:
    """The body of a title that names none (or only a bare head), from what surrounds it."""
    role = title.role
    if role.seat_of:
        place = _place_in(lex, tokens, chain.start, min(len(tokens), chain.end + 12))
        if place:
            committee = "Thành ủy" if place.kind == "city" else role.seat_of
            return f"{committee} {place.name}"
        return role.seat_of  # a bare "Tỉnh ủy": the article's one Tỉnh ủy, when it names it elsewhere
    if title.org is not None and title.org.bare:
        bare = text_of(text, tokens, title.org.start, title.org.end)
        return canonical_name(lex, f"{bare} {parent}") if parent else None
    if title.org is None and parent:
        return canonical_name(lex, f"{lex.party_head} {parent}") if role.party else parent
    if title.org is not None and title.org.head_only:
        return canonical_name(lex, text_of(text, tokens, title.org.start, title.org.end))
    if title.org is None and role.implied_body:
        return role.implied_body
    if title.org is None and role.implied_head:
        head = dkey(role.implied_head)
        return next((b for b in reversed(free) if dkey(b).startswith(head)), role.implied_head)
    if title.org is None and free and not role.party:
        return free[-1]
    return None


def sentence_chains(lex: Lexicon, tokens: list[Token], text: str, orgs: list) -> list[Chain]:
    """Title chains of one sentence, each with its person (or None) and resolved bodies.

    `orgs` are the sentence's bodies (orgs.find_orgs); a person's name never starts inside one.
    """
    titles = find_titles(lex, tokens, text)
    if not titles:
        return []
    inside: set[int] = set()
    org_starts: dict[int, int] = {}
    for _, start, end, _ in orgs:
        inside.update(range(start + 1, end))
        org_starts[end] = start
    for title in titles:
        if title.org:
            org_starts[title.org.end] = title.org.start
    chains = _chains(lex, tokens, titles)
    held: set[tuple[str, str]] = set()
    for k, chain in enumerate(chains):
        _attach(lex, tokens, text, chain, inside, chains[k - 1] if k else None, org_starts)
        _resolve_orgs(lex, tokens, text, chain, orgs, held)
        if chain.person is not None:
            held.update((_base(t.role), dkey(t.org_name)) for t in chain.titles if t.org_name)
    return chains
