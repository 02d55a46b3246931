"""README.md is true: every `$ kg …` command it shows runs, with the exit status and the output lines it shows.

Output lines containing "…" are elisions and are not compared; every other line shown must
appear in the real output. Commands run in order in a scratch folder (so `.kg/store` and
written files land there) that sees the project's data/ and tests/.
"""

import os
import re
import shlex
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BLOCK = re.compile(r"```console\n(.*?)```", re.DOTALL)


def examples() -> list[tuple[str, list[str]]]:
    """(command line, shown output lines) for every `$ kg` line of README.md, in order."""
    found = []
    for block in BLOCK.findall((ROOT / "README.md").read_text(encoding="utf-8")):
        for chunk in re.split(r"^\$ ", block, flags=re.MULTILINE)[1:]:
            command, *output = chunk.rstrip("\n").split("\n")
            found.append((command, [line for line in output if line.strip()]))
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    folder = tmp_path_factory.mktemp("readme")
    for name in ("data", "tests"):
        (folder / name).symlink_to(ROOT / name)
    return folder


def test_readme_starts_with_the_two_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = text[text.index("```sh"):text.index("```", text.index("```sh") + 5)]
    assert "make run" in first_block and "make test" in first_block
    assert (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1] == "make test"


def test_readme_shows_every_command():
    shown = {shlex.split(command)[1] for command, _ in examples()}
    result = subprocess.run([sys.executable, "-m", "kg", "--help"], capture_output=True, text=True, check=True)
    listed = set(re.findall(r"^  ([a-z]+)  ", result.stdout, flags=re.MULTILINE))
    assert listed and listed - shown == set()


def run_server(argv: list[str], shown: list[str], cwd: Path, env: dict) -> None:
    """`kg serve` runs until stopped: start it (on a free port), ask it one query, stop it, compare its lines."""
    import urllib.parse
    import urllib.request

    port = free_port()
    argv = [a if a != "7878" else str(port) for a in argv]
    process = subprocess.Popen([sys.executable, "-m", "kg", *argv], cwd=cwd, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        query = urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/query?{query}", timeout=2) as answer:
                    assert b"true" in answer.read()
                    break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError("kg serve did not answer")
    finally:
        process.terminate()
        output = process.communicate(timeout=10)[0]
    for line in shown:
        assert line.replace("7878", str(port)) in output.splitlines()


@pytest.mark.parametrize(("command", "shown"), examples(), ids=[c for c, _ in examples()])
def test_readme_command_works_as_shown(scratch, command, shown):
    argv = shlex.split(command)[1:]
    env = {k: v for k, v in os.environ.items() if k not in ("KG_STORE", "KG_DATA")}
    if argv[0] == "serve":
        run_server(argv, shown, scratch, env)
        return
    result = subprocess.run([sys.executable, "-m", "kg", *argv], cwd=scratch, env=env,
                            capture_output=True, text=True, timeout=300)
    output = result.stdout + result.stderr
    expected_status = 2 if any(line.startswith("kg: error:") for line in shown) else 0
    assert result.returncode == expected_status, output[-3000:]
    actual = {line.rstrip() for line in output.splitlines()}
    for line in shown:
        if "…" not in line:
            assert line.rstrip() in actual, f"README shows a line the command does not print:\n{line}\n---\n{output}"
