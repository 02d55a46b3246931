"""vnhealth-kg: a knowledge graph of Vietnam's health-sector bodies, officials and policies.

The library behind the `kg` command::

    from kg import open_store, build_store, roles
    store = open_store("memory:")
    build_store(store)
    print(roles(store, "dao hong lan").as_dict())

Names are imported lazily so that `kg --help` stays fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

# name -> module, or (module, name in module) where a submodule has the natural name.
_EXPORTS: dict[str, str | tuple[str, str]] = {
    "open_store": "kg.store",
    "Store": "kg.store",
    "build_store": ("kg.build", "build"),
    "load_claims": "kg.build",
    "ingest_claims": "kg.build",
    "read_claims": "kg.claims",
    "parse_claims": "kg.claims",
    "roles": "kg.query",
    "find_person": "kg.query",
    "run_sparql": "kg.query",
    "validate_store": ("kg.validate", "validate"),
    "normalize": "kg.text",
    "name_key": "kg.text",
    "KGError": "kg.errors",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        module, attribute = _EXPORTS[name] if isinstance(_EXPORTS[name], tuple) else (_EXPORTS[name], name)
        return getattr(import_module(module), attribute)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
