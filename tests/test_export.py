"""kg export: RDF dumps, graphml/gexf for Gephi, csv tables; atomic files."""

import csv
import io
import zipfile

import networkx as nx
import pyoxigraph as ox
import pytest

from kg.cli import main
from kg.errors import InputError, NotFound
from kg.export import export
from kg.files import write_atomic

NGAYNAY = "ngaynay-2026-01-13-byt-cdyt"


def rows(text):
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("fmt, rdf", [("ttl", ox.RdfFormat.TURTLE), ("nq", ox.RdfFormat.N_QUADS),
                                      ("trig", ox.RdfFormat.TRIG), ("jsonld", ox.RdfFormat.JSON_LD)])
def test_rdf_exports_round_trip(seed_store, fmt, rdf):
    data = export(seed_store, fmt)
    parsed = list(ox.parse(data, format=rdf))
    expected = len({q.triple for q in seed_store.quads()}) if fmt == "ttl" else len(seed_store)
    assert len(set(parsed)) == expected


def test_one_source_graph_and_unknown_source(seed_store):
    quads = list(ox.parse(export(seed_store, "nq", source=NGAYNAY), format=ox.RdfFormat.N_QUADS))
    assert {q.graph_name.value for q in quads} == {f"https://w3id.org/vnhealth-kg/id/source/{NGAYNAY}"}
    with pytest.raises(NotFound, match="no source 'nope'"):
        export(seed_store, "ttl", source="nope")
    with pytest.raises(InputError, match="--as-of applies to graphml"):
        export(seed_store, "ttl", as_of="2026-01-13")


@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graph_files_open_with_their_attributes(runner, built_store_path, tmp_path, fmt, read):
    target = tmp_path / f"kg.{fmt}"
    result = runner.invoke(main, ["export", "--format", fmt, "-o", str(target), "--store", built_store_path])
    assert result.exit_code == 0, result.output
    graph = read(target)
    assert graph.number_of_nodes() == 56 and graph.number_of_edges() == 76
    lan = graph.nodes["https://w3id.org/vnhealth-kg/id/person/dao-hong-lan"]
    assert lan["label"] == "Đào Hồng Lan" and lan["kind"] == "person" and lan["sources"] == NGAYNAY
    roles = {a.get("role") for _, _, a in graph.edges(data=True) if a.get("label_en") == "holds"}
    assert {"Bộ trưởng", "Chủ tịch", "Viện trưởng"} <= roles
    assert not list(tmp_path.glob(".*.tmp"))


def test_csv_tables_in_a_folder_and_a_zip(runner, built_store_path, tmp_path):
    folder = tmp_path / "tables"
    result = runner.invoke(main, ["export", "--format", "csv", "-o", str(folder), "--store", built_store_path])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == [
        "agreements.csv", "bodies.csv", "events.csv", "persons.csv", "tenures.csv"]
    tenures = rows((folder / "tenures.csv").read_text(encoding="utf-8"))
    assert len(tenures) == 11
    minister = next(t for t in tenures if t["role"] == "Bộ trưởng")
    assert (minister["person"], minister["body"], minister["status"], minister["source"]) == (
        "Đào Hồng Lan", "Bộ Y tế", "current", NGAYNAY)
    events = rows((folder / "events.csv").read_text(encoding="utf-8"))
    meeting = next(e for e in events if e["date"] == "2026-01-13")
    assert "Đào Hồng Lan (directed)" in meeting["participants"] and "Nghị quyết 72-NQ/TW" in meeting["cites"]
    bodies = {b["name"]: b for b in rows((folder / "bodies.csv").read_text(encoding="utf-8"))}
    assert bodies["Viện Chiến lược và Chính sách Y tế"]["part_of"] == "Bộ Y tế"
    agreements = rows((folder / "agreements.csv").read_text(encoding="utf-8"))
    assert {(a["status"], a["start"], a["end"]) for a in agreements} == {
        ("signed", "", ""), ("planned", "2026", "2030"), ("proposed", "2025", "2030")}
    archive = tmp_path / "tables.zip"
    runner.invoke(main, ["export", "--format", "csv", "-o", str(archive), "--store", built_store_path])
    with zipfile.ZipFile(archive) as opened:
        assert sorted(opened.namelist()) == sorted(p.name for p in folder.iterdir())
        assert len(rows(opened.read("persons.csv").decode("utf-8"))) == 7


def test_csv_needs_a_target_and_stdout_gets_rdf(runner, built_store_path, tmp_path):
    result = runner.invoke(main, ["export", "--format", "csv", "--store", built_store_path])
    assert result.exit_code == 2 and result.output.startswith("kg: error: --format csv writes several tables")
    turtle = runner.invoke(main, ["export", "--format", "ttl", "--store", built_store_path])
    assert turtle.exit_code == 0 and "Đào Hồng Lan" in turtle.output


def test_write_atomic_keeps_the_old_file_on_failure(tmp_path, monkeypatch):
    target = tmp_path / "out.ttl"
    write_atomic(target, b"old")

    def broken(*_):
        raise OSError("disk full")

    monkeypatch.setattr("kg.files.os.replace", broken)
    with pytest.raises(OSError):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old" and sorted(p.name for p in tmp_path.iterdir()) == ["out.ttl"]
