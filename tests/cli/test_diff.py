"""`ametid diff` on small git repositories: verdicts, every output format, errors and exit codes."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ametid.core.places import Places
from ametid.core.project import find_project
from ametid.history.diff import diff_revisions
from ametid.render import environment
from ametid.render.word import render_docx
from ametid.report.diff_report import to_text
from ametid.source.loader import parse
from support.cli import run
from support.edits import SCENARIOS, Scenario, redline
from support.gitrepo import (
    EDIT_DATE,
    base_repository,
    commit,
    edited_repository,
    git,
    replace,
    write_redlines,
)
from support.ooxml import assert_valid_docx
from support.paths import DATA, LAYOUT, REPO

ORG = "Sotsiaalkindlustusamet"
LABELS = Places(json.loads((REPO / "schema" / "position.schema.json").read_text("utf-8")), LAYOUT)
GOLDEN = DATA / "golden" / "diff"
TASK_START = "Osaleb ohvriabi vabatahtlike kasutatavate registrite"
TASK_END = (
    "Vajaduse väljaselgitamiseks osaleb kas vaatleja või läbiviijana erinevates tööprotsessides."
)


@pytest.fixture(scope="module")
def edited_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Five positions tagged v2025, then the review's edits committed on main."""
    return edited_repository(tmp_path_factory.mktemp("diff") / "project")


@pytest.fixture
def edited(edited_root: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.chdir(edited_root)
    yield edited_root


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh base repository (v2025) to change, as the working directory."""
    root = base_repository(tmp_path / "project")
    monkeypatch.chdir(root)
    yield root


def report(*args: str) -> dict[str, Any]:
    result = run("diff", "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def verdicts(document: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [
        (
            p["id"],
            p["status"],
            p["consent_required"],
            [(c["kind"], c["label"], c["path"], c["consent_required"]) for c in p["changes"]],
        )
        for p in document["positions"]
    ]


def test_every_edit_gets_its_verdict(edited: Path) -> None:
    assert verdicts(report("v2025")) == [
        (
            "ekspert-kvaliteet-ja-seire",
            "changed",
            False,
            [("moved", "4.6 Õigus", "rights[5]", False)],
        ),
        (
            "ekspert-noustamismetoodikad",
            "changed",
            True,
            [
                ("changed", "1 Teenistuskoha eesmärk", "purpose", True),
                ("added", "2.3 Teenistusülesanne", "duties[2]", True),
            ],
        ),
        (
            "projektijuht",
            "changed",
            False,
            [
                ("changed", "2.1 Ülesanne", "duties[0].task", False),
                ("changed", "2.2 Oodatav tulemus 1", "duties[1].results[0]", False),
            ],
        ),
        ("teenuseomanik-lepitus", "renamed", False, []),
        ("vanemekspert-kvaliteet", "removed", False, []),
    ]


def test_json_shape(edited: Path) -> None:
    document = report("v2025", "positions/projektijuht.yaml")
    assert document == {
        "old": "v2025",
        "new": None,
        "positions": [
            {
                "id": "projektijuht",
                "title": "Projektijuht",
                "status": "changed",
                "consent_required": False,
                "changed_since_approval": False,
                "digest_tampered": False,
                "changes": [
                    {
                        "path": "duties[0].task",
                        "label": "2.1 Ülesanne",
                        "kind": "changed",
                        "old": f"{TASK_START} arendustegvuses. {TASK_END}",
                        "new": f"{TASK_START} arendustegevuses. {TASK_END}",
                        "consent_required": False,
                        "old_path": "duties[0].task",
                        "reason": "spelling",
                        "words": [
                            {"kind": "equal", "text": f"{TASK_START} "},
                            {"kind": "delete", "text": "arendustegvuses."},
                            {"kind": "insert", "text": "arendustegevuses."},
                            {"kind": "equal", "text": f" {TASK_END}"},
                        ],
                    },
                    {
                        "path": "duties[1].results[0]",
                        "label": "2.2 Oodatav tulemus 1",
                        "kind": "changed",
                        "old": "Registrite juhendid on väljatöötatud ja need on ajakohased.",
                        "new": "Registrite juhendid on koostatud ning neid hoitakse ajakohasena.",
                        "consent_required": False,
                        "old_path": "duties[1].results[0]",
                        "reason": "elsewhere",
                        "words": [
                            {"kind": "equal", "text": "Registrite juhendid on "},
                            {"kind": "delete", "text": "väljatöötatud ja need on ajakohased."},
                            {"kind": "insert", "text": "koostatud ning neid hoitakse ajakohasena."},
                        ],
                    },
                ],
                "old_id": None,
            }
        ],
        "library": [],
        "problems": [],
        "unit_renames": [],
    }


def test_text_for_one_position(edited: Path) -> None:
    result = run("diff", "v2025", "positions/ekspert-noustamismetoodikad.yaml")
    assert (result.exit_code, result.stderr) == (
        0,
        "compared v2025 with the working tree: 1 position differs, 1 needs consent, "
        "1 changed since approval\n",
    )
    assert result.stdout == (
        "ekspert-noustamismetoodikad: Ekspert (nõustamismetoodikad)\n"
        "  changed: needs consent\n"
        "  changed since approval: it prints as a draft until approved again\n"
        "  changed 1 Teenistuskoha eesmärk (purpose): needs consent "
        "(purpose changed in substance)\n"
        "    Nõustajate töö toetamiseks ühtsete metoodiliste põhimõtete ning juhiste loomine ja "
        "arendamine, nõustajate [-koolitamine-]{+koolitamine, juhendamine+} ning "
        "[-juhendamine-]{+nende töö hindamine+} metoodikate rakendamisel.\n"
        "  added 2.3 Teenistusülesanne (duties[2]): needs consent (duty added)\n"
        "    {+Nõustajate e-kursuse väljatöötamine ja ajakohastamine.\n"
        "    E-kursus on valminud ja nõustajad on selle läbinud.+}\n"
    )


def test_text_in_colour_for_a_terminal(edited_root: Path) -> None:
    project = find_project(edited_root)
    result = diff_revisions(project, ["v2025", str(edited_root / "positions/projektijuht.yaml")])
    coloured = to_text(result, color=True).splitlines()
    assert coloured[0] == "\x1b[1mprojektijuht: Projektijuht\x1b[0m"
    assert coloured[3] == (
        "    Osaleb ohvriabi vabatahtlike kasutatavate registrite "
        "\x1b[31m[-arendustegvuses.-]\x1b[0m\x1b[32m{+arendustegevuses.+}\x1b[0m "
        "Vajaduse väljaselgitamiseks osaleb kas vaatleja või läbiviijana erinevates "
        "tööprotsessides."
    )


@pytest.mark.parametrize("name", ["report.txt", "report.md", "report.json", "report.html"])
def test_golden_reports(edited: Path, name: str, update_golden: bool) -> None:
    output_format = {"txt": "text"}.get(name.split(".")[1], name.split(".")[1])
    result = run("diff", "v2025", "--format", output_format)
    assert result.exit_code == 0
    golden = GOLDEN / name
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8")


def test_html_report_is_self_contained_and_marks_every_change(edited: Path) -> None:
    page = run("diff", "v2025", "--format", "html").stdout
    assert re.findall(r'(?:src|href)="(?:https?:)?//', page) == []
    assert "@page { size: A4" in page
    assert "<del>arendustegvuses.</del><ins>arendustegevuses.</ins>" in page
    assert "<ins>Nõustajate e-kursuse väljatöötamine ja ajakohastamine.</ins>" in page
    assert "<del>Ekspert (kvaliteet ja seire)</del>" not in page
    assert '<h2 class="document-title"><del>Vanemekspert (kvaliteet)</del></h2>' in page


def test_revisions_compare_the_same_as_the_working_tree(edited: Path) -> None:
    working = report("v2025")
    committed = report("v2025", "HEAD")
    assert committed["new"] == "HEAD"
    assert committed["positions"] == working["positions"]


def test_no_differences(edited: Path) -> None:
    result = run("diff", "HEAD", "--exit-code")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "",
        "compared HEAD with the working tree: no differences\n",
    )


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["v2025"], 0),
        (["v2025", "--exit-code"], 1),
        (["v2025", "--fail-on-consent"], 1),
        (["v2025", "positions/projektijuht.yaml", "--fail-on-consent"], 0),
        (["v2025", "positions/projektijuht.yaml", "--exit-code"], 1),
    ],
)
def test_exit_codes(edited: Path, args: list[str], code: int) -> None:
    assert run("diff", *args).exit_code == code


def test_default_old_is_the_merge_base_with_main(repository: Path) -> None:
    git(repository, "checkout", "-q", "-b", "review")
    replace(repository / "positions/projektijuht.yaml", "arendustegvuses", "arendustegevuses")
    commit(repository, "Fix a typo", EDIT_DATE)
    git(repository, "checkout", "-q", "main")
    replace(
        repository / "positions/projektijuht.yaml",
        "title: Projektijuht\n",
        "title: Projektijuht (REACT)\n",
    )
    commit(repository, "Later work on main", EDIT_DATE)
    git(repository, "checkout", "-q", "review")
    base = git(repository, "rev-parse", "v2025").strip()
    document = report()
    assert document["old"] == base
    assert verdicts(document) == [
        ("projektijuht", "changed", False, [("changed", "2.1 Ülesanne", "duties[0].task", False)])
    ]


def test_default_branch_from_origin_head(
    repository: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--branch", "main", str(repository), str(clone))
    git(clone, "checkout", "-q", "-b", "feature")
    git(clone, "branch", "-q", "-D", "main")
    replace(clone / "positions/projektijuht.yaml", "arendustegvuses", "arendustegevuses")
    monkeypatch.chdir(clone)
    document = report()
    assert document["old"] == git(clone, "rev-parse", "origin/HEAD").strip()
    assert [p["id"] for p in document["positions"]] == ["projektijuht"]


def test_no_default_branch(repository: Path) -> None:
    git(repository, "branch", "-q", "-m", "main", "trunk")
    result = run("diff")
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        "HEAD: no default branch (origin/HEAD, main or master) to compare with; "
        "name the revision, e.g. ametid diff v2025\n",
    )


def test_unknown_revision(edited: Path) -> None:
    result = run("diff", "v2024")
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        "v2024: unknown revision or path not in the working tree; name a tag, branch or "
        "commit, or put paths after --\n",
    )


def test_outside_a_git_repository(project: Path) -> None:
    result = run("diff", "v2025")
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        ".: not inside a git repository; ametid compares versions kept in git\n",
    )


def test_invalid_file_on_the_new_side(repository: Path) -> None:
    (repository / "positions/vanemekspert-kvaliteet.yaml").write_text(
        "title: [\n", encoding="utf-8"
    )
    replace(repository / "positions/projektijuht.yaml", "arendustegvuses", "arendustegevuses")
    result = run("diff", "v2025")
    assert result.exit_code == 1
    assert result.stderr == (
        "positions/vanemekspert-kvaliteet.yaml:1:1: the list or mapping opened with [ or { on "
        "line 1 is not closed where it should be; close it, and put in quotes any text in it "
        "that holds a comma or ': '\n"
        "compared v2025 with the working tree: 1 position differs, 0 need consent\n"
    )
    assert result.stdout.startswith("projektijuht: Projektijuht\n  changed: editorial\n")


def test_invalid_file_on_the_old_side(repository: Path) -> None:
    broken = repository / "positions/projektijuht.yaml"
    replace(broken, "title: Projektijuht", "title: Projektijuht\ntitel: x")
    commit(repository, "A mistake")
    git(repository, "tag", "broken")
    replace(broken, "title: Projektijuht\ntitel: x", "title: Projektijuht")
    document = report("broken")
    assert document["positions"] == []
    assert document["problems"] == [
        {
            "file": "broken:positions/projektijuht.yaml",
            "line": 3,
            "column": 1,
            "path": "titel",
            "place": "",
            "code": "unknown-key",
            "severity": "error",
            "message": "unknown key 'titel'; did you mean 'title'?",
        }
    ]
    assert run("diff", "broken").exit_code == 1


@pytest.mark.parametrize(
    "args",
    [
        ["diff", "--format", "docx"],
        ["diff", "--out", "x"],
        ["diff", "--format", "pdf"],
        ["diff", "v2025", "--date", "2026-05-19"],
        ["diff", "v2025", "--format", "docx", "--out", "x", "--date", "19.05.2026"],
    ],
)
def test_usage_errors(edited: Path, args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert "Usage:" in result.stderr


def test_help() -> None:
    result = run("diff", "--help")
    assert result.exit_code == 0
    assert "Usage: ametid diff [OPTIONS] [OLD] [NEW] [--] [PATH]..." in result.stdout
    for option in ("--format", "--out", "--force", "--date", "--exit-code", "--fail-on-consent"):
        assert option in result.stdout


# Word documents with tracked changes ----------------------------------------------------------

_WRAPPED = {tag: re.compile(rf"<w:{tag} [^>]*[^/]>.*?</w:{tag}>", re.S) for tag in ("ins", "del")}
_MARK = {tag: re.compile(rf"<w:{tag} [^>]*/>") for tag in ("ins", "del")}


def paragraphs(xml: str, keep: str | None = None) -> list[str]:
    """Paragraph texts, after accepting (keep='ins') or rejecting (keep='del') every change.

    As in Word, a row whose change is undone goes, and a paragraph whose mark is undone joins
    the next paragraph.
    """
    texts: list[str] = []
    carried = ""
    if keep is not None:
        drop = "del" if keep == "ins" else "ins"
        xml = _WRAPPED[drop].sub("", xml)
        row = r"<w:tr>(?:<w:tblPrEx>.*?</w:tblPrEx>)?<w:trPr>(?:(?!</w:trPr>).)*?"
        xml = re.sub(rf"{row}{_MARK[drop].pattern}.*?</w:tr>", "", xml, flags=re.S)
        xml = xml.replace("w:delText", "w:t")
    for paragraph in re.findall(r"<w:p[ >].*?</w:p>", xml, re.S):
        text = carried + "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", paragraph))
        properties = re.match(r"<w:p[^>]*>(<w:pPr>.*?</w:pPr>)?", paragraph)
        if keep is not None and properties and _MARK[drop].search(properties.group(1) or ""):
            carried = text
            continue
        carried = ""
        texts.append(text)
    return texts


def document_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read("word/document.xml").decode("utf-8")


def plain(root: Path, data: dict[str, Any], position_id: str) -> str:
    context = {"position": data, "draft": None, "id": position_id, "organisation": ORG}
    rendered = render_docx(
        root / "templates" / "document" / "position.docx",
        context,
        environment.docx_environment(),
        data["title"],
    )
    return document_xml(rendered)


def version(root: Path, revision: str, position_id: str) -> dict[str, Any]:
    raw = git(root, "show", f"{revision}:positions/{position_id}.yaml").encode("utf-8")
    document, problems = parse(raw, position_id)
    assert document is not None and problems == []
    data: dict[str, Any] = document.data
    return data


@pytest.fixture(scope="module")
def redlines(edited_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_redlines(edited_root, tmp_path_factory.mktemp("redlines"))


def test_docx_written_for_each_position_with_a_new_version(edited: Path, redlines: Path) -> None:
    assert sorted(path.name for path in redlines.iterdir()) == [
        "ekspert-kvaliteet-ja-seire.docx",
        "ekspert-noustamismetoodikad.docx",
        "projektijuht.docx",
        "teenuseomanik-lepitus.docx",
    ]


@pytest.mark.parametrize(
    "position_id", ["ekspert-kvaliteet-ja-seire", "ekspert-noustamismetoodikad", "projektijuht"]
)
def test_docx_accept_all_gives_new_and_reject_all_gives_old(
    edited_root: Path, redlines: Path, position_id: str
) -> None:
    xml = document_xml((redlines / f"{position_id}.docx").read_bytes())
    new = version(edited_root, "HEAD", position_id)
    old = version(edited_root, "v2025", position_id)
    assert paragraphs(xml, keep="ins") == paragraphs(plain(edited_root, new, position_id))
    assert paragraphs(xml, keep="del") == paragraphs(plain(edited_root, old, position_id))


def test_docx_changes_are_tracked_by_ametid_at_the_new_commits_date(redlines: Path) -> None:
    xml = document_xml((redlines / "projektijuht.docx").read_bytes())
    changes = re.findall(r"<w:(ins|del) ([^>]*?)/?>", xml)
    assert [kind for kind, _ in changes] == ["del", "ins", "del", "ins"]
    # The review's edits were committed at EDIT_DATE, 2026-04-14T10:00:00+00:00.
    for _, attributes in changes:
        assert re.fullmatch(
            r'w:id="[0-9]+" w:author="ametid" w:date="2026-04-14T10:00:00Z"', attributes
        )
    assert (
        '<w:del w:id="1" w:author="ametid" w:date="2026-04-14T10:00:00Z"><w:r>'
        '<w:delText xml:space="preserve">arendustegvuses.</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="ametid" w:date="2026-04-14T10:00:00Z"><w:r>'
        '<w:t xml:space="preserve">arendustegevuses.</w:t></w:r></w:ins>'
    ) in xml


def test_docx_added_paragraphs_take_the_mark_of_the_paragraph_before(redlines: Path) -> None:
    """The added duty's task and "Oodatav tulemus:" end with inserted marks, and so does the
    last result of the duty before it; the added duty's last result keeps its own mark."""
    xml = document_xml((redlines / "ekspert-noustamismetoodikad.docx").read_bytes())
    texts = [text for text, inserted in marked_paragraphs(xml) if inserted]
    assert texts == [
        "Grupijuhtide metoodiline juhendamine ja toetamine toimib.",
        "Nõustajate e-kursuse väljatöötamine ja ajakohastamine.",
        "Oodatav tulemus:",
    ]


def marked_paragraphs(xml: str) -> list[tuple[str, bool]]:
    """Each paragraph's text, and whether its paragraph mark is tracked as inserted."""
    found = []
    for paragraph in re.findall(r"<w:p[ >].*?</w:p>", xml, re.S):
        text = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", paragraph))
        properties = re.match(r"<w:p[^>]*>(<w:pPr>.*?</w:pPr>)?", paragraph)
        mark = properties.group(1) or "" if properties else ""
        found.append((text, bool(_MARK["ins"].search(mark))))
    return found


def test_docx_date_given_on_the_command_line(edited: Path, tmp_path: Path) -> None:
    out = ["--format", "docx", "--out", str(tmp_path)]
    result = run("diff", "v2025", "positions/projektijuht.yaml", *out, "--date", "2026-05-19")
    assert result.exit_code == 0, result.stderr
    xml = document_xml((tmp_path / "projektijuht.docx").read_bytes())
    assert set(re.findall(r'w:date="([^"]*)"', xml)) == {"2026-05-19T00:00:00Z"}


def test_docx_redlines_pass_openxml_audit(redlines: Path) -> None:
    assert assert_valid_docx(sorted(redlines.iterdir())) == 4


def test_docx_is_reproducible(edited_root: Path, redlines: Path, tmp_path: Path) -> None:
    docx = ["--format", "docx", "--out", str(tmp_path)]
    # Another process with another hash seed writes the same bytes.
    subprocess.run(
        [sys.executable, "-m", "ametid", "diff", "v2025", "positions/projektijuht.yaml", *docx],
        cwd=edited_root,
        env={**os.environ, "PYTHONHASHSEED": "12345"},
        capture_output=True,
        check=True,
    )
    written = tmp_path / "projektijuht.docx"
    assert written.read_bytes() == (redlines / "projektijuht.docx").read_bytes()


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda scenario: scenario.name)
def test_docx_redline_accepts_to_new_and_rejects_to_old(scenario: Scenario, tmp_path: Path) -> None:
    """As Word's Accept all and Reject all read the markup; LibreOffice does it in tests/e2e."""
    old, new = scenario.versions()
    document = redline(old, new, scenario.position_id)
    xml = document_xml(document)
    assert paragraphs(xml, keep="ins") == paragraphs(plain(REPO, new, scenario.position_id))
    assert paragraphs(xml, keep="del") == paragraphs(plain(REPO, old, scenario.position_id))
    (tmp_path / f"{scenario.name}.docx").write_bytes(document)
    assert assert_valid_docx([tmp_path / f"{scenario.name}.docx"]) == 1
