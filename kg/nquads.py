"""Writing N-Quads lines directly: the loader's output format.

Strings are faster to build than term objects, hash for free (idempotence is
set equality) and feed both Oxigraph's bulk loader and SPARQL updates.
"""

from __future__ import annotations

import functools
import re

from kg.namespaces import PREFIXES

XSD = PREFIXES["xsd"]
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"}
_NEEDS_ESCAPE = re.compile(r'[\\"\n\r]')
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def iri(value: str) -> str:
    if _BAD_IRI.search(value):
        raise ValueError(f"not an IRI: {value!r}")
    return f"<{value}>"


@functools.cache  # a few hundred terms, named again for every quad
def curie(value: str) -> str:
    prefix, _, local = value.partition(":")
    return f"<{PREFIXES[prefix]}{local}>"


def literal(value: str, *, lang: str | None = None, datatype: str | None = None) -> str:
    # Most values need no escape: four substring tests are cheaper than a regex substitution.
    if "\\" in value or '"' in value or "\n" in value or "\r" in value:
        text = _NEEDS_ESCAPE.sub(lambda m: _ESCAPES[m.group(0)], value)
    else:
        text = value
    if lang:
        return f'"{text}"@{lang}'
    if datatype and datatype != XSD + "string":
        return f'"{text}"^^<{datatype}>'
    return f'"{text}"'


def date_literal(value: str) -> str:
    """YYYY -> xsd:gYear, YYYY-MM -> xsd:gYearMonth, YYYY-MM-DD -> xsd:date."""
    kind = {4: "gYear", 7: "gYearMonth", 10: "date"}[len(value)]
    return literal(value, datatype=XSD + kind)


def typed(value: bool | int | float) -> str:
    if isinstance(value, bool):
        return literal("true" if value else "false", datatype=XSD + "boolean")
    if isinstance(value, int):
        return literal(str(value), datatype=XSD + "integer")
    return literal(f"{value:.3f}", datatype=XSD + "decimal")


class QuadWriter:
    """Collects the quads of one named graph, without duplicates, in order."""

    def __init__(self, graph: str):
        self.graph = iri(graph)
        self.lines: dict[str, None] = {}

    def add(self, subject: str, predicate: str, obj: str) -> None:
        self.lines[f"{subject} {predicate} {obj} {self.graph} .\n"] = None

    def __iter__(self):
        return iter(self.lines)
