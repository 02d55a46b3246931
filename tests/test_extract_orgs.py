"""Bodies: inherited context, abbreviations, commas inside names, unknown bodies from their heads."""

from __future__ import annotations

from extract_helpers import triples

from kg.extract import extract


def test_party_role_with_bare_committee_takes_the_next_body():
    text = "Ông Đinh Văn Hòa, Phó Bí thư Đảng ủy, Giám đốc Bệnh viện Đa khoa tỉnh Nam Định, phát biểu."
    assert triples(text) == {
        ("Đinh Văn Hòa", "Phó Bí thư", "Đảng ủy Bệnh viện Đa khoa tỉnh Nam Định"),
        ("Đinh Văn Hòa", "Giám đốc", "Bệnh viện Đa khoa tỉnh Nam Định"),
    }


def test_committee_seat_is_member_of_the_committee():
    text = "Bà Mai Thị Cúc, Ủy viên Ban Chấp hành Tổng Liên đoàn, Chủ tịch Công đoàn Y tế Việt Nam, dự lễ."
    assert triples(text) == {
        ("Mai Thị Cúc", "Ủy viên", "Ban Chấp hành Tổng Liên đoàn Lao động Việt Nam"),
        ("Mai Thị Cúc", "Chủ tịch", "Công đoàn Y tế Việt Nam"),
    }


def test_alternate_member_and_full_time_deputy_secretary():
    text = (
        "Ông Tạ Quang Vinh, Ủy viên Dự khuyết Trung ương Đảng, Thứ trưởng Thường trực Bộ Y tế; "
        "ông Lại Văn Sâm, Phó Bí thư Chuyên trách Đảng ủy Bộ Y tế."
    )
    assert triples(text) == {
        ("Tạ Quang Vinh", "Ủy viên dự khuyết", "Ban Chấp hành Trung ương Đảng"),
        ("Tạ Quang Vinh", "Thứ trưởng Thường trực", "Bộ Y tế"),
        ("Lại Văn Sâm", "Phó Bí thư chuyên trách", "Đảng ủy Bộ Y tế"),
    }


def test_abbreviated_bodies_resolve_or_expand():
    text = (
        "Dự có ông Vương Đình Lộc, Chủ tịch CĐ Y tế Việt Nam; ông Từ Minh Đạt, Phó Chủ tịch Tổng LĐLĐ "
        "Việt Nam; bà Giang Thị Nga, Giám đốc Sở Y tế TP.HCM; ông Tô Văn Cảnh, Phó Chủ tịch UBND TPHCM."
    )
    assert triples(text) == {
        ("Vương Đình Lộc", "Chủ tịch", "Công đoàn Y tế Việt Nam"),
        ("Từ Minh Đạt", "Phó Chủ tịch", "Tổng Liên đoàn Lao động Việt Nam"),
        ("Giang Thị Nga", "Giám đốc", "Sở Y tế Thành phố Hồ Chí Minh"),
        ("Tô Văn Cảnh", "Phó Chủ tịch", "Ủy ban nhân dân Thành phố Hồ Chí Minh"),
    }


def test_provincial_and_city_committee_members():
    text = (
        "Ông Hầu Văn Khang, TUV, Giám đốc Sở Y tế tỉnh Lai Châu và bà Lục Thị Hoa, TƯV, "
        "Giám đốc Sở Y tế Hải Phòng cùng ký."
    )
    assert triples(text) == {
        ("Hầu Văn Khang", "Ủy viên", "Tỉnh ủy Lai Châu"),
        ("Hầu Văn Khang", "Giám đốc", "Sở Y tế tỉnh Lai Châu"),
        ("Lục Thị Hoa", "Ủy viên", "Thành ủy Hải Phòng"),
        ("Lục Thị Hoa", "Giám đốc", "Sở Y tế Hải Phòng"),
    }


def test_commas_inside_names():
    text = (
        "PGS.TS Chu Văn Thiện, Cục trưởng Cục Quản lý khám, chữa bệnh; bà Bế Thị Yến, Trưởng Ban "
        "Bảo vệ, chăm sóc sức khỏe cán bộ tỉnh Cao Bằng."
    )
    assert triples(text) == {
        ("Chu Văn Thiện", "Cục trưởng", "Cục Quản lý Khám, chữa bệnh"),
        ("Bế Thị Yến", "Trưởng ban", "Ban Bảo vệ, chăm sóc sức khỏe cán bộ tỉnh Cao Bằng"),
    }


def test_unknown_bodies_are_recognised_from_their_heads():
    text = (
        "Ông Phí Văn Tú, Tổng Giám đốc Công ty Cổ phần Dược phẩm Sao Mai; bà Ninh Thị Gấm, Hiệu trưởng "
        "Trường Cao đẳng Y tế Lạng Sơn; ông Mạc Văn Hào, Trưởng phòng Tổ chức cán bộ Sở Y tế Bắc Giang."
    )
    assert triples(text) == {
        ("Phí Văn Tú", "Tổng Giám đốc", "Công ty Cổ phần Dược phẩm Sao Mai"),
        ("Ninh Thị Gấm", "Hiệu trưởng", "Trường Cao đẳng Y tế Lạng Sơn"),
        ("Mạc Văn Hào", "Trưởng phòng", "Phòng Tổ chức cán bộ Sở Y tế Bắc Giang"),
    }


def test_short_body_completed_from_the_article():
    text = (
        "Sở Y tế tỉnh Kon Tum tổ chức lễ trao quyết định. Ông Lê Ngọc Tân, Phó Giám đốc Sở Y tế, "
        "chủ trì buổi lễ. Ông Đỗ Văn Khôi, Phó Giám đốc Bệnh viện, đọc quyết định."
    )
    # "Bệnh viện" names no body the article states, so that post is left out.
    assert triples(text) == {("Lê Ngọc Tân", "Phó Giám đốc", "Sở Y tế tỉnh Kon Tum")}


def test_organizations_carry_kind_and_quote():
    claims = extract("Bà Nghiêm Thị Thu, Giám đốc Bệnh viện Phổi Trung ương, dự hội nghị.")
    orgs = {o["name"]: o for o in claims["organizations"]}
    assert orgs["Bệnh viện Phổi Trung ương"]["kind"] == "hospital"
    assert orgs["Bệnh viện Phổi Trung ương"]["quote"] == "Bệnh viện Phổi Trung ương"


def test_bare_committee_beside_a_sub_unit_belongs_to_the_parent():
    text = "Dự có bà Lê Thị Ánh, Ủy viên Ban Thường vụ, Trưởng Ban Tổ chức Công đoàn Y tế Việt Nam."
    assert triples(text) == {
        ("Lê Thị Ánh", "Ủy viên", "Ban Thường vụ Công đoàn Y tế Việt Nam"),
        ("Lê Thị Ánh", "Trưởng ban", "Ban Tổ chức Công đoàn Y tế Việt Nam"),
    }


def test_a_lone_role_takes_the_body_named_before_it_unless_that_post_is_taken():
    text = (
        "Dự có ông Trần Văn Bảo, Giám đốc Sở Y tế tỉnh Hà Nam và ông Đỗ Văn Chung, Phó Giám đốc. "
        "Tại Bệnh viện Bạch Mai, ông Lê Đức Duy, Phó Giám đốc cho biết. Bà Hà Thị Yến, Giám đốc Sở Y tế "
        "tỉnh Ninh Bình đề nghị Quyền Giám đốc Vũ Văn Tín báo cáo."
    )
    assert triples(text) == {
        ("Trần Văn Bảo", "Giám đốc", "Sở Y tế tỉnh Hà Nam"),
        ("Đỗ Văn Chung", "Phó Giám đốc", "Sở Y tế tỉnh Hà Nam"),
        ("Lê Đức Duy", "Phó Giám đốc", "Bệnh viện Bạch Mai"),
        ("Hà Thị Yến", "Giám đốc", "Sở Y tế tỉnh Ninh Bình"),
    }
