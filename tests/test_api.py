"""The library a Python user imports: `from kg import ...`."""

import kg


def test_public_api_answers_like_the_cli():
    from kg import build_store, open_store, roles

    store = open_store("memory:")
    report = build_store(store)
    assert report.sources[-1] == "ngaynay-2026-01-13-byt-cdyt"
    answer = roles(store, "dao hong lan")
    assert answer.person.label == "Đào Hồng Lan" and len(answer.posts) == 3
    assert kg.validate_store(store).conforms


def test_every_exported_name_resolves():
    for name in kg.__all__:
        assert getattr(kg, name) is not None
