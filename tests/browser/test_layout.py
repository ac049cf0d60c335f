"""Every page fits a phone and A4 paper, prints without blank pages, and passes axe-core."""

from __future__ import annotations

from pathlib import Path

from browser.support import (
    A4,
    DESKTOP,
    PHONE,
    Loaded,
    describe_violations,
    horizontal_overflow,
    serious_violations,
)
from support.documents import pdf_pages


def test_fits_a_phone_screen(any_page: Loaded) -> None:
    """At 375 px wide nothing sticks out sideways."""
    page = any_page.page
    page.set_viewport_size(PHONE)
    page.emulate_media(media="screen")
    assert horizontal_overflow(page) is None


def test_fits_a4_paper_in_print(any_page: Loaded) -> None:
    """With print styles at the width of A4 nothing sticks out sideways."""
    page = any_page.page
    page.set_viewport_size(A4)
    page.emulate_media(media="print")
    assert horizontal_overflow(page) is None


def test_prints_on_a4_without_blank_pages(any_page: Loaded, tmp_path: Path) -> None:
    """Printed to PDF on A4, the page gives at least one sheet, and every sheet has text."""
    pdf = tmp_path / f"{any_page.name}.pdf"
    any_page.page.pdf(path=pdf, format="A4")
    count, texts = pdf_pages(pdf)
    assert count >= 1
    assert len(texts) == count
    blank = [number for number, text in enumerate(texts, 1) if not text.strip()]
    assert blank == [], f"blank pages {blank} of {count}"


def test_has_no_serious_accessibility_violations(any_page: Loaded) -> None:
    """axe-core finds nothing serious or critical against WCAG 2.0 and 2.1, levels A and AA."""
    page = any_page.page
    page.set_viewport_size(DESKTOP)
    page.emulate_media(media="screen")
    violations = serious_violations(page)
    assert violations == [], "axe-core:\n" + describe_violations(violations)
