"""ametid directive: the directive approving the four positions, its annexes and its container."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from support.cli import run
from support.directive import ANNEXES, DATE, NUMBER, SAFE, directive_project
from support.documents import docx_text, missing_in_order, squash
from support.ooxml import assert_valid_docx

FOLDER = Path("kaskkirjad") / SAFE
FILES = [
    f"kaskkiri-{SAFE}.docx",
    *(f"lisa-{n}-{name}.docx" for n, name in enumerate(ANNEXES, 1)),
    f"kaskkiri-{SAFE}.pdf",
    *(f"lisa-{n}-{name}.pdf" for n, name in enumerate(ANNEXES, 1)),
    f"kaskkiri-{SAFE}.asice",
]
TITLES = (
    "Ekspert (nõustamismetoodikad)",
    "Projektijuht",
    "Ekspert (kvaliteet ja seire)",
    "Teenuseomanik (taastav õigus)",
)
# The directive as its Word document prints it, paragraph by paragraph.
DIRECTIVE = [
    "Sotsiaalkindlustusamet",
    "KÄSKKIRI",
    "01.06.2026 nr 1-1/54",
    "Ametijuhendite kinnitamine",
    "Avaliku teenistuse seaduse § 52 lõigete 1 ja 2 ning töölepingu seaduse § 5 lõike 1 "
    "punkti 6 alusel:",
    "1.\tKinnitan ametijuhendid vastavalt lisadele 1\N{EN DASH}4 järgmiselt:",
    "1.1.\tEkspert (nõustamismetoodikad) (lisa 1);",
    "1.2.\tProjektijuht (lisa 2);",
    "1.3.\tEkspert (kvaliteet ja seire) (lisa 3);",
    "1.4.\tTeenuseomanik (taastav õigus) (lisa 4).",
    # Seed 004 was approved by directive nr 53 before; the other three had no approval.
    "2.\tTunnistan kehtetuks Sotsiaalkindlustusameti peadirektori 19.05.2026 käskkirjaga nr 53 "
    "kinnitatud ametijuhendi „Ekspert (nõustamismetoodikad)“.",
    "3.\tKäskkiri jõustub allkirjastamisel.",
    "4.\tKäskkirja on võimalik vaidlustada 30 päeva jooksul selle teatavakstegemisest arvates, "
    "esitades vaide käskkirja andnud asutusele haldusmenetluse seaduses sätestatud korras või "
    "kaebuse halduskohtule halduskohtumenetluse seadustikus sätestatud korras.",
    "(allkirjastatud digitaalselt)",
    "Peadirektor",
]


def paragraphs(path: Path) -> list[str]:
    """The paragraphs of a Word document's body, as python-docx reads them."""
    import docx

    return [paragraph.text for paragraph in docx.Document(str(path)).paragraphs]


def pdf_text(path: Path) -> str:
    """A PDF's text as pdftotext reads it, laid out (a point's number beside its text)."""
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return squash(done.stdout)


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The directive written twice: into kaskkirjad/1-1-54/ and into again/."""
    root = directive_project(tmp_path_factory.mktemp("directive") / "project")
    with contextlib.chdir(root):
        first = run("directive", "--number", NUMBER, "--date", DATE)
        assert first.exit_code == 0, first.stderr
        assert first.stdout.splitlines() == [str(FOLDER / name) for name in FILES]
        second = run("directive", "--number", NUMBER, "--date", DATE, "--out", "again")
        assert second.exit_code == 0, second.stderr
    return root


def test_the_directive_names_its_annexes_and_what_it_revokes(written: Path) -> None:
    assert paragraphs(written / FOLDER / f"kaskkiri-{SAFE}.docx") == DIRECTIVE


def test_its_pdf_says_the_same(written: Path) -> None:
    text = pdf_text(written / FOLDER / f"kaskkiri-{SAFE}.pdf")
    lines = [squash(line.replace("\t", " ")) for line in DIRECTIVE]
    assert missing_in_order([*lines, "Lk 1 / 1"], text) == []


def test_each_annex_carries_its_approval_block(written: Path) -> None:
    for number, (name, title) in enumerate(zip(ANNEXES, TITLES, strict=True), 1):
        block = (
            f"KINNITATUD Sotsiaalkindlustusameti peadirektori 01.06.2026 käskkirjaga nr 1-1/54 "
            f"Lisa {number} AMETIJUHEND {title} "
        )
        assert docx_text(written / FOLDER / f"lisa-{number}-{name}.docx").startswith(block)
        pdf = pdf_text(written / FOLDER / f"lisa-{number}-{name}.pdf")
        assert pdf.startswith(f"Sotsiaalkindlustusamet {block}")


def test_the_word_documents_pass_openxml_audit(written: Path) -> None:
    assert assert_valid_docx(sorted((written / FOLDER).glob("*.docx"))) == 5


def test_two_runs_give_the_same_bytes(written: Path) -> None:
    for name in FILES:
        assert (written / FOLDER / name).read_bytes() == (written / "again" / name).read_bytes()


def test_the_container_is_asic_e(written: Path) -> None:
    with zipfile.ZipFile(written / FOLDER / f"kaskkiri-{SAFE}.asice") as container:
        first, *others = container.infolist()
        assert first.filename == "mimetype"
        assert first.compress_type == zipfile.ZIP_STORED
        assert first.extra == b""
        assert container.read(first) == b"application/vnd.etsi.asic-e+zip"
        pdfs = [f"kaskkiri-{SAFE}.pdf", *(f"lisa-{n}-{a}.pdf" for n, a in enumerate(ANNEXES, 1))]
        assert [info.filename for info in others] == ["META-INF/manifest.xml", *pdfs]
        for name in pdfs:
            assert container.read(name) == (written / FOLDER / name).read_bytes()
    raw = (written / FOLDER / f"kaskkiri-{SAFE}.asice").read_bytes()
    assert raw[30:38] == b"mimetype"  # right after the first local header, as readers look


def test_digidoc_opens_the_container(written: Path, tmp_path: Path) -> None:
    """libdigidocpp (through pydigidoc), the library of DigiDoc4, reads the container offline."""
    script = f"""
import pydigidoc
pydigidoc.initialize_lib("ametid-test", {str(offline_configuration(tmp_path))!r})
container = pydigidoc.Container.open({str(written / FOLDER / f"kaskkiri-{SAFE}.asice")!r})
print(container.media_type())
for item in container.data_files():
    print(item.file_name(), item.media_type(), item.file_size())
print(len(container.signatures()), "signatures")
"""
    # In a process of its own: libdigidocpp keeps its configuration for the process's life.
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    folder = written / FOLDER
    pdfs = [f"kaskkiri-{SAFE}.pdf", *(f"lisa-{n}-{a}.pdf" for n, a in enumerate(ANNEXES, 1))]
    assert done.stdout.splitlines() == [
        "application/vnd.etsi.asic-e+zip",
        *(f"{name} application/pdf {(folder / name).stat().st_size}" for name in pdfs),
        "0 signatures",
    ]


def offline_configuration(folder: Path) -> Path:
    """libdigidocpp's configuration with the trust-list download switched off."""
    import pydigidoc

    conf = folder / "digidocpp"
    shutil.copytree(Path(pydigidoc._SCHEMA_DIR), conf)
    settings = conf / "digidocpp.conf"
    text = settings.read_text(encoding="utf-8")
    for old, new in (
        (
            '<!--<param name="tsl.autoupdate" lock="false">true</param>-->',
            '<param name="tsl.autoupdate" lock="false">false</param>',
        ),
        (
            '<!--<param name="tsl.cache" lock="false"></param>-->',
            f'<param name="tsl.cache" lock="false">{folder / "tsl"}</param>',
        ),
    ):
        assert old in text
        text = text.replace(old, new)
    settings.write_text(text, encoding="utf-8")
    (folder / "tsl").mkdir()
    return conf


def test_the_pdfs_are_a4(written: Path) -> None:
    import pikepdf

    for path in sorted((written / FOLDER).glob("*.pdf")):
        with pikepdf.open(path) as pdf:
            for page in pdf.pages:
                width, height = (round(float(v)) for v in page.mediabox[2:])
                assert (width, height) == (595, 842), path.name
