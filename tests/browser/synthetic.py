"""Generated graphs shaped like kg.graph's projection, for the benchmark and the 2,000-node page test.

Invented people and bodies only (random combinations of common Vietnamese
name parts): never facts about real people. Attributes follow the projection
contract: nodes carry label, label_en, kind, sources, quotes; edges carry
predicate, label_vi, label_en, source, quote (+ role and status on tenure edges).
"""

from __future__ import annotations

import random

import networkx as nx

from kg.graph import EDGE_KINDS
from kg.namespaces import expand

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
MIDDLE = ["Văn", "Thị", "Hồng", "Minh", "Thanh", "Quốc", "Đức", "Ngọc", "Xuân", "Hữu"]
GIVEN = ["Hùng", "Dũng", "Hương", "Mai", "Sơn", "Hà", "Phương", "Long", "Thủy", "Khoa", "Quân", "Yến"]
BODY = ["Vụ", "Cục", "Viện", "Bệnh viện", "Trung tâm", "Ban", "Văn phòng", "Sở Y tế"]
FIELD = ["Kế hoạch - Tài chính", "Tổ chức cán bộ", "Y tế dự phòng", "Dược", "Khoa học công nghệ",
         "Pháp chế", "Quản lý khám chữa bệnh", "Truyền thông", "Hợp tác quốc tế", "Dân số"]
ROLES = [("Giám đốc", "Director"), ("Phó Giám đốc", "Deputy Director"), ("Vụ trưởng", "Director General"),
         ("Chủ tịch", "Chairman"), ("Ủy viên", "Member"), ("Trưởng ban", "Head")]
LINKS = {  # (from kind, to kind): the projection's predicate for that link
    ("person", "org"): expand("org:memberOf"),
    ("org", "org"): expand("org:subOrganizationOf"),
    ("person", "event"): expand("prov:wasAssociatedWith"),
    ("org", "event"): expand("schema:organizer"),
    ("org", "agreement"): expand("vnh:party"),
    ("doc", "org"): expand("eli:passed_by"),
    ("event", "doc"): expand("dcterms:references"),
}
SHARES = {"org": 0.16, "person": 0.5, "doc": 0.1, "event": 0.14, "agreement": 0.1}


def _label(kind: str, index: int, rnd: random.Random) -> tuple[str, str]:
    if kind == "person":
        return f"{rnd.choice(FAMILY)} {rnd.choice(MIDDLE)} {rnd.choice(GIVEN)} {index}", ""
    if kind == "org":
        return f"{rnd.choice(BODY)} {rnd.choice(FIELD)} {index}", f"Body {index}"
    if kind == "doc":
        return f"Quyết định {index}/QĐ-BYT", f"Decision {index}/QD-BYT"
    if kind == "event":
        return f"Hội nghị tổng kết {index}", f"Review conference {index}"
    return f"Quy chế phối hợp {index}", f"Coordination rules {index}"


def synthetic_graph(n: int, seed: int = 1) -> nx.MultiDiGraph:
    """About N nodes and 1.3 N edges, with the projection's attributes and realistic text."""
    rnd = random.Random(seed)
    graph = nx.MultiDiGraph()
    by_kind: dict[str, list[str]] = {}
    for kind, share in SHARES.items():
        for i in range(max(1, round(n * share))):
            node = f"https://w3id.org/vnhealth-kg/id/{kind}/synthetic-{i}"
            label, label_en = _label(kind, i, rnd)
            source = f"bao-{rnd.randrange(40)}"
            graph.add_node(node, label=label, label_en=label_en, kind=kind, sources=[source],
                           quotes=[f"… {label} đã phát biểu tại hội nghị …"])
            by_kind.setdefault(kind, []).append(node)

    def link(u: str, v: str, from_kind: str, to_kind: str) -> None:
        predicate = LINKS[(from_kind, to_kind)]
        kind = EDGE_KINDS[predicate]
        extra = {}
        if from_kind == "person" and to_kind == "org":
            role, role_en = rnd.choice(ROLES)
            extra = {"role": role, "role_en": role_en, "status": rnd.choice(["current", "former", "unknown"])}
        graph.add_edge(u, v, predicate=predicate, label_vi=kind.label_vi, label_en=kind.label_en,
                       source=f"bao-{rnd.randrange(40)}", **extra,
                       quote=f"{graph.nodes[u]['label']} {kind.label_vi} {graph.nodes[v]['label']}")

    orgs = by_kind["org"]
    for i, org in enumerate(orgs[1:], start=1):  # a forest of bodies: each under an earlier one
        if rnd.random() < 0.8:
            link(org, orgs[rnd.randrange(max(1, i // 3 + 1))], "org", "org")
    for person in by_kind["person"]:
        for org in rnd.sample(orgs, k=min(len(orgs), rnd.choice([1, 1, 1, 2]))):
            link(person, org, "person", "org")
        if rnd.random() < 0.3:
            link(person, rnd.choice(by_kind["event"]), "person", "event")
    for event in by_kind["event"]:
        link(rnd.choice(orgs), event, "org", "event")
        if rnd.random() < 0.5:
            link(event, rnd.choice(by_kind["doc"]), "event", "doc")
    for doc in by_kind["doc"]:
        link(doc, rnd.choice(orgs), "doc", "org")
    for agreement in by_kind["agreement"]:
        for org in rnd.sample(orgs, k=min(len(orgs), 2)):
            link(org, agreement, "org", "agreement")
    return graph
