"""Article text -> claims, by rules, lexicons and the gazetteer (no model downloads).

`extract(text, source=..., gazetteer=...)` returns a claims document in the
format of docs/CLAIMS.md; every claim carries its quote, the span of that
quote in `kg.text.normalize(text)` and a confidence.
"""

from __future__ import annotations

from .core import extract

__all__ = ["extract"]
