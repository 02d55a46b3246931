"""Errors a user can act on: each carries one line naming the culprit."""

from __future__ import annotations


class KGError(Exception):
    """A problem with the user's input or environment (exit status 2)."""

    exit_code = 2

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        self.path = path
        self.line = line
        where = ""
        if path:
            where = f"{path}:{line}: " if line else f"{path}: "
        super().__init__(f"{where}{message}")


class InputError(KGError):
    """Malformed or inconsistent input data (claims, RDF, gazetteer, article)."""


class NotFound(KGError):
    """A name or id that the graph does not hold."""

    def __init__(self, message: str, *, suggestions: list[str] | None = None):
        self.suggestions = suggestions or []
        if self.suggestions:
            message = f"{message}; did you mean: {', '.join(self.suggestions)}?"
        super().__init__(message)


class Ambiguous(KGError):
    """A name that matches several entities; the user must choose."""

    def __init__(self, message: str, *, candidates: list[str]):
        self.candidates = candidates
        super().__init__(f"{message}: {'; '.join(candidates)}")


class StoreError(KGError):
    """The store cannot be opened or written (in use, read-only, missing)."""


class QueryError(KGError):
    """A SPARQL query that does not parse, is not allowed, or timed out."""
