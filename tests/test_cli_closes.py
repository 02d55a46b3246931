"""Every command closes its store when it ends, also when it fails: the next writer gets the lock at once."""

from __future__ import annotations

from kg.cli import main
from kg.store import open_store


def test_a_failed_command_leaves_the_store_closed(runner, tmp_path):
    spec = f"oxigraph:{tmp_path / 'store'}"
    assert runner.invoke(main, ["build", "--store", spec, "-q"]).exit_code == 0
    for args in (["sparql", "--allow-update", "INSERT DATA { <http://e/a> }"],
                 ["sparql", "SELECT * WHERE { ?s ?p ?o } LIMIT 1"],
                 ["roles", "no such person at all"]):
        result = runner.invoke(main, [args[0], "--store", spec, *args[1:]])
        assert result.exit_code in (0, 2), result.output
        with open_store(spec) as store:  # a writer: fails if the command still held the store
            assert len(store) > 1000
