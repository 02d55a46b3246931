"""Vietnamese text normalisation: one canonical form before anything compares text.

Canonical form is NFC with the tone mark of the open diphthongs oa, oe and uy on
their first vowel ("hòa", "khỏe", "Ủy"), the placement used by the source
articles, the gold file and most Vietnamese news sites.
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = [
    "ascii_fold",
    "name_key",
    "normalize",
    "slugify",
    "strip_honorifics",
]

_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below
# An open oa/oe/uy at the end of a syllable, not after "q" (in "quý" the u is
# part of the consonant), with the tone on its second vowel.
_TONE_ON_SECOND = re.compile(
    rf"(?<![qQ])(?P<first>[oOuU])(?P<second>[aAeEyY])(?P<tone>[{_TONES}])(?![^\W\d_]|[\u0300-\u036f])"
)
_SPACES = re.compile(r"\s+")
_NON_SLUG = re.compile(r"[^a-z0-9]+")


def _move_tone(match: re.Match[str]) -> str:
    return f"{match['first']}{match['tone']}{match['second']}"


# Names repeat across claims (each tenure names its person, body and role again) and these
# functions are pure, so a build computes each value once. Bounded: quotes are mostly unique.
_memo = functools.lru_cache(maxsize=1 << 17)


class _Combining(dict):
    """str.translate table dropping combining marks, filled on first sight of each character."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_DROP_COMBINING = _Combining()


@_memo
def normalize(text: str) -> str:
    """NFC text with unified tone-mark placement; everything else untouched."""
    if text.isascii():  # no tone marks to move, and ASCII is already NFC
        return text
    decomposed = unicodedata.normalize("NFD", text)
    unified = _TONE_ON_SECOND.sub(_move_tone, decomposed)
    return unicodedata.normalize("NFC", unified)


def ascii_fold(text: str) -> str:
    """Drop diacritics ("Đào Hồng Lan" -> "Dao Hong Lan")."""
    if text.isascii():
        return text
    stripped = unicodedata.normalize("NFD", text).translate(_DROP_COMBINING)
    return stripped.replace("đ", "d").replace("Đ", "D")


@_memo
def name_key(text: str) -> str:
    """Comparison key: diacritic-, case-, tone-placement- and spacing-insensitive."""
    return _SPACES.sub(" ", ascii_fold(text).casefold()).strip()


def display_key(text: str) -> str:
    """Key that keeps diacritics but ignores case, spacing and tone placement."""
    return _SPACES.sub(" ", normalize(text).casefold()).strip()


@_memo
def slugify(text: str) -> str:
    """ascii, lower-case, hyphenated; raises ValueError when nothing is left."""
    slug = _NON_SLUG.sub("-", name_key(text)).strip("-")
    if not slug:
        raise ValueError(f"cannot make an identifier from {text!r}: no letters or digits")
    return slug


def collapse_spaces(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


_HONORIFIC = re.compile(
    r"^(?:\s*(?:GS|PGS|TS|ThS|BSCKII|BSCKI|BS|CKII|CKI|DS|KS|NCS|TTƯT|TTND)(?:\.|(?=[\s,])))+[\s,]*",
    re.IGNORECASE,
)


def strip_honorifics(name: str) -> tuple[str, str | None]:
    """Split "PGS.TS Trần Văn A" into ("Trần Văn A", "PGS.TS")."""
    text = normalize(name).strip()
    match = _HONORIFIC.match(text)
    if not match or match.end() == len(text):
        return collapse_spaces(text), None
    prefix = re.sub(r"[\s,]+", "", match.group(0)).rstrip(".")
    return collapse_spaces(text[match.end():]), prefix
