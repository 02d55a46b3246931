"""Robustness: arbitrary text never raises; every quote is its span of the normalised text; garbage files."""

from __future__ import annotations

import time
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.cli import main
from kg.errors import InputError
from kg.extract import extract
from kg.text import normalize

WORDS = [
    "Bộ",
    "Y",
    "tế",
    "Sở",
    "Giám",
    "đốc",
    "Phó",
    "Chủ",
    "tịch",
    "ông",
    "bà",
    "Nguyễn",
    "Văn",
    "An",
    "Bệnh",
    "viện",
    ",",
    "-",
    ".",
    "Ảnh:",
    "\n",
    "(Ngày Nay)",
    "nguyên",
    "Quyền",
    "kiêm",
    "TS",
    "PGS.TS",
    "Nghị",
    "quyết",
    "72-NQ/TW",
    "13/01/2026",
    "Sáng",
    "14-3",
    "tỉnh",
    "Nghệ",
    "An",
    "và",
    "giữa",
    "Đảng",
    "ủy",
    "Ban",
    "Thường",
    "vụ",
    "chương",
    "trình",
    "phối",
    "hợp",
    "lễ",
    "ký",
    "kết",
    "thay",
    "thế",
]


def _quotes_are_spans(text: str) -> None:
    claims = extract(text)
    norm = normalize(text)
    for section in ("posts", "organizations", "documents", "events", "agreements"):
        for claim in claims[section]:
            start, end = claim["span"]
            assert claim["quote"] == norm[start:end]
            assert 0.0 <= claim["confidence"] <= 1.0


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_arbitrary_text_never_raises(text: str):
    _quotes_are_spans(text)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=80))
def test_word_soup_quotes_are_spans(words: list[str]):
    _quotes_are_spans(" ".join(words))


def test_empty_text_gives_an_empty_document():
    claims = extract("")
    assert [
        claims[k] for k in ("persons", "posts", "organizations", "documents", "events", "agreements")
    ] == [[], [], [], [], [], []]


def test_long_single_line_finishes_quickly():
    line = (
        "Ông Nguyễn Văn An, Giám đốc Sở Y tế tỉnh Nghệ An, phát biểu tại hội nghị với Bệnh viện Bạch Mai "
        * 8000
    )[:900_000]
    started = time.perf_counter()
    claims = extract(line)
    assert time.perf_counter() - started < 30
    assert ("Nguyễn Văn An", "Sở Y tế tỉnh Nghệ An") in {(p["person"], p["org"]) for p in claims["posts"]}


def test_ten_megabytes_of_one_line_is_refused_fast():
    started = time.perf_counter()
    try:
        extract("x" * 10_000_000)
    except InputError as error:
        assert "too long" in str(error)
    assert time.perf_counter() - started < 5


def test_garbage_files_give_one_line_errors_or_empty_claims(tmp_path: Path):
    runner = CliRunner()
    cases = {
        "binary.txt": b"\x00\x01\x02PNG\x00",
        "latin1.txt": "Bộ Y tế".encode() + "caf\xe9".encode("latin-1"),
        "huge.txt": b"a" * 10_000_000,
    }
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        result = runner.invoke(main, ["extract", str(path)])
        assert result.exit_code == 2, name
        assert str(path) in result.output and len(result.output.strip().splitlines()) == 1, name
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(main, ["extract", str(empty), "--format", "json"])
    assert result.exit_code == 0 and '"posts": []' in result.output
