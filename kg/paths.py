"""Where the project's data, ontology and query files live."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent


def data_dir() -> Path:
    """The data/ folder (override with KG_DATA)."""
    return Path(os.environ.get("KG_DATA", PROJECT_DIR / "data"))


ONTOLOGY_DIR = PROJECT_DIR / "ontology"
RULES_DIR = PACKAGE_DIR / "rules"
QUERIES_DIR = PACKAGE_DIR / "queries"
