"""Which parts of an article state something: captions, bylines and datelines are skipped.

Works on the normalised text and returns spans into it, so every quote stays a
substring of the normalised text. Patterns come from data/lexicon/noise.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .lexicon import Lexicon

_LINE = re.compile(r"[^\n]+")
_SENTENCE_END = re.compile(r"[.!?…]+[\"”»)]?\s+")
_WORD_BEFORE = re.compile(r"(\S{1,20})$")
_MAX_SENTENCE = (
    1500  # longer runs without a full stop are cut at a comma or space (bounded work per sentence)
)


def _is_noise_line(lex: Lexicon, line: str) -> bool:
    if any(p.search(line) for p in lex.captions):
        return True
    return len(line.split()) <= lex.byline_max_words and any(p.match(line) for p in lex.bylines)


def content_lines(lex: Lexicon, text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each line worth reading, datelines cut off."""
    for match in _LINE.finditer(text):
        line = match.group()
        if not line.strip() or _is_noise_line(lex, line):
            continue
        start = match.start()
        for pattern in lex.datelines:
            dateline = pattern.match(line)
            if dateline:
                start += dateline.end()
                break
        yield start, match.end()


def sentences(lex: Lexicon, text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence in the content lines.

    A full stop after an honorific or a one- or two-letter abbreviation
    ("PGS.", "TP.") does not end a sentence.
    """
    for line_start, line_end in content_lines(lex, text):
        start = line_start
        for end_match in _SENTENCE_END.finditer(text, line_start, line_end):
            before = _WORD_BEFORE.search(text, max(start, end_match.start() - 20), end_match.start())
            word = before.group(1).casefold() if before else ""
            nxt = text[end_match.end() : end_match.end() + 1]
            if (
                word in lex.honorifics
                or len(word) <= 2
                or not (nxt.isupper() or nxt.isdigit() or nxt in '"“')
            ):
                continue
            yield from _bounded(text, start, end_match.end())
            start = end_match.end()
        if start < line_end:
            yield from _bounded(text, start, line_end)


def _bounded(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """A sentence, cut into pieces of at most _MAX_SENTENCE characters at a comma or a space."""
    while end - start > _MAX_SENTENCE:
        limit = start + _MAX_SENTENCE
        cut = text.rfind(", ", start + _MAX_SENTENCE // 2, limit)
        cut = cut if cut > start else text.rfind(" ", start, limit)
        cut = cut + 1 if cut > start else limit
        yield start, cut
        start = cut
    yield start, end
