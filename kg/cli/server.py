"""Commands: serve (the SPARQL 1.1 Protocol endpoint), generate (a synthetic dataset)."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.options import echo_json, json_option, store_option


@click.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (loopback by default; 0.0.0.0 exposes the endpoint to the network).")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--allow-update", is_flag=True, help="Accept SPARQL updates and Graph Store writes (403 otherwise).")
@click.option("--timeout", default=30, show_default=True, type=click.IntRange(1),
              help="Cancel a query after this many seconds (answer 503).")
@click.option("--limit", default=10_000, show_default=True, type=click.IntRange(1),
              help="Return at most this many result rows (or triples); header X-KG-Truncated tells.")
def serve(store_spec: str, host: str, port: int, allow_update: bool, timeout: int, limit: int) -> None:
    """Serve the store over the SPARQL 1.1 Protocol, with a query page at /.

    /query takes GET, POST form and POST direct queries and answers in SPARQL
    JSON, XML, CSV, TSV, Turtle or N-Quads by Accept header; the default graph
    is the union of all graphs. Read-only unless --allow-update (/update and
    /store writes get 403). Runs Oxigraph's own server underneath; stop with
    Ctrl-C. Restart it after `kg build`.

    \b
    Example:
      kg serve --port 7878
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 3' \\
           http://127.0.0.1:7878/query
    """
    from kg.server import ServeConfig
    from kg.server import serve as run_server

    config = ServeConfig(store=store_spec, host=host, port=port, allow_update=allow_update,
                         timeout=timeout, limit=limit)
    run_server(config, announce=lambda line: click.echo(f"kg: {line}", err=True))


@click.command()
@click.option("--people", required=True, type=click.IntRange(1), help="Number of invented persons.")
@click.option("--orgs", required=True, type=click.IntRange(1), help="Number of bodies.")
@click.option("--seed", default=1, show_default=True, help="Random seed: the same seed gives the same files.")
@click.option("-o", "--out", "out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Output folder; claims go to OUT/claims/.")
@json_option
def generate(people: int, orgs: int, seed: int, out: Path, as_json: bool) -> None:
    """Write a synthetic health-sector dataset as claims files (for tests and benchmarks).

    Invented people with Vietnamese names hold posts in ministries and their
    departments, provincial Departments of Health, hospitals, centres,
    institutes and trade unions, with successions, appointing decisions,
    joint meetings, agreements and document citations. About 45 quads per
    person: --people 22000 --orgs 4400 makes ~1M, --people 220000 --orgs 44000 ~10M.

    \b
    Example:
      kg generate --people 1000 --orgs 200 -o /tmp/synth
      kg build --store oxigraph:/tmp/synth/store /tmp/synth/claims/*.json
    """
    from kg.generate import generate as run_generate

    report = run_generate(out, people, orgs, seed)
    if as_json:
        echo_json(report.as_dict())
        return
    click.echo(f"wrote {report.files} claims files to {report.directory}: {report.people} persons, "
               f"{report.organizations} bodies, {report.posts} tenures")


COMMANDS = [serve, generate]
