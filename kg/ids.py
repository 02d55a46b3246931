"""IRI minting: the one place that turns names into IRIs (DESIGN.md section 4)."""

from __future__ import annotations

import re

from kg.namespaces import ID, SOURCE_BASE
from kg.text import slugify

_DOC_CODE = re.compile(r"([A-ZĐ]+)(?:-|/|$)")


def person_iri(name: str, key: str | None = None) -> str:
    slug = slugify(name)
    return f"{ID}person/{slug}-{slugify(key)}" if key else f"{ID}person/{slug}"


def org_iri(canonical_name: str) -> str:
    return f"{ID}org/{slugify(canonical_name)}"


def role_iri(role: str) -> str:
    return f"{ID}role/{slugify(role)}"


def post_iri(org_name: str, role: str) -> str:
    return f"{ID}post/{slugify(org_name)}/{slugify(role)}"


def tenure_iri(source_id: str, person: str, org_name: str, role: str) -> str:
    return f"{ID}tenure/{source_id}/{slugify(person)}/{slugify(org_name)}/{slugify(role)}"


def interval_iri(tenure: str) -> str:
    return f"{tenure}/interval"


def instant_iri(tenure: str, which: str) -> str:
    return f"{tenure}/{which}"


def document_type_key(id_local: str) -> str:
    """"72-NQ/TW" -> "nq", "42/2025/NĐ-CP" -> "nd", "1234/QĐ-BYT" -> "qd"."""
    after_number = re.sub(r"^[\d/\s-]+", "", id_local.upper())
    match = _DOC_CODE.match(after_number)
    return slugify(match.group(1)) if match else "doc"


def document_iri(id_local: str) -> str:
    return f"{ID}eli/{document_type_key(id_local)}/{slugify(id_local)}"


def event_iri(source_id: str, key: str) -> str:
    return f"{ID}event/{source_id}/{slugify(key)}"


def agreement_iri(source_id: str, key: str) -> str:
    return f"{ID}agreement/{source_id}/{slugify(key)}"


def grant_iri(source_id: str, index: int) -> str:
    return f"{ID}grant/{source_id}/{index}"


def claim_iri(source_id: str, kind: str, index: int) -> str:
    """A statement node for claims that have no natural identity (organization facts)."""
    return f"{ID}claim/{source_id}/{kind}/{index}"


def source_iri(source_id: str) -> str:
    """The source document's IRI, which is also its named graph."""
    return f"{SOURCE_BASE}{slugify(source_id)}"


def classification_iri(key: str) -> str:
    return f"{ID}classification/{slugify(key)}"


def document_type_iri(key: str) -> str:
    return f"{ID}doctype/{slugify(key)}"


def coordination_iri(org_a: str, org_b: str) -> str:
    first, second = sorted((org_a.rsplit("/", 1)[-1], org_b.rsplit("/", 1)[-1]))
    return f"{ID}coordination/{first}--{second}"


def change_event_iri(key: str) -> str:
    return f"{ID}change/{slugify(key)}"
