"""Shared fixtures: the seed graph built once in memory, and a CLI runner."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.build import build
from kg.store import Store, open_store

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture(scope="session")
def seed_store() -> Store:
    """The shipped data built into an in-memory store (read it, never write it)."""
    store = open_store("memory:")
    build(store)
    return store


@pytest.fixture()
def fresh_store() -> Store:
    """A private in-memory store with the shipped data, safe to modify."""
    store = open_store("memory:")
    build(store)
    return store


@pytest.fixture(scope="session")
def built_store_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    """An on-disk Oxigraph store of the shipped data, for CLI tests (read-only use)."""
    path = tmp_path_factory.mktemp("store") / "store"
    build(open_store(f"oxigraph:{path}"))
    return f"oxigraph:{path}"


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


class IncrementalChecks:
    """After every load_claims (every ingest) in the suite: the derived graph and the validation
    report equal those of a store rebuilt from scratch out of the same source graphs."""

    def __init__(self) -> None:
        self.checked = 0

    def compare(self, store: Store) -> None:
        import pyoxigraph as ox

        from kg.derive import derive
        from kg.namespaces import DERIVED_GRAPH
        from kg.validate import validate

        incremental = sorted(str(q) for q in store.quads(DERIVED_GRAPH))
        scratch = open_store("memory:")
        sources = [q for q in store.quads() if q.graph_name != ox.NamedNode(DERIVED_GRAPH)]
        scratch._store.extend(sources)
        scratch.replace_graphs(derive(scratch), graphs=[DERIVED_GRAPH])
        assert sorted(str(q) for q in scratch.quads(DERIVED_GRAPH)) == incremental
        assert [str(p) for p in validate(scratch).problems] == [str(p) for p in validate(store).problems]
        self.checked += 1


INCREMENTAL = IncrementalChecks()


@pytest.fixture(autouse=True)
def _derived_graph_matches_a_rebuild(monkeypatch):
    import kg.build

    original = kg.build.load_claims

    def checked(store, claims, gazetteer=None):
        result = original(store, claims, gazetteer)
        INCREMENTAL.compare(store)
        gc.collect()  # rdflib/pyshacl cycles may hold the store; free its writer lock now
        return result

    monkeypatch.setattr(kg.build, "load_claims", checked)


def pytest_terminal_summary(terminalreporter) -> None:
    terminalreporter.write_line(f"incremental derived graph and validation compared with a rebuild "
                                f"after {INCREMENTAL.checked} loads")
