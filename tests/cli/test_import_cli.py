"""`ametid import` and `ametid new` on the command line, by their exact output and exit codes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ametid.source.loader import parse
from support.cli import run
from support.paths import DATA, REPO, WRITTEN_OUT
from support.positions import imported_text

RAW_SEEDS = DATA / "fixtures" / "raw-seeds"
FIXTURES = DATA / "fixtures" / "import"
NOUSTAJA = "positions/noustaja-kriisitelefon.yaml"

INSPEKTOR = "positions/keskkonnainspektor.yaml"
# The line import writes for a seed it read in full.
READ = "1 position, 20 fields filled, 0 lines left as comments, 0 placeholders"


def inbox(project: Path, source: Path, name: str | None = None) -> str:
    """Copy an input into the project, so that messages name it by a short relative path."""
    target = project / "inbox" / (name or source.name)
    target.parent.mkdir(exist_ok=True)
    shutil.copy(source, target)
    return f"inbox/{target.name}"


def data(path: Path) -> dict[str, object]:
    document, problems = parse(path.read_bytes(), path.name)
    assert problems == [] and document is not None
    return dict(document.data)


def test_import_writes_the_position_as_hand_written(empty_project: Path) -> None:
    source = inbox(empty_project, RAW_SEEDS / "ekspert-noustamismetoodikad.txt")
    result = run("import", source)
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "",
        f"inbox/ekspert-noustamismetoodikad.txt: {READ}\n"
        "wrote positions/ekspert-noustamismetoodikad.yaml\nimported 1 position from 1 file\n",
    )
    written = empty_project / "positions" / "ekspert-noustamismetoodikad.yaml"
    assert written.read_text(encoding="utf-8") == imported_text(written.stem)
    # An imported signed text is approved without a digest yet: validate notes it, and passes.
    lines = written.read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.startswith("approval:"))
    assert run("validate").stderr == (
        f"positions/ekspert-noustamismetoodikad.yaml:{line}:1: Kinnitamine (approval): note: "
        "has no digest yet; run `ametid approve --keep`\n"
        "checked 1 file: no problems, 1 note\n"
    )


def test_dry_run_prints_the_yaml_and_writes_nothing(empty_project: Path) -> None:
    source = inbox(empty_project, RAW_SEEDS / "projektijuht.txt")
    result = run("import", "--dry-run", source)
    assert (result.exit_code, result.stderr) == (
        0,
        f"inbox/projektijuht.txt: {READ}\nread 1 position from 1 file\n",
    )
    assert result.stdout == (WRITTEN_OUT / "projektijuht.yaml").read_text(encoding="utf-8")
    assert list((empty_project / "positions").iterdir()) == []


def test_dry_run_separates_several_positions(empty_project: Path) -> None:
    source = inbox(empty_project, FIXTURES / "kaskkiri.txt")
    result = run("import", "--dry-run", source)
    assert result.exit_code == 0
    documents = result.stdout.split("---\n")
    assert [parse(d.encode(), "x.yaml")[0] is not None for d in documents] == [True] * 3
    assert [d.splitlines()[1] for d in documents] == [
        "title: Nõustaja (kriisitelefon)",
        "title: Koordinaator (vabatahtlikud)",
        "title: Vanemnõustaja",
    ]
    assert list((empty_project / "positions").iterdir()) == []


def test_an_existing_file_is_kept_unless_forced(project: Path) -> None:
    source = inbox(project, RAW_SEEDS / "projektijuht.txt")
    target = project / "positions" / "projektijuht.yaml"
    target.write_text("title: muudetud\n", encoding="utf-8")
    result = run("import", source)
    assert (result.exit_code, result.stderr) == (
        1,
        f"inbox/projektijuht.txt: {READ}\n"
        "positions/projektijuht.yaml: exists; not replaced (use --force to replace it)\n"
        "imported 0 of 1 position from 1 file: 1 problem\n",
    )
    assert target.read_text(encoding="utf-8") == "title: muudetud\n"
    result = run("import", "--force", source)
    assert (result.exit_code, result.stderr) == (
        0,
        f"inbox/projektijuht.txt: {READ}\n"
        "wrote positions/projektijuht.yaml\nimported 1 position from 1 file\n",
    )
    assert target.read_bytes() == (WRITTEN_OUT / "projektijuht.yaml").read_bytes()


def test_a_directive_writes_one_file_per_annex(empty_project: Path) -> None:
    source = inbox(empty_project, FIXTURES / "kaskkiri.txt")
    result = run("import", source)
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "",
        "inbox/kaskkiri.txt: directive nr 1-1/17 of 2026-03-02: 3 job descriptions\n"
        "inbox/kaskkiri.txt: 3 positions, 41 fields filled, 0 lines left as comments, "
        "0 placeholders\n"
        "wrote positions/noustaja-kriisitelefon.yaml\n"
        "wrote positions/koordinaator-vabatahtlikud.yaml\n"
        "wrote positions/vanemnoustaja.yaml\n"
        "imported 3 positions from 1 file\n",
    )
    approval = data(empty_project / "positions" / "vanemnoustaja.yaml")["approval"]
    assert approval == {
        "by": "Sotsiaalkindlustusameti peadirektori",
        "date": "2026-03-02",
        "directive": "1-1/17",
        "annex": "3",
    }
    assert run("validate").exit_code == 0


def test_ids_are_made_unique_within_an_import(empty_project: Path) -> None:
    first = inbox(empty_project, RAW_SEEDS / "projektijuht.txt", "a.txt")
    second = inbox(empty_project, RAW_SEEDS / "projektijuht.txt", "b.txt")
    result = run("import", first, second)
    assert result.stderr == (
        f"inbox/a.txt: {READ}\n"
        f"inbox/b.txt: {READ}\n"
        "wrote positions/projektijuht.yaml\n"
        "wrote positions/projektijuht-2.yaml\n"
        "imported 2 positions from 2 files\n"
    )


def test_text_that_cannot_be_placed_is_kept_and_reported(empty_project: Path) -> None:
    text = (RAW_SEEDS / "ekspert-noustamismetoodikad.txt").read_text(encoding="utf-8")
    row = "Eritingimused Eritingimused määratakse töölepingus. \n"
    text = text.replace(row, row + "\nTöökoha asukoht Tallinn, Endla 8. \n")
    note = "Märkus: Ametijuhend"
    text = text.replace(note, "6. Lõppsätted \n\nAmetijuhend jõustub allkirjastamisel. \n\n" + note)
    (empty_project / "inbox").mkdir()
    (empty_project / "inbox" / "ametijuhend.txt").write_text(text, encoding="utf-8")
    source = "inbox/ametijuhend.txt"
    result = run("import", source)
    target = "positions/ekspert-noustamismetoodikad.yaml"
    kept = f"(kept as a comment at the end of {target})"
    assert (result.exit_code, result.stderr) == (
        1,
        f"{source}: 1 position, 20 fields filled, 3 lines left as comments, 0 placeholders\n"
        f"{source}:37: could not place: Töökoha asukoht Tallinn, Endla 8. {kept}\n"
        f"{source}:191: could not place: 6. Lõppsätted {kept}\n"
        f"{source}:193: could not place: Ametijuhend jõustub allkirjastamisel. {kept}\n"
        f"wrote {target}\n"
        "imported 1 position from 1 file: 3 problems\n",
    )
    written = (empty_project / target).read_text(encoding="utf-8")
    hand_made = imported_text("ekspert-noustamismetoodikad")
    assert written == hand_made + (
        "# IMPORT: could not place: Töökoha asukoht Tallinn, Endla 8.\n"
        "# IMPORT: could not place: 6. Lõppsätted\n"
        "# IMPORT: could not place: Ametijuhend jõustub allkirjastamisel.\n"
    )


def test_duties_without_results_get_placeholders_that_validate_reports(
    empty_project: Path,
) -> None:
    source = inbox(empty_project, FIXTURES / "teine-amet.txt")
    result = run("import", source)
    left = "placeholder TÄIDA left; write the text in its place"
    assert (result.exit_code, result.stderr) == (
        1,
        f"{source}: 1 position, 14 fields filled, 0 lines left as comments, 3 placeholders\n"
        f"{INSPEKTOR}:11:9: 2.1 Oodatav tulemus 1 (duties[0].results[0]): {left}\n"
        f"{INSPEKTOR}:14:9: 2.2 Oodatav tulemus 1 (duties[1].results[0]): {left}\n"
        f"{INSPEKTOR}:17:9: 2.3 Oodatav tulemus 1 (duties[2].results[0]): {left}\n"
        "wrote positions/keskkonnainspektor.yaml\n"
        "imported 1 position from 1 file: 3 problems\n",
    )
    assert run("validate").stderr == (
        f"{INSPEKTOR}:11:9: 2.1 Oodatav tulemus 1 (duties[0].results[0]): {left}\n"
        f"{INSPEKTOR}:14:9: 2.2 Oodatav tulemus 1 (duties[1].results[0]): {left}\n"
        f"{INSPEKTOR}:17:9: 2.3 Oodatav tulemus 1 (duties[2].results[0]): {left}\n"
        "checked 1 file: 3 problems\n"
    )


def test_out_folder_gets_a_schema_link_that_resolves(empty_project: Path) -> None:
    source = inbox(empty_project, RAW_SEEDS / "projektijuht.txt")
    result = run("import", "--out", "drafts/2026", source)
    assert result.stderr == (
        f"inbox/projektijuht.txt: {READ}\n"
        "wrote drafts/2026/projektijuht.yaml\nimported 1 position from 1 file\n"
    )
    first = (empty_project / "drafts/2026/projektijuht.yaml").read_text(encoding="utf-8")
    assert first.splitlines()[0] == (
        "# yaml-language-server: $schema=../../schema/position.schema.json"
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "vana.doc",
            b"\xd0\xcf\x11\xe0",
            ".doc files are not read; save it as .docx first "
            "(in Word, or: soffice --headless --convert-to docx FILE)",
        ),
        (
            "katki.docx",
            b"not a zip file",
            "not a Word document (.docx), or a damaged one; open it in Word and save it again",
        ),
        ("tabel.xlsx", b"", "unsupported file type .xlsx; use .docx, .pdf, .txt or .md"),
        ("tyhi.txt", b"\n\n", "no job description found in this file"),
    ],
)
def test_unreadable_inputs(empty_project: Path, name: str, content: bytes, message: str) -> None:
    (empty_project / "inbox").mkdir()
    (empty_project / "inbox" / name).write_bytes(content)
    result = run("import", f"inbox/{name}")
    assert (result.exit_code, result.stdout, list((empty_project / "positions").iterdir())) == (
        1,
        "",
        [],
    )
    assert result.stderr == (
        f"inbox/{name}: {message}\nimported 0 positions from 1 file: 1 problem\n"
    )


@pytest.mark.parametrize(
    "args", [["import"], ["import", "puudub.txt"], ["import", "--nope", "x"], ["new"]]
)
def test_usage_errors_exit_2(empty_project: Path, args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert "Usage:" in result.stderr


@pytest.mark.parametrize("command", ["import", "new"])
def test_the_commands_have_help(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"Usage: main {command} ") or result.stdout.startswith(
        f"Usage: ametid {command} "
    )
    assert "--force" in result.stdout


@pytest.fixture
def with_standard(empty_project: Path) -> Path:
    shutil.copytree(REPO / "data", empty_project / "data")
    return empty_project


def test_new_starts_a_skeleton_with_the_standard_texts(with_standard: Path) -> None:
    result = run("new", "Nõustaja (kriisitelefon)", "--unit", "Ohvriabi osakond, kriisitoe talitus")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "",
        f"created {NOUSTAJA}: 6 placeholders TÄIDA to fill in\n",
    )
    created = data(with_standard / NOUSTAJA)
    standard = data(REPO / "data" / "standard.yaml")
    assert created["title"] == "Nõustaja (kriisitelefon)"
    assert created["unit"] == ["Ohvriabi osakond", "kriisitoe talitus"]
    for key in ("rights", "responsibilities", "special_conditions", "review_note"):
        assert created[key] == standard[key]
    left = "placeholder TÄIDA left; write the text in its place"
    assert run("validate").stderr == (
        f"{NOUSTAJA}:4:10: 1 Vahetu juht (manager): {left}\n"
        f"{NOUSTAJA}:5:10: 1 Teenistuskoha eesmärk (purpose): {left}\n"
        f"{NOUSTAJA}:8:11: 2.1 Ülesanne (duties[0].task): {left}\n"
        f"{NOUSTAJA}:10:9: 2.1 Oodatav tulemus 1 (duties[0].results[0]): {left}\n"
        f"{NOUSTAJA}:12:14: 3 Haridus (requirements.education): {left}\n"
        f"{NOUSTAJA}:13:15: 3 Töökogemus (requirements.experience): {left}\n"
        "checked 1 file: 6 problems\n"
    )
    path = with_standard / NOUSTAJA
    path.write_text(path.read_text(encoding="utf-8").replace("TÄIDA", "Tekst."), encoding="utf-8")
    assert run("validate").stderr == "checked 1 file: no problems\n"


def test_new_units_may_repeat_the_option(with_standard: Path) -> None:
    run(
        "new",
        "Nõustaja (kriisitelefon)",
        "--unit",
        "Ohvriabi osakond",
        "--unit",
        "kriisitoe talitus",
    )
    assert data(with_standard / NOUSTAJA)["unit"] == ["Ohvriabi osakond", "kriisitoe talitus"]


def test_new_without_a_standard_file_leaves_placeholders_everywhere(empty_project: Path) -> None:
    result = run("new", "Nõustaja")
    assert result.stderr == "created positions/noustaja.yaml: 10 placeholders TÄIDA to fill in\n"
    assert data(empty_project / "positions" / "noustaja.yaml")["rights"] == ["TÄIDA"]


def test_new_from_copies_a_position_without_its_approval(project: Path) -> None:
    source_path = project / "positions" / "ekspert-noustamismetoodikad.yaml"
    with source_path.open("a", encoding="utf-8") as stream:
        stream.write("reviewed: 2026-06-01\n")
    result = run("new", "Vanemekspert", "--from", "ekspert-noustamismetoodikad")
    assert (result.exit_code, result.stderr) == (0, "created positions/vanemekspert.yaml\n")
    source = data(source_path)
    del source["approval"], source["reviewed"]
    assert data(project / "positions" / "vanemekspert.yaml") == {**source, "title": "Vanemekspert"}
    assert run("validate").exit_code == 0


def test_new_keeps_an_existing_file_unless_forced(project: Path) -> None:
    result = run("new", "Projektijuht")
    assert (result.exit_code, result.stderr) == (
        1,
        "positions/projektijuht.yaml: exists; choose another title, or use --force to replace it\n",
    )
    assert (project / "positions" / "projektijuht.yaml").read_bytes() == (
        WRITTEN_OUT / "projektijuht.yaml"
    ).read_bytes()
    result = run("new", "Projektijuht", "--from", "ekspert-kvaliteet-ja-seire", "--force")
    assert (result.exit_code, result.stderr) == (0, "created positions/projektijuht.yaml\n")
    assert data(project / "positions" / "projektijuht.yaml")["unit"] == [
        "Ohvriabi osakond",
        "ohvriabiteenuste tugitalitus",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["X", "--from", "puudub"],
            "positions/puudub.yaml: not found; --from takes the id of a position in positions/",
        ),
        (["  "], "TITLE: the title is empty; name the position"),
    ],
)
def test_new_refuses(project: Path, args: list[str], message: str) -> None:
    result = run("new", *args)
    assert (result.exit_code, result.stderr) == (1, f"{message}\n")


def test_new_reports_a_standard_file_the_schema_refuses(with_standard: Path) -> None:
    (with_standard / "data" / "standard.yaml").write_text("rights: teha kaugtööd\n")
    result = run("new", "Nõustaja")
    assert (result.exit_code, result.stderr) == (
        1,
        "positions/noustaja.yaml:16:9: 4 Teenistuja õigused (rights): should be a list, not text\n"
        "data/standard.yaml: check its keys and values\n",
    )
    assert not (with_standard / "positions" / "noustaja.yaml").exists()


def test_new_and_import_make_positions_when_the_project_has_none_yet(empty_project: Path) -> None:
    (empty_project / "positions").rmdir()
    result = run("new", "Nõustaja")
    assert (result.exit_code, result.stderr) == (
        0,
        "created positions/noustaja.yaml: 10 placeholders TÄIDA to fill in\n",
    )
    shutil.rmtree(empty_project / "positions")
    result = run("import", str(RAW_SEEDS / "projektijuht.txt"))
    assert (result.exit_code, result.stderr) == (
        0,
        f"{RAW_SEEDS / 'projektijuht.txt'}: {READ}\n"
        "wrote positions/projektijuht.yaml\nimported 1 position from 1 file\n",
    )


CORPUS = DATA / "import"


def test_outside_a_project_a_dry_run_uses_the_shipped_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(RAW_SEEDS / "projektijuht.txt", tmp_path / "vana.txt")
    result = run("import", "--dry-run", "vana.txt")
    assert (result.exit_code, result.stderr) == (
        0,
        f"vana.txt: {READ}\nread 1 position from 1 file\n",
    )
    assert result.stdout == (WRITTEN_OUT / "projektijuht.yaml").read_text(encoding="utf-8")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["vana.txt"]


def test_outside_a_project_import_writes_into_the_folder_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(RAW_SEEDS / "projektijuht.txt", tmp_path / "vana.txt")
    result = run("import", "--out", "uued", "vana.txt")
    assert (result.exit_code, result.stderr) == (
        0,
        f"vana.txt: {READ}\nwrote uued/projektijuht.yaml\nimported 1 position from 1 file\n",
    )
    written = tmp_path / "uued" / "projektijuht.yaml"
    assert written.read_bytes() == (WRITTEN_OUT / "projektijuht.yaml").read_bytes()
    result = run("import", "vana.txt")
    assert result.exit_code == 1
    assert "no pyproject.toml with a [tool.ametid] section" in result.stderr


def test_a_file_with_something_left_for_a_person_exits_1_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(CORPUS / "vald.txt", tmp_path / "vald.txt")
    result = run("import", "--dry-run", "vald.txt")
    target = "positions/lastekaitsespetsialist.yaml"
    left = "placeholder TÄIDA left; write the text in its place"
    assert (result.exit_code, result.stderr) == (
        1,
        "vald.txt: 1 position, 16 fields filled, 1 line left as a comment, 3 placeholders\n"
        f"vald.txt:55: could not place: Lõppsätted (kept as a comment at the end of {target})\n"
        f"{target}:11:9: 2.1 Oodatav tulemus 1 (duties[0].results[0]): {left}\n"
        f"{target}:14:9: 2.2 Oodatav tulemus 1 (duties[1].results[0]): {left}\n"
        f"{target}:17:9: 2.3 Oodatav tulemus 1 (duties[2].results[0]): {left}\n"
        "read 1 position from 1 file: 4 problems\n",
    )
    assert result.stdout.endswith("# IMPORT: could not place: Lõppsätted\n")
    assert "Mari Maasikas" not in result.stdout.split("signatures:")[0]
