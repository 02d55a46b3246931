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
        click.echo({"current": "no current posts (--all lists former ones)",
                    "all": "no posts", "as-of": f"no post known to be held on {as_of}"}[scope])
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
    for post in [*posts, *undetermined]:
        who = f"{post.person}, " if person_column else ""
        for source in post.sources:
            date = f" {source['date']}" if source.get("date") else ""
            click.echo(f"  [{source['id']}{date}] {who}{post.role} {post.org}: “{source['quote']}”")
