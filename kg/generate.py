"""A synthetic health-sector dataset as claims files, for tests and benchmarks.

Invented people (random Vietnamese names with diacritics) in invented posts of
ministries with departments, provincial Departments of Health, hospitals,
centres, institutes and trade unions: successions with dates and appointing
decisions, joint meetings citing documents, coordination agreements. The same
seed gives byte-identical files. Claims name no source file, so their quotes
are not checked against an article; every source says it is synthetic.

Load it with `kg build OUT/claims/*.json` (the project's gazetteer still applies).
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.claims import FORMAT
from kg.errors import InputError
from kg.text import name_key

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
          "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trịnh", "Mai", "Tạ", "Lương", "Đoàn", "Cao", "Chu", "Kiều"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quang", "Ngọc", "Xuân", "Hồng", "Thu", "Kim",
          "Anh", "Bảo", "Công", "Đình", "Gia", "Hoài", "Khánh", "Mạnh", "Phương", "Quốc", "Thế", "Trọng",
          "Việt"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hòa", "Hùng", "Hương",
         "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Ngọc", "Phong", "Phúc", "Phương", "Quân",
         "Quỳnh", "Sơn", "Tâm", "Thảo", "Thắng", "Thủy", "Trang", "Trung", "Tuấn", "Vân", "Việt", "Yến",
         "Đạt", "Đông", "Huy", "Khoa", "Lâm", "Loan", "Lộc", "Nhung", "Oanh", "Quang", "Tài", "Thành",
         "Thịnh", "Tiến", "Toàn", "Trâm", "Tú", "Tùng", "Uyên", "Vinh", "Vy", "Xuân", "Ánh", "Châu",
         "Diệp", "Duyên", "Hậu", "Hiền", "Khang", "Kiên", "My", "Nhân", "Ninh", "Phát", "Quyên", "Sang",
         "Thoa", "Thư", "Tín", "Trí", "Tuyết", "Vũ", "Yên", "Bích"]
PROVINCES = ["Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa",
             "Nghệ An", "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ",
             "Bắc Ninh", "Hưng Yên", "Hải Phòng", "Ninh Bình", "Quảng Trị", "Đà Nẵng", "Quảng Ngãi",
             "Gia Lai", "Khánh Hòa", "Lâm Đồng", "Đắk Lắk", "Thành phố Hồ Chí Minh", "Đồng Nai",
             "Tây Ninh", "Cần Thơ", "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang"]
PLACE_SYLLABLES = ["An", "Bình", "Phú", "Hòa", "Tân", "Long", "Thạnh", "Thuận", "Hưng", "Phước", "Mỹ",
                   "Vĩnh", "Đông", "Tây", "Nam", "Bắc", "Trung", "Quang", "Hải", "Sơn", "Xuân", "Thanh",
                   "Kim", "Ngọc", "Lộc", "Đức", "Gia", "Cẩm", "Yên", "Hiệp"]
MINISTRY_TOPICS = ["Dân số và Phát triển", "Y tế Dự phòng", "Dược và Thiết bị Y tế", "An sinh Xã hội",
                   "Y học Cổ truyền", "Chăm sóc Sức khỏe Ban đầu", "Phục hồi Chức năng", "Sức khỏe Môi trường"]
DEPARTMENT_TOPICS = ["Vụ Kế hoạch - Tài chính", "Vụ Pháp chế", "Vụ Tổ chức cán bộ", "Vụ Bảo hiểm y tế",
                     "Vụ Sức khỏe Bà mẹ - Trẻ em", "Cục Quản lý Dược", "Cục Quản lý Khám chữa bệnh",
                     "Cục Phòng bệnh", "Vụ Khoa học Công nghệ và Đào tạo", "Vụ Hợp tác Quốc tế",
                     "Vụ Y tế cơ sở", "Vụ Trang thiết bị và Công trình y tế", "Văn phòng", "Thanh tra"]
SPECIALTIES = ["Đa khoa", "Nhi", "Sản - Nhi", "Lao và Bệnh phổi", "Tâm thần", "Y học cổ truyền",
               "Phục hồi chức năng", "Mắt", "Ung bướu", "Phổi", "Da liễu", "Nội tiết"]
CENTER_TOPICS = ["Trung tâm Kiểm soát Bệnh tật", "Trung tâm Y tế", "Trung tâm Pháp y", "Trung tâm Giám định Y khoa",
                 "Trung tâm Kiểm nghiệm", "Trung tâm Cấp cứu 115"]
INSTITUTE_TOPICS = ["Viện Dinh dưỡng", "Viện Sức khỏe Nghề nghiệp", "Viện Vệ sinh Dịch tễ", "Viện Y tế Công cộng",
                    "Viện Kiểm nghiệm Thuốc", "Viện Pasteur", "Viện Sốt rét - Ký sinh trùng"]
# kind -> (share of bodies, head role, deputy role)
KINDS: dict[str, tuple[float, str, str]] = {
    "ministry": (0.02, "Bộ trưởng", "Thứ trưởng"),
    "department": (0.10, "Vụ trưởng", "Phó Vụ trưởng"),
    "department-of-health": (0.06, "Giám đốc", "Phó Giám đốc"),
    "hospital": (0.42, "Giám đốc", "Phó Giám đốc"),
    "center": (0.13, "Giám đốc", "Phó Giám đốc"),
    "institute": (0.09, "Viện trưởng", "Phó Viện trưởng"),
    "trade-union": (0.18, "Chủ tịch", "Phó Chủ tịch"),
}
FIRST_KINDS = ["ministry", "department-of-health", "hospital", "trade-union", "department", "center", "institute"]
AGREEMENT_KINDS = ["chương trình phối hợp", "quy chế phối hợp", "thỏa thuận hợp tác"]
BODIES_PER_SOURCE = 5
MAX_PEOPLE = 500_000


@dataclass
class Body:
    name: str
    kind: str
    part_of: str | None
    province: str
    abbreviation: str
    posts: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class GenerateReport:
    directory: str
    files: int
    people: int
    organizations: int
    posts: int

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _date(rng: random.Random, first: int, last: int) -> str:
    return f"{rng.randint(first, last)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


class _World:
    """The invented bodies and people, then the sources that describe them."""

    def __init__(self, people: int, orgs: int, seed: int):
        self.rng = random.Random(seed)
        self.names = self._people(people)
        self.bodies = self._bodies(orgs)
        self.by_name = {body.name: body for body in self.bodies}
        self.policies = [self._document_id("NQ", index) for index in range(max(5, orgs // 40))]
        self._assign_posts()

    def _people(self, count: int) -> list[str]:
        rng, seen, names = self.rng, set(), []
        while len(names) < count:
            middle = rng.choice(MIDDLE) + (f" {rng.choice(MIDDLE)}" if rng.random() < 0.6 else "")
            name = f"{rng.choice(FAMILY)} {middle} {rng.choice(GIVEN)}"
            if name_key(name) not in seen:  # one name, one person (DESIGN.md §4)
                seen.add(name_key(name))
                names.append(name)
        return names

    def _unique(self, name: str, taken: set[str]) -> str:
        candidate, number = name, 2
        while name_key(candidate) in taken:
            candidate, number = f"{name} số {number}", number + 1
        taken.add(name_key(candidate))
        return candidate

    def _place(self) -> str:
        return f"{self.rng.choice(PLACE_SYLLABLES)} {self.rng.choice(PLACE_SYLLABLES)}"

    def _bodies(self, count: int) -> list[Body]:
        rng, taken, bodies = self.rng, set(), []
        counts = dict.fromkeys(KINDS, 0)
        for kind in FIRST_KINDS[:count]:  # a small world still has one of each, parents first
            counts[kind] += 1
        rest = max(0, count - len(FIRST_KINDS))
        for kind, (share, _, _) in KINDS.items():
            counts[kind] += int(rest * share)
        counts["hospital"] += count - sum(counts.values())
        ministries, health_departments = [], []
        for index in range(counts["ministry"]):
            topic = MINISTRY_TOPICS[index % len(MINISTRY_TOPICS)]
            name = self._unique(f"Bộ {topic}", taken)
            abbreviation = "B" + "".join(w[0] for w in name_key(topic).upper().split() if w.isalpha())
            ministries.append(Body(name, "ministry", None, "Hà Nội", abbreviation))
        for index in range(counts["department-of-health"]):
            province = PROVINCES[index % len(PROVINCES)]
            name = self._unique(f"Sở Y tế {province}", taken)
            health_departments.append(Body(name, "department-of-health", None, province, "SYT"))
        bodies += ministries + health_departments
        for _ in range(counts["department"]):
            ministry = rng.choice(ministries)
            name = self._unique(f"{rng.choice(DEPARTMENT_TOPICS)} {ministry.name}", taken)
            bodies.append(Body(name, "department", ministry.name, ministry.province, ministry.abbreviation))
        for kind, topics in (("hospital", None), ("center", CENTER_TOPICS), ("institute", INSTITUTE_TOPICS)):
            for _ in range(counts[kind]):
                parent = rng.choice(health_departments)
                if topics is None:
                    base = f"Bệnh viện {rng.choice(SPECIALTIES)} {self._place()} {parent.province}"
                else:
                    base = f"{rng.choice(topics)} {self._place()} {parent.province}"
                bodies.append(Body(self._unique(base, taken), kind, parent.name, parent.province, "SYT"))
        hosts = [b for b in bodies if b.kind in ("hospital", "ministry", "department-of-health", "institute")]
        for _ in range(counts["trade-union"]):
            host = rng.choice(hosts)
            name = self._unique(f"Công đoàn {host.name}", taken)
            bodies.append(Body(name, "trade-union", "Công đoàn Y tế Việt Nam", host.province, "CĐYT"))
        return bodies

    def _document_id(self, code: str, index: int) -> str:
        year = 2015 + index % 11
        return f"{100 + index}/{year}/{code}-CP" if code == "NQ" else f"{index}/{code}"

    def _assign_posts(self) -> None:
        """Every person holds at least one post; some hold two (kiêm nhiệm) or were replaced."""
        rng, people = self.rng, list(self.names)
        rng.shuffle(people)
        pool = iter(people)
        slots: list[tuple[Body, str, bool]] = []  # body, role, heads a succession
        for body in self.bodies:
            _, head, deputy = KINDS[body.kind]
            slots += [(body, head, True)] + [(body, deputy, False)] * rng.randint(1, 2)
        while len(slots) < len(people):
            body = rng.choice(self.bodies)
            slots.append((body, KINDS[body.kind][2], False))
        for body, role, heads in slots:
            holders: list[str] = []
            for _ in range(rng.randint(1, 3) if heads else 1):
                person = next(pool, None) or rng.choice(self.names)
                if person not in holders:
                    holders.append(person)
            body.posts.append({"role": role, "holders": holders})

    def sources(self) -> Iterator[dict[str, Any]]:
        for start in range(0, len(self.bodies), BODIES_PER_SOURCE):
            yield self._source(start // BODIES_PER_SOURCE + 1, self.bodies[start:start + BODIES_PER_SOURCE])

    def _source(self, number: int, bodies: list[Body]) -> dict[str, Any]:
        rng = self.rng
        day = _date(rng, 2024, 2026)
        posts, documents = [], []
        for body in bodies:
            for post in body.posts:
                posts += self._succession(body, post, documents, number)
        events, agreements = [], []
        partner = rng.choice(self.bodies)
        pair = [bodies[0].name, partner.name if partner is not bodies[0] else bodies[-1].name]
        heads = [p for p in posts if p["status"] == "current"][:3]
        cited = sorted(set(rng.sample(self.policies, k=min(2, len(self.policies)))))
        documents += [{"id": doc, "type": "Nghị quyết", "issuer": "Chính phủ",
                       "quote": f"Nghị quyết số {doc} của Chính phủ"} for doc in cited]
        if pair[0] != pair[1]:
            events.append({
                "key": "hoi-nghi", "kind": "meeting", "label": "hội nghị", "date": day, "place": bodies[0].province,
                "organizers": pair,
                "participants": [{"person": p["person"], "role": "chaired" if i == 0 else "attended"}
                                 for i, p in enumerate(heads)],
                "cites": cited,
                "quote": f"Ngày {day}, {pair[0]} và {pair[1]} tổ chức hội nghị triển khai Nghị quyết số {cited[0]}",
            })
            kind = rng.choice(AGREEMENT_KINDS)
            agreements.append({
                "key": "phoi-hop", "kind": kind, "parties": pair, "status": "signed",
                "start": day[:4], "end": str(int(day[:4]) + 5), "event": "hoi-nghi", "cites": cited[:1],
                "commitments": ["trao đổi thông tin định kỳ", "phối hợp đào tạo cán bộ"],
                "quote": f"hai bên đã ký {kind} giai đoạn {day[:4]}-{int(day[:4]) + 5}",
            })
        return {
            "format": FORMAT,
            "source": {"id": f"synthetic-{number:06d}", "publisher": "Dữ liệu tổng hợp (synthetic)",
                       "title": f"Tin tổng hợp số {number}", "event_date": day, "language": "vi"},
            "extraction": {"method": "manual", "reviewed": False, "tool": "kg generate"},
            "organizations": [self._organization(b) for b in self._named(bodies, partner)],
            "posts": posts, "documents": documents, "events": events, "agreements": agreements,
        }

    def _named(self, bodies: list[Body], partner: Body) -> list[Body]:
        """The source's bodies, its partner and their parents: every body a claims file names is declared."""
        named = {b.name: b for b in [*bodies, partner]}
        for body in list(named.values()):
            parent = self.by_name.get(body.part_of or "")
            if parent:
                named.setdefault(parent.name, parent)
        return list(named.values())

    def _organization(self, body: Body) -> dict[str, Any]:
        item: dict[str, Any] = {"name": body.name, "kind": body.kind, "quote": f"{body.name} ({body.province})"}
        if body.part_of:
            item["part_of"] = body.part_of
            item["quote"] = f"{body.name} trực thuộc {body.part_of}"
        return item

    def _succession(self, body: Body, post: dict[str, Any], documents: list, number: int) -> list[dict[str, Any]]:
        """The post's holders in order: each replaces the one before, the last is current."""
        rng, out = self.rng, []
        holders, role = post["holders"], post["role"]
        starts = sorted(_date(rng, 2010, 2025) for _ in holders)
        for index, person in enumerate(holders):
            decision = f"{number * 1000 + len(documents)}/QĐ-{body.abbreviation}"
            documents.append({"id": decision, "type": "Quyết định", "issuer": body.part_of or body.name,
                              "date": starts[index], "quote": f"Quyết định số {decision} ngày {starts[index]}"})
            current = index == len(holders) - 1
            item: dict[str, Any] = {
                "person": person, "role": role, "org": body.name, "status": "current" if current else "former",
                "start": starts[index], "appointed_by": decision,
                "quote": f"{'ông' if rng.random() < 0.6 else 'bà'} {person}, {role} {body.name}",
            }
            if not current:
                item["end"] = starts[index + 1]
                item["end_cause"] = "replaced"
            if index:
                item["replaces"] = {"person": holders[index - 1]}
            out.append(item)
        return out


def generate(out: Path, people: int, orgs: int, seed: int = 1) -> GenerateReport:
    """Write OUT/claims/synthetic-NNNNNN.json; the same arguments give the same files."""
    if people < 1 or orgs < 1:
        raise InputError("--people and --orgs must be at least 1")
    if people > MAX_PEOPLE:
        raise InputError(f"--people {people}: at most {MAX_PEOPLE} distinct invented names")
    world = _World(people, orgs, seed)
    directory = out / "claims"
    directory.mkdir(parents=True, exist_ok=True)
    for old in directory.glob("synthetic-*.json"):
        old.unlink()
    files = 0
    for document in world.sources():
        path = directory / f"{document['source']['id']}.json"
        path.write_text(json.dumps(document, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        files += 1
    posts = sum(len(p["holders"]) for b in world.bodies for p in b.posts)
    return GenerateReport(str(directory), files, people, len(world.bodies), posts)
