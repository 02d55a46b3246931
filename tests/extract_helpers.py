"""Helpers for the extractor tests: extracted facts as plain tuples."""

from __future__ import annotations

from kg.extract import extract


def posts(text: str, **source: str) -> set[tuple[str, str, str, str]]:
    """(person, role, org, status) of every post extracted from text."""
    claims = extract(text, source=source or None)
    return {(p["person"], p["role"], p["org"], p["status"]) for p in claims["posts"]}


def triples(text: str, **source: str) -> set[tuple[str, str, str]]:
    """(person, role, org) of every post extracted from text."""
    return {p[:3] for p in posts(text, **source)}


def persons(text: str) -> dict[str, str | None]:
    """name -> honorific prefix of every extracted person."""
    return {p["name"]: p["prefix"] for p in extract(text)["persons"]}
