"""The graph as one self-contained, offline HTML page (pyvis template + vis-network).

`kg viz` draws the projection of kg.graph (never a second one). The page goes
through pyvis's Network and its template machinery, but with our own template
(kg/templates/graph.html): pyvis's stock template links Bootstrap from a CDN,
which offline means failed requests and console errors. vis-network's JS and
CSS are read from pyvis's installed package and inlined, so the file makes no
request at all (its Content-Security-Policy forbids any).

Safety: every data-derived string (labels, quotes, source ids) travels as
JSON in <script type="application/json"> blocks with <, >, & and U+2028/9
escaped, and the page puts it into the DOM only through textContent. Tooltips
are DOM elements, never HTML strings, so a label `<script>…` is shown as text.

Speed: pyvis's add_edge rescans every edge per call (quadratic); we fill
Network.nodes / Network.edges in one pass instead (5,000 nodes in well under
a second, see benchmarks/bench_viz.py).
"""

from __future__ import annotations

import json
import re
import secrets
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import Ambiguous, InputError, NotFound
from kg.files import write_atomic
from kg.graph import MEMBER_OF, PART_OF
from kg.paths import PACKAGE_DIR
from kg.text import name_key

if TYPE_CHECKING:
    import networkx as nx
    from pyvis.network import Network

    from kg.store import Store

TEMPLATES_DIR = PACKAGE_DIR / "templates"
TEMPLATE = "graph.html"
VIS_VERSION = "vis-9.1.2"
TIP_QUOTES = 3          # quotes shown in a hover tooltip (the side panel shows all)
EDGE_LABELS_UP_TO = 400  # more edges than this: labels off by default (toggle in the page)


@dataclass(frozen=True)
class Kind:
    vi: str
    en: str
    shape: str   # a vis-network shape drawn with the label outside, so size can scale
    color: str


KINDS: dict[str, Kind] = {  # node kinds of kg.graph's projection
    "person": Kind("Người", "Person", "dot", "#e15759"),
    "org": Kind("Cơ quan, tổ chức", "Body", "square", "#4e79a7"),
    "doc": Kind("Văn bản", "Document", "triangle", "#59a14f"),
    "event": Kind("Sự kiện", "Event", "star", "#edc948"),
    "agreement": Kind("Thỏa thuận phối hợp", "Agreement", "hexagon", "#b07aa1"),
    "other": Kind("Khác", "Other", "dot", "#bab0ac"),
}
# --types choices. A post is not a node in the projection but the tenure edge
# person -> body that names it; "post" in --types keeps those edges.
TYPES = ("person", "org", "post", "doc", "event", "agreement")
FOCUS_KINDS = ("person", "org")
EDGE_LEGEND = [
    {"text": "giữ chức vụ (nhãn: chức danh) / holds a post (label: role)", "color": "#c44e52", "width": 2,
     "style": "solid"},
    {"text": "thuộc / part of", "color": "#9aa4b1", "width": 1, "style": "dashed"},
    {"text": "liên kết khác (di chuột để xem) / other links (hover)", "color": "#9aa4b1", "width": 1,
     "style": "solid"},
]
SIZE_NOTE = "Kích thước nút = số liên kết (degree centrality) / node size = degree centrality"


@dataclass
class Page:
    """What a written page holds: the counts the browser must show too."""

    path: Path
    nodes: int
    edges: int
    kinds: dict[str, int] = field(default_factory=dict)
    focus: str | None = None
    bytes: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"path": str(self.path), "nodes": self.nodes, "edges": self.edges, "kinds": self.kinds,
                "focus": self.focus, "bytes": self.bytes}


def parse_types(text: str | None) -> frozenset[str] | None:
    """"person,org" -> {"person", "org"}; None keeps every kind; unknown kinds are errors."""
    if text is None:
        return None
    wanted = frozenset(t.strip() for t in text.split(",") if t.strip())
    unknown = sorted(wanted - set(TYPES))
    if unknown or not wanted:
        raise InputError(f"--types: unknown kind {', '.join(unknown) or repr(text)}; "
                         f"choose from {','.join(TYPES)}")
    return wanted


def node_keys(attrs: dict[str, Any]) -> list[str]:
    """Search keys of a node (label, English label, aliases), as kg.text.name_key folds them."""
    names = [attrs.get("label"), attrs.get("label_en"), *attrs.get("aliases", ())]
    return list(dict.fromkeys(name_key(n) for n in names if n))


def resolve(graph: nx.MultiDiGraph, name: str) -> str:
    """The one person or body node a typed name means (diacritics optional)."""
    import difflib

    key = name_key(name)
    candidates = {n: a for n, a in graph.nodes(data=True) if a.get("kind") in FOCUS_KINDS}
    hits = sorted(n for n, a in candidates.items() if key and key in node_keys(a))
    if len(hits) == 1:
        return hits[0]
    if hits:
        raise Ambiguous(f"--focus {name!r} names {len(hits)} nodes",
                        candidates=[f"{graph.nodes[n].get('label')} <{n}>" for n in hits])
    by_key = {k: a.get("label") or n for n, a in candidates.items() for k in node_keys(a)}
    close = difflib.get_close_matches(key, list(by_key), n=3, cutoff=0.6)
    raise NotFound(f"--focus: no person or body named {name!r}", suggestions=[by_key[k] for k in close])


def select(graph: nx.MultiDiGraph, *, focus: str | None = None, depth: int = 1,
           types: Iterable[str] | None = None) -> nx.MultiDiGraph:
    """The part of the projection to draw: an ego graph around FOCUS, then only TYPES.

    Depth counts links in either direction on the whole projection; the kind
    filter applies afterwards (the focus node itself always stays). Without
    "post" in TYPES the tenure edges (person holds a post in a body) go.
    """
    import networkx as nx

    if depth < 0:
        raise InputError(f"--depth must be 0 or more, not {depth}")
    view = graph
    if focus is not None:
        view = nx.ego_graph(graph, focus, radius=depth, undirected=True)
    if types is not None:
        keep, base = set(types), view
        posts = "post" in keep
        view = nx.subgraph_view(
            base, filter_node=lambda n: base.nodes[n].get("kind") in keep or n == focus,
            filter_edge=lambda u, v, k: posts or base.edges[u, v, k].get("predicate") != MEMBER_OF)
    return view


def _units(graph: nx.MultiDiGraph) -> dict[str, str]:
    """Each sub-unit -> its top-most ancestor body in GRAPH (for collapsing in the page)."""
    parent = {u: v for u, v, p in graph.edges(data="predicate") if p == PART_OF and u != v}
    units = {}
    for node in parent:
        top, seen = node, {node}
        while top in parent and parent[top] not in seen:
            top = parent[top]
            seen.add(top)
        units[node] = top
    return units


def _edge_detail(attrs: dict[str, Any]) -> str:
    """Role, status and dates of a tenure (or period of an agreement link), as one line."""
    parts = [f"{attrs['label_vi']} / {attrs['label_en']}" if attrs.get("role") else None,
             attrs.get("status"), f"as of {attrs['as_of']}" if attrs.get("as_of") else None]
    start, end = attrs.get("start"), attrs.get("end")
    if start or end:
        parts.append(f"{start or '?'} – {end or '?'}")
    return ", ".join(str(p) for p in parts if p)


def _node_record(node: str, a: dict[str, Any], value: int) -> dict[str, Any]:
    label = a.get("label") or str(node).rsplit("/", 1)[-1]
    return {"id": node, "label": label, "labelVi": label, "labelEn": a.get("label_en") or "",
            "group": a.get("kind") if a.get("kind") in KINDS else "other", "value": value,
            "keys": node_keys(a) or [name_key(label)], "sources": list(a.get("sources") or ()),
            "quotes": list(a.get("quotes") or ()), "posts": []}


def _edge_record(index: int, u: str, v: str, a: dict[str, Any]) -> dict[str, Any]:
    local = str(a.get("predicate", "")).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    tenure = a.get("predicate") == MEMBER_OF
    role = a.get("role") if tenure else None
    label_vi = role or a.get("label_vi") or local
    label_en = (a.get("role_en") or role) if role else a.get("label_en") or label_vi
    record = {"id": f"e{index}", "from": u, "to": v, "labelVi": label_vi, "labelEn": label_en,
              "source": a.get("source") or "", "quote": a.get("quote") or "", "detail": _edge_detail(a)}
    if tenure:
        record.update(width=2, color={"color": "#c44e52", "highlight": "#7a1f22", "hover": "#7a1f22"})
    elif a.get("predicate") == PART_OF:
        record["dashes"] = True
    return record


def page_data(graph: nx.MultiDiGraph) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """vis-network node and edge records, in one pass over the graph.

    A person's record also gathers the posts, sources and quotes of its tenure
    edges: that is where the projection keeps the evidence about people.
    """
    degree = dict(graph.degree())
    units = _units(graph)
    nodes = {n: _node_record(n, a, degree.get(n, 0)) for n, a in graph.nodes(data=True)}
    for n, top in units.items():
        nodes[n]["unit"] = top
    edges = []
    for index, (u, v, a) in enumerate(graph.edges(data=True)):
        record = _edge_record(index, u, v, a)
        edges.append(record)
        if a.get("predicate") == MEMBER_OF:
            person = nodes[u]
            person["posts"].append(f"{record['labelVi']} — {nodes[v]['label']}"
                                   + (f" ({a['status']})" if a.get("status") else ""))
            if a.get("source") and a["source"] not in person["sources"]:
                person["sources"].append(a["source"])
            if a.get("quote") and a["quote"] not in person["quotes"]:
                person["quotes"].append(a["quote"])
    return list(nodes.values()), edges


def options(nodes: int, edges: int) -> dict[str, Any]:
    """vis-network options: settle with physics once, labels legible at every scale."""
    big = nodes > 500
    return {
        "autoResize": True,
        "groups": {k: {"shape": kind.shape, "color": {"background": kind.color, "border": "#333333",
                                                         "highlight": {"background": kind.color,
                                                                       "border": "#000000"}}}
                   for k, kind in KINDS.items()},
        "nodes": {"borderWidth": 1,
                  "font": {"face": "DejaVu Sans, Liberation Sans, Arial, sans-serif", "size": 14,
                           "strokeWidth": 4, "strokeColor": "#ffffff"},
                  "scaling": {"min": 8 if big else 10, "max": 30 if big else 40,
                              "label": {"enabled": True, "min": 11 if big else 14, "max": 30 if big else 28,
                                        "maxVisible": 22, "drawThreshold": 6 if big else 5}}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}, "width": 1,
                  "color": {"color": "#9aa4b1", "highlight": "#222222", "hover": "#222222"},
                  "font": {"size": 11, "align": "middle", "color": "#333333", "strokeWidth": 3},
                  "smooth": {"enabled": not big, "type": "continuous"}},
        "physics": {"enabled": nodes > 1, "solver": "forceAtlas2Based",
                    "forceAtlas2Based": {"gravitationalConstant": -80 if big else -120,
                                         "centralGravity": 0.01, "springLength": 110 if big else 130,
                                         "springConstant": 0.06, "damping": 0.5, "avoidOverlap": 1.0},
                    "minVelocity": 1.0,
                    "stabilization": {"enabled": True, "iterations": 1000 if not big else 300 if nodes <= 2500 else 150,
                                      "updateInterval": 25, "fit": True}},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": big,
                        "hideEdgesOnZoom": big, "multiselect": True},
        "layout": {"randomSeed": 7, "improvedLayout": nodes <= 150},
    }


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS from pyvis's package, made safe to inline."""
    import pyvis

    lib = Path(pyvis.__file__).parent / "lib" / VIS_VERSION
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    js = re.sub(r"^//# sourceMappingURL=\S*$", "", js, flags=re.MULTILINE)  # no .map fetch from devtools
    return js.replace("</script", "<\\/script"), css.replace("</style", "<\\/style")


_JSON_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                 ("\u2029", "\\u2029"))


def safe_json(data: Any) -> str:
    """JSON that cannot end its <script> block or start markup, whatever the data holds."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in _JSON_ESCAPES:  # str.replace: ~20x faster than str.translate on non-ASCII text
        text = text.replace(char, escape)
    return text


def network(graph: nx.MultiDiGraph) -> Network:
    """A pyvis Network holding GRAPH, wired to our template (no add_edge calls)."""
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line")
    net.nodes, net.edges = page_data(graph)
    net.node_ids = [n["id"] for n in net.nodes]
    net.options = options(len(net.nodes), len(net.edges))
    net.set_template_dir(f"{TEMPLATES_DIR}/", TEMPLATE)  # pyvis's Jinja environment, our template
    net.templateEnv.filters["kg_json"] = safe_json
    return net


def render(graph: nx.MultiDiGraph, *, title: str = "vnhealth-kg") -> str:
    """The HTML page for GRAPH as a string."""
    net = network(graph)
    js, css = _vis_assets()
    counts = Counter(n["group"] for n in net.nodes)
    meta = {"title": title, "kinds": {k: vars(kind) for k, kind in KINDS.items()},
            "counts": dict(counts), "tipQuotes": TIP_QUOTES, "sizeNote": SIZE_NOTE,
            "edgeLabels": len(net.edges) <= EDGE_LABELS_UP_TO, "edgeLegend": EDGE_LEGEND}
    net.templateEnv.globals.update(kg_vis_js=js, kg_vis_css=css, kg_meta=meta,
                                   kg_nonce=secrets.token_urlsafe(16))
    return net.generate_html(name="graph.html")


def write(graph: nx.MultiDiGraph, path: Path, *, title: str = "vnhealth-kg") -> Page:
    """Write the page for GRAPH to PATH (UTF-8) and report what it holds."""
    html = render(graph, title=title)
    path = Path(path)
    write_atomic(path, html.encode("utf-8"))
    kinds = Counter(a.get("kind") for _, a in graph.nodes(data=True))
    return Page(path=path, nodes=graph.number_of_nodes(), edges=graph.number_of_edges(),
                kinds=dict(sorted(kinds.items())), bytes=path.stat().st_size)


def visualize(store: Store, path: Path, *, focus: str | None = None, depth: int = 1,
              types: frozenset[str] | None = None, as_of: str | None = None,
              source: str | None = None) -> Page:
    """`kg viz`: project the store, select the view, write the page."""
    from kg.analytics import projection

    graph = projection(store, as_of=as_of, source=source)
    center = resolve(graph, focus) if focus else None
    view = select(graph, focus=center, depth=depth, types=types)
    parts = [f"trung tâm / focus: {graph.nodes[center].get('label')} (depth {depth})" if center else None,
             f"as of {as_of}" if as_of else None, f"source {source}" if source else None]
    title = " · ".join(["vnhealth-kg", *filter(None, parts)])
    page = write(view, path, title=title)
    page.focus = center
    return page
