"""Shared fixtures: the seed graph built once in memory, and a CLI runner."""

from __future__ import annotations

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
