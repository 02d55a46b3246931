"""Property tests: the normaliser, slugs and name binding hold for any input."""

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import NotFound
from kg.query import find_person, run, value
from kg.text import name_key, normalize, slugify

VIETNAMESE = st.text(alphabet=st.sampled_from(
    "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
    "ÀÁẢÃẠÈÉẺẼẸÌÍỈĨỊÒÓỎÕỌÙÚỦŨỤỲÝỶỸỴ-.,'\"\\{}"), max_size=60)
ANY = st.text(max_size=80)


@given(st.one_of(VIETNAMESE, ANY))
def test_normalize_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


@given(st.one_of(VIETNAMESE, ANY))
def test_nfc_and_nfd_inputs_normalise_alike(text):
    assert normalize(unicodedata.normalize("NFD", text)) == normalize(unicodedata.normalize("NFC", text))
    assert name_key(unicodedata.normalize("NFD", text)) == name_key(text)


@given(st.one_of(VIETNAMESE, ANY))
def test_slug_is_ascii_and_non_empty_or_a_clear_error(text):
    try:
        slug = slugify(text)
    except ValueError as error:
        assert "no letters or digits" in str(error)
        return
    assert slug and slug.isascii() and slug == slug.lower()
    assert set(slug) <= set("abcdefghijklmnopqrstuvwxyz0123456789-") and not slug.startswith("-")


@settings(max_examples=200, deadline=None)
@given(ANY)
def test_any_string_bound_as_a_name_parses_and_matches_only_its_key(seed_store, text):
    rows = run(seed_store, "find-person", key=name_key(text))
    assert all(value(r["key"]) == name_key(text) for r in rows)
    people = {name_key(value(r["label"])) for r in run(seed_store, "person-names")}
    if name_key(text) not in people:
        assert rows == []
        with pytest.raises(NotFound):
            find_person(seed_store, text)
