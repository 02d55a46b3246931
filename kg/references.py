"""Every body a claims file names must be known: in the gazetteer or declared in the file.

A misspelt body would otherwise become a phantom organization with one post.
Extracted claims declare every body they found under `organizations:`, so
this holds for `kg ingest` too.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kg.claims import Claims
from kg.errors import InputError
from kg.gazetteer import Gazetteer
from kg.text import display_key


def _named_bodies(claims: Claims) -> Iterator[tuple[str, str, dict[str, Any], str]]:
    """(what, field, item, body name) for every place a claims file names a body."""
    for post in claims.posts:
        yield "post", "org", post, post["org"]
        if post.get("replaces") and post["replaces"].get("org"):
            yield "post", "replaces", post, post["replaces"]["org"]
    for org in claims.organizations:
        if org.get("part_of"):
            yield "organization", "part_of", org, org["part_of"]
    for doc in claims.documents:
        if doc.get("issuer"):
            yield "document", "issuer", doc, doc["issuer"]
    for event in claims.events:
        for organizer in event["organizers"]:
            yield "event", "organizers", event, organizer
    for agreement in claims.agreements:
        for party in agreement["parties"]:
            yield "agreement", "parties", agreement, party
    for amount in claims.amounts:
        yield "amount", "from", amount, amount["from"]


def check_bodies(claims: Claims, gazetteer: Gazetteer) -> None:
    """Raise InputError (file and line) for the first body that is neither known nor declared."""
    declared = {display_key(label) for org in claims.organizations for label in (org["name"], *org["aliases"])}
    for what, field, item, name in _named_bodies(claims):
        if display_key(name) in declared or gazetteer.resolve_org(name):
            continue
        line = item.line_of(field) if hasattr(item, "line_of") else None
        raise InputError(f"{what} {field!r} names unknown body {name!r}: declare it under organizations: "
                         "(with a quote) or add it to data/gazetteer/organizations.yaml", path=claims.path, line=line)
