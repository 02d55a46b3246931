"""Commands that ask the graph: holders, coordination, path, cites, show, search,
timeline, sources, source, export. Each prints a table with its evidence, or
JSON with --json; the answers come from kg.lookup, kg.graph and kg.export."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.options import echo_json, json_option, opened, store_option

as_of_option = click.option("--as-of", "as_of", metavar="DATE",
                            help="On this day (YYYY-MM-DD), per docs/TIME.md.")


def _store(spec: str):
    return opened(spec, read_only=True)


@click.command()
@store_option
@json_option
@click.argument("org")
@click.option("--role", metavar="ROLE", help='Only this role ("Chủ tịch", "chu tich").')
@as_of_option
@click.option("--deep", is_flag=True, help="Include the body's units at any depth.")
@click.option("--all", "include_all", is_flag=True, help="Former holders (and unknown status) too.")
def holders(store_spec: str, as_json: bool, org: str, role: str | None, as_of: str | None, deep: bool,
            include_all: bool) -> None:
    """Who holds posts in a body: now (default), on a day, or ever (--all).

    ORG is any name or alias of the body, with or without diacritics. A
    holder stated only by an undated source is not placed on a date: it is
    listed apart with the reason.

    \b
    Example:
      kg holders "Công đoàn Y tế Việt Nam" --role "Chủ tịch" --as-of 2026-01-13
      kg holders "bo y te" --deep --json
    """
    from kg.errors import InputError
    from kg.lookup import holders as find_holders
    from kg.output import print_holders

    if as_of and include_all:
        raise InputError("give either --as-of or --all, not both")
    answer = find_holders(_store(store_spec), org, role=role, as_of=as_of, deep=deep, include_all=include_all)
    echo_json(answer.as_dict()) if as_json else print_holders(answer)


@click.command()
@store_option
@json_option
@click.argument("org")
@click.option("--depth", type=click.IntRange(1, 5), default=1, show_default=True,
              help="2: also the bodies its partners coordinate with.")
def coordination(store_spec: str, as_json: bool, org: str, depth: int) -> None:
    """The bodies a body coordinates with, through which agreement or joint event.

    Each link gives the agreement's status and period or the event's date,
    and the source and quote that state it.

    \b
    Example:
      kg coordination "Công đoàn Y tế Việt Nam"
      kg coordination "Bộ Y tế" --depth 2 --json
    """
    from kg.lookup import coordination as find_coordination
    from kg.output import print_coordination

    answer = find_coordination(_store(store_spec), org, depth=depth)
    echo_json(answer.as_dict()) if as_json else print_coordination(answer)


@click.command()
@store_option
@json_option
@click.argument("a")
@click.argument("b")
@as_of_option
def path(store_spec: str, as_json: bool, a: str, b: str, as_of: str | None) -> None:
    """The shortest chain of stated links between two persons, bodies or documents.

    Each hop is a sentence with its source and quote. With --as-of, only
    posts held on that day count.

    \b
    Example:
      kg path "Đào Hồng Lan" "Trần Thị Mai Oanh"
      kg path "Bộ Y tế" "cong doan y te" --json
    """
    from kg.lookup import path as find_path
    from kg.output import print_path

    answer = find_path(_store(store_spec), a, b, as_of=as_of)
    echo_json(answer.as_dict()) if as_json else print_path(answer)


@click.command()
@store_option
@json_option
@click.argument("doc")
def cites(store_spec: str, as_json: bool, doc: str) -> None:
    """Who and what cites a resolution, decision or decree.

    DOC is the number as printed, the number alone, or kind and number.

    \b
    Example:
      kg cites 72-NQ/TW
      kg cites "nghị quyết 72"
    """
    from kg.lookup import cites as find_cites
    from kg.output import print_cites

    answer = find_cites(_store(store_spec), doc)
    echo_json(answer.as_dict()) if as_json else print_cites(answer)


@click.command()
@store_option
@json_option
@click.argument("name")
def show(store_spec: str, as_json: bool, name: str) -> None:
    """Everything known about one person, body or document, grouped, with sources.

    NAME is a name, an alias, a document number or an IRI.

    \b
    Example:
      kg show "Công đoàn Y tế Việt Nam"
      kg show https://w3id.org/vnhealth-kg/id/person/dao-hong-lan
    """
    from kg.lookup import show as find_show
    from kg.output import print_show

    answer = find_show(_store(store_spec), name)
    echo_json(answer.as_dict()) if as_json else print_show(answer)


@click.command()
@store_option
@json_option
@click.argument("text")
@click.option("--limit", type=click.IntRange(1, 1000), default=10, show_default=True, help="At most this many.")
def search(store_spec: str, as_json: bool, text: str, limit: int) -> None:
    """Persons, bodies, documents, events and agreements whose names match TEXT, best first.

    \b
    Example:
      kg search "cong doan"
      kg search "mai oanh" --json
    """
    from kg.lookup import search as find_search
    from kg.output import print_search

    hits = find_search(_store(store_spec), text, limit=limit)
    echo_json([h.as_dict() for h in hits]) if as_json else print_search(hits)


@click.command()
@store_option
@json_option
@click.argument("name")
def timeline(store_spec: str, as_json: bool, name: str) -> None:
    """Dated facts about a person or body in order: posts starting, stated and
    ending, events, agreement periods, units founded or dissolved (undated last).

    \b
    Example:
      kg timeline "Bộ Y tế"
      kg timeline "dao hong lan" --json
    """
    from kg.lookup import timeline as find_timeline
    from kg.output import print_timeline

    entity, moments = find_timeline(_store(store_spec), name)
    if as_json:
        echo_json({"entity": entity.as_dict(), "moments": [m.as_dict() for m in moments]})
    else:
        print_timeline(entity, moments)


@click.command()
@store_option
@json_option
def sources(store_spec: str, as_json: bool) -> None:
    """The source documents, their dates, and how much each states.

    \b
    Example:
      kg sources
      kg source ngaynay-2026-01-13-byt-cdyt
    """
    from kg.lookup import sources as list_sources
    from kg.output import print_sources

    found = list_sources(_store(store_spec))
    echo_json(found) if as_json else print_sources(found)


@click.command()
@store_option
@json_option
@click.argument("ident", metavar="ID")
def source(store_spec: str, as_json: bool, ident: str) -> None:
    """One source document: its metadata and every post, body, event,
    agreement and document it contributed, with quotes.

    \b
    Example:
      kg source laodong-cdyt-hspi-ky-ket
    """
    from kg.lookup import source as find_source
    from kg.output import print_source

    found = find_source(_store(store_spec), ident)
    echo_json(found) if as_json else print_source(found)


@click.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(["ttl", "trig", "nq", "jsonld", "graphml", "gexf", "csv"]),
              required=True, help="RDF (ttl, trig, nq, jsonld), graph (graphml, gexf for Gephi) or csv tables.")
@click.option("-o", "--output", "output", type=click.Path(path_type=Path),
              help="File (or, for csv, a folder or a .zip); RDF goes to stdout without it.")
@click.option("--source", "source_id", metavar="ID", help="Only what this source states.")
@as_of_option
def export(store_spec: str, fmt: str, output: Path | None, source_id: str | None, as_of: str | None) -> None:
    """Write the dataset (or one source graph) as RDF, graphml/gexf or csv.

    csv writes persons.csv, bodies.csv, tenures.csv, agreements.csv and
    events.csv into a folder (or a .zip). Files are replaced atomically.

    \b
    Example:
      kg export --format ttl -o kg.ttl
      kg export --format gexf -o kg.gexf
      kg export --format csv -o tables/ --source ngaynay-2026-01-13-byt-cdyt
    """
    from kg.export import export as run_export

    written = run_export(_store(store_spec), fmt, output, source=source_id, as_of=as_of)
    if output is None:
        click.echo(written.decode("utf-8"), nl=False)
    else:
        click.echo(f"wrote {output}", err=True)


COMMANDS = [holders, coordination, path, cites, show, search, timeline, sources, source, export]
