"""Commands: viz (the graph as an offline HTML page), analyze (what the structure says)."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.options import echo_json, json_option, opened, store_option

_as_of = click.option("--as-of", "as_of", metavar="DATE",
                      help="Only what held on this day (YYYY-MM-DD): tenures not held then are hidden.")
_source = click.option("--source", "source", metavar="ID", help="Only what one source states (its id).")


@click.command()
@store_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=Path("graph.html"),
              show_default=True, help="The HTML file to write.")
@click.option("--focus", metavar="NAME", help="Centre on one person or body (diacritics optional).")
@click.option("--depth", type=int, default=1, show_default=True, help="Links around --focus to include.")
@click.option("--types", metavar="KINDS", help="Comma list of person,org,post,doc,event,agreement to keep "
                                                "(post = the tenure edges person -> body).")
@_as_of
@_source
@click.option("--open", "open_page", is_flag=True, help="Open the page in the default browser.")
@json_option
def viz(store_spec: str, output: Path, focus: str | None, depth: int, types: str | None, as_of: str | None,
        source: str | None, open_page: bool, as_json: bool) -> None:
    """Write the graph as one self-contained HTML page that works offline.

    Colour and shape by kind (legend in the page), size by degree centrality,
    edge labels in Vietnamese (English on hover or with the language switch),
    tooltips with the sources and quotes behind each node and edge. Search a
    name without diacritics; freeze the layout; collapse sub-units.

    \b
    Example:
      kg viz -o graph.html
      kg viz --focus "nguyen luong tam" --depth 2 -o tam.html --open
      kg viz --types person,org,post --as-of 2026-01-13
    """
    from kg.viz import parse_types, visualize

    kinds = parse_types(types)
    page = visualize(opened(store_spec, read_only=True), output, focus=focus, depth=depth, types=kinds,
                     as_of=as_of, source=source)
    if as_json:
        echo_json(page.as_dict())
    else:
        kinds_text = ", ".join(f"{k} {n}" for k, n in page.kinds.items())
        click.echo(f"wrote {page.path}: {page.nodes} nodes, {page.edges} edges ({kinds_text}); "
                   f"{page.bytes // 1024} KiB, works offline")
    if open_page:
        import webbrowser

        webbrowser.open(page.path.resolve().as_uri())


@click.command()
@store_option
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True, help="Rows per section.")
@_as_of
@_source
@json_option
def analyze(store_spec: str, top: int, as_of: str | None, source: str | None, as_json: bool) -> None:
    """What the network's structure says: hubs, brokers, components, communities,
    and bodies linked through shared officials.

    Computed with networkx over the projection (docs/PROJECTION.md) seen as an
    undirected graph weighted by the number of statements per link
    (docs/VIZ.md says which RDF links count).

    \b
    Example:
      kg analyze --top 5
      kg analyze --as-of 2026-01-13 --json
    """
    from kg.analytics import analyze as run_analysis
    from kg.analytics import projection, report
    graph = projection(opened(store_spec, read_only=True), as_of=as_of, source=source)
    result = run_analysis(graph, top=top)
    if as_json:
        echo_json(result.as_dict())
    else:
        click.echo(report(result), nl=False)


COMMANDS = [viz, analyze]
