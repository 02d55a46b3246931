"""Options shared by every command."""

from __future__ import annotations

import json
from typing import Any

import click

store_option = click.option(
    "--store",
    "store_spec",
    envvar="KG_STORE",
    default="oxigraph:.kg/store",
    show_default=True,
    metavar="SPEC",
    help="Store: oxigraph:PATH, memory:, or sparql:QUERY_URL[,UPDATE_URL] (env KG_STORE).",
)

json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts instead of a table.")


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))
