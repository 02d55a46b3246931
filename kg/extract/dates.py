"""Dates as articles write them: "13/01/2026", "ngày 9/9/2025", "Sáng 14-3" (year from the
article's date), "tháng 3/2026", and periods "nhiệm kỳ 2023-2028", "giai đoạn 2026-2030".

Unknown stays unknown: a day and month without a year and without an article
date give no date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from .lexicon import Lexicon

_FULL = re.compile(
    r"(?<![\d/.-])(\d{1,2})\s?[/.-]\s?(\d{1,2})\s?[/.-]\s?(\d{4})(?![\d/])"
    r"|ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})"
)
_MONTH = re.compile(r"tháng (\d{1,2})\s?[/-]\s?(\d{4})(?!\d)|tháng (\d{1,2}) năm (\d{4})")
_PERIOD = re.compile(r"(\d{4})\s?[-–]\s?(\d{4})(?!\d)")
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")


def _iso(day: str, month: str, year: str | int) -> str | None:
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def full_dates(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int, str]]:
    """(start, end, YYYY-MM-DD) of each complete date."""
    for m in _FULL.finditer(text, start, len(text) if end is None else end):
        parts = m.groups()
        iso = _iso(*parts[:3]) if parts[0] else _iso(*parts[3:])
        if iso:
            yield m.start(), m.end(), iso


def dates_in(lex: Lexicon, text: str, start: int, end: int, year: int | None) -> list[tuple[int, int, str]]:
    """Dates in text[start:end]: complete ones, months, and day-month ones completed with `year`."""
    found = list(full_dates(text, start, end))
    taken = [(s, e) for s, e, _ in found]
    for m in _MONTH.finditer(text, start, end):
        month, yr = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        if 1 <= int(month) <= 12 and not any(s <= m.start() < e for s, e in taken):
            found.append((m.start(), m.end(), f"{int(yr):04d}-{int(month):02d}"))
    if year:
        for m in lex.partial_date.finditer(text, start, end):
            iso = _iso(m.group(1), m.group(2), year)
            if iso and not any(s <= m.start() < e for s, e in taken):
                found.append((m.start(), m.end(), iso))
    return sorted(found)


def periods(
    lex: Lexicon, text: str, start: int, end: int, words_key: str = "period_words"
) -> list[tuple[int, int, str, str]]:
    """(start, end, first year, last year) of "giai đoạn 2026-2030"-like periods."""
    words = tuple(lex.events[words_key])
    found = []
    for m in _PERIOD.finditer(text, start, end):
        before = text[max(start, m.start() - 25) : m.start()].rstrip()
        cue = next((w for w in words if before.endswith(w) or before.endswith(w + " Đại hội")), None)
        if cue and int(m.group(1)) <= int(m.group(2)):
            found.append((m.start(), m.end(), m.group(1), m.group(2)))
    return found


def article_year(date: str | None) -> int | None:
    match = _YEAR.match(date or "")
    return int(match.group(1)) if match else None
