"""Printing answers for people: tables by default, the standard formats on request."""

from __future__ import annotations

import sys
from typing import Any

import click
import pyoxigraph as ox

from kg.namespaces import PREFIXES
from kg.table import render

RESULT_FORMATS = {
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
}
GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
}


def short(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, namespace in PREFIXES.items():
            if term.value.startswith(namespace):
                return f"{prefix}:{term.value[len(namespace):]}"
        return f"<{term.value}>"
    if isinstance(term, ox.Literal):
        return term.value + (f"@{term.language}" if term.language and term.language != "vi" else "")
    return str(term)


def print_result(result: Any, fmt: str | None) -> None:
    """Print a query result: SELECT/ASK as table or results format, graphs as RDF."""
    if isinstance(result, ox.QueryBoolean):
        if fmt in RESULT_FORMATS:
            sys.stdout.buffer.write(result.serialize(format=RESULT_FORMATS[fmt]))
        else:
            click.echo("true" if bool(result) else "false")
        return
    if isinstance(result, ox.QuerySolutions):
        fmt = fmt or "table"
        if fmt in GRAPH_FORMATS:
            raise click.UsageError(f"--format {fmt} is for CONSTRUCT/DESCRIBE; use table|csv|tsv|json|xml")
        if fmt == "table":
            names = [v.value for v in result.variables]
            rows = [[short(row[n]) for n in names] for row in result]
            click.echo(render(names, rows))
            click.echo(f"({len(rows)} rows)")
        else:
            sys.stdout.buffer.write(result.serialize(format=RESULT_FORMATS[fmt]))
        return
    fmt = fmt or "turtle"
    if fmt not in GRAPH_FORMATS:
        raise click.UsageError(f"--format {fmt} is for SELECT/ASK; use turtle|trig|nquads|ntriples|jsonld")
    sys.stdout.buffer.write(ox.serialize(result, format=GRAPH_FORMATS[fmt], prefixes=PREFIXES))


def print_roles(answer: Any) -> None:
    """A person's posts: a table, the notes on what cannot be dated, then each quote."""
    click.echo(f"{answer.person.label} <{answer.person.iri}>")
    print_holdings(answer.posts, answer.undetermined, answer.as_of, scope=answer.scope, person_column=False)


def _status(holding: Any) -> str:
    return f"{holding.status} (acting)" if holding.acting else holding.status


def print_holdings(posts: list[Any], undetermined: list[Any], as_of: str | None, *, scope: str,
                   person_column: bool) -> None:
    """Holdings (kg.lookup.Holding) as a table with their sources and quotes."""
    if not posts:
        what = "holders" if person_column else "posts"
        click.echo({"current": f"no current {what} (--all lists former ones)", "all": f"no {what}",
                    "as-of": f"no {what} known on {as_of}"}[scope])
    else:
        headers = ["person"] * person_column + ["role", "body", "status", "when", "sources"]
        rows = []
        for post in posts:
            when = post.when + (f" (replaced by {', '.join(post.replaced_by)})" if post.replaced_by else "")
            rows.append([post.person] * person_column
                        + [post.role, post.org, _status(post), when, "; ".join(s["id"] for s in post.sources)])
        click.echo(render(headers, rows))
    for post in undetermined:
        who = f"{post.person}: " if person_column else ""
        click.echo(f"  not placed on {as_of}: {who}{post.role} {post.org} ({post.note}; "
                   f"{'; '.join(s['id'] for s in post.sources)})")
    print_evidence((f"{post.person + ', ' if person_column else ''}{post.role} {post.org}", source)
                   for post in [*posts, *undetermined] for source in post.sources)


def print_evidence(items: Any) -> None:
    """One line per (what, source): "[source-id date] what: “quote”", each once."""
    seen = set()
    for what, source in items:
        date = f" {source['date']}" if source.get("date") else ""
        quote = f": “{source['quote']}”" if source.get("quote") else " (no quote: see the source)"
        line = f"  [{source['id']}{date}] {what}{quote}"
        if line not in seen:
            seen.add(line)
            click.echo(line)


def print_holders(answer: Any) -> None:
    scope = {"current": "current holders", "all": "all holders", "as-of": f"holders on {answer.as_of}"}[answer.scope]
    role = f", {answer.role.label}" if answer.role else ""
    units = " and its units" if answer.deep else ""
    click.echo(f"{answer.org.label}{units} <{answer.org.iri}>{role}: {scope}")
    print_holdings(answer.holders, answer.undetermined, answer.as_of, scope=answer.scope, person_column=True)


def _link_when(link: dict[str, Any]) -> str:
    if link["kind"] == "event":
        return link.get("start") or "undated"
    return " – ".join(x or "?" for x in (link.get("start"), link.get("end"))) if link.get("start") or link.get(
        "end") else "period not stated"


def print_coordination(answer: Any) -> None:
    click.echo(f"{answer.org.label} <{answer.org.iri}> coordinates with:")
    if not answer.partners:
        click.echo("no coordination known")
        return
    headers = ["body", "english"] + ["via"] * (answer.depth > 1) + ["through", "kind", "status", "when", "source"]
    rows = []
    for partner in answer.partners:
        for link in partner.links:
            rows.append([partner.label, partner.label_en or ""] + [partner.via or ""] * (answer.depth > 1)
                        + [link["label"], link["kind"], link["status"] or "", _link_when(link), link["source"]["id"]])
    click.echo(render(headers, rows))
    print_evidence((f"{p.label}: {link['label']}", link["source"]) for p in answer.partners for link in p.links)


def print_path(answer: Any) -> None:
    click.echo(answer.chain)
    for number, hop in enumerate(answer.hops, start=1):
        source = hop.source
        cited = " ".join(x for x in (source["id"], source.get("date")) if x)
        quote = f" “{source['quote']}”" if source.get("quote") else ""
        quote = quote or (f" ({source['title']})" if source.get("title") else "")
        click.echo(f"  {number}. {hop.sentence}  [{cited}]{quote}")


def print_cites(answer: Any) -> None:
    attrs = answer.attributes
    click.echo(f"{attrs.get('label') or answer.doc.label} <{answer.doc.iri}>")
    if not answer.citers:
        click.echo("nothing in the graph cites it")
        return
    rows = [[c["kind"], c["label"], ", ".join(c["who"]), c["relation"], c["date"] or "", c["source"]["id"]]
            for c in answer.citers]
    click.echo(render(["kind", "citing", "who", "relation", "date", "source"], rows))
    print_evidence((c["label"], c["source"]) for c in answer.citers)


def print_show(answer: Any) -> None:
    attrs = answer.attributes
    click.echo(f"{attrs.get('label') or answer.entity.label} <{answer.entity.iri}> ({attrs.get('kind')})")
    for key in ("label_en", "prefix", "date", "start", "end", "status", "founded", "dissolved", "place"):
        if attrs.get(key):
            click.echo(f"  {key}: {attrs[key]}")
    if attrs.get("sources"):
        click.echo(f"  sources: {', '.join(attrs['sources'])}")
    for quote in attrs.get("quotes", []):
        click.echo(f"  “{quote}”")
    for relation, found in answer.groups().items():
        click.echo(f"\n{relation}:")
        rows = [[f.other_label, f.detail, " ".join(x for x in (f.source["id"], f.source.get("date")) if x)]
                for f in found]
        click.echo(render(["", "detail", "source"], rows))
    print_evidence((f"{f.relation} {f.other_label}", f.source) for f in answer.facts)


def print_search(hits: list[Any]) -> None:
    if not hits:
        click.echo("no match")
        return
    rows = [[h.label, h.kind, h.matched if h.matched != h.label else "", f"{h.score:.2f}", h.iri] for h in hits]
    click.echo(render(["name", "kind", "matched", "score", "iri"], rows, max_width=80))


def print_timeline(entity: Any, moments: list[Any]) -> None:
    click.echo(f"{entity.label} <{entity.iri}>")
    if not moments:
        click.echo("no dated facts")
        return
    rows = [[m.date or "undated", m.what, m.source["id"] or ""] for m in moments]
    click.echo(render(["date", "fact", "source"], rows, max_width=100))
    print_evidence((m.what, m.source) for m in moments if m.source["id"])


def print_sources(found: list[dict[str, Any]]) -> None:
    rows = [[s["id"], s["date"] or "undated", s["publisher"] or "", s["title"] or "",
             ", ".join(f"{n} {k}" for k, n in sorted(s["contributes"].items()))] for s in found]
    click.echo(render(["source", "date", "publisher", "title", "states"], rows, max_width=70))


def print_source(found: dict[str, Any]) -> None:
    click.echo(f"{found['id']} <{found['iri']}>")
    for key in ("title", "publisher", "author", "date", "url", "file", "claims_file", "method", "reviewed"):
        if found.get(key) is not None:
            click.echo(f"  {key}: {found[key]}")
    click.echo(f"  {found['quads']} quads, {found['edges']} links in the projection")
    if found["tenures"]:
        click.echo("\nposts:")
        rows = [[t["person"], t["role"], t["org"], t["status"], t["as_of"] or t["start"] or ""]
                for t in found["tenures"]]
        click.echo(render(["person", "role", "body", "status", "when"], rows))
    for kind, items in found["entities"].items():
        click.echo(f"\n{kind}s:")
        for item in items:
            quote = f": “{item['quotes'][0]}”" if item["quotes"] else ""
            click.echo(f"  {item['label']}{quote}")
