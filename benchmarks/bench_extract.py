"""Throughput of the rule-based extractor on a generated corpus of health-news articles.

Generates N articles (default 1,000) from templates: invented officials with
title chains, titles before names, successions, signings, captions and
bylines, about 1,800 characters each. Reports articles per second on one core
(CPU time of this process, so other load on the machine does not count; wall
time is shown beside it) and, because the generator knows which posts it wrote, the posts precision and
recall on the corpus. When underthesea is importable, its NER runs on the same
corpus in the same process and the speed ratio is printed; otherwise a message
says why that part is skipped.

    python benchmarks/bench_extract.py [N]
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.extract import extract
from kg.text import display_key

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý", "Đào"]
MIDDLES = ["Văn", "Thị", "Minh", "Quang", "Thanh", "Đức", "Thu", "Hồng", "Ngọc", "Xuân"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hạnh", "Khoa", "Lâm", "Nga", "Phúc", "Quý", "Sơn", "Tâm"]
PROVINCES = ["Nghệ An", "Thanh Hóa", "Quảng Ninh", "Lào Cai", "Gia Lai", "Cà Mau", "Bắc Ninh", "Phú Thọ"]
PREFIXES = ["", "", "TS ", "ThS ", "BSCKII ", "PGS.TS "]
FILLER = [
    "Năm qua, ngành y tế đã triển khai nhiều giải pháp nâng cao chất lượng khám, chữa bệnh cho người dân.",
    "Tỷ lệ hài lòng của người bệnh đạt trên 90%, số lượt khám tăng 12% so với cùng kỳ.",
    "Các đơn vị đã chủ động phòng, chống dịch bệnh, bảo đảm cung ứng thuốc và vật tư y tế.",
    "Hội nghị cũng đã thảo luận về chuyển đổi số, bệnh án điện tử và đào tạo nguồn nhân lực.",
    "Trong năm 2026, toàn ngành phấn đấu 100% trạm y tế xã có bác sĩ làm việc thường xuyên.",
    "Công tác tiêm chủng mở rộng được duy trì, không để xảy ra dịch bệnh lớn trên địa bàn.",
]


def _name(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLES)} {rng.choice(GIVEN)}"


def _bodies(rng: random.Random) -> list[tuple[str, str]]:
    province = rng.choice(PROVINCES)
    return [
        ("Giám đốc", f"Sở Y tế tỉnh {province}"),
        ("Phó Giám đốc", f"Bệnh viện Đa khoa tỉnh {province}"),
        ("Chủ tịch", f"Công đoàn ngành Y tế tỉnh {province}"),
        ("Phó Chủ tịch", f"Ủy ban nhân dân tỉnh {province}"),
        ("Giám đốc", f"Trung tâm Kiểm soát bệnh tật tỉnh {province}"),
        ("Cục trưởng", "Cục Quản lý Dược"),
        ("Vụ trưởng", "Vụ Tổ chức cán bộ"),
        ("Chủ tịch", "Công đoàn Y tế Việt Nam"),
    ]


def article(rng: random.Random) -> tuple[str, set[tuple[str, str, str]]]:
    """One generated article and the posts it states."""
    bodies = _bodies(rng)
    truth: set[tuple[str, str, str]] = set()
    day, month = rng.randint(1, 28), rng.randint(1, 12)
    lines = [
        f"(Báo Sức khỏe & Đời sống) - Sáng {day}/{month}/2026, {bodies[0][1]} tổ chức hội nghị tổng kết."
    ]
    for _ in range(rng.randint(3, 5)):
        name, (role, org) = _name(rng), rng.choice(bodies)
        form = rng.randrange(4)
        if form == 0:
            lines.append(f"Dự hội nghị có {rng.choice(PREFIXES)}{name}, {role} {org}.")
        elif form == 1:
            lines.append(f"Phát biểu tại hội nghị, {role} {org} {name} đề nghị các đơn vị quyết liệt hơn.")
        elif form == 2:
            lines.append(f"Ông {name} - {role} {org} cho biết kế hoạch đã được phê duyệt.")
        else:
            old = _name(rng)
            lines.append(
                f"UBND tỉnh trao quyết định bổ nhiệm ông {name} giữ chức {role} {org}, thay thế ông {old}."
            )
            truth.add((old, role, org))
        truth.add((name, role, org))
        lines.append(" ".join(rng.sample(FILLER, 3)))
    lines.append(f"Các đại biểu dự hội nghị. Ảnh: {rng.choice('HTMN')}.{rng.choice('HTMN')}")
    lines.append(rng.choice(FILLER) * 2)
    lines.append(_name(rng).split(" ", 1)[1])
    return "\n\n".join(lines) + "\n", truth


def _timed(work: Callable[[], Any]) -> tuple[Any, float, float]:
    """The work's result, its CPU seconds in this process, and its wall seconds."""
    cpu, wall = time.process_time(), time.perf_counter()
    result = work()
    return result, time.process_time() - cpu, time.perf_counter() - wall


def main(count: int = 1000) -> None:
    rng = random.Random(20260113)
    corpus = [article(rng) for _ in range(count)]
    chars = sum(len(text) for text, _ in corpus)
    extract(corpus[0][0])  # build the lexicon outside the timed loop

    results, cpu, wall = _timed(lambda: [extract(text) for text, _ in corpus])
    tp = fp = fn = 0
    for (_, truth), claims in zip(corpus, results, strict=True):
        got = {
            (display_key(p["person"]), display_key(p["role"]), display_key(p["org"])) for p in claims["posts"]
        }
        want = {tuple(display_key(x) for x in t) for t in truth}
        tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
    rows = [("kg extract (rules)", cpu, wall)]

    try:
        from underthesea import ner
    except ImportError as error:
        print(f"underthesea not importable ({error}); skipping the NER comparison")
        ner = None
    if ner is not None:
        ner(corpus[0][0])  # load its model outside the timed loop
        _, cpu_ner, wall_ner = _timed(lambda: [ner(text) for text, _ in corpus])
        rows.append(("underthesea.ner", cpu_ner, wall_ner))

    print(f"corpus: {count} generated articles, {chars / count:.0f} characters each on average")
    print(f"{'tool':<22}{'CPU s':>9}{'articles/s (1 core)':>22}{'wall s':>9}")
    for tool, cpu_s, wall_s in rows:
        print(f"{tool:<22}{cpu_s:>9.2f}{count / cpu_s:>22.1f}{wall_s:>9.2f}")
    if len(rows) > 1:
        print(
            f"ratio: the extractor is {rows[1][1] / rows[0][1]:.0f}x as fast as underthesea's NER (CPU time)"
        )
    precision, recall = tp / max(1, tp + fp), tp / max(1, tp + fn)
    print(f"posts on the corpus: precision {precision:.3f}, recall {recall:.3f}")
    print(f"({tp} found, {fp} false, {fn} missed)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
