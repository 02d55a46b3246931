"""Legal documents cited in an article: "Nghị quyết 72-NQ/TW của Bộ Chính trị", "Quyết định số
1234/QĐ-BYT", "Nghị định 96/2023/NĐ-CP", a bare "2517/QĐ-TTg".

The type comes from the word before the number or from the code inside it
(data/gazetteer/document-types.yaml). The issuer is taken only when the text
states it ("của Bộ Chính trị", "do Bộ Y tế ban hành"), never from the code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.text import collapse_spaces

from .lexicon import Lexicon
from .orgs import canonical_name, find_orgs, parse_org, text_of
from .tokens import tokenize

_ID = r"\d{1,5}(?:/\d{4})?[/-](?P<code>[A-ZĐ]{1,6})(?:[-/][A-ZĐa-z0-9Đ]{1,12}){0,3}"
_NUMBER = re.compile(r"\d[/-]")  # every document number has one; most sentences have none
_DATE = re.compile(r"\s*,?\s*ngày (\d{1,2})[/-](\d{1,2})[/-](\d{4})")
_ISSUED_BY = re.compile(r"(?:đã\s+|vừa\s+)?(?:ký|ban hành|ra)\s+$")
_ISSUER_CUE = re.compile(r"\s*(?:,\s*)?(?:ngày [\d/.-]+\s*(?:,\s*)?)?(?:của|do)\s+")
_SUBJECT_LEAD = re.compile(r"\s*(?:,\s*)?(?:về\s+)?")
_SUBJECT_END = re.compile(r"[;.:]\s|[;.]$|,\s*(?:nhằm|để|đồng thời|theo|trong)\s|\n")
_SUBJECT_TAIL = re.compile(r"(?:\s+và|\s*,)?\s*$")


@dataclass
class Patterns:
    document: re.Pattern[str]
    types: dict[str, str]  # type word (display) -> canonical type
    codes: dict[str, str]  # code -> canonical type


def _patterns(lex: Lexicon) -> Patterns:
    found = lex.cache.get("documents")
    if found:
        return found["patterns"]
    kinds = [*lex.gazetteer.document_types.values(), *lex.document_types]
    types = {k["vi"]: k["vi"] for k in kinds}
    codes = {k["code"]: k["vi"] for k in kinds}
    words = "|".join(re.escape(t) for t in sorted(types, key=len, reverse=True))
    pattern = re.compile(rf"(?:(?P<type>{words})\s+(?:số\s+)?)?(?<![\w/-])(?P<id>{_ID})(?![\w/])")
    lex.cache["documents"] = {"patterns": Patterns(pattern, types, codes)}
    return lex.cache["documents"]["patterns"]


def find_documents(lex: Lexicon, text: str, start: int, end: int) -> list[dict]:
    """Document claims in text[start:end]."""
    if not _NUMBER.search(text, start, end):
        return []
    patterns = _patterns(lex)
    matches = [
        m
        for m in patterns.document.finditer(text, start, end)
        if m.group("type") or m.group("code") in patterns.codes
    ]
    documents = []
    for idx, m in enumerate(matches):
        kind = patterns.types.get(m.group("type") or "") or patterns.codes.get(m.group("code"))
        limit = matches[idx + 1].start() if idx + 1 < len(matches) else end
        issuer, after = _issuer(lex, text, m.end(), limit)
        issuer = issuer or _issuer_before(lex, text, start, m.start())
        subject, quote_end = _subject(text, after, limit, stated=issuer is not None)
        date = _DATE.match(text, m.end(), limit)
        documents.append(
            {
                "id": m.group("id"),
                "type": kind,
                "issuer": issuer,
                "date": f"{date.group(3)}-{int(date.group(2)):02d}-{int(date.group(1)):02d}"
                if date
                else None,
                "title": None,
                "subject": subject,
                "quote": text[m.start() : quote_end],
                "span": [m.start(), quote_end],
                "confidence": 0.9,
            }
        )
    return documents


def _org_at(lex: Lexicon, text: str, start: int, limit: int) -> tuple[str | None, int]:
    """The body named at text[start:], a role before it stepped over ("của Bộ trưởng Bộ Y tế")."""
    tokens = tokenize(text[start : min(limit, start + 160)], start)
    if not tokens:
        return None, start
    role = lex.roles.match(tokens, 0, first_cap=True)
    i = role[0] - role[1].embedded_head if role else 0
    org = parse_org(lex, tokens, i, text, after_role=role is not None) if i < len(tokens) else None
    if org is None or org.head_only:
        return None, start
    return canonical_name(lex, text_of(text, tokens, org.start, org.end)), tokens[org.end - 1].end


def _issuer(lex: Lexicon, text: str, pos: int, limit: int) -> tuple[str | None, int]:
    """The issuer stated after the number ("của X", "do X ban hành") and where it ends."""
    cue = _ISSUER_CUE.match(text, pos, limit)
    if not cue:
        return None, pos
    issuer, end = _org_at(lex, text, cue.end(), limit)
    return (issuer, end) if issuer else (None, pos)


def _issuer_before(lex: Lexicon, text: str, sentence_start: int, doc_start: int) -> str | None:
    """The issuer stated before the document: "X (đã) ký / ban hành Quyết định ..."."""
    window_start = max(sentence_start, doc_start - 160)
    verb = _ISSUED_BY.search(text, window_start, doc_start)
    if not verb:
        return None
    tokens = tokenize(text[window_start : verb.start()], window_start)
    found = find_orgs(lex, tokens, text)
    if not found:
        return None
    _, _, end, name = found[-1]
    between = tokens[end:]
    return name if len(between) <= 5 and all(t.is_cap and t.is_word for t in between) else None


def _subject(text: str, pos: int, limit: int, *, stated: bool) -> tuple[str | None, int]:
    """What the document is about ("về ..." or the words after its issuer), and where it ends."""
    lead = _SUBJECT_LEAD.match(text, pos, limit)
    if not lead or not (stated or lead.group().rstrip().endswith("về")):
        return None, pos
    begin = lead.end()
    limit = min(limit, begin + 300)
    cut = _SUBJECT_END.search(text, begin, limit)
    stop = cut.start() if cut else limit
    tail = _SUBJECT_TAIL.search(text, begin, stop)
    stop = tail.start() if tail else stop
    subject = collapse_spaces(text[begin:stop])
    return (subject or None), (stop if subject else pos)
