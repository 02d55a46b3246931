"""The claims model: read, check and write claims files (docs/CLAIMS.md).

The loader is strict because reviewers edit these files by hand: an unknown
key, a wrong type or a missing quote is an error naming the file and line,
never a silently dropped fact.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.text import normalize
from kg.yamlio import LineDict, parse_yaml, read_text

FORMAT = "vnhealth-claims/1"
DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
URL = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
TENURE_STATUS = ("current", "former", "unknown")
AGREEMENT_STATUS = ("proposed", "planned", "signed", "in force", "ended")
EVENT_KINDS = ("meeting", "signing", "conference", "congress", "announcement", "other")
PARTICIPATION = ("chaired", "directed", "reported", "attended", "signed", "spoke")
END_CAUSES = ("retired", "replaced", "term-ended", "dismissed", "deceased", "other")


# ---- field checkers: each returns the cleaned value or raises ValueError ----

def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("expected non-empty text")
    return normalize(value).strip()


def _opt(check: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda value: None if value is None else check(value)


def check_day(text: str) -> None:
    """ValueError unless a YYYY-MM-DD text names a day that exists (no 2026-02-30)."""
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a date: no such day") from None


def _date(value: Any) -> str:
    text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else None
    if text is None or not DATE.match(text):
        raise ValueError(f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    if len(text) == 10:
        check_day(text)
    return text


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{value!r} is not true/false")
    return value


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise ValueError(f"{value!r} is not a number between 0 and 1")
    return float(value)


def _integer(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{value!r} is not a non-negative whole number")
    return value


def _enum(*allowed: str) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        if value not in allowed:
            raise ValueError(f"{value!r} is not one of: {', '.join(allowed)}")
        return value

    return check


def _texts(minimum: int = 0) -> Callable[[Any], list[str]]:
    def check(value: Any) -> list[str]:
        if not isinstance(value, list):
            raise ValueError("expected a list")
        items = [_text(v) for v in value]
        if len(items) < minimum:
            raise ValueError(f"expected at least {minimum} entries, got {len(items)}")
        return items

    return check


def _span(value: Any) -> list[int]:
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        or not 0 <= value[0] <= value[1]
    ):
        raise ValueError(f"{value!r} is not a span [start, end]")
    return list(value)


def _url(value: Any) -> str:
    if not isinstance(value, str) or not URL.match(value):
        raise ValueError(f"{value!r} is not an absolute http(s) URL")
    return value


def _slug(value: Any) -> str:
    if not isinstance(value, str) or not SLUG.match(value):
        raise ValueError(f"{value!r} is not an id (lower-case letters, digits and hyphens)")
    return value


def _person_ref(value: Any) -> dict[str, Any]:
    if isinstance(value, str):
        return {"person": _text(value)}
    return _record(value, REPLACES, "replaces")


def _participants(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        raise ValueError("expected a list")
    return [_record({"person": v} if isinstance(v, str) else v, PARTICIPANT, "participant") for v in value]


def _record(value: Any, schema: dict[str, tuple[Callable[[Any], Any], bool]], what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError(f"expected a mapping for {what}")
    return _check_mapping(value, schema, what, path=None)


# ---- schemas: field -> (checker, required) ----

SOURCE = {
    "id": (_slug, True), "file": (_opt(_text), False), "url": (_opt(_url), False),
    "publisher": (_opt(_text), False), "title": (_opt(_text), False), "author": (_opt(_text), False),
    "published": (_opt(_date), False), "event_date": (_opt(_date), False),
    "language": (_opt(_text), False),
}
EXTRACTION = {
    "method": (_enum("manual", "rules"), True), "reviewed": (_bool, True), "tool": (_opt(_text), False),
}
PERSON = {
    "name": (_text, True), "prefix": (_opt(_text), False), "aliases": (_texts(), False),
    "distinct_from": (_texts(), False), "key": (_opt(_slug), False),
}
CLAIM_COMMON = {"quote": (_text, True), "span": (_opt(_span), False), "confidence": (_opt(_number), False)}
REPLACES = {"person": (_text, True), "role": (_opt(_text), False), "org": (_opt(_text), False)}
POST = {
    "person": (_text, True), "role": (_text, True), "org": (_text, True),
    "status": (_enum(*TENURE_STATUS), True), "acting": (_opt(_bool), False),
    "concurrent": (_opt(_bool), False), "start": (_opt(_date), False), "end": (_opt(_date), False),
    "term": (_opt(_text), False), "replaces": (_opt(_person_ref), False),
    "end_cause": (_opt(_enum(*END_CAUSES)), False), "appointed_by": (_opt(_text), False),
    **CLAIM_COMMON,
}
ORGANIZATION = {
    "name": (_text, True), "en": (_opt(_text), False), "kind": (_opt(_text), False),
    "part_of": (_opt(_text), False), "aliases": (_texts(), False), **CLAIM_COMMON,
}
DOCUMENT = {
    "id": (_text, True), "type": (_opt(_text), False), "issuer": (_opt(_text), False),
    "date": (_opt(_date), False), "title": (_opt(_text), False), "subject": (_opt(_text), False),
    **CLAIM_COMMON,
}
PARTICIPANT = {"person": (_text, True), "role": (_opt(_enum(*PARTICIPATION)), False)}
EVENT = {
    "key": (_slug, True), "kind": (_enum(*EVENT_KINDS), True), "label": (_opt(_text), False),
    "date": (_opt(_date), False), "place": (_opt(_text), False), "organizers": (_texts(), False),
    "participants": (_participants, False), "cites": (_texts(), False), **CLAIM_COMMON,
}
AGREEMENT = {
    "key": (_slug, True), "kind": (_text, True), "parties": (_texts(2), True),
    "status": (_opt(_enum(*AGREEMENT_STATUS)), False), "start": (_opt(_date), False),
    "end": (_opt(_date), False), "event": (_opt(_slug), False), "cites": (_texts(), False),
    "commitments": (_texts(), False), **CLAIM_COMMON,
}
AMOUNT = {
    "amount_vnd": (_integer, True), "from": (_text, True), "to": (_text, True), **CLAIM_COMMON,
}
SECTIONS = {
    "persons": PERSON, "posts": POST, "organizations": ORGANIZATION, "documents": DOCUMENT,
    "events": EVENT, "agreements": AGREEMENT, "amounts": AMOUNT,
}
TOP = {"format", "source", "extraction", *SECTIONS}


_LISTS = frozenset(("aliases", "distinct_from", "organizers", "participants", "cites", "commitments"))


def _check_mapping(
    item: dict[str, Any], schema: dict[str, tuple[Callable[[Any], Any], bool]], what: str, path: str | None
) -> dict[str, Any]:
    # Called for every claim of a build (~70k at 1M quads): the line of a key is looked up
    # only when there is an error to report.
    line = getattr(item, "line", None)
    out = LineDict()
    out.line = line or 0
    out.key_lines = dict(getattr(item, "key_lines", {}))
    if not isinstance(item, dict) or not item.keys() <= schema.keys():
        for key in item:
            if key not in schema:
                where = item.line_of(key) if isinstance(item, LineDict) else line
                raise InputError(f"unknown key {key!r} in {what} (allowed: {', '.join(schema)})",
                                 path=path, line=where)
    for key, (check, required) in schema.items():
        value = item.get(key)
        if value is None or value == []:
            if required:
                raise InputError(f"{what} has no {key!r}", path=path, line=line)
            out[key] = [] if key in _LISTS else None
            continue
        try:
            out[key] = check(value)
        except ValueError as error:
            where = item.line_of(key) if isinstance(item, LineDict) else line
            raise InputError(f"{what} {key!r}: {error}", path=path, line=where) from None
    return out


@dataclass
class Claims:
    """One source's checked claims; `path` and line numbers point back at the file."""

    source: dict[str, Any]
    extraction: dict[str, Any]
    sections: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    path: str = "<claims>"

    @property
    def source_id(self) -> str:
        return self.source["id"]

    def __getattr__(self, name: str) -> list[dict[str, Any]]:
        if name in SECTIONS:
            return self.sections.get(name, [])
        raise AttributeError(name)

    def where(self, item: dict[str, Any]) -> str:
        line = getattr(item, "line", 0)
        return f"{self.path}:{line}" if line else self.path

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"format": FORMAT, "source": _plain(self.source)}
        out["extraction"] = _plain(self.extraction)
        for name in SECTIONS:
            if self.sections.get(name):
                out[name] = [_plain(item) for item in self.sections[name]]
        return out


def _plain(value: Any) -> Any:
    """Drop empty optional fields and line bookkeeping for output."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if v is not None and v != []}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def check_claims(document: Any, path: str = "<claims>") -> Claims:
    """Check a parsed claims document; raise InputError naming file and line."""
    if not isinstance(document, dict):
        raise InputError("a claims file must be a mapping with format, source and claims", path=path, line=1)
    for key in document:
        if key not in TOP:
            line = document.line_of(key) if isinstance(document, LineDict) else None
            raise InputError(f"unknown key {key!r} (allowed: {', '.join(sorted(TOP))})", path=path, line=line)
    if document.get("format") != FORMAT:
        line = document.line_of("format") if isinstance(document, LineDict) else None
        raise InputError(f"format must be {FORMAT!r}, got {document.get('format')!r}", path=path, line=line)
    if not isinstance(document.get("source"), dict):
        raise InputError("no 'source' mapping", path=path, line=1)
    source = _check_mapping(document["source"], SOURCE, "source", path)
    extraction = _check_mapping(
        document.get("extraction") or {"method": "manual", "reviewed": False}, EXTRACTION, "extraction", path
    )
    sections: dict[str, list[dict[str, Any]]] = {}
    for name, schema in SECTIONS.items():
        items = document.get(name) or []
        if not isinstance(items, list):
            line = document.line_of(name) if isinstance(document, LineDict) else None
            raise InputError(f"{name!r} must be a list", path=path, line=line)
        what = name[:-1]
        sections[name] = [
            _check_mapping(item, schema, what, path) if isinstance(item, dict)
            else _raise(InputError(f"each {what} must be a mapping", path=path, line=getattr(items, "line", None)))
            for item in items
        ]
    claims = Claims(source=source, extraction=extraction, sections=sections, path=path)
    _check_references(claims)
    return claims


def _raise(error: Exception) -> Any:
    raise error


def _check_references(claims: Claims) -> None:
    """Keys unique; agreements name events that exist; start <= end where both are known."""
    for section in ("events", "agreements"):
        seen: set[str] = set()
        for item in claims.sections[section]:
            if item["key"] in seen:
                raise InputError(f"duplicate {section[:-1]} key {item['key']!r}", path=claims.path, line=item.line)
            seen.add(item["key"])
    events = {e["key"] for e in claims.events}
    for agreement in claims.agreements:
        if agreement["event"] and agreement["event"] not in events:
            raise InputError(
                f"agreement {agreement['key']!r} names unknown event {agreement['event']!r}",
                path=claims.path, line=agreement.line_of("event"),
            )
    documents = [d["id"] for d in claims.documents]
    if len(set(documents)) != len(documents):
        duplicate = next(d for d in documents if documents.count(d) > 1)
        raise InputError(f"duplicate document id {duplicate!r}", path=claims.path)


def parse_claims(text: str, path: str = "<claims>") -> Claims:
    if path.endswith(".json"):
        try:
            document = json.loads(text)
        except json.JSONDecodeError as error:
            raise InputError(f"malformed JSON: {error.msg}", path=path, line=error.lineno) from None
    else:
        document = parse_yaml(text, path)
    return check_claims(document, path)


def read_claims(path: Path) -> Claims:
    return parse_claims(read_text(path), str(path))


def check_quotes(claims: Claims, article_text: str) -> None:
    """Every quote must occur in the article it cites (normalised, spacing-insensitive)."""
    haystack = _squash(normalize(article_text))
    for name in SECTIONS:
        for item in claims.sections[name]:
            quote = item.get("quote")
            if quote and _squash(quote) not in haystack:
                raise InputError(
                    f"{name[:-1]} quote not found in {claims.source.get('file')}: {quote[:60]!r}",
                    path=claims.path, line=item.line_of("quote") if isinstance(item, LineDict) else None,
                )


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def dump_claims(claims: Claims | dict[str, Any], fmt: str = "yaml") -> str:
    import yaml

    document = claims.to_dict() if isinstance(claims, Claims) else claims
    if fmt == "json":
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)
