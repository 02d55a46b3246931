"""Dates, documents, events and agreements."""

from __future__ import annotations

import pytest

from kg.extract import extract

MEETING = (
    "(Báo Sức khỏe & Đời sống) - Sáng 14-3, tại trụ sở Sở Y tế, Thường trực Đảng ủy Sở Y tế tỉnh Gia Lai "
    "đã có buổi làm việc với Công đoàn ngành Y tế tỉnh Gia Lai về triển khai Nghị quyết 72-NQ/TW của "
    "Bộ Chính trị và Quyết định số 1234/QĐ-BYT ngày 5/3/2026 của Bộ Y tế. Hai bên thống nhất xây dựng "
    "quy chế phối hợp giữa Sở Y tế tỉnh Gia Lai và Công đoàn ngành Y tế tỉnh Gia Lai giai đoạn 2026-2030.\n"
)


def _dates(text: str, year_source: str | None = None) -> list[str | None]:
    claims = extract(text, source={"event_date": year_source} if year_source else None)
    return [e["date"] for e in claims["events"]]


@pytest.mark.parametrize(
    ("text", "source_date", "expected"),
    [
        ("Ngày 13/01/2026, Bộ Y tế tổ chức hội nghị tổng kết.", None, "2026-01-13"),
        ("Sáng ngày 9/9/2025, Sở Y tế Phú Yên tổ chức hội nghị.", None, "2025-09-09"),
        ("Sáng 14-3, Sở Y tế Phú Yên tổ chức hội nghị.", "2026-03-20", "2026-03-14"),
        ("Chiều 5/3, Sở Y tế Phú Yên tổ chức hội nghị.", "2025-03-06", "2025-03-05"),
        ("Chiều 5/3, Sở Y tế Phú Yên tổ chức hội nghị.", None, None),  # no year known: unknown stays unknown
    ],
)
def test_event_dates(text: str, source_date: str | None, expected: str | None):
    assert _dates(text, source_date) == [expected]


def test_documents_with_and_without_issuer():
    text = (
        "Triển khai Nghị định 96/2023/NĐ-CP, Thông tư 32/2023/TT-BYT và Quyết định 2517/QĐ-TTg của Thủ "
        "tướng Chính phủ về chăm sóc sức khỏe ban đầu."
    )
    docs = {d["id"]: (d["type"], d["issuer"]) for d in extract(text)["documents"]}
    assert docs == {
        "96/2023/NĐ-CP": ("Nghị định", None),
        "32/2023/TT-BYT": ("Thông tư", None),
        "2517/QĐ-TTg": ("Quyết định", "Chính phủ"),
    }


def test_document_subject_and_date():
    claims = extract(MEETING)
    docs = {d["id"]: d for d in claims["documents"]}
    assert docs["72-NQ/TW"]["issuer"] == "Bộ Chính trị"
    assert (docs["1234/QĐ-BYT"]["issuer"], docs["1234/QĐ-BYT"]["date"]) == ("Bộ Y tế", "2026-03-05")


def test_meeting_event_with_date_place_and_organizers():
    claims = extract(MEETING, source={"event_date": "2026-03-14"})
    [event] = claims["events"]
    assert (event["kind"], event["date"], event["place"]) == ("meeting", "2026-03-14", "trụ sở Sở Y tế")
    assert event["organizers"] == [
        "Thường trực Đảng ủy Sở Y tế tỉnh Gia Lai",
        "Công đoàn ngành Y tế tỉnh Gia Lai",
    ]
    assert set(event["cites"]) == {"72-NQ/TW", "1234/QĐ-BYT"}


def test_planned_agreement_with_parties_and_period():
    [agreement] = extract(MEETING)["agreements"]
    assert (agreement["kind"], agreement["status"], agreement["start"], agreement["end"]) == (
        "quy chế phối hợp",
        "planned",
        "2026",
        "2030",
    )
    assert agreement["parties"] == ["Sở Y tế tỉnh Gia Lai", "Công đoàn ngành Y tế tỉnh Gia Lai"]


def test_signing_ceremony_and_signed_agreement():
    text = (
        "Chiều 2/4/2026, Bệnh viện Đa khoa tỉnh Long An và Trường Đại học Y Dược Cần Thơ tổ chức lễ ký kết "
        "thỏa thuận hợp tác đào tạo. Ký kết có ông Quản Văn Thông, Giám đốc Bệnh viện Đa khoa tỉnh Long An."
    )
    claims = extract(text)
    [event] = claims["events"]
    [agreement] = claims["agreements"]
    assert (event["kind"], event["date"]) == ("signing", "2026-04-02")
    assert event["participants"] == [{"person": "Quản Văn Thông", "role": "signed"}]
    assert (agreement["kind"], agreement["status"], agreement["event"]) == (
        "thỏa thuận hợp tác",
        "signed",
        event["key"],
    )
    assert set(agreement["parties"]) == {"Bệnh viện Đa khoa tỉnh Long An", "Trường Đại học Y Dược Cần Thơ"}


def test_congress_and_announcement_events_but_not_a_term():
    text = (
        "Sáng 20/6/2025, Công đoàn Bệnh viện E tổ chức Đại hội lần thứ X. Chiều cùng ngày, Sở Y tế Hà Nam "
        "tổ chức lễ công bố quyết định. Các đơn vị bám sát nhiệm kỳ Đại hội 2025-2030."
    )
    kinds = {(e["kind"], e["date"]) for e in extract(text)["events"]}
    assert kinds == {("congress", "2025-06-20"), ("announcement", "2025-06-20")}


def test_co_hosts_joined_to_the_host():
    text = (
        "Ngày 5/8/2025, Vụ Pháp chế (Bộ Y tế) phối hợp với Hội Luật gia Việt Nam tổ chức hội thảo về "
        "dự thảo Luật Dược sửa đổi."
    )
    [event] = extract(text)["events"]
    assert (event["kind"], event["organizers"]) == ("conference", ["Vụ Pháp chế", "Hội Luật gia Việt Nam"])
