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
    click.echo(f"{answer.person.label} <{answer.person.iri}>")
    rows = []
    for post in answer.posts:
        dates = " – ".join(x or "?" for x in (post.start, post.end)) if post.start or post.end else ""
        as_of = f"as of {post.as_of}" if post.as_of else ""
        sources = "; ".join(s["id"] for s in post.sources)
        rows.append([post.role, post.org, post.status, dates or as_of, sources])
    click.echo(render(["role", "body", "status", "when", "sources"], rows))
    for post in answer.posts:
        for source in post.sources:
            click.echo(f"  [{source['id']}] {post.role} {post.org}: “{source['quote']}”")
