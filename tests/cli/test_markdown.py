"""The Markdown renders as the texts say: read by a CommonMark/GFM renderer (markdown-it-py, as
GitHub would show it), every text of a position is there word for word, and no character of a
text became markup."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ametid.core.model import texts
from support.cli import run
from support.documents import markdown_rendered, squash
from support.positions import IDS, position_data

# Texts whose rendering is not the text itself: dates are written the Estonian way, the group
# is capitalised.
NOT_VERBATIM = {"date", "reviewed", "group", "digest"}
# What the template itself makes: headings, paragraphs, lists, bold labels, line breaks.
TEMPLATE_ELEMENTS = {"h1", "h2", "h3", "p", "ul", "li", "strong", "br"}

MARKUP = [
    "*rõhk* ja __rõhk__ ja `kood` ja <b>paks</b> ja <!-- märkus -->",
    "[x](http://example.com) ja ![pilt](x.png) ja <http://example.com> ja [^1]",
    "1. lause algab numbriga",
    "2026. aastal algav töö",
    "# pealkiri keset teksti",
    "| tabel | rida |",
    "> tsitaat",
    "- loend",
    "+ pluss",
    "---",
    "===",
    "~~maha~~ ja ~üks~ ja ***kõik***",
    "&amp; ja &#169; ja &copy;",
    "kaldkriips\\* ja \\_ ja lõpus \\",
    "5 $ ja $x$",
    "[ ] ülesanne",
    "Lõpp #",
    "rida\n# pealkiri\n- punkt\n1) number\n    taandatud\n| a | b |\n|---|---|",
]
# Characters that are not markup where they stand stay as they are.
PLAIN = "snake_case_sõna ja a * b ja 3 < 4 ja A & B ja 10 % ja #silt ja e-post@näide.ee"


def markup_position() -> str:
    """A position whose every text is full of characters that Markdown reads as markup."""

    def text(index: int) -> str:
        return json.dumps(MARKUP[index % len(MARKUP)], ensure_ascii=False)

    rights = "\n".join(f"  - {text(i)}" for i in range(len(MARKUP)))
    return (
        f"title: {json.dumps('Ekspert *peamine* [x]', ensure_ascii=False)}\n"
        f"unit: [{text(0)}, {text(5)}]\n"
        f"manager: {text(1)}\n"
        f"subordinates: [{text(2)}]\n"
        f"purpose: {json.dumps(PLAIN, ensure_ascii=False)}\n"
        "duties:\n"
        f"  - task: {text(3)}\n"
        f"    results: [{text(4)}, {text(6)}]\n"
        f"  - task: {text(17)}\n"
        f"    results: [{text(9)}]\n"
        "requirements:\n"
        f"  education: {text(7)}\n"
        f"  experience: {text(8)}\n"
        f"  languages: [{{text: {json.dumps('Eesti keel C1 *hästi*')}, level: C1}}]\n"
        f"  knowledge: [{text(10)}, {text(11)}]\n"
        f"rights:\n{rights}\n"
        f"responsibilities: [{text(12)}]\n"
        f"tools: {text(13)}\n"
        f"review_note: {text(14)}\n"
    )


def assert_renders_literally(markdown: str, data: dict[str, object]) -> None:
    shown, elements = markdown_rendered(markdown)
    missing = [
        (path, text)
        for path, text in texts(data)
        if not NOT_VERBATIM.intersection(map(str, path)) and squash(text) not in shown
    ]
    assert missing == []
    assert elements <= TEMPLATE_ELEMENTS


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from support.project import make_project

    root = make_project(tmp_path_factory.mktemp("markdown") / "project")
    (root / "positions" / "markup.yaml").write_text(markup_position(), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        result = run("build", "--format", "md")
        assert result.exit_code == 0, result.stderr
    return root


@pytest.mark.parametrize("position_id", IDS)
def test_every_built_markdown_renders_as_its_texts(built: Path, position_id: str) -> None:
    markdown = (built / "build" / "md" / f"{position_id}.md").read_text(encoding="utf-8")
    assert_renders_literally(markdown, position_data(position_id))


def test_a_position_full_of_markup_renders_literally(built: Path) -> None:
    import yaml

    markdown = (built / "build" / "md" / "markup.md").read_text(encoding="utf-8")
    data = yaml.safe_load((built / "positions" / "markup.yaml").read_text(encoding="utf-8"))
    assert_renders_literally(markdown, data)


def test_only_what_would_be_markup_is_escaped(built: Path) -> None:
    markdown = (built / "build" / "md" / "markup.md").read_text(encoding="utf-8")
    assert f"- **Teenistuskoha eesmärk:** {PLAIN}\n" in markdown
    assert "\n\\# pealkiri keset teksti\n" not in markdown  # after "4.5. ", not a line start
    assert "4.5. \\# pealkiri keset teksti\n" in markdown
    assert "4.4. 2026\\. aastal algav töö\n" in markdown


def test_the_import_reads_the_escapes_back(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import yaml

    monkeypatch.chdir(built)
    result = run("import", "--dry-run", "build/md/markup.md")
    assert result.exit_code == 0, result.stderr
    imported = yaml.safe_load(result.stdout)
    original = yaml.safe_load((built / "positions" / "markup.yaml").read_text(encoding="utf-8"))
    # Markdown keeps no line breaks inside a paragraph: they come back as spaces.
    assert dict(texts(imported)) == {path: squash(text) for path, text in texts(original)}
