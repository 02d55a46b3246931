"""Commands: extract (article -> claims), ingest (extract + load), eval (score against gold)."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.options import echo_json, json_option, opened, store_option

_TEXT = click.Path(dir_okay=False, path_type=Path)


def _claims_of(path: Path, source: dict) -> dict:
    from kg.errors import InputError
    from kg.extract import extract
    from kg.yamlio import read_text

    try:
        return extract(read_text(path), source={"file": path.name, **source})
    except InputError as error:
        if error.path:
            raise
        raise InputError(str(error), path=str(path)) from None


@click.command("extract")
@click.argument("article", type=_TEXT)
@click.option("--format", "fmt", type=click.Choice(["yaml", "json"]), default="yaml", show_default=True)
@click.option("-o", "--output", type=_TEXT, default=None, help="Write to FILE instead of stdout.")
@click.option("--date", default=None, help="The date the article reports on (YYYY-MM-DD), for 'Sáng 14-3'.")
def extract_cmd(article: Path, fmt: str, output: Path | None, date: str | None) -> None:
    """Print the claims an ARTICLE (UTF-8 text) states, by rules: posts, bodies, documents,
    events, agreements, each with its quote and span in the normalised text.

    \b
    Example:
      kg extract data/sources/ngaynay-2026-01-13-byt-cdyt.txt --format json
    """
    from kg.claims import dump_claims

    text = dump_claims(_claims_of(article, {"event_date": date}), fmt)
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


@click.command("ingest")
@store_option
@click.argument("articles", nargs=-1, required=True, type=_TEXT)
@click.option("--url", default=None, help="The article's URL (one article only).")
@click.option("--date", default=None, help="Publication date YYYY-MM-DD.")
@click.option("--publisher", default=None)
def ingest_cmd(
    store_spec: str, articles: tuple[Path, ...], url: str | None, date: str | None, publisher: str | None
) -> None:
    """Extract each ARTICLE and load it as its own source graph, unreviewed.

    Claims are marked machine-extracted (method rules, reviewed false) with a
    confidence each. Ingesting the same text again replaces that source's
    graph with the same content, so nothing changes.
    """
    from kg.build import ingest_claims
    from kg.errors import InputError
    if url and len(articles) > 1:
        raise InputError("--url names one article; give one ARTICLE with it")
    claims = [_claims_of(path, {"url": url, "published": date, "publisher": publisher}) for path in articles]
    store = opened(store_spec)
    for path, document in zip(articles, claims, strict=True):
        result = ingest_claims(store, document)
        click.echo(
            f"ingested {path}: {len(document['posts'])} posts, {len(document['organizations'])} bodies, "
            f"{len(document['documents'])} documents, {len(document['events'])} events, "
            f"{len(document['agreements'])} agreements -> {result['graph']}"
        )


@click.command("eval")
@json_option
@click.argument("gold", type=_TEXT)
@click.argument("articles_dir", required=False, type=click.Path(file_okay=False, path_type=Path))
def eval_cmd(as_json: bool, gold: Path, articles_dir: Path | None) -> None:
    """Score the extractor on the sources of GOLD (seed-gold.yaml format), read from
    ARTICLES_DIR (default: beside GOLD, its ../sources, or data/sources): precision, recall and F1 for posts,
    organizations, documents and coordination pairs, then every miss and false claim.
    """
    from kg.evaluate import evaluate, format_report
    from kg.yamlio import read_text

    read_text(gold)  # a missing or unreadable gold file is a one-line error
    report = evaluate(gold, articles_dir)
    if as_json:
        echo_json(report)
    else:
        click.echo(format_report(report), nl=False)


COMMANDS = [extract_cmd, ingest_cmd, eval_cmd]
