"""Noise: captions, bylines, datelines, NFD input and old tone marks."""

from __future__ import annotations

import unicodedata

from extract_helpers import persons, triples

ARTICLE = """Bình Phước: Trao quyết định bổ nhiệm Phó Giám đốc Sở Y tế

(Báo Bình Phước) - Chiều 3/3/2026, bà Hoàng Thị Mơ, Giám đốc Sở Y tế tỉnh Bình Phước trao quyết định.

Giám đốc Sở Y tế Hoàng Thị Mơ trao quyết định cho ông Đặng Hữu Lý. Ảnh: T.H

Ông Lương Văn Đông phát biểu tại buổi lễ (Ảnh: Quốc Việt)

Minh Quân
"""


def test_captions_and_bylines_state_no_person():
    assert triples(ARTICLE) == {("Hoàng Thị Mơ", "Giám đốc", "Sở Y tế tỉnh Bình Phước")}
    assert set(persons(ARTICLE)) == {"Hoàng Thị Mơ"}


def test_byline_glued_to_the_next_dateline():
    text = (
        "Đ.P(Ngày Nay) - Sáng 2/2/2026, ông Hồ Sĩ Nguyên, Giám đốc Sở Y tế tỉnh Quảng Trị, thăm trạm y tế.\n"
    )
    assert triples(text) == {("Hồ Sĩ Nguyên", "Giám đốc", "Sở Y tế tỉnh Quảng Trị")}
    assert set(persons(text)) == {"Hồ Sĩ Nguyên"}


def test_nfd_input_and_old_tone_marks_give_the_same_claims():
    text = "Bà Hoàng Thị Thủy, Phó Chủ tịch UBND tỉnh Khánh Hòa, dự lễ khai mạc."
    old_style = text.replace("Thủy", "Thuỷ").replace("Hòa", "Hoà")
    expected = {("Hoàng Thị Thủy", "Phó Chủ tịch", "Ủy ban nhân dân tỉnh Khánh Hòa")}
    assert triples(text) == expected
    assert triples(unicodedata.normalize("NFD", text)) == expected
    assert triples(old_style) == expected


def test_words_that_look_like_names():
    text = (
        "Mai, Hà và Bạch Mai là những cái tên quen thuộc. Tại Bệnh viện Lê Văn Thịnh, Phó Giám đốc "
        "Bệnh viện Bạch Mai cùng đoàn công tác đã thăm khoa Nội."
    )
    assert persons(text) == {}
