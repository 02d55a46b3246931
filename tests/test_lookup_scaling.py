"""Lookups start from bound, indexed patterns: what a lookup reads depends on its
answer, not on the size of the dataset.

The same questions about seed entities (which the synthetic data never mentions)
are asked of the seed graph alone and of the seed graph plus a synthetic dataset
of 3,000 persons. The answers must be equal, and so must the number of rows the
store hands back: a lookup that read every source, tenure or label (as the
first versions did) reads thousands more rows in the bigger store.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from kg import lookup
from kg.build import build
from kg.generate import generate
from kg.query import roles
from kg.store import open_store

QUESTIONS = {
    "roles": lambda store: roles(store, "dao hong lan", include_all=True),
    "holders": lambda store: lookup.holders(store, "Viện Chiến lược và Chính sách Y tế", include_all=True),
    "coordination": lambda store: lookup.coordination(store, "Viện Chiến lược và Chính sách Y tế", depth=2),
    "cites": lambda store: lookup.cites(store, "72-NQ/TW"),
}


class CountingStore:
    """A store that counts the rows its queries hand back."""

    def __init__(self, store: Any):
        self._store = store
        self.rows = 0

    def query(self, sparql: str, bindings: Any = None) -> Any:
        result = self._store.query(sparql, bindings)
        rows = list(result)
        self.rows += len(rows)
        return _Rows(rows, result.variables)

    def select(self, sparql: str, bindings: Any = None) -> list[dict[str, Any]]:
        result = self.query(sparql, bindings)
        names = [v.value for v in result.variables]
        return [{n: row[n] for n in names if row[n] is not None} for row in result]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


class _Rows(list):
    def __init__(self, rows: list[Any], variables: Any):
        super().__init__(rows)
        self.variables = variables


@pytest.fixture(scope="module")
def stores(tmp_path_factory) -> tuple[Any, Any]:
    synthetic = tmp_path_factory.mktemp("scaling")
    generate(synthetic, people=3000, orgs=600, seed=3)
    seed, grown = open_store("memory:"), open_store("memory:")
    build(seed)
    build(grown, extra=sorted(Path(synthetic, "claims").glob("*.json")))
    assert len(grown) > 10 * len(seed)
    return seed, grown


def _plain(answer: Any) -> Any:
    return answer.as_dict() if hasattr(answer, "as_dict") else dataclasses.asdict(answer)


@pytest.mark.parametrize("question", sorted(QUESTIONS))
def test_a_lookup_reads_as_many_rows_in_a_store_ten_times_larger(stores, question):
    seed, grown = (CountingStore(store) for store in stores)
    small_answer, large_answer = QUESTIONS[question](seed), QUESTIONS[question](grown)
    assert _plain(small_answer) == _plain(large_answer)
    assert seed.rows > 0
    assert grown.rows == seed.rows, f"{question}: {grown.rows} rows from the larger store, {seed.rows} from the seed"
