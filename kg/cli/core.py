"""Commands: build, validate, sparql, roles, stats."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli.options import echo_json, json_option, opened, store_option
from kg.errors import InputError

SELECT_FORMATS = ("table", "csv", "tsv", "json", "xml")
GRAPH_FORMATS = ("turtle", "trig", "nquads", "ntriples", "jsonld")


@click.command()
@store_option
@click.option("--data", "data", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The data folder (default: the project's data/, or KG_DATA).")
@click.option("-q", "--quiet", is_flag=True, help="No progress on stderr.")
@click.argument("extra", nargs=-1, type=click.Path(path_type=Path))
def build(store_spec: str, data: Path | None, quiet: bool, extra: tuple[Path, ...]) -> None:
    """Rebuild the store from data/ (ontology, gazetteer, reference data, claims).

    EXTRA claims files (.yaml/.json) or RDF files (.ttl/.trig/.nq/.jsonld) are
    loaded too, each as a source graph of its own. The old store is replaced
    only when the new one is complete.

    \b
    Example:
      kg build
      kg --store memory: build my-claims.yaml
    """
    from kg.build import build as run_build
    from kg.build import stderr_progress
    for path in extra:
        if not path.exists():
            raise InputError("no such file", path=str(path))
    store = opened(store_spec)
    report = run_build(store, data, extra, progress=(lambda _: None) if quiet else stderr_progress)
    shown = ", ".join(report.sources[:6]) + (f", … {len(report.sources) - 6} more" if len(report.sources) > 6 else "")
    click.echo(f"built {store.spec}: {report.quads} quads from {len(report.sources)} sources ({shown}); "
               f"{report.derived} derived")


@click.command()
@store_option
@json_option
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
def validate(store_spec: str, as_json: bool, files: tuple[Path, ...]) -> None:
    """Check the store (SHACL shapes + consistency); exit 1 when something fails.

    With FILES (claims or RDF), check data/ plus those files in a scratch
    store instead, without touching the store: a reviewer's pre-flight.
    Warnings (e.g. two current chairs where one source is undated) are
    listed but do not fail.
    """
    from kg.build import build as run_build
    from kg.validate import Problem, Report
    from kg.validate import validate as run_validate

    if files:
        store = opened("memory:")
        try:
            run_build(store, None, files)
            report = run_validate(store)
        except InputError as error:
            report = Report(problems=[Problem("error", error.path or "", f"line {error.line or '?'}",
                                              str(error).split(": ", 2)[-1])])
    else:
        report = run_validate(opened(store_spec, read_only=True))
    if as_json:
        echo_json(report.as_dict())
    else:
        for problem in report.problems:
            click.echo(str(problem))
        errors = sum(p.severity == "error" for p in report.problems)
        warnings = len(report.problems) - errors
        verdict = "conforms" if report.conforms else "FAILS"
        click.echo(f"{verdict}: {errors} errors, {warnings} warnings ({report.checked_quads} quads checked)")
    sys.exit(0 if report.conforms else 1)


@click.command()
@store_option
@click.argument("query", required=False)
@click.option("-f", "--file", "query_file", type=click.Path(path_type=Path), help="Read the query from a file.")
@click.option("--format", "fmt", type=click.Choice(SELECT_FORMATS + GRAPH_FORMATS), default=None,
              help="table|csv|tsv|json|xml for SELECT/ASK; turtle|trig|nquads|ntriples|jsonld for CONSTRUCT/DESCRIBE.")
@click.option("--allow-update", is_flag=True, help="Allow INSERT/DELETE/LOAD/CLEAR/DROP (off by default).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True,
              help="Cancel the query after this many seconds.")
@click.option("--max-rows", type=click.IntRange(min=1), default=100_000, show_default=True,
              help="Stop after this many result rows (a warning says so).")
def sparql(store_spec: str, query: str | None, query_file: Path | None, fmt: str | None, allow_update: bool,
           timeout: float, max_rows: int) -> None:
    """Run a SPARQL query over the union of all graphs (GRAPH ?g tells the source).

    The project's prefixes (vnh:, org:, foaf:, skos:, prov:, eli:, schema:,
    dcterms: ...) are predeclared.

    \b
    Example:
      kg sparql 'SELECT ?name WHERE { ?p a foaf:Person ; foaf:name ?name }'
      kg sparql -f my-query.rq --format csv
    """
    from kg.guard import Limits
    from kg.output import print_result
    from kg.query import run_sparql
    from kg.yamlio import read_text

    if query_file:
        query = read_text(query_file)
    if not query or not query.strip():
        raise InputError("no query: give it as an argument or with -f FILE")
    store = opened(store_spec, read_only=not allow_update)
    guarded = run_sparql(store, query, allow_update=allow_update, limits=Limits(timeout, max_rows))
    if guarded is None:
        click.echo("update applied")
        return
    print_result(guarded.result, fmt)
    if guarded.truncated:
        click.echo(f"kg: warning: stopped after {max_rows} rows (--max-rows)", err=True)


@click.command()
@store_option
@json_option
@click.argument("name")
@click.option("--as-of", "as_of", metavar="DATE", help="Posts held on this day (YYYY-MM-DD), per docs/TIME.md.")
@click.option("--all", "include_all", is_flag=True, help="Former posts (and posts of unknown status) too, with dates.")
def roles(store_spec: str, as_json: bool, name: str, as_of: str | None, include_all: bool) -> None:
    """Posts a person holds now (default), held on a day, or ever held, with sources.

    NAME matches without diacritics, case or tone-mark placement:
    `kg roles "dao hong lan"` finds Đào Hồng Lan. A post stated as current
    only by an undated source is listed as "undated source", never placed
    on a date.

    \b
    Example:
      kg roles "Đào Hồng Lan"
      kg roles "nguyen luong tam" --as-of 2026-01-13
      kg roles "Phạm Thanh Bình" --all --json
    """
    from kg.output import print_roles
    from kg.query import roles as find_roles
    if as_of and include_all:
        raise InputError("give either --as-of or --all, not both")
    answer = find_roles(opened(store_spec, read_only=True), name, as_of=as_of, include_all=include_all)
    echo_json(answer.as_dict()) if as_json else print_roles(answer)


@click.command()
@store_option
@json_option
def stats(store_spec: str, as_json: bool) -> None:
    """Counts: entities by class and quads per source graph."""
    from kg.namespaces import PREFIXES
    from kg.query import run, value
    from kg.table import render

    store = opened(store_spec, read_only=True)
    classes = [(value(r["class"]), value(r["count"])) for r in run(store, "stats-classes")]
    graphs = [(value(r["graph"]), value(r["count"])) for r in run(store, "stats-graphs")]
    if as_json:
        echo_json({"classes": dict(classes), "graphs": dict(graphs), "quads": len(store)})
        return

    def short(iri: str) -> str:
        for prefix, namespace in PREFIXES.items():
            if iri.startswith(namespace):
                return f"{prefix}:{iri[len(namespace):]}"
        return iri

    click.echo(render(["class", "entities"], [(short(c), n) for c, n in classes]))
    click.echo()
    click.echo(render(["graph", "quads"], [(short(g), n) for g, n in graphs]))
    click.echo()
    click.echo(f"{len(store)} quads in {store.spec}")


COMMANDS = [build, validate, sparql, roles, stats]
