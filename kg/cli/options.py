"""Options shared by every command."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import click


def _set_wait(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    import kg.store

    kg.store.WAIT_FOR_WRITER = True if value else None


def store_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """--store SPEC (env KG_STORE) and --wait, for every command that opens the store."""
    command = click.option(
        "--wait", is_flag=True, expose_value=False, callback=_set_wait,
        help="If another process is writing the store, wait for it instead of failing (env KG_WAIT=1).",
    )(command)
    return click.option(
        "--store", "store_spec", envvar="KG_STORE", default="oxigraph:.kg/store", show_default=True,
        metavar="SPEC", help="Store: oxigraph:PATH, memory:, or sparql:QUERY_URL[,UPDATE_URL] (env KG_STORE).",
    )(command)

def opened(spec: str, *, read_only: bool = False) -> Any:
    """The store, closed (and its writer lock released) when the command ends, whatever happens."""
    from kg.store import open_store

    return click.get_current_context().with_resource(open_store(spec, read_only=read_only))


json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts instead of a table.")


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))
