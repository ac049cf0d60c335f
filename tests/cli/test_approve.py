"""`ametid approve`: the approval and the digest written into each position, nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from ametid.core.approval import ApprovalState, approval_state, content_digest
from support.cli import run
from support.paths import LAYOUT
from support.positions import position_data
from support.project import make_project

SEED = "positions/ekspert-noustamismetoodikad.yaml"
PROJECT = "positions/projektijuht.yaml"
BY = "Sotsiaalkindlustusameti peadirektori"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_project(tmp_path / "project")
    monkeypatch.chdir(root)
    return root


def digest_of(position_id: str) -> str:
    return content_digest(position_data(position_id), LAYOUT)


def test_annexes_are_numbered_in_the_order_the_files_are_named(project: Path) -> None:
    before = {p.name: p.read_text(encoding="utf-8") for p in (project / "positions").iterdir()}
    result = run(
        "approve", "--directive", "1-1/7", "--date", "2026-07-01", "--by", BY, PROJECT, SEED
    )
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "",
        f"{PROJECT}: approved as annex 1 of directive 1-1/7\n"
        f"{SEED}: approved as annex 2 of directive 1-1/7\n",
    )
    old = before["projektijuht.yaml"]
    new = (project / PROJECT).read_text(encoding="utf-8")
    # The approval goes where the layout table orders it, before the signatures; nothing else moves.
    approval = (
        "approval:\n"
        f"  by: {BY}\n"
        '  date: "2026-07-01"\n'
        "  directive: 1-1/7\n"
        '  annex: "1"\n'
        f"  digest: {digest_of('projektijuht')}\n"
    )
    assert new == old.replace("signatures:\n", approval + "signatures:\n", 1)
    seed_old = before["ekspert-noustamismetoodikad.yaml"]
    seed_new = (project / SEED).read_text(encoding="utf-8")
    assert seed_new.splitlines()[:-7] == seed_old.splitlines()[:-6]
    assert seed_new.splitlines()[-7:] == [
        "approval:",
        f"  by: {BY}",
        '  date: "2026-07-01"',
        "  directive: 1-1/7",
        '  annex: "2"',
        f"  digest: {digest_of('ekspert-noustamismetoodikad')}",
        "review_note: Ametijuhend vaadatakse üle kord aastas või töökorralduse muutumisel.",
    ]
    unchanged = {"ekspert-kvaliteet-ja-seire.yaml", "teenuseomanik-taastav-oigus.yaml"}
    for name in unchanged:
        assert (project / "positions" / name).read_text(encoding="utf-8") == before[name]
    assert run("validate").exit_code == 0


def test_the_approver_defaults_to_the_current_one_and_is_asked_for_otherwise(
    project: Path,
) -> None:
    result = run("approve", "--directive", "60", "--date", "2026-08-03", SEED, PROJECT)
    assert (result.exit_code, result.stderr) == (
        1,
        f"{PROJECT}: approval: has no approval yet to take the approver from; give --by\n",
    )
    assert 'directive: "53"' in (project / SEED).read_text(encoding="utf-8")
    result = run("approve", "--directive", "60", "--date", "2026-08-03", SEED)
    assert result.exit_code == 0, result.stderr
    text = (project / SEED).read_text(encoding="utf-8")
    assert f'approval:\n  by: {BY}\n  date: "2026-08-03"\n  directive: "60"\n' in text


def test_keep_adds_the_digest_and_nothing_else(project: Path) -> None:
    seed = project / SEED
    text = seed.read_text(encoding="utf-8")
    digest_line = f"  digest: {digest_of('ekspert-noustamismetoodikad')}\n"
    assert digest_line in text
    undigested = text.replace(digest_line, "")
    seed.write_text(undigested, encoding="utf-8")
    result = run("approve", "--keep")
    assert (result.exit_code, result.stderr) == (0, f"{SEED}: digest added to its approval\n")
    assert seed.read_text(encoding="utf-8") == text
    again = run("approve", "--keep", SEED)
    assert (again.exit_code, again.stderr) == (
        0,
        f"{SEED}: unchanged, already approved with this digest\n",
    )


def test_a_flow_style_approval_stays_on_its_line_while_it_fits(project: Path) -> None:
    seed = project / SEED
    text = seed.read_text(encoding="utf-8")
    start = text.index("approval:\n")
    end = text.index("review_note:")
    seed.write_text(
        text[:start]
        + 'approval: {by: Peadirektori, date: "2026-05-19", directive: "53"}\n'
        + text[end:],
        encoding="utf-8",
    )
    assert run("approve", "--keep", SEED).exit_code == 0
    written = seed.read_text(encoding="utf-8")
    # With its digest the line would be 150 characters long: it becomes a block.
    assert "approval:\n  by: Peadirektori\n" in written
    assert max(len(line) for line in written.splitlines()) <= 100


def test_keep_refuses_a_changed_or_unapproved_position(project: Path) -> None:
    seed = project / SEED
    seed.write_text(
        seed.read_text(encoding="utf-8").replace("Teabevahetuse ja koostöö", "Koostöö"),
        encoding="utf-8",
    )
    before = seed.read_bytes()
    result = run("approve", "--keep", SEED, PROJECT)
    assert (result.exit_code, result.stderr) == (
        1,
        f"{SEED}: approval: its content changed since it was approved, so its approval does not "
        "hold any more; approve it anew with --directive and --date\n"
        f"{PROJECT}: approval: has no approval to keep; approve it with --directive and --date\n",
    )
    assert seed.read_bytes() == before


def test_a_new_approval_approves_the_changed_content(project: Path) -> None:
    seed = project / SEED
    seed.write_text(
        seed.read_text(encoding="utf-8").replace("Teabevahetuse ja koostöö", "Koostöö"),
        encoding="utf-8",
    )
    result = run(
        "approve", "--directive", "61", "--date", "2026-09-01",
        "--consent-date", "2026-08-20", "--consent-form", "kirjalik", SEED,
    )  # fmt: skip
    assert (result.exit_code, result.stderr) == (
        0,
        f"{SEED}: approved as annex 1 of directive 61\n",
    )
    text = seed.read_text(encoding="utf-8")
    assert '  consent: {date: "2026-08-20", form: kirjalik}\n' in text
    from ametid.source.loader import parse

    document, problems = parse(text.encode(), "x.yaml")
    assert problems == [] and document is not None
    assert approval_state(document.data, LAYOUT) is ApprovalState.APPROVED
    assert document.data["approval"]["consent"] == {"date": "2026-08-20", "form": "kirjalik"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "2026-07-01", SEED], "give the directive's --directive and --date (or --keep)"),
        (["--directive", "1", "--date", "2026-07-01"],
         "name the position files the directive approves, in the order of its annexes"),
        (["--keep", "--directive", "1", SEED],
         "--keep keeps the approval: leave out --directive, --date, --by"),
        (["--keep", "--consent-date", "2026-07-01", SEED],
         "--consent-date and --consent-form go together"),
    ],
)  # fmt: skip
def test_usage_mistakes(project: Path, args: list[str], message: str) -> None:
    result = run("approve", *args)
    assert result.exit_code == 2
    assert result.stderr.endswith(f"Error: {message}\n")


def test_a_date_that_is_not_one_is_refused(project: Path) -> None:
    result = run("approve", "--directive", "1", "--date", "2026-13-01", SEED)
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "Error: Invalid value for '--date': '2026-13-01' is not a date YYYY-MM-DD\n"
    )


def test_a_folder_or_a_file_named_twice_is_refused(project: Path) -> None:
    result = run("approve", "--directive", "1", "--date", "2026-07-01", "positions", SEED, SEED)
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        "positions: name the position files one by one, in the order of the directive's "
        "annexes, not a folder\n"
        f"{SEED}: named twice; each position is one annex of the directive\n",
    )


def test_an_invalid_position_is_not_approved(project: Path) -> None:
    (project / PROJECT).write_text("title: Projektijuht\n", encoding="utf-8")
    before = (project / SEED).read_bytes()
    result = run("approve", "--directive", "1", "--date", "2026-07-01", SEED, PROJECT)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{PROJECT}:")
    assert (project / SEED).read_bytes() == before


def test_estonian_messages(project: Path) -> None:
    result = run("approve", "--keep", PROJECT, lang="et")
    assert (result.exit_code, result.stderr) == (
        1,
        f"{PROJECT}: approval: sel pole kinnitamist, mida jätta; kinnita see --directive ja "
        "--date abil\n",
    )
