"""Tokens with offsets, and a token trie for longest-match lookups of multi-word terms.

Every lexicon term is looked up as a sequence of case-folded tokens, so one
pass over a sentence finds roles, heads, known bodies and places in linear time
(no regular expression over the whole vocabulary, no backtracking).
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

_TOKEN = re.compile(r"[^\W_]+(?:\.[^\W_]+)*|[^\w\s]")


class Token(NamedTuple):
    """A word or punctuation mark with its offsets in the text (a tuple: cheap to make by the thousand)."""

    text: str
    start: int
    end: int
    key: str  # case-folded text
    is_cap: bool  # starts with a capital letter
    is_word: bool  # a word or number, not punctuation


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Words (dots inside kept: "TP.HCM", "PGS.TS") and single punctuation marks."""
    tokens = []
    for m in _TOKEN.finditer(text):
        word = m.group()
        first = word[0]
        tokens.append(
            Token(
                word, m.start() + offset, m.end() + offset, word.casefold(), first.isupper(), first.isalnum()
            )
        )
    return tokens


def term_keys(term: str) -> tuple[str, ...]:
    return tuple(m.group().casefold() for m in _TOKEN.finditer(term))


class Trie:
    """Case-folded token sequences -> payload; longest match at a position."""

    __slots__ = ("_root",)
    _END = "\x00"

    def __init__(self) -> None:
        self._root: dict[str, Any] = {}

    def add(self, term: str, payload: Any) -> None:
        keys = term_keys(term)
        if not keys:
            return
        node = self._root
        for key in keys:
            node = node.setdefault(key, {})
        node.setdefault(self._END, payload)

    def match(self, tokens: list[Token], i: int, *, first_cap: bool = False) -> tuple[int, Any] | None:
        """(end index, payload) of the longest term starting at tokens[i], or None."""
        if i >= len(tokens) or (first_cap and not tokens[i].is_cap):
            return None
        node = self._root
        best = None
        for j in range(i, len(tokens)):
            node = node.get(tokens[j].key)
            if node is None:
                break
            if self._END in node:
                best = (j + 1, node[self._END])
        return best

    def match_ending(self, tokens: list[Token], i: int, end: int) -> Any | None:
        """Payload of a term spanning exactly tokens[i:end], or None ("giữ chức" in "giữ chức Vụ trưởng")."""
        node = self._root
        for j in range(i, end):
            node = node.get(tokens[j].key)
            if node is None:
                return None
        return node.get(self._END)

    def first_keys(self) -> frozenset[str]:
        """Keys that can start a term: a cheap filter before `match`."""
        return frozenset(self._root)

    def __contains__(self, term: str) -> bool:
        node = self._root
        for key in term_keys(term):
            node = node.get(key)
            if node is None:
                return False
        return self._END in node
