"""Every document of the import corpus, as Word, PDF and extracted text, imports as its YAML."""

from __future__ import annotations

import pytest

from support.corpus import CORPUS, FORMS, expected, import_file, measure_file, names

FILES = [(name, form) for name in names() for form in FORMS]


@pytest.mark.parametrize(("name", "form"), FILES, ids=[f"{n}.{f}" for n, f in FILES])
def test_a_corpus_file_imports_as_its_expected_yaml(name: str, form: str) -> None:
    measure = measure_file(name, form)
    assert measure.words >= 0.99, measure.report()
    assert measure.sentences >= 0.98, measure.report()
    assert all(got == want for got, want in measure.counts.values()), measure.report()
    assert measure.wrong_fields == [], measure.report()
    got, comments, _problems = import_file(CORPUS / f"{name}.{form}")
    assert got == expected(name)
    people = [s["name"] for p in got for s in p.get("signatures", []) if "name" in s]
    assert [text for text in comments if any(person in text for person in people)] == []


def test_the_corpus_has_every_layout_in_three_forms() -> None:
    assert len(names()) >= 10
    for name in names():
        assert all((CORPUS / f"{name}.{form}").is_file() for form in FORMS), name
