"""The gazetteer: known bodies, roles and document kinds, and name resolution.

Bodies resolve by any label after normalisation (exact diacritics first, then
ascii-folded), so "Viện Chính sách và Chiến lược y tế" and "HSPI" are the
Health Strategy and Policy Institute. The Ministry of Health's structure from
data/reference/ joins the same index.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.paths import data_dir
from kg.text import display_key, name_key, normalize
from kg.yamlio import LineDict, load_yaml


@dataclass
class OrgEntry:
    name: str
    en: str | None = None
    aliases: list[str] = field(default_factory=list)
    kind: str | None = None
    part_of: str | None = None
    evidence: list[dict[str, Any]] = field(default_factory=list)
    origin: str = "gazetteer"  # "gazetteer" or "reference"

    @property
    def labels(self) -> list[str]:
        return [self.name, *self.aliases]


@dataclass
class RoleEntry:
    vi: str
    en: str
    single_holder: bool = False


@dataclass
class Gazetteer:
    organizations: list[OrgEntry]
    roles: list[RoleEntry]
    classifications: dict[str, dict[str, str]]
    document_types: dict[str, dict[str, str]]
    reference: dict[str, Any] | None = None
    _exact: dict[str, OrgEntry] = field(default_factory=dict, repr=False)
    _folded: dict[str, list[OrgEntry]] = field(default_factory=dict, repr=False)
    _roles: dict[str, RoleEntry] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for entry in self.organizations:
            for label in entry.labels:
                self._exact.setdefault(display_key(label), entry)
                bucket = self._folded.setdefault(name_key(label), [])
                if entry not in bucket:
                    bucket.append(entry)
        self._roles = {display_key(role.vi): role for role in self.roles}

    def resolve_org(self, name: str) -> OrgEntry | None:
        """The known body a name refers to, or None (ambiguous ascii matches too)."""
        entry = self._exact.get(display_key(name))
        if entry:
            return entry
        folded = self._folded.get(name_key(name), [])
        return folded[0] if len(folded) == 1 else None

    def canonical_org_name(self, name: str) -> str:
        entry = self.resolve_org(name)
        return entry.name if entry else normalize(name).strip()

    def role(self, name: str) -> RoleEntry | None:
        return self._roles.get(display_key(name))

    def classification_of(self, kind: str | None) -> dict[str, str] | None:
        return self.classifications.get(kind) if kind else None


def _require_keys(item: LineDict, allowed: set[str], required: set[str], path: Path) -> None:
    for key in item:
        if key not in allowed:
            raise InputError(f"unknown key {key!r}", path=str(path), line=item.line_of(key))
    for key in required:
        if not item.get(key):
            raise InputError(f"missing {key!r}", path=str(path), line=item.line)


def _read_organizations(path: Path) -> list[OrgEntry]:
    document = load_yaml(path)
    entries = []
    for item in document.get("organizations", []):
        _require_keys(item, {"name", "en", "aliases", "kind", "part_of", "evidence"}, {"name", "evidence"}, path)
        entries.append(
            OrgEntry(
                name=normalize(item["name"]),
                en=item.get("en"),
                aliases=[normalize(a) for a in item.get("aliases") or []],
                kind=item.get("kind"),
                part_of=normalize(item["part_of"]) if item.get("part_of") else None,
                evidence=list(item["evidence"]),
            )
        )
    return entries


def _reference_organizations(reference: dict[str, Any]) -> list[OrgEntry]:
    source = reference["source"]
    basis = {"source": "moh-structure-2025", "legal_basis": source["id"], "article": "Điều 3"}
    entries = []
    for section in ("units", "dissolved"):
        for unit in reference.get(section, []):
            entries.append(
                OrgEntry(
                    name=normalize(unit["vi"]),
                    en=unit.get("en"),
                    kind=unit.get("kind"),
                    part_of=normalize(reference["parent"]),
                    evidence=[basis],
                    origin="reference",
                )
            )
    for unit in reference.get("transferred_in", []):
        entries.append(OrgEntry(name=normalize(unit["vi"]), kind="bureau", evidence=[basis], origin="reference"))
        entries.append(OrgEntry(name=normalize(unit["from"]), kind="ministry", evidence=[basis], origin="reference"))
    return entries


def _merge(entries: list[OrgEntry]) -> list[OrgEntry]:
    """One entry per body: reference units that the gazetteer names too join it."""
    merged: dict[str, OrgEntry] = {}
    index: dict[str, str] = {}
    for entry in entries:
        owner = next((index[display_key(label)] for label in entry.labels if display_key(label) in index), None)
        if owner is None:
            merged[entry.name] = entry
            owner = entry.name
        else:
            target = merged[owner]
            for label in entry.labels:
                if display_key(label) not in {display_key(x) for x in target.labels}:
                    target.aliases.append(label)
            target.en = target.en or entry.en
            target.kind = target.kind or entry.kind
            target.part_of = target.part_of or entry.part_of
            target.evidence.extend(e for e in entry.evidence if e not in target.evidence)
        for label in entry.labels:
            index.setdefault(display_key(label), owner)
    return list(merged.values())


def load_gazetteer(root: Path | None = None) -> Gazetteer:
    base = root or data_dir()
    gazetteer_dir = base / "gazetteer"
    organizations = _read_organizations(gazetteer_dir / "organizations.yaml")
    reference_path = base / "reference" / "moh-structure-2025.yaml"
    reference = load_yaml(reference_path) if reference_path.exists() else None
    if reference:
        organizations += _reference_organizations(reference)
    roles = [
        RoleEntry(vi=normalize(r["vi"]), en=r["en"], single_holder=bool(r.get("single_holder")))
        for r in load_yaml(gazetteer_dir / "roles.yaml")["roles"]
    ]
    return Gazetteer(
        organizations=_merge(organizations),
        roles=roles,
        classifications=dict(load_yaml(gazetteer_dir / "classifications.yaml")["classifications"]),
        document_types=dict(load_yaml(gazetteer_dir / "document-types.yaml")["document_types"]),
        reference=reference,
    )


@lru_cache(maxsize=4)
def default_gazetteer(root: str | None = None) -> Gazetteer:
    """The gazetteer of the data folder, read once per process."""
    return load_gazetteer(Path(root) if root else None)
