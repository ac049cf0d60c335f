"""The layout table: what it holds, and that the Word template says what it says."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from ametid.core.layout import parse_layout, read_layout
from ametid.core.model import Position
from ametid.core.problems import AmetidError
from ametid.render.job import Job
from ametid.render.word import WordDocuments
from support.paths import LAYOUT, REPO
from support.positions import IDS, position_data

WORD_TEMPLATE = REPO / "templates" / "document" / "position.docx"


def word_template_texts() -> list[str]:
    """The texts of the Word template's runs, in document order."""
    xml = zipfile.ZipFile(WORD_TEMPLATE).read("word/document.xml").decode("utf-8")
    return [text.strip() for text in re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml)]


def test_the_sections_stand_in_the_canonical_order() -> None:
    assert [section.key for section in LAYOUT.sections] == [
        "general",
        "duties",
        "requirements",
        "rights",
        "responsibilities",
        "tools",
        "amendment_rules",
        "signatures",
    ]
    assert [s.key for s in LAYOUT.sections if s.numbered] == [
        "duties",
        "rights",
        "responsibilities",
        "amendment_rules",
    ]
    assert LAYOUT.naming_keys == ("manager", "subordinates", "substitutes", "substituted_by")
    assert [(s.key, s.intro) for s in LAYOUT.sections if s.intro] == [
        ("rights", "rights_intro"),
        ("responsibilities", "responsibilities_intro"),
    ]


def test_the_2026_templates_words() -> None:
    assert (LAYOUT["results"], LAYOUT["note"]) == ("Oodatav tulemus", "Märkus")
    assert LAYOUT.labels["experience"] == "Töökogemus"
    assert LAYOUT.labels["personal_qualities"] == "Isikuomadused ja väärtushoiakud"


def test_the_word_template_has_the_layout_tables_words_in_its_order() -> None:
    expected = [LAYOUT["draft"], LAYOUT["approved"], LAYOUT["document"]]
    for section in LAYOUT.sections:
        expected.append(section.heading)
        expected += [row.label for row in section.rows]
        if section.key == "duties":
            expected.append(f"{LAYOUT['results']}:")
        if section.intro:
            expected.append(f"{{{{ position.{section.intro} }}}}")
    texts = word_template_texts()
    found = iter(texts)
    missing = [word for word in expected if not any(text == word for text in found)]
    assert missing == [], f"not in the Word template, or out of order: {missing}"
    assert f"{LAYOUT['note']}: {{{{ position.review_note }}}}" in texts
    assert any(text.startswith(f"{LAYOUT['changed']} (kinnitatud {{{{ draft.") for text in texts)


def test_section_numbers_follow_what_a_position_has() -> None:
    data = position_data("projektijuht")
    assert LAYOUT.number(data, "title") == "1"
    assert LAYOUT.number(data, "rights") == "4"
    assert LAYOUT.number(data, "rights_intro") == "4"
    assert LAYOUT.number(data, "responsibilities_intro") == "5"
    optional = [s.key for s in LAYOUT.present(data) if s.optional]
    assert LAYOUT.number(data, optional[0]) == "6"
    assert LAYOUT.number({}, "tools") == "6"
    assert LAYOUT.number({}, "review_note") is None


def test_a_broken_layout_table_is_one_clean_problem(tmp_path: Path) -> None:
    (tmp_path / "layout.yaml").write_text("sections: [1, 2]\n", encoding="utf-8")
    with pytest.raises(AmetidError) as caught:
        read_layout(tmp_path)
    assert len(caught.value.problems) == 1
    assert caught.value.problems[0].message.startswith("not a layout table")
    with pytest.raises(ValueError, match="no section 'general'"):
        parse_layout("sections: []\norder: {}\n")


def test_word_documents_render_from_the_data_alone() -> None:
    """Worker processes get the data, not the file: a job whose file is gone still renders."""
    data = position_data(IDS[0])
    gone = Position(IDS[0], Path("/nowhere") / f"{IDS[0]}.yaml", IDS[0], data)
    [(job, document)] = list(WordDocuments(WORD_TEMPLATE, "Amet", LAYOUT).render([Job.of(gone)]))
    assert job.position == gone
    assert isinstance(document, bytes) and document.startswith(b"PK")
