"""Who holds which title: chains after a name, titles before a name, triggers, honorifics."""

from __future__ import annotations

import pytest
from extract_helpers import persons, posts, triples


def test_title_chain_after_a_name_with_inherited_party_committee():
    text = (
        "Dự hội nghị có đồng chí Trần Văn Khải, Ủy viên Ban Chấp hành Trung ương Đảng, "
        "Bí thư Đảng ủy, Bộ trưởng Bộ Y tế."
    )
    assert triples(text) == {
        ("Trần Văn Khải", "Ủy viên", "Ban Chấp hành Trung ương Đảng"),
        ("Trần Văn Khải", "Bí thư", "Đảng ủy Bộ Y tế"),
        ("Trần Văn Khải", "Bộ trưởng", "Bộ Y tế"),
    }


def test_dash_between_name_and_title():
    assert triples("Bà Lò Thị Hạnh - Phó Giám đốc Sở Y tế tỉnh Sơn La phát biểu.") == {
        ("Lò Thị Hạnh", "Phó Giám đốc", "Sở Y tế tỉnh Sơn La"),
    }


def test_titles_before_a_name():
    text = (
        "Chủ tịch Công đoàn Y tế Việt Nam Phạm Thanh Bình và Phó Cục trưởng Cục Quản lý Dược "
        "Lê Minh Khoa cùng trao quà."
    )
    assert triples(text) == {
        ("Phạm Thanh Bình", "Chủ tịch", "Công đoàn Y tế Việt Nam"),
        ("Lê Minh Khoa", "Phó Cục trưởng", "Cục Quản lý Dược"),
    }


def test_name_split_from_an_unknown_body_ending_with_a_province():
    text = "Giám đốc Bệnh viện Đa khoa tỉnh Bình Dương Dương Văn Tám cho biết bệnh viện đã sẵn sàng."
    assert triples(text) == {("Dương Văn Tám", "Giám đốc", "Bệnh viện Đa khoa tỉnh Bình Dương")}


@pytest.mark.parametrize(
    "prefix", ["TS", "TS.", "ThS", "BS", "PGS.TS", "PGS. TS", "GS.TS", "BS.CKII", "BSCKII"]
)
def test_academic_prefixes_are_honorifics_not_names(prefix: str):
    text = f"{prefix} Hoàng Minh Tuấn, Viện trưởng Viện Dinh dưỡng, chủ trì buổi họp."
    assert triples(text) == {("Hoàng Minh Tuấn", "Viện trưởng", "Viện Dinh dưỡng")}
    assert persons(text) == {"Hoàng Minh Tuấn": prefix.replace(" ", "").rstrip(".")}


@pytest.mark.parametrize("trigger", ["ông", "bà", "đồng chí"])
def test_triggers_are_not_part_of_the_name(trigger: str):
    text = f"Phát biểu tại lễ, {trigger} Quách Thị Lụa, Giám đốc Trung tâm Y tế huyện Mỹ Đức, cảm ơn đoàn."
    assert triples(text) == {("Quách Thị Lụa", "Giám đốc", "Trung tâm Y tế huyện Mỹ Đức")}


def test_title_then_comma_and_trigger():
    text = "Giám đốc Sở Y tế Hà Tĩnh, ông Nguyễn Hồng Sơn, cho biết tỉnh đã tiêm đủ vắc xin."
    assert triples(text) == {("Nguyễn Hồng Sơn", "Giám đốc", "Sở Y tế Hà Tĩnh")}


def test_bare_titles_and_committee_lists_name_nobody():
    text = (
        "Đồng chí Bộ trưởng nhất trí với đề xuất. Cùng dự có các đồng chí Thường trực, Trưởng, "
        "Phó Ban Tuyên giáo của Công đoàn Y tế Việt Nam."
    )
    assert posts(text) == set()
    assert persons(text) == {}


def test_names_that_are_places_or_hospitals_are_not_persons():
    text = (
        "Tại Hà Nội, Giám đốc Bệnh viện Lê Văn Thịnh cho biết bệnh viện đã tiếp nhận 300 ca. "
        "Bệnh viện Bạch Mai, Phó Giám đốc Sở Y tế Hà Nội cùng tham gia."
    )
    assert persons(text) == {}


def test_two_names_share_a_title():
    text = "Bà Trịnh Thị Vui và ông Hứa Văn Bình được bầu làm Phó Chủ tịch Công đoàn Y tế Việt Nam."
    assert triples(text) == {
        ("Trịnh Thị Vui", "Phó Chủ tịch", "Công đoàn Y tế Việt Nam"),
        ("Hứa Văn Bình", "Phó Chủ tịch", "Công đoàn Y tế Việt Nam"),
    }


def test_an_age_between_the_name_and_the_title():
    text = "Ông Khúc Văn Lâm, 48 tuổi, Phó Giám đốc Sở Y tế tỉnh Yên Bái, được bổ nhiệm làm Giám đốc Sở."
    assert posts(text) == {
        ("Khúc Văn Lâm", "Phó Giám đốc", "Sở Y tế tỉnh Yên Bái", "former"),
        ("Khúc Văn Lâm", "Giám đốc", "Sở Y tế tỉnh Yên Bái", "current"),
    }


def test_minister_of_a_sector_without_the_word_bo():
    assert triples("Quyết định do Thứ trưởng Y tế Cao Đình Vọng trao sáng nay.") == {
        ("Cao Đình Vọng", "Thứ trưởng", "Bộ Y tế"),
    }


def test_spelled_out_titles_announce_a_person_and_prime_ministers_belong_to_the_government():
    text = ("Phó Thủ tướng Lê Thành Công dự lễ. Giám đốc Bệnh viện E, Bác sĩ Nguyễn Công Hữu, cho biết "
            "bệnh viện đã sẵn sàng — ông Trần Văn Ánh — Giám đốc Sở Y tế tỉnh Hà Nam.")
    assert triples(text) == {
        ("Lê Thành Công", "Phó Thủ tướng", "Chính phủ"),
        ("Nguyễn Công Hữu", "Giám đốc", "Bệnh viện E"),
        ("Trần Văn Ánh", "Giám đốc", "Sở Y tế tỉnh Hà Nam"),
    }
