"""The `kg` command: a thin click layer over the library.

Command modules are imported when the group is built; each keeps heavy imports
(rdflib, networkx, pyvis) inside its command bodies so `kg roles` starts fast.
"""

from __future__ import annotations

import importlib
import sys

import click

from kg.errors import KGError

COMMAND_MODULES = (
    "kg.cli.core",
    "kg.cli.extract",
    "kg.cli.lookup",
    "kg.cli.visual",
    "kg.cli.server",
)


class _Group(click.Group):
    def invoke(self, ctx: click.Context):  # one-line errors, exit 2, no traceback
        try:
            return super().invoke(ctx)
        except KGError as error:
            click.echo(f"kg: error: {error}", err=True)
            sys.exit(error.exit_code)
        except click.UsageError as error:  # click's own are several lines: keep one, name the help
            command = error.ctx.command_path if error.ctx else "kg"
            message = " ".join(error.format_message().split())
            click.echo(f"kg: error: {message} (see `{command} --help`)", err=True)
            sys.exit(2)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="vnhealth-kg", prog_name="kg")
def main() -> None:
    """vnhealth-kg: a knowledge graph of Vietnam's health-sector bodies, officials and policies.

    Every fact carries its source and the quote that states it. The store is
    chosen with --store or KG_STORE: `oxigraph:PATH` (default `.kg/store`),
    `memory:`, or `sparql:QUERY_URL[,UPDATE_URL]`.

    \b
    Start with:
      kg build                 load data/ into the store
      kg roles "dao hong lan"  posts a person holds, with sources
      kg sparql "SELECT ..."   ask anything
    """


for _name in COMMAND_MODULES:
    for _command in importlib.import_module(_name).COMMANDS:
        main.add_command(_command)
