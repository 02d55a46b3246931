"""Running `kg` commands in tests: output of a successful run, or its JSON."""

import json
from typing import Any

from kg.cli import main


def invoke(runner, store: str, *args: str) -> str:
    result = runner.invoke(main, [*args, "--store", store])
    assert result.exit_code == 0, result.output
    return result.output


def invoke_json(runner, store: str, *args: str) -> Any:
    return json.loads(invoke(runner, store, *args, "--json"))
