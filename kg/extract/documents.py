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
from .orgs import canonical_name, parse_org, text_of
from .tokens import tokenize

_ID = r"\d{1,5}(?:/\d{4})?[/-](?P<code>[A-ZĐ]{1,6})(?:[-/][A-ZĐa-z0-9Đ]{1,12}){0,3}"
_DATE = re.compile(r"\s*,?\s*ngày (\d{1,2})[/-](\d{1,2})[/-](\d{4})")
_ISSUER_CUE = re.compile(r"\s*(?:,\s*)?(?:ngày [\d/.-]+\s*(?:,\s*)?)?(?:của|do)\s+")
_SUBJECT_LEAD = re.compile(r"\s*(?:,\s*)?(?:về\s+)?")
_SUBJECT_END = re.compile(r"[;.:]\s|[;.]$|,\s*(?:nhằm|để|đồng thời|theo|trong)\s|\n")
_SUBJECT_TAIL = re.compile(r"(?:\s+và|\s*,)?\s*$")


@dataclass
class Patterns:
    document: re.Pattern[str]
    types: dict[str, str]  # type word (display) -> canonical type
    codes: dict[str, str]  # code -> canonical type


_CACHE: dict[int, Patterns] = {}


def _patterns(lex: Lexicon) -> Patterns:
    found = _CACHE.get(id(lex))
    if found:
        return found
    kinds = lex.gazetteer.document_types.values()
    types = {k["vi"]: k["vi"] for k in kinds}
    codes = {k["code"]: k["vi"] for k in kinds}
    words = "|".join(re.escape(t) for t in sorted(types, key=len, reverse=True))
    pattern = re.compile(rf"(?:(?P<type>{words})\s+(?:số\s+)?)?(?<![\w/-])(?P<id>{_ID})(?![\w/])")
    _CACHE[id(lex)] = Patterns(pattern, types, codes)
    return _CACHE[id(lex)]


def find_documents(lex: Lexicon, text: str, start: int, end: int) -> list[dict]:
    """Document claims in text[start:end]."""
    patterns = _patterns(lex)
    matches = [m for m in patterns.document.finditer(text, start, end)
               if m.group("type") or m.group("code") in patterns.codes]
    documents = []
    for idx, m in enumerate(matches):
        kind = patterns.types.get(m.group("type") or "") or patterns.codes.get(m.group("code"))
        limit = matches[idx + 1].start() if idx + 1 < len(matches) else end
        issuer, after = _issuer(lex, text, m.end(), limit)
        subject, quote_end = _subject(text, after, limit, stated=issuer is not None)
        date = _DATE.match(text, m.end(), limit)
        documents.append({
            "id": m.group("id"),
            "type": kind,
            "issuer": issuer,
            "date": f"{date.group(3)}-{int(date.group(2)):02d}-{int(date.group(1)):02d}" if date else None,
            "title": None,
            "subject": subject,
            "quote": text[m.start():quote_end],
            "span": [m.start(), quote_end],
            "confidence": 0.9,
        })
    return documents


def _issuer(lex: Lexicon, text: str, pos: int, limit: int) -> tuple[str | None, int]:
    cue = _ISSUER_CUE.match(text, pos, limit)
    if not cue:
        return None, pos
    window = text[cue.end():min(limit, cue.end() + 120)]
    tokens = tokenize(window, cue.end())
    org = parse_org(lex, tokens, 0, text) if tokens else None
    if not org:
        return None, pos
    return canonical_name(lex, text_of(text, tokens, org.start, org.end)), tokens[org.end - 1].end


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
