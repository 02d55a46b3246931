"""The bad-input matrix: every command, every kind of bad input, one clear line and the right exit status.

Each row is (command line, expected exit status, text the message must contain). Placeholders:
{tmp} is a folder of prepared bad files, {store} a built store that must not change.
Rows that need unreadable files or read-only folders drop root's override capabilities.
"""

import json
import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from kg.store import open_store

CLAIMS = """format: vnhealth-claims/1
source: {id: matrix}
posts:
  - {person: Lê Thị Thử, role: Giám đốc, org: Sở Y tế Thử Nghiệm, status: current, quote: "bà Lê Thị Thử"}
organizations:
  - {name: Sở Y tế Thử Nghiệm, quote: "Sở Y tế Thử Nghiệm"}
"""
NFD_NAME = unicodedata.normalize("NFD", "Đào Hồng Lan")

ROWS = [
    # (id, argv, exit status, message must contain)
    ("build-missing-file", ["build", "{tmp}/missing.yaml"], 2, "{tmp}/missing.yaml: no such file"),
    ("build-directory", ["build", "{tmp}/adir"], 2, "{tmp}/adir: is a directory"),
    ("build-unreadable", ["build", "{tmp}/secret.yaml"], 2, "{tmp}/secret.yaml"),
    ("build-empty", ["build", "{tmp}/empty.yaml"], 2, "{tmp}/empty.yaml:1: a claims file must be a mapping"),
    ("build-binary", ["build", "{tmp}/bin.yaml"], 2, "{tmp}/bin.yaml: binary file"),
    ("build-malformed-yaml", ["build", "{tmp}/bad.yaml"], 2, "{tmp}/bad.yaml:3: malformed YAML"),
    ("build-malformed-turtle", ["build", "{tmp}/bad.ttl"], 2, "{tmp}/bad.ttl:2: malformed RDF"),
    ("build-malformed-jsonld", ["build", "{tmp}/bad.jsonld"], 2, "{tmp}/bad.jsonld:1: malformed RDF"),
    ("build-malformed-json-claims", ["build", "{tmp}/bad.json"], 2, "{tmp}/bad.json:1: malformed JSON"),
    ("build-date-not-a-date", ["build", "{tmp}/date.yaml"], 2, "{tmp}/date.yaml:4: post 'start': '2026-02-30'"),
    ("build-one-party", ["build", "{tmp}/party.yaml"], 2, "expected at least 2 entries, got 1"),
    ("build-dangling-body", ["build", "{tmp}/dangling.yaml"], 2,
     "{tmp}/dangling.yaml:4: post 'org' names unknown body 'Sở Y Tế Không Có'"),
    ("build-dangling-event", ["build", "{tmp}/dangling-event.yaml"], 2, "names unknown event 'khong-co'"),
    ("build-duplicate-source-id", ["build", "{tmp}/dup1.yaml", "{tmp}/dup2.yaml"], 2,
     "source id 'matrix' is also used by {tmp}/dup1.yaml"),
    ("build-duplicate-event-key", ["build", "{tmp}/dup-key.yaml"], 2, "duplicate event key 'hop'"),
    ("build-unknown-key", ["build", "{tmp}/unknown-key.yaml"], 2, "unknown key 'salary' in post"),
    ("build-read-only-store-dir", ["build", "--store", "oxigraph:{tmp}/ro/store"], 2,
     "cannot write the store at {tmp}/ro/store: permission denied"),
    ("ingest-missing", ["ingest", "{tmp}/missing.txt"], 2, "{tmp}/missing.txt: no such file"),
    ("ingest-directory", ["ingest", "{tmp}/adir"], 2, "{tmp}/adir"),
    ("ingest-binary", ["ingest", "{tmp}/bin.txt"], 2, "{tmp}/bin.txt: binary file"),
    ("ingest-unreadable", ["ingest", "{tmp}/secret.txt"], 2, "{tmp}/secret.txt' is not readable"),
    ("ingest-latin1", ["ingest", "{tmp}/latin1.txt"], 2, "{tmp}/latin1.txt:1: not UTF-8 text"),
    ("ingest-huge-line", ["ingest", "{tmp}/huge.txt"], 2, "{tmp}/huge.txt"),
    ("extract-empty", ["extract", "{tmp}/empty.txt", "--format", "json"], 0, '"format": "vnhealth-claims/1"'),
    ("extract-unknown-format", ["extract", "{tmp}/empty.txt", "--format", "xml"], 2, "'xml' is not one of"),
    ("extract-huge-line", ["extract", "{tmp}/huge.txt"], 2, "{tmp}/huge.txt"),
    ("extract-nfd-old-tone", ["extract", "{tmp}/nfd.txt", "--format", "json"], 0, "Ủy viên"),
    ("sparql-empty-file", ["sparql", "-f", "{tmp}/empty.rq"], 2, "no query"),
    ("sparql-missing-file", ["sparql", "-f", "{tmp}/missing.rq"], 2, "{tmp}/missing.rq: no such file"),
    ("sparql-update-read-only", ["sparql", "DELETE WHERE { ?s ?p ?o }"], 2, "this is a SPARQL update (DELETE)"),
    ("sparql-unknown-format", ["sparql", "ASK {}", "--format", "pdf"], 2, "'pdf' is not one of"),
    ("sparql-malformed", ["sparql", "SELECT ?x WHERE { ?x"], 2, "SPARQL: error at 1:"),
    ("sparql-negative-timeout", ["sparql", "ASK {}", "--timeout", "-1"], 2, "--timeout"),
    ("roles-nfd-name", ["roles", NFD_NAME, "--json"], 0, '"person": "Đào Hồng Lan"'),
    ("roles-unknown", ["roles", "Không Có Ai"], 2, "no person named 'Không Có Ai'"),
    ("roles-huge-name", ["roles", "x" * 100_000], 2, "no person named 'xxxx"),
    ("roles-bad-as-of", ["roles", "dao hong lan", "--as-of", "13/01/2026"], 2, "'13/01/2026' is not a date"),
    ("roles-impossible-as-of", ["roles", "dao hong lan", "--as-of", "2026-02-30"], 2, "'2026-02-30' is not a date"),
    ("holders-old-tone", ["holders", "Uỷ ban Không Có"], 2, "no body named 'Uỷ ban Không Có'"),
    ("holders-nfd-body", ["holders", unicodedata.normalize("NFD", "Công đoàn Y tế Việt Nam"), "--json"], 0,
     "Nguyễn Lương Tâm"),
    ("holders-bad-as-of", ["holders", "Bộ Y tế", "--as-of", "2026/01/13"], 2, "'2026/01/13' is not a date"),
    ("viz-negative-depth", ["viz", "--focus", "Bộ Y tế", "--depth", "-1", "-o", "{tmp}/g.html"], 2,
     "--depth must be 0 or more, not -1"),
    ("viz-huge-depth", ["viz", "--focus", "Bộ Y tế", "--depth", "1000000000", "-o", "{tmp}/g.html"], 0,
     "works offline"),
    ("viz-unknown-type", ["viz", "--types", "person,planet", "-o", "{tmp}/g.html"], 2, "planet"),
    ("viz-bad-as-of", ["viz", "--as-of", "yesterday", "-o", "{tmp}/g.html"], 2, "'yesterday' is not a date"),
    ("viz-output-is-directory", ["viz", "-o", "{tmp}/adir"], 2, "{tmp}/adir"),
    ("coordination-negative-depth", ["coordination", "Bộ Y tế", "--depth", "-1"], 2, "--depth"),
    ("export-unknown-format", ["export", "--format", "xml"], 2, "'xml' is not one of"),
    ("export-output-is-directory", ["export", "--format", "ttl", "-o", "{tmp}/adir"], 2, "{tmp}/adir"),
    ("export-read-only-dir", ["export", "--format", "ttl", "-o", "{tmp}/ro/out.ttl"], 2, "{tmp}/ro/out.ttl"),
    ("export-unknown-source", ["export", "--format", "ttl", "--source", "khong-co"], 2, "khong-co"),
    ("serve-bad-port", ["serve", "--port", "99999"], 2, "99999"),
    ("serve-missing-store", ["serve", "--store", "oxigraph:{tmp}/nostore", "--port", "0"], 2,
     "no store at {tmp}/nostore"),
]
WRITERS = {"build", "ingest", "sparql"}
STORELESS = {"extract", "eval"}


def prepare(tmp: Path) -> None:
    (tmp / "adir").mkdir()
    for name in ("empty.yaml", "empty.txt", "empty.rq"):
        (tmp / name).write_text("", encoding="utf-8")
    for name in ("secret.yaml", "secret.txt"):
        (tmp / name).write_text(CLAIMS, encoding="utf-8")
        (tmp / name).chmod(0)
    (tmp / "bin.yaml").write_bytes(b"\x00\x01format\x02")
    (tmp / "bin.txt").write_bytes(bytes(range(256)) * 4)
    (tmp / "latin1.txt").write_bytes("Bộ Y tế".encode()[:2] + b"\xe9t\xe9")
    (tmp / "huge.txt").write_text("Bộ Y tế " * 1_400_000, encoding="utf-8")  # ~11 MB on one line
    (tmp / "nfd.txt").write_text(unicodedata.normalize(
        "NFD", "Sáng 5/3, đồng chí Lê Văn Thử, Uỷ viên Ban Thường vụ, Chủ tịch Công đoàn Y tế Việt Nam, dự hội nghị."),
        encoding="utf-8")
    (tmp / "bad.yaml").write_text("format: vnhealth-claims/1\nsource: {id: x\nposts: [\n", encoding="utf-8")
    (tmp / "bad.ttl").write_text("@prefix ex: <http://example.org/> .\nex:a ex:b .\n", encoding="utf-8")
    (tmp / "bad.jsonld").write_text('{"@context": {"ex": "http://example.org/"}, "@id": ', encoding="utf-8")
    (tmp / "bad.json").write_text('{"format": "vnhealth-claims/1", ', encoding="utf-8")
    (tmp / "date.yaml").write_text(CLAIMS.replace("status: current", "status: current, start: 2026-02-30"),
                                   encoding="utf-8")
    (tmp / "party.yaml").write_text(CLAIMS + "agreements:\n  - {key: a, kind: quy chế phối hợp, parties: [Bộ Y tế], "
                                    "quote: q}\n", encoding="utf-8")
    (tmp / "dangling.yaml").write_text(CLAIMS.replace("org: Sở Y tế Thử Nghiệm", "org: Sở Y Tế Không Có"),
                                       encoding="utf-8")
    (tmp / "dangling-event.yaml").write_text(CLAIMS + "agreements:\n  - {key: a, kind: quy chế phối hợp, "
                                             "parties: [Bộ Y tế, Sở Y tế Thử Nghiệm], event: khong-co, quote: q}\n",
                                             encoding="utf-8")
    (tmp / "dup1.yaml").write_text(CLAIMS, encoding="utf-8")
    (tmp / "dup2.yaml").write_text(CLAIMS, encoding="utf-8")
    (tmp / "dup-key.yaml").write_text(CLAIMS + "events:\n  - {key: hop, kind: meeting, quote: a}\n"
                                      "  - {key: hop, kind: meeting, quote: b}\n", encoding="utf-8")
    (tmp / "unknown-key.yaml").write_text(CLAIMS.replace("status: current", "status: current, salary: 3"),
                                          encoding="utf-8")
    (tmp / "ro").mkdir()
    (tmp / "ro").chmod(0o555)


@pytest.fixture(scope="module")
def matrix_dirs(tmp_path_factory, built_store_path):
    tmp = tmp_path_factory.mktemp("matrix")
    prepare(tmp)
    store = tmp_path_factory.mktemp("matrix-store") / "store"
    shutil.copytree(built_store_path.removeprefix("oxigraph:"), store)
    yield tmp, f"oxigraph:{store}"
    (tmp / "ro").chmod(0o755)


def unprivileged() -> list[str]:
    """Root ignores file permissions: drop the capabilities that let it, as a real user would lack them."""
    if os.geteuid() != 0:
        return []
    return ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"]


def dump(spec: str) -> frozenset[str]:
    store = open_store(spec, read_only=True)
    try:
        return frozenset(str(q) for q in store.quads())
    finally:
        store.close()


@pytest.mark.parametrize(("row_id", "argv", "status", "expected"), ROWS, ids=[r[0] for r in ROWS])
def test_bad_input(matrix_dirs, row_id, argv, status, expected):
    tmp, store = matrix_dirs
    args = [a.replace("{tmp}", str(tmp)) for a in argv]
    if "--store" not in args and args[0] not in STORELESS:
        args += ["--store", store]
    before = dump(store) if args[0] in WRITERS else None
    env = {**os.environ, "KG_STORE": store}
    result = subprocess.run([*unprivileged(), sys.executable, "-m", "kg", *args], capture_output=True, text=True,
                            timeout=120, env=env, cwd=tmp)
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert result.returncode == status, output[-2000:]
    assert expected.replace("{tmp}", str(tmp)) in output, output[-2000:]
    if status == 2:  # progress lines may come first; the error is one line, the last
        errors = [line for line in result.stderr.splitlines() if "error" in line.lower()]
        assert len(errors) == 1 and errors[0].startswith("kg: error: "), result.stderr[-2000:]
        assert result.stderr.strip().splitlines()[-1] == errors[0]
    if before is not None:
        assert dump(store) == before


def test_matrix_covers_every_command_it_promises():
    commands = {row[1][0] for row in ROWS}
    assert commands >= {"build", "ingest", "extract", "sparql", "roles", "holders", "viz", "export", "serve"}
    assert len(ROWS) >= 50
    json.dumps(ROWS, ensure_ascii=False)  # rows are plain data
