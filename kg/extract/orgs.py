"""Organization names: known bodies first, then any organization-type head plus its name.

A body's name runs from its head ("Sở", "Bệnh viện", "Đảng ủy"...) over
capitalised words, digits, lower-case words of the name vocabulary (at most a
few in a row), hyphenated pairs, comma phrases ("khám, chữa bệnh") and nested
bodies ("Đảng ủy Bộ Y tế"), and stops at punctuation, a verb, a role word, a
trigger or an honorific. When a title precedes it, the capitalised tail may be
the person's name ("Giám đốc Sở Y tế tỉnh Bình Dương Trần Văn Tư"): the split
is chosen so that the body left over is known, or ends with a place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kg.text import collapse_spaces

from .lexicon import HeadInfo, Lexicon, dkey
from .tokens import Token

_MAX_LOWER_RUN = 6
_NAME_LENGTHS = {3: 0.3, 4: 0.2, 2: 0.1}


@dataclass
class OrgMatch:
    start: int  # token indices
    end: int
    head_end: int
    head: HeadInfo | None
    known: str | None  # canonical name when the whole match is a known body
    split: tuple[int, int] | None = None  # person name found in the tail (token indices)
    split_score: float = 0.0

    @property
    def head_only(self) -> bool:
        return self.known is None and self.head is not None and self.end == self.head_end

    @property
    def bare(self) -> bool:
        """Just a head that names a body of another body ("Đảng ủy", "Ban Thường vụ")."""
        return self.head_only and self.head is not None and self.head.needs_parent


def text_of(text: str, tokens: list[Token], start: int, end: int) -> str:
    return text[tokens[start].start : tokens[end - 1].end]


def _head_at(
    lex: Lexicon, tokens: list[Token], i: int, first_cap: bool = True
) -> tuple[int, HeadInfo] | None:
    head = lex.heads.match(tokens, i, first_cap=first_cap)
    if not head:
        return None
    blocked = lex.not_heads.match(tokens, i, first_cap=True)
    if blocked and blocked[0] >= head[0]:
        return None
    return head


def is_honorific(lex: Lexicon, token: Token) -> bool:
    """ "TS", "PGS.TS", "BS.CKII": every dotted part is an honorific."""
    return token.key in lex.honorifics or (
        "." in token.key and all(part in lex.honorifics for part in token.key.split(".") if part)
    )


def stops_name(lex: Lexicon, tokens: list[Token], j: int) -> bool:
    """A capitalised token that cannot continue a body's or a person's name."""
    token = tokens[j]
    if j > 0 and token.key in ("ông", "bà") and is_honorific(lex, tokens[j - 1]):
        return False  # "ThS Ông Văn Thành": after an honorific, Ông is a surname
    return (
        is_honorific(lex, token)
        or token.key in ("ảnh", "ông", "bà")
        or lex.roles.match(tokens, j, first_cap=True) is not None
        or lex.triggers.match(tokens, j) is not None
    )


def _complement(lex: Lexicon, tokens: list[Token], j: int) -> int:
    """End of a body's name whose head ends at j."""
    n = len(tokens)
    lower_run_start = None
    while j < n:
        token = tokens[j]
        phrase = lex.comma_phrases.match(tokens, j)
        if phrase:
            j, lower_run_start = phrase[0], None
            continue
        if token.is_cap and token.is_word:
            if stops_name(lex, tokens, j) and not _head_at(lex, tokens, j):
                break
            nested = lex.known_orgs.match(tokens, j) or _head_at(lex, tokens, j)  # "... Công ty Cổ phần X"
            j, lower_run_start = (nested[0] if nested else j + 1), None
            continue
        if token.text.isdigit():
            j += 1
            continue
        if (
            token.text in ("-", "–")
            and j + 1 < n
            and tokens[j + 1].is_cap
            and j > 0
            and tokens[j - 1].is_word
        ):
            j += 1
            continue
        if not token.is_word or lex.stop_phrases.match(tokens, j):
            break
        if token.key == "và":
            nxt = tokens[j + 1] if j + 1 < n else None
            if (
                nxt is None
                or _head_at(lex, tokens, j + 1)
                or lex.known_orgs.match(tokens, j + 1, first_cap=True)
            ):
                break
            if not (nxt.is_cap or nxt.key in lex.name_words) or stops_name(lex, tokens, j + 1):
                break
        elif token.key not in lex.name_words:
            break
        if lower_run_start is None:
            lower_run_start = j
        if j - lower_run_start + 1 > _MAX_LOWER_RUN:
            return lower_run_start
        j += 1
    while j > 0 and tokens[j - 1].key in ("và", "-", "–", ","):
        j -= 1
    return j


def _ends_with_place(lex: Lexicon, tokens: list[Token], start: int, end: int) -> bool:
    for p in range(max(start, end - 5), end):
        found = lex.places.match(tokens, p)
        if found and found[0] == end:
            return True
    return False


def _split_name(
    lex: Lexicon, tokens: list[Token], org: OrgMatch, text: str
) -> tuple[tuple[int, int] | None, float]:
    """The person's name at the end of a body's name, if the tail holds one, and how sure the split is."""
    head_end = org.head_end
    run_start = org.end
    while run_start > head_end and tokens[run_start - 1].is_cap and tokens[run_start - 1].is_word:
        run_start -= 1
    best, best_score = None, -1.0
    for s in range(max(run_start, org.end - 5), org.end - 1):
        length = org.end - s
        if tokens[s].key not in lex.surnames or s <= head_end:
            continue
        if not all(t.text.isalpha() for t in tokens[s : org.end]):
            continue
        name = dkey(text_of(text, tokens, s, org.end))
        if name in lex.not_names:
            continue
        rest = text_of(text, tokens, org.start, s)
        score = _NAME_LENGTHS.get(length, 0.0)
        if canonical_known(lex, rest):
            score += 3
        elif _ends_with_place(lex, tokens, org.start, s):
            score += 2
        if score > best_score:
            best, best_score = (s, org.end), score
    return best, best_score


def parse_org(
    lex: Lexicon,
    tokens: list[Token],
    i: int,
    text: str,
    *,
    split: bool = False,
    after_role: bool = False,
    bare_head: bool = False,
) -> OrgMatch | None:
    """The body named at tokens[i], or None.

    After a role a head alone is kept ("Phó Giám đốc Bệnh viện": the article's
    hospital) and may be lower case ("Trưởng phòng Nghiệp vụ Y").
    """
    known = lex.known_orgs.match(tokens, i, first_cap=not after_role)
    head = _head_at(lex, tokens, i, first_cap=not after_role)
    if not known and not head:
        return None
    org = OrgMatch(i, _complement(lex, tokens, head[0]), head[0], head[1], None) if head else None
    if org and split:
        org.split, org.split_score = _split_name(lex, tokens, org, text)
    if known:
        end = known[0]
        marker = lex.place_markers.match(tokens, end)
        if marker and marker[0] < len(tokens) and tokens[marker[0]].is_cap:
            return OrgMatch(i, _complement(lex, tokens, end), end, head[1] if head else None, None)
        longer = (
            org is not None
            and org.end > end
            and (org.split is None or org.split[0] > end)
            and (tokens[end].is_cap or marker is not None)
        )
        if not longer:
            return OrgMatch(i, end, end, head[1] if head else None, known[1])
    assert org is not None and head is not None
    if org.head_only and not head[1].needs_parent and not (after_role or bare_head):
        return None  # a head alone ("Sở", "Viện") names nothing unless the article names it in full
    return org


def org_span(org: OrgMatch, min_score: float = 2.0) -> tuple[int, int]:
    """Token span of a body's name, without a person's name that surely follows it."""
    if org.split and org.split_score >= min_score:
        return org.start, org.split[0]
    return org.start, org.end


def find_orgs(lex: Lexicon, tokens: list[Token], text: str) -> list[tuple[OrgMatch, int, int, str]]:
    """Every body named in a sentence: (match, first token, end token, canonical name).

    Role words are stepped over (their embedded head still starts a body), and a
    person's name that surely follows a body is left out of it.
    """
    found = []
    starts = lex.cache.get("org_starts")
    if starts is None:
        starts = lex.cache["org_starts"] = (
            lex.roles.first_keys(),
            lex.heads.first_keys() | lex.known_orgs.first_keys(),
        )
    role_starts, body_starts = starts
    i, role_end = 0, -1
    while i < len(tokens):
        token = tokens[i]
        role = lex.roles.match(tokens, i, first_cap=True) if token.key in role_starts else None
        if role:
            i = role_end = max(i + 1, role[0] - role[1].embedded_head)
            continue
        is_body = token.is_cap and token.key in body_starts
        org = parse_org(lex, tokens, i, text, split=True, bare_head=True) if is_body else None
        if org is None or org.bare:
            i += 1
            continue
        start, end = org_span(org, 0.0 if i == role_end else 2.0)
        found.append((org, start, end, canonical_name(lex, text_of(text, tokens, start, end))))
        i = end
    return found


def expand(lex: Lexicon, name: str) -> str:
    """Abbreviations written out ("UBND tỉnh" -> "Ủy ban nhân dân tỉnh")."""
    assert lex.abbreviations is not None
    return collapse_spaces(lex.abbreviations.sub(lambda m: lex.expansions[m.group()], name))


_MEMO_SIZE = 50_000


def _memo(lex: Lexicon, kind: str, name: str, compute: Callable[[Lexicon, str], Any]) -> Any:
    """Memoised name resolution, forgotten when it grows past _MEMO_SIZE entries."""
    cache = lex.cache.setdefault(kind, {})
    if name not in cache:
        if len(cache) >= _MEMO_SIZE:
            cache.clear()
        cache[name] = compute(lex, name)
    return cache[name]


def canonical_known(lex: Lexicon, name: str) -> str | None:
    """The canonical name of a body the gazetteer or lexicon knows, else None."""
    return _memo(lex, "known", name, _canonical_known)


def _canonical_known(lex: Lexicon, name: str) -> str | None:
    for candidate in (name, expand(lex, name)):
        entry = lex.gazetteer.resolve_org(candidate)
        if entry:
            return entry.name
        if candidate in lex.known_orgs:
            return candidate
    return None


def canonical_name(lex: Lexicon, name: str) -> str:
    """Gazetteer name when known; a known unit followed by its own parent is the unit."""
    return _memo(lex, "canonical", name, _canonical_name)


def _canonical_name(lex: Lexicon, name: str) -> str:
    name = collapse_spaces(name)
    name = name[:1].upper() + name[1:]
    known = canonical_known(lex, name)
    if known:
        return known
    expanded = expand(lex, name)
    words = expanded.split(" ")
    for cut in range(len(words) - 1, 0, -1):
        unit = lex.gazetteer.resolve_org(" ".join(words[:cut]))
        parent = lex.gazetteer.resolve_org(" ".join(words[cut:]))
        if unit and parent and unit.part_of and dkey(unit.part_of) == dkey(parent.name):
            return unit.name
    return expanded
