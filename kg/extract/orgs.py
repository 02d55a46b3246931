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

from dataclasses import dataclass

from kg.text import collapse_spaces, display_key

from .lexicon import HeadInfo, Lexicon
from .tokens import Token

_MAX_LOWER_RUN = 4
_NAME_LENGTHS = {3: 0.3, 4: 0.2, 2: 0.1}


@dataclass
class OrgMatch:
    start: int  # token indices
    end: int
    head_end: int
    head: HeadInfo | None
    known: str | None  # canonical name when the whole match is a known body
    split: tuple[int, int] | None = None  # person name found in the tail (token indices)

    @property
    def bare(self) -> bool:
        """Just a head that names a body of another body ("Đảng ủy", "Ban Thường vụ")."""
        return self.known is None and self.head is not None and self.head.needs_parent and self.end == self.head_end


def text_of(text: str, tokens: list[Token], start: int, end: int) -> str:
    return text[tokens[start].start:tokens[end - 1].end]


def _head_at(lex: Lexicon, tokens: list[Token], i: int) -> tuple[int, HeadInfo] | None:
    head = lex.heads.match(tokens, i, first_cap=True)
    if not head:
        return None
    blocked = lex.not_heads.match(tokens, i, first_cap=True)
    if blocked and blocked[0] >= head[0]:
        return None
    return head


def is_honorific(lex: Lexicon, token: Token) -> bool:
    return token.key in lex.honorifics


def stops_name(lex: Lexicon, tokens: list[Token], j: int) -> bool:
    """A capitalised token that cannot continue a body's or a person's name."""
    token = tokens[j]
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
            known = lex.known_orgs.match(tokens, j)
            j, lower_run_start = (known[0] if known else j + 1), None
            continue
        if token.text.isdigit():
            j += 1
            continue
        if token.text in ("-", "–") and j + 1 < n and tokens[j + 1].is_cap and j > 0 and tokens[j - 1].is_word:
            j += 1
            continue
        if not token.is_word or lex.stop_phrases.match(tokens, j):
            break
        if token.key == "và":
            nxt = tokens[j + 1] if j + 1 < n else None
            if nxt is None or _head_at(lex, tokens, j + 1) or lex.known_orgs.match(tokens, j + 1, first_cap=True):
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


def _split_name(lex: Lexicon, tokens: list[Token], org: OrgMatch, text: str) -> tuple[int, int] | None:
    """The person's name at the end of a body's name, if the tail holds one."""
    head_end = org.head_end
    run_start = org.end
    while run_start > head_end and tokens[run_start - 1].is_cap and tokens[run_start - 1].is_word:
        run_start -= 1
    best, best_score = None, -1.0
    for s in range(max(run_start, org.end - 5), org.end - 1):
        length = org.end - s
        if tokens[s].key not in lex.surnames or s <= head_end:
            continue
        if not all(t.text.isalpha() for t in tokens[s:org.end]):
            continue
        name = display_key(text_of(text, tokens, s, org.end))
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
    return best


def parse_org(lex: Lexicon, tokens: list[Token], i: int, text: str, *, split: bool = False) -> OrgMatch | None:
    """The body named at tokens[i], or None."""
    known = lex.known_orgs.match(tokens, i, first_cap=True)
    head = _head_at(lex, tokens, i)
    if known and (not head or known[0] >= head[0]):
        end = known[0]
        marker = lex.place_markers.match(tokens, end)
        if marker and marker[0] < len(tokens) and tokens[marker[0]].is_cap:
            return OrgMatch(i, _complement(lex, tokens, end), end, head[1] if head else None, None)
        return OrgMatch(i, end, end, head[1] if head else None, known[1])
    if not head:
        return None
    org = OrgMatch(i, _complement(lex, tokens, head[0]), head[0], head[1], None)
    if org.end == head[0] and not head[1].needs_parent:
        return None  # a head alone ("Sở", "Viện") names nothing
    if split:
        org.split = _split_name(lex, tokens, org, text)
    return org


def expand(lex: Lexicon, name: str) -> str:
    """Abbreviations written out ("UBND tỉnh" -> "Ủy ban nhân dân tỉnh")."""
    assert lex.abbreviations is not None
    return collapse_spaces(lex.abbreviations.sub(lambda m: lex.expansions[m.group()], name))


def canonical_known(lex: Lexicon, name: str) -> str | None:
    """The canonical name of a body the gazetteer or lexicon knows, else None."""
    for candidate in (name, expand(lex, name)):
        entry = lex.gazetteer.resolve_org(candidate)
        if entry:
            return entry.name
        if candidate in lex.known_orgs:
            return candidate
    return None


def canonical_name(lex: Lexicon, name: str) -> str:
    """Gazetteer name when known; a known unit followed by its own parent is the unit."""
    name = collapse_spaces(name)
    known = canonical_known(lex, name)
    if known:
        return known
    expanded = expand(lex, name)
    words = expanded.split(" ")
    for cut in range(len(words) - 1, 0, -1):
        unit = lex.gazetteer.resolve_org(" ".join(words[:cut]))
        parent = lex.gazetteer.resolve_org(" ".join(words[cut:]))
        if unit and parent and unit.part_of and display_key(unit.part_of) == display_key(parent.name):
            return unit.name
    return expanded
