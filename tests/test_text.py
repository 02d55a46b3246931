"""Vietnamese normalisation: NFC, one tone-mark style, ascii keys, slugs, honorifics."""

import unicodedata

import pytest

from kg.text import name_key, normalize, slugify, strip_honorifics


@pytest.mark.parametrize(
    ("old", "new"),
    [("hoà", "hòa"), ("Uỷ viên", "Ủy viên"), ("khoẻ", "khỏe"), ("thuỷ", "thủy"), ("Thuỵ", "Thụy"),
     ("xoá", "xóa"), ("UỶ BAN", "ỦY BAN"), ("tuỳ", "tùy")],
)
def test_old_tone_placement_becomes_one_style(old, new):
    assert normalize(old) == new
    assert normalize(new) == new


@pytest.mark.parametrize("word", ["quý", "Quỳnh", "hoàng", "Quyết", "khuỷu", "thuở", "Nguyễn", "Khuê"])
def test_words_whose_tone_must_not_move(word):
    assert normalize(word) == word


def test_nfd_input_gives_the_nfc_form():
    decomposed = unicodedata.normalize("NFD", "Đào Hồng Lan, Ủy viên")
    assert decomposed != "Đào Hồng Lan, Ủy viên"
    assert normalize(decomposed) == "Đào Hồng Lan, Ủy viên"


def test_name_key_ignores_diacritics_case_spacing_and_tone_style():
    assert name_key("Đào  Hồng Lan") == "dao hong lan"
    assert name_key("UỶ BAN") == name_key("ủy ban") == "uy ban"


def test_slug_is_ascii_hyphenated_and_rejects_empty():
    assert slugify("Công đoàn Y tế Việt Nam") == "cong-doan-y-te-viet-nam"
    assert slugify("72-NQ/TW") == "72-nq-tw"
    with pytest.raises(ValueError, match="no letters or digits"):
        slugify(" -- ")


@pytest.mark.parametrize(
    ("raw", "name", "prefix"),
    [("TS Trần Thị Mai Oanh", "Trần Thị Mai Oanh", "TS"),
     ("PGS.TS Lê Văn A", "Lê Văn A", "PGS.TS"),
     ("PGS. TS. Lê Văn A", "Lê Văn A", "PGS.TS"),
     ("ThS.BS Ngô B", "Ngô B", "ThS.BS"),
     ("Tsang Văn C", "Tsang Văn C", None),
     ("Đào Hồng Lan", "Đào Hồng Lan", None)],
)
def test_honorifics_are_split_from_names(raw, name, prefix):
    assert strip_honorifics(raw) == (name, prefix)
