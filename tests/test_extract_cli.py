"""The extract / ingest commands."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from click.testing import CliRunner

from kg.cli import main
from kg.store import open_store

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "data" / "sources" / "ngaynay-2026-01-13-byt-cdyt.txt"
ARTICLE = (
    "Sáng 14-3, ông Lê Văn Tùng, Giám đốc Sở Y tế tỉnh Hải Dương, có buổi làm việc với "
    "Bệnh viện Đa khoa tỉnh.\n"
)


def test_extract_prints_yaml_claims():
    result = CliRunner().invoke(main, ["extract", str(SOURCE)])
    assert result.exit_code == 0, result.output
    claims = yaml.safe_load(result.output)
    assert claims["extraction"] == {"method": "rules", "reviewed": False, "tool": "vnhealth-kg rules"}
    assert claims["source"]["file"] == SOURCE.name
    assert {"person": "Đào Hồng Lan", "role": "Bộ trưởng", "org": "Bộ Y tế"}.items() <= claims["posts"][
        2
    ].items()


def test_extract_json_to_a_file_with_a_date(tmp_path: Path):
    article = tmp_path / "bai.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "claims.json"
    result = CliRunner().invoke(
        main, ["extract", str(article), "--format", "json", "-o", str(out), "--date", "2026-03-20"]
    )
    assert result.exit_code == 0, result.output
    claims = json.loads(out.read_text(encoding="utf-8"))
    assert [(p["person"], p["role"], p["org"]) for p in claims["posts"]] == [
        ("Lê Văn Tùng", "Giám đốc", "Sở Y tế tỉnh Hải Dương")
    ]
    assert claims["events"][0]["date"] == "2026-03-14"


def test_extract_missing_file_is_a_one_line_error(tmp_path: Path):
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
    assert "no such file" in result.output


def test_ingest_loads_each_article_and_reingesting_changes_nothing(tmp_path: Path):
    article = tmp_path / "so-y-te-hai-duong.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    spec = f"oxigraph:{tmp_path / 'store'}"
    args = [
        "ingest",
        "--store",
        spec,
        str(article),
        "--url",
        "https://example.org/a",
        "--date",
        "2026-03-14",
        "--publisher",
        "Báo Hải Dương",
    ]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    assert "1 posts" in first.output and "so-y-te-hai-duong" in first.output

    def quads() -> set[str]:
        store = open_store(spec)
        return {str(q) for q in store.quads()}

    before = quads()
    assert any("Lê Văn Tùng" in q for q in before)
    again = CliRunner().invoke(main, args)
    assert again.exit_code == 0, again.output
    assert quads() == before
