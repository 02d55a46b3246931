"""Tenure details: former, acting, concurrent, start dates, successions, re-elections, retirements."""

from __future__ import annotations

from extract_helpers import posts

from kg.extract import extract


def _post(text: str, person: str, role: str, **source: str) -> dict:
    claims = extract(text, source=source or None)
    return next(p for p in claims["posts"] if p["person"] == person and p["role"] == role)


def test_nguyen_marks_a_former_post_and_is_not_part_of_the_role():
    text = (
        "Dự lễ có ông Ôn Văn Nghĩa, nguyên Giám đốc Sở Y tế tỉnh Bắc Ninh, Chủ tịch Hội Điều dưỡng Việt Nam."
    )
    assert posts(text) == {
        ("Ôn Văn Nghĩa", "Giám đốc", "Sở Y tế tỉnh Bắc Ninh", "former"),
        ("Ôn Văn Nghĩa", "Chủ tịch", "Hội Điều dưỡng Việt Nam", "current"),
    }


def test_acting_keeps_quyen_in_the_role():
    post = _post(
        "Bà Lưu Thị Duyên, Quyền Giám đốc Bệnh viện Đa khoa tỉnh Hòa Bình, báo cáo.",
        "Lưu Thị Duyên",
        "Quyền Giám đốc",
    )
    assert (post["org"], post["acting"], post["status"]) == (
        "Bệnh viện Đa khoa tỉnh Hòa Bình",
        True,
        "current",
    )


def test_concurrent_post_after_kiem():
    text = (
        "Ông Lý Văn Tài, Chủ tịch Hội đồng quản trị kiêm Tổng Giám đốc Công ty Cổ phần Thiết bị Y tế Đông Á."
    )
    assert posts(text) == {
        ("Lý Văn Tài", "Chủ tịch", "Hội đồng quản trị Công ty Cổ phần Thiết bị Y tế Đông Á", "current"),
        ("Lý Văn Tài", "Tổng Giám đốc", "Công ty Cổ phần Thiết bị Y tế Đông Á", "current"),
    }
    assert _post(text, "Lý Văn Tài", "Tổng Giám đốc")["concurrent"] is True


def test_start_date_succession_and_retirement():
    text = (
        "UBND tỉnh trao Quyết định số 77/QĐ-UBND bổ nhiệm ông Vũ Đức Hạnh giữ chức Giám đốc Sở Y tế tỉnh "
        "Tuyên Quang kể từ ngày 15/4/2026, thay thế ông Hà Văn Chiến nghỉ hưu theo chế độ."
    )
    new = _post(text, "Vũ Đức Hạnh", "Giám đốc")
    old = _post(text, "Hà Văn Chiến", "Giám đốc")
    assert (new["org"], new["status"], new["start"], new["appointed_by"]) == (
        "Sở Y tế tỉnh Tuyên Quang",
        "current",
        "2026-04-15",
        "77/QĐ-UBND",
    )
    assert new["replaces"] == {"person": "Hà Văn Chiến"}
    assert (old["org"], old["status"], old["end"], old["end_cause"]) == (
        "Sở Y tế tỉnh Tuyên Quang",
        "former",
        "2026-04-15",
        "retired",
    )


def test_promotion_ends_the_deputy_post():
    text = "Ông Kha Minh Đức, Phó Viện trưởng, được bổ nhiệm giữ chức Viện trưởng Viện Pasteur Nha Trang."
    assert posts(text) == {
        ("Kha Minh Đức", "Phó Viện trưởng", "Viện Pasteur Nha Trang", "former"),
        ("Kha Minh Đức", "Viện trưởng", "Viện Pasteur Nha Trang", "current"),
    }


def test_reelection_with_a_term():
    text = "Bà Doãn Thị Huế tái đắc cử Chủ tịch Công đoàn Bệnh viện Thanh Nhàn nhiệm kỳ 2023-2028."
    post = _post(text, "Doãn Thị Huế", "Chủ tịch")
    assert (post["org"], post["status"], post["term"]) == (
        "Công đoàn Bệnh viện Thanh Nhàn",
        "current",
        "2023-2028",
    )


def test_retirement_of_the_person_named():
    text = (
        "Sở Y tế tổ chức lễ trao quyết định nghỉ hưu cho bà Đàm Thị Nhung, Trưởng phòng Nghiệp vụ Dược "
        "Sở Y tế tỉnh Điện Biên, kể từ ngày 1/6/2026."
    )
    post = _post(text, "Đàm Thị Nhung", "Trưởng phòng")
    assert (post["status"], post["end_cause"], post["end"]) == ("former", "retired", "2026-06-01")


def test_former_post_through_tung_la_belongs_to_the_sentence_subject():
    text = "Ông Nhữ Văn Cường sinh năm 1972, quê Hưng Yên, từng là Giám đốc Bệnh viện Đa khoa tỉnh Hưng Yên."
    assert posts(text) == {("Nhữ Văn Cường", "Giám đốc", "Bệnh viện Đa khoa tỉnh Hưng Yên", "former")}


def test_a_transfer_ends_the_posts_named_before_it_but_not_committee_seats():
    text = (
        "Đồng chí Lò Văn Pản, Tỉnh ủy viên, Phó Trưởng Ban Tổ chức Tỉnh ủy Sơn La được điều động, chỉ định "
        "giữ chức Bí thư Đảng ủy Sở Y tế tỉnh Sơn La."
    )
    assert posts(text) == {
        ("Lò Văn Pản", "Ủy viên", "Tỉnh ủy Sơn La", "current"),
        ("Lò Văn Pản", "Phó Trưởng ban", "Ban Tổ chức Tỉnh ủy Sơn La", "former"),
        ("Lò Văn Pản", "Bí thư", "Đảng ủy Sở Y tế tỉnh Sơn La", "current"),
    }
