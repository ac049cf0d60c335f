"""Create the import corpus, tests/data/import/: job descriptions in other agencies' layouts.

Run from the project root: `make import-corpus`. Each document is written here twice over: as
the position data it must import as (`<name>.yaml`, several positions separated by `---` for a
directive), and as a Word document in its agency's layout (`<name>.docx`). LibreOffice then
prints each Word document as PDF (`<name>.pdf`) and poppler's `pdftotext -layout` extracts its
text (`<name>.txt`), as agencies' old files were extracted. The people, agencies and texts are
invented. The committed files are the corpus; this script shows where they came from.
"""

from __future__ import annotations

import copy
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from ametid.core.layout import read_layout
from ametid.source.dumper import dump_position

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "import"
SCHEMA = "../../../schema/position.schema.json"
TODO = "TÄIDA"
VML = 'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"'

Position = dict[str, Any]
Builder = Callable[[], tuple[DocumentObject, list[Position]]]


# -- writing Word documents ------------------------------------------------------------------


def para(document: Any, text: str, style: str | None = None, bold: bool = False) -> Any:
    """Add a paragraph; a line break in the text is a line break in the paragraph."""
    paragraph = document.add_paragraph(style=style)
    lines = text.split("\n")
    for index, line in enumerate(lines):
        run = paragraph.add_run(line)
        run.bold = bold
        if index < len(lines) - 1:
            run.add_break()
    return paragraph


def right(document: Any, text: str) -> None:
    """A paragraph aligned right, as approval blocks are."""
    para(document, text).alignment = WD_ALIGN_PARAGRAPH.RIGHT


def table(document: Any, rows: Sequence[Sequence[str]], widths: Sequence[float] = ()) -> Any:
    """Add a table with borders; each line of a cell's text is a paragraph of its own."""
    grid = document.add_table(rows=0, cols=len(rows[0]))
    grid.style = "Table Grid"
    for row in rows:
        cells = grid.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            paragraphs = text.split("\n") if text else [""]
            cell.text = paragraphs[0]
            for extra in paragraphs[1:]:
                cell.add_paragraph(extra)
    return grid


def heading(document: Any, text: str) -> None:
    """A section heading in Word's heading style."""
    document.add_heading(text, level=1)


def page_break(document: Any) -> None:
    """Start a new page."""
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def bullets(document: Any, items: Sequence[str], glyph: str = "\u2022") -> None:
    """Items with a typed bullet glyph, as many agencies' documents have them."""
    for item in items:
        para(document, f"{glyph} {item}")


def numbered(document: Any, prefix: str, items: Sequence[str]) -> None:
    """Items with typed numbers: prefix 4 gives 4.1., 4.2., …"""
    for number, item in enumerate(items, 1):
        para(document, f"{prefix}.{number}. {item}")


def new_document() -> Any:
    """An A4 Word document."""
    from docx.shared import Cm

    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.0)
    return document


# -- the documents ----------------------------------------------------------------------------


def ska_fields() -> tuple[Any, list[Position]]:
    """The SKA 1.1-1.5 field layout: labels above values in a table, sections in capitals."""
    data: Position = {
        "title": "Analüütik",
        "unit": ["Hoolekandeteenuste osakond", "andmeanalüüsi talitus"],
        "manager": "Talituse juhataja",
        "substitutes": ["Vanemanalüütik"],
        "substituted_by": ["Vanemanalüütik"],
        "purpose": (
            "Ametikoha eesmärk on hoolekandeteenuste andmete kogumise, analüüsi ja esitamise "
            "kaudu toetada teenuste arendamist ning juhtimisotsuste tegemist."
        ),
        "duties": [
            {
                "task": (
                    "Koostab hoolekandeteenuste kasutamise kohta korrapäraseid ülevaateid ja "
                    "analüüse."
                ),
                "results": [
                    "Ülevaated on koostatud tähtaegselt ja kokkulepitud vormis.",
                    "Analüüside järeldused on põhjendatud ja arusaadavad.",
                ],
            },
            {
                "task": "Osaleb teenuste andmekogu arendamisel ja andmekvaliteedi kontrollimisel.",
                "results": ["Andmekogu andmed on usaldusväärsed ja vead on parandatud."],
            },
            {
                "task": "Vastab oma valdkonnas teabenõuetele ja päringutele.",
                "results": ["Vastused on antud õigeaegselt ja õigusaktidega kooskõlas."],
            },
        ],
        "requirements": {
            "education": "Kõrgharidus sotsiaalteaduste, statistika või informaatika valdkonnas.",
            "experience": "Vähemalt kaheaastane töökogemus andmeanalüüsi valdkonnas.",
            "languages": [
                {"text": "Eesti keele oskus C1-tasemel.", "level": "C1"},
                {"text": "Inglise keele oskus B2-tasemel.", "level": "B2"},
            ],
            "knowledge": [
                "Statistilise analüüsi meetodite tundmine.",
                "Andmebaaside päringukeelte kasutamise oskus.",
            ],
        },
        "rights": [
            "Saada ülesannete täitmiseks vajalikku teavet ameti teistelt struktuuriüksustelt.",
            "Teha ettepanekuid oma valdkonna töö paremaks korraldamiseks.",
        ],
        "responsibilities": [
            "Vastutab tööülesannete õigeaegse ja kvaliteetse täitmise eest.",
            "Vastutab teatavaks saanud isikuandmete ja konfidentsiaalse teabe hoidmise eest.",
        ],
        "review_note": "Ametijuhend vaadatakse üle kord aastas arenguvestluse käigus.",
    }
    document = new_document()
    para(document, "AMETIJUHEND", bold=True)
    para(document, "1. ÜLDOSA", bold=True)
    table(
        document,
        [
            ("1.1. Ametinimetus", "1.2. Struktuuriüksus"),
            ("Analüütik", "Hoolekandeteenuste osakond, andmeanalüüsi talitus"),
        ],
    )
    para(document, "")
    table(
        document,
        [
            ("1.3. Vahetu juht", "1.4. Kes asendab", "1.5. Keda asendab"),
            ("Talituse juhataja", "Vanemanalüütik", "Vanemanalüütik"),
        ],
    )
    para(document, "2. AMETIKOHA EESMÄRK", bold=True)
    para(document, data["purpose"])
    para(document, "3. TEENISTUSKOHUSTUSED", bold=True)
    rows = [("Põhiülesanded", "Oodatavad tulemused")]
    for number, duty in enumerate(data["duties"], 1):
        rows.append((f"3.{number}. {duty['task']}", "\n".join(duty["results"])))
    table(document, rows)
    para(document, "4. NÕUDED AMETIKOHALE", bold=True)
    requirements = data["requirements"]
    table(
        document,
        [
            ("Haridus", requirements["education"]),
            ("Töökogemus", requirements["experience"]),
            ("Keeleoskus", "\n".join(item["text"] for item in requirements["languages"])),
            ("Teadmised ja oskused", "\n".join(requirements["knowledge"])),
        ],
    )
    para(document, "5. ÕIGUSED", bold=True)
    bullets(document, data["rights"])
    para(document, "6. VASTUTUS", bold=True)
    bullets(document, data["responsibilities"])
    para(document, data["review_note"])
    return document, [data]


def ska_table() -> tuple[Any, list[Position]]:
    """SKA's two-column table layout: one label and value table, a duty table with results."""
    data: Position = {
        "title": "Juhtivspetsialist (geoinfo)",
        "unit": ["Geoinfo osakond"],
        "manager": "Osakonna juhataja",
        "subordinates": [],
        "substitutes": ["Peaspetsialist (geoinfo)"],
        "substituted_by": ["Peaspetsialist (geoinfo)"],
        "purpose": (
            "Ruumiandmete haldamise ja kaardirakenduste arendamise kaudu ameti ülesannete "
            "täitmiseks vajaliku geoinfo kättesaadavuse tagamine."
        ),
        "group": "ametnik",
        "duties": [
            {
                "task": "Ruumiandmete andmekogu haldamine ja andmete ajakohastamine.",
                "results": [
                    "Andmed on ajakohased ja kasutajatele kättesaadavad.",
                    "Andmekogu toimib katkestusteta.",
                ],
            },
            {
                "task": "Kaardirakenduste arendustööde tellimine ja vastuvõtmine.",
                "results": [TODO],
            },
            {
                "task": "Kolleegide nõustamine geoinfosüsteemide kasutamisel.",
                "results": ["Kolleegid kasutavad geoinfosüsteeme oskuslikult."],
            },
        ],
        "requirements": {
            "education": "Magistrikraad või sellega võrdsustatud haridus.",
            "experience": "Vähemalt kolmeaastane töökogemus geoinfosüsteemidega.",
            "languages": [
                {"text": "Eesti keele oskus C1-tasemel.", "level": "C1"},
                {"text": "Inglise keele oskus B2-tasemel.", "level": "B2"},
            ],
            "personal_qualities": ["Täpsus", "analüüsivõime", "koostööoskus"],
        },
        "rights": [
            "Saada tööülesannete täitmiseks vajalikku teavet ja dokumente.",
            "Osaleda oma valdkonna koolitustel.",
        ],
        "responsibilities": [
            "Ülesannete õiguspärase ja täpse täitmise eest.",
            "Talle usaldatud vara säilimise eest.",
        ],
    }
    document = new_document()
    para(document, "AMETIJUHEND", bold=True)
    para(document, "1. Üldosa", bold=True)
    table(
        document,
        [
            ("Teenistuskoht", data["title"]),
            ("Struktuuriüksus", "Geoinfo osakond"),
            ("Vahetu juht", data["manager"]),
            ("Alluvad", "-"),
            ("Teenistuja asendab", "Peaspetsialist (geoinfo)"),
            ("Teenistuja asendaja", "Peaspetsialist (geoinfo)"),
            ("Teenistuskoha eesmärk", data["purpose"]),
            ("Ametikoha grupp", "Ametnik"),
        ],
    )
    para(document, "2. Peamised teenistusülesanded ja oodatavad tulemused", bold=True)
    rows = [("Teenistuskoha ülesanded", "Soovitud tulemus")]
    for duty in data["duties"]:
        results = "" if duty["results"] == [TODO] else "\n".join(duty["results"])
        rows.append((duty["task"], results))
    table(document, rows)
    para(document, "3. Teenistuskoha täitjale esitatavad nõuded", bold=True)
    requirements = data["requirements"]
    table(
        document,
        [
            ("Haridus", requirements["education"]),
            ("Töökogemus", requirements["experience"]),
            ("Keeleoskus", "\n".join(item["text"] for item in requirements["languages"])),
            ("Isikuomadused", "Täpsus, analüüsivõime, koostööoskus"),
        ],
    )
    para(document, "4. Teenistuja õigused", bold=True)
    numbered(document, "4", data["rights"])
    para(document, "5. Teenistuja vastutus", bold=True)
    numbered(document, "5", data["responsibilities"])
    return document, [data]


def ska_2026() -> tuple[Any, list[Position]]:
    """The 2026 layout: approval header, "Oodatav tulemus:" after each task, numbered lists."""
    data: Position = {
        "title": "Nõustaja (perelepitus)",
        "unit": ["Ohvriabi osakond", "lepitustalitus"],
        "manager": "Talituse juhataja",
        "subordinates": [],
        "substitutes": ["Nõustaja (perelepitus)"],
        "substituted_by": ["Nõustaja (perelepitus)"],
        "purpose": (
            "Lahku minevate vanemate toetamine lapse huvidest lähtuva kokkuleppe saavutamisel."
        ),
        "group": "töötaja",
        "special_conditions": "Eritingimused määratakse töölepingus.",
        "duties": [
            {
                "task": "Perelepitusteenuse osutamine vanematele.",
                "results": [
                    "Vanemad on saanud asjatundlikku abi.",
                    "Kokkulepped on kirja pandud.",
                ],
            },
            {
                "task": "Teenuse kasutajate andmete kandmine infosüsteemi.",
                "results": ["Andmed on õiged ja sisestatud õigeaegselt."],
            },
            {
                "task": "Koostöö tegemine kohalike omavalitsuste lastekaitsetöötajatega.",
                "results": ["Koostöö on tulemuslik ja teave liigub."],
            },
        ],
        "requirements": {
            "education": "Kõrgharidus",
            "experience": "Vähemalt kolmeaastane töökogemus perede nõustamisel.",
            "languages": [
                {"text": "Eesti keele oskus vähemalt tasemel C1.", "level": "C1"},
                {"text": "Vene keele oskus vähemalt tasemel B1.", "level": "B1"},
            ],
            "personal_qualities": ["Empaatiavõime", "pingetaluvus", "otsustusvõime"],
        },
        "rights": [
            "Saada tööks vajalikku teavet.",
            "Saada tööalast juhendamist ja supervisiooni.",
        ],
        "responsibilities": [
            "Vastutab teenuse kvaliteetse osutamise eest.",
            "Vastutab konfidentsiaalse teabe hoidmise eest.",
        ],
        "approval": {
            "by": "Sotsiaalkindlustusameti peadirektori",
            "date": "2026-04-14",
            "directive": "41",
            "annex": "2",
        },
    }
    document = new_document()
    right(document, "KINNITATUD")
    right(document, "Sotsiaalkindlustusameti peadirektori")
    right(document, "14.04.2026 käskkirjaga nr 41")
    right(document, "Lisa 2")
    para(document, "AMETIJUHEND", bold=True)
    para(document, "1. Üldosa", bold=True)
    table(
        document,
        [
            ("Struktuuriüksus", "Ohvriabi osakond, lepitustalitus"),
            ("Teenistuskoht", data["title"]),
            ("Vahetu juht", data["manager"]),
            ("Alluvad", "-"),
            ("Teenistuja asendab", "Nõustaja (perelepitus)"),
            ("Teenistuja asendaja", "Nõustaja (perelepitus)"),
            ("Teenistuskoha eesmärk", data["purpose"]),
            ("Ametikoha grupp", "Töötaja"),
            ("Eritingimused", data["special_conditions"]),
        ],
    )
    para(document, "2. Peamised teenistusülesanded ja oodatavad tulemused", bold=True)
    for number, duty in enumerate(data["duties"], 1):
        para(document, f"2.{number}. {duty['task']}")
        para(document, "Oodatav tulemus: " + " ".join(duty["results"]))
    para(document, "3. Teenistuskoha täitjale esitatavad nõuded", bold=True)
    requirements = data["requirements"]
    table(
        document,
        [
            ("Haridus", requirements["education"]),
            ("Töökogemus", requirements["experience"]),
            ("Keeleoskus", "\n".join(item["text"] for item in requirements["languages"])),
            ("Isikuomadused ja väärtushoiakud", "Empaatiavõime, pingetaluvus, otsustusvõime"),
        ],
    )
    para(document, "4. Teenistuja õigused", bold=True)
    numbered(document, "4", data["rights"])
    para(document, "5. Teenistuja vastutus", bold=True)
    numbered(document, "5", data["responsibilities"])
    return document, [data]


def police_table() -> tuple[Any, list[Position]]:
    """A police-style table: "Ülesanded | Tulemuslikkuse mõõtmise kriteeriumid"."""
    data: Position = {
        "title": "Piirkonnapolitseinik",
        "unit": ["Lõuna prefektuur", "Tartu politseijaoskond", "piirkonnatalitus"],
        "manager": "Piirkonnatalituse juht",
        "substituted_by": ["Teine piirkonnapolitseinik"],
        "purpose": (
            "Turvalisuse tagamine oma piirkonnas koostöös kogukonna ja kohaliku omavalitsusega."
        ),
        "duties": [
            {
                "task": "Piirkonna turvalisuse olukorra jälgimine ja probleemide lahendamine.",
                "results": [
                    "Piirkonna turvalisuse probleemid on teada ja nende lahendamiseks on "
                    "tehtud plaan.",
                    "Elanike pöördumistele on vastatud.",
                ],
            },
            {
                "task": "Väärtegude menetlemine.",
                "results": ["Menetlused on läbi viidud tähtaegselt ja õiguspäraselt."],
            },
            {
                "task": "Ennetustegevuste korraldamine koolides.",
                "results": ["Ennetustunnid on läbi viidud kokkulepitud mahus."],
            },
        ],
        "requirements": {
            "education": "Politseiline kutseharidus.",
            "experience": "Vähemalt kaheaastane töökogemus politseis.",
            "languages": [{"text": "Eesti keele oskus C1-tasemel.", "level": "C1"}],
        },
        "rights": [
            "Kasutada ametiülesannete täitmiseks politsei erivahendeid seaduses sätestatud korras.",
            "Saada ametiülesannete täitmiseks vajalikku teavet.",
        ],
        "responsibilities": [
            "Vastutab ametiülesannete seadusliku täitmise eest.",
            "Vastutab talle usaldatud vahendite säilimise eest.",
        ],
    }
    document = new_document()
    para(document, "AMETIJUHEND", bold=True)
    table(
        document,
        [
            ("Ametikoht", data["title"]),
            ("Struktuuriüksus", "Lõuna prefektuur, Tartu politseijaoskond, piirkonnatalitus"),
            ("Vahetu juht", data["manager"]),
            ("Asendaja", "Teine piirkonnapolitseinik"),
            ("Ametikoha eesmärk", data["purpose"]),
        ],
    )
    para(document, "Ülesanded ja tulemuslikkuse mõõtmise kriteeriumid", bold=True)
    rows = [("Ülesanded", "Tulemuslikkuse mõõtmise kriteeriumid")]
    for number, duty in enumerate(data["duties"], 1):
        rows.append((f"{number}. {duty['task']}", "\n".join(duty["results"])))
    table(document, rows)
    para(document, "Nõuded ametikohale", bold=True)
    requirements = data["requirements"]
    table(
        document,
        [
            ("Haridus", requirements["education"]),
            ("Töökogemus", requirements["experience"]),
            ("Keeleoskus", requirements["languages"][0]["text"]),
        ],
    )
    para(document, "Õigused", bold=True)
    bullets(document, data["rights"])
    para(document, "Vastutus", bold=True)
    bullets(document, data["responsibilities"])
    return document, [data]


def municipality() -> tuple[Any, list[Position]]:
    """A municipality's layout: "Ametikoha nimetus:", "Allub:", lead-ins, final provisions,
    an annex number above the approval block and an acknowledgement line."""
    data: Position = {
        "title": "Lastekaitsespetsialist",
        "unit": ["Sotsiaalosakond"],
        "manager": "Sotsiaalosakonna juhataja",
        "substitutes": ["Sotsiaaltööspetsialist"],
        "substituted_by": ["Sotsiaaltööspetsialist"],
        "purpose": "Lapse õiguste ja heaolu tagamine valla territooriumil.",
        "duties": [
            {"task": "Abivajavast lapsest teatamisel olukorra hindamine.", "results": [TODO]},
            {"task": "Juhtumikorralduse läbiviimine ja abi korraldamine.", "results": [TODO]},
            {"task": "Koostöö tegemine koolide ja politseiga.", "results": [TODO]},
        ],
        "requirements": {
            "education": "Kõrgharidus sotsiaaltöö või lastekaitse erialal.",
            "experience": "Töökogemus lastega töötamisel.",
            "languages": [
                {"text": "eesti keel C1", "level": "C1"},
                {"text": "inglise keel B2", "level": "B2"},
            ],
        },
        "rights_intro": "Ametikoha täitjal on õigus:",
        "rights": [
            "saada vallavalitsuse teistelt ametnikelt tööks vajalikku teavet;",
            "teha ettepanekuid lastekaitsetöö korraldamiseks.",
        ],
        "responsibilities_intro": "Ametikoha täitja vastutab:",
        "responsibilities": [
            "tööülesannete nõuetekohase täitmise eest;",
            "isikuandmete kaitse nõuete järgimise eest.",
        ],
        "approval": {
            "by": "Metsküla Vallavalitsuse",
            "date": "2024-03-01",
            "directive": "2-3/12",
            "annex": "3",
        },
        "signatures": [{"party": "Töötaja", "name": "Mari Maasikas"}],
    }
    document = new_document()
    right(document, "Lisa 3")
    right(document, "KINNITATUD")
    right(document, "Metsküla Vallavalitsuse")
    right(document, "01.03.2024 korraldusega nr 2-3/12")
    para(document, "AMETIJUHEND", bold=True)
    para(document, "Ametikoha nimetus: Lastekaitsespetsialist")
    para(document, "Struktuuriüksus: Sotsiaalosakond")
    para(document, "Allub: Sotsiaalosakonna juhataja")
    para(document, "Asendab: Sotsiaaltööspetsialist")
    para(document, "Asendaja: Sotsiaaltööspetsialist")
    para(document, "Ametikoha eesmärk: " + data["purpose"])
    para(document, "Tööülesanded", bold=True)
    for number, duty in enumerate(data["duties"], 1):
        para(document, f"{number}. {duty['task']}")
    para(document, "Nõuded ametikoha täitjale", bold=True)
    requirements = data["requirements"]
    para(document, "Haridus: " + requirements["education"])
    para(document, "Töökogemus: " + requirements["experience"])
    para(document, "Keeleoskus: eesti keel C1, inglise keel B2")
    para(document, "Õigused", bold=True)
    para(document, data["rights_intro"])
    bullets(document, data["rights"], "-")
    para(document, "Vastutus", bold=True)
    para(document, data["responsibilities_intro"])
    bullets(document, data["responsibilities"], "-")
    para(document, "Lõppsätted", bold=True)
    para(document, "Ametijuhendiga tutvunud: Mari Maasikas, 15.03.2024")
    return document, [data]


def ministry() -> tuple[Any, list[Position]]:
    """A ministry's layout: numbered paragraphs throughout, duties without results."""
    data: Position = {
        "title": "Nõunik",
        "unit": ["Õigusosakond"],
        "manager": "Õigusosakonna juhataja",
        "substituted_by": ["Õigusosakonna teine nõunik"],
        "purpose": (
            "Ministeeriumi valitsemisala õigusaktide eelnõude väljatöötamine ja nende "
            "õiguspärasuse tagamine."
        ),
        "duties": [
            {"task": "Valmistab ette seaduste ja määruste eelnõusid.", "results": [TODO]},
            {"task": "Annab õiguslikke arvamusi ministeeriumi osakondadele.", "results": [TODO]},
            {"task": "Esindab ministeeriumi kohtus.", "results": [TODO]},
            {"task": "Osaleb töörühmades ja kooskõlastab eelnõusid.", "results": [TODO]},
        ],
        "requirements": {
            "education": "Õigusteaduse magistrikraad.",
            "experience": "Vähemalt kolmeaastane töökogemus õigusloome valdkonnas.",
            "languages": [
                {"text": "Eesti keele oskus C2-tasemel.", "level": "C2"},
                {"text": "Inglise keele oskus C1-tasemel.", "level": "C1"},
            ],
        },
        "rights": [
            "Saada ministeeriumi struktuuriüksustelt ülesannete täitmiseks vajalikku teavet.",
            "Kaasata oma ülesannete täitmisse teisi ametnikke, kooskõlastades selle nende juhiga.",
        ],
        "responsibilities": [
            "Vastutab talle pandud ülesannete täpse ja õigeaegse täitmise eest.",
            "Vastutab ametisaladuse hoidmise eest.",
        ],
    }
    document = new_document()
    para(document, "AMETIJUHEND", bold=True)
    para(document, "1. ÜLDSÄTTED", bold=True)
    para(document, "1.1. Ametikoha nimetus: Nõunik")
    para(document, "1.2. Struktuuriüksus: Õigusosakond")
    para(document, "1.3. Vahetu juht: Õigusosakonna juhataja")
    para(document, "1.4. Asendaja: Õigusosakonna teine nõunik")
    para(document, "2. AMETIKOHA EESMÄRK", bold=True)
    para(document, "2.1. " + data["purpose"])
    para(document, "3. TEENISTUSÜLESANDED", bold=True)
    numbered(document, "3", [duty["task"] for duty in data["duties"]])
    para(document, "4. NÕUDED AMETIKOHALE", bold=True)
    requirements = data["requirements"]
    para(document, "4.1. Haridus: " + requirements["education"])
    para(document, "4.2. Töökogemus: " + requirements["experience"])
    para(document, "4.3. Keeleoskus: " + " ".join(i["text"] for i in requirements["languages"]))
    para(document, "5. ÕIGUSED", bold=True)
    numbered(document, "5", data["rights"])
    para(document, "6. VASTUTUS", bold=True)
    numbered(document, "6", data["responsibilities"])
    return document, [data]


def _annex(number: str, title: str, unit: str, task: str, result: str) -> Position:
    return {
        "title": title,
        "unit": [unit],
        "manager": "Osakonna juhataja",
        "purpose": f"{unit} ülesannete täitmine {title.lower()} valdkonnas.",
        "duties": [{"task": task, "results": [result]}],
        "requirements": {
            "education": "Kõrgharidus",
            "experience": "Vähemalt kaheaastane erialane töökogemus.",
            "languages": [{"text": "Eesti keele oskus C1-tasemel.", "level": "C1"}],
        },
        "rights": ["Saada tööks vajalikku teavet."],
        "responsibilities": ["Vastutab ülesannete õigeaegse täitmise eest."],
        "approval": {
            "by": "Maanteeameti peadirektori",
            "date": "2025-09-08",
            "directive": "1-2/25/88",
            "annex": number,
        },
    }


def directive() -> tuple[Any, list[Position]]:
    """A directive approving several job descriptions, one annex each."""
    positions = [
        _annex(
            "1",
            "Liiklusohutuse ekspert",
            "Liiklusohutuse osakond",
            "Liiklusõnnetuste andmete analüüsimine.",
            "Analüüsid on valminud ja esitatud juhtkonnale.",
        ),
        _annex(
            "2",
            "Teehoiu spetsialist",
            "Teehoiu osakond",
            "Teede seisukorra seire korraldamine.",
            "Seire andmed on kogutud ja avaldatud.",
        ),
        _annex(
            "3",
            "Hankespetsialist",
            "Hankeosakond",
            "Riigihangete korraldamine.",
            "Hanked on korraldatud seaduse kohaselt.",
        ),
    ]
    document = new_document()
    para(document, "KÄSKKIRI", bold=True)
    para(document, "08.09.2025 nr 1-2/25/88")
    para(document, "Ametijuhendite kinnitamine")
    para(
        document,
        "Avaliku teenistuse seaduse alusel kinnitan Maanteeameti ametijuhendid vastavalt "
        "lisadele 1\u20133.",
    )
    para(document, "Peadirektor")
    for position in positions:
        page_break(document)
        right(document, "KINNITATUD")
        right(document, "Maanteeameti peadirektori")
        right(document, "08.09.2025 käskkirjaga nr 1-2/25/88")
        right(document, f"Lisa {position['approval']['annex']}")
        para(document, "AMETIJUHEND", bold=True)
        para(document, "1. Üldosa", bold=True)
        table(
            document,
            [
                ("Teenistuskoht", position["title"]),
                ("Struktuuriüksus", position["unit"][0]),
                ("Vahetu juht", position["manager"]),
                ("Teenistuskoha eesmärk", position["purpose"]),
            ],
        )
        para(document, "2. Peamised teenistusülesanded ja oodatavad tulemused", bold=True)
        duty = position["duties"][0]
        table(
            document,
            [("Teenistuskoha ülesanded", "Soovitud tulemus"), (duty["task"], duty["results"][0])],
        )
        para(document, "3. Teenistuskoha täitjale esitatavad nõuded", bold=True)
        requirements = position["requirements"]
        table(
            document,
            [
                ("Haridus", requirements["education"]),
                ("Töökogemus", requirements["experience"]),
                ("Keeleoskus", requirements["languages"][0]["text"]),
            ],
        )
        para(document, "4. Teenistuja õigused", bold=True)
        numbered(document, "4", position["rights"])
        para(document, "5. Teenistuja vastutus", bold=True)
        numbered(document, "5", position["responsibilities"])
    return document, positions


def signatures() -> tuple[Any, list[Position]]:
    """A job description ending with the parties' signatures and an acknowledgement."""
    data: Position = {
        "title": "Raamatupidaja",
        "unit": ["Finantsosakond"],
        "manager": "Pearaamatupidaja",
        "substituted_by": ["Vanemraamatupidaja"],
        "purpose": "Asutuse raamatupidamisarvestuse korrektne ja õigeaegne pidamine.",
        "duties": [
            {
                "task": "Ostuarvete kontrollimine ja kirjendamine.",
                "results": ["Arved on kirjendatud õigeaegselt ja õigesti."],
            },
            {
                "task": "Töötasude arvestamine.",
                "results": ["Töötasud on arvestatud ja välja makstud tähtaegselt."],
            },
        ],
        "requirements": {
            "education": "Kõrgharidus majandusarvestuse erialal.",
            "experience": "Vähemalt kolmeaastane töökogemus raamatupidajana.",
            "languages": [{"text": "Eesti keele oskus C1-tasemel.", "level": "C1"}],
            "computer_skills": "Raamatupidamistarkvara ja tabelarvutuse hea kasutamise oskus.",
        },
        "rights": ["Nõuda struktuuriüksustelt raamatupidamisdokumentide õigeaegset esitamist."],
        "responsibilities": ["Vastutab raamatupidamisandmete õigsuse eest."],
        "signatures": [
            {"party": "Tööandja", "name": "Kalle Kask", "title": "Direktor"},
            {"party": "Töötaja", "name": "Liis Lepp"},
        ],
    }
    document = new_document()
    para(document, "AMETIJUHEND", bold=True)
    para(document, "1. Üldosa", bold=True)
    table(
        document,
        [
            ("Ametikoht", data["title"]),
            ("Struktuuriüksus", "Finantsosakond"),
            ("Vahetu juht", data["manager"]),
            ("Asendaja", "Vanemraamatupidaja"),
            ("Ametikoha eesmärk", data["purpose"]),
        ],
    )
    para(document, "2. Peamised tööülesanded ja oodatavad tulemused", bold=True)
    rows = [("Tööülesanne", "Oodatav tulemus")]
    rows += [(duty["task"], duty["results"][0]) for duty in data["duties"]]
    table(document, rows)
    para(document, "3. Nõuded ametikoha täitjale", bold=True)
    requirements = data["requirements"]
    table(
        document,
        [
            ("Haridus", requirements["education"]),
            ("Töökogemus", requirements["experience"]),
            ("Keeleoskus", requirements["languages"][0]["text"]),
            ("Arvutioskus", requirements["computer_skills"]),
        ],
    )
    para(document, "4. Õigused", bold=True)
    bullets(document, data["rights"])
    para(document, "5. Vastutus", bold=True)
    bullets(document, data["responsibilities"])
    para(document, "6. Poolte allkirjad", bold=True)
    table(
        document,
        [("Tööandja", "Töötaja"), ("Kalle Kask", "Liis Lepp"), ("Direktor", "")],
    )
    para(document, "Olen ametijuhendiga tutvunud ja kohustun seda järgima.")
    para(document, "Liis Lepp, 02.02.2025")
    return document, [data]


def _running(document: Any, header: str) -> None:
    """A header with the agency's name and a footer "Lk PAGE / NUMPAGES"."""
    section = document.sections[0]
    section.header.paragraphs[0].text = header
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Lk ")
    _field(footer, "PAGE")
    footer.add_run(" / ")
    _field(footer, "NUMPAGES")


def _field(paragraph: Any, code: str) -> None:
    run = paragraph.add_run()
    run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="begin"/>'))
    run = paragraph.add_run()
    instr = parse_xml(f'<w:instrText {nsdecls("w")} xml:space="preserve"> {code} </w:instrText>')
    run._r.append(instr)
    run = paragraph.add_run()
    run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="separate"/>'))
    paragraph.add_run("1")
    run = paragraph.add_run()
    run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="end"/>'))


def headers_footers() -> tuple[Any, list[Position]]:
    """A job description over two pages, with a running header and page numbers."""
    duties = [
        ("Hoonete tehnosüsteemide hoolduse korraldamine.", "Tehnosüsteemid töötavad tõrgeteta."),
        ("Hooldelepingute täitmise kontrollimine.", "Lepingupartnerid täidavad lepinguid."),
        ("Remonttööde planeerimine ja eelarvestamine.", "Remondikava on koostatud ja kinnitatud."),
        ("Energiakulu jälgimine ja säästumeetmete pakkumine.", "Energiakulu on vähenenud."),
        ("Ruumide kasutamise korraldamine.", "Ruumid on kasutusel otstarbekalt."),
        ("Tuleohutusnõuete täitmise jälgimine.", "Tuleohutusnõuded on täidetud."),
        ("Hoonete dokumentatsiooni haldamine.", "Dokumentatsioon on korras ja ajakohane."),
        ("Hoonete ehitustööde järelevalve korraldamine.", "Ehitustööd on tehtud nõuetekohaselt."),
    ]
    data: Position = {
        "title": "Kinnisvaraspetsialist",
        "unit": ["Haldusosakond"],
        "manager": "Haldusosakonna juhataja",
        "subordinates": [],
        "purpose": "Asutuse hoonete korrashoiu ja ohutu kasutamise tagamine.",
        "duties": [{"task": task, "results": [result]} for task, result in duties],
        "requirements": {
            "education": "Kõrgharidus ehituse või tehnika erialal.",
            "experience": "Vähemalt kolmeaastane töökogemus kinnisvara haldamisel.",
            "languages": [{"text": "Eesti keele oskus C1-tasemel.", "level": "C1"}],
            "knowledge": [
                "Ehitusseadustiku ja riigihangete seaduse tundmine.",
                "Tehnosüsteemide toimimise põhimõtete tundmine.",
            ],
        },
        "rights": [
            "Anda lepingupartneritele korraldusi hoonete hoolduse küsimustes.",
            "Saada tööks vajalikku teavet.",
        ],
        "responsibilities": [
            "Vastutab hoonete ohutu kasutamise korraldamise eest.",
            "Vastutab talle antud eelarve sihipärase kasutamise eest.",
        ],
    }
    document = new_document()
    _running(document, "Riigi Tugikeskus")
    para(document, "AMETIJUHEND", bold=True)
    para(document, "1. Üldosa", bold=True)
    table(
        document,
        [
            ("Teenistuskoht", data["title"]),
            ("Struktuuriüksus", "Haldusosakond"),
            ("Vahetu juht", data["manager"]),
            ("Alluvad", "Puuduvad"),
            ("Teenistuskoha eesmärk", data["purpose"]),
        ],
    )
    para(document, "2. Peamised teenistusülesanded ja oodatavad tulemused", bold=True)
    rows = [("Teenistuskoha ülesanded", "Soovitud tulemus")]
    rows += [(f"2.{n}. {task}", result) for n, (task, result) in enumerate(duties, 1)]
    table(document, rows)
    para(document, "3. Teenistuskoha täitjale esitatavad nõuded", bold=True)
    requirements = data["requirements"]
    table(
        document,
        [
            ("Haridus", requirements["education"]),
            ("Töökogemus", requirements["experience"]),
            ("Keeleoskus", requirements["languages"][0]["text"]),
            ("Teadmised", "\n".join(requirements["knowledge"])),
        ],
    )
    page_break(document)
    para(document, "4. Teenistuja õigused", bold=True)
    numbered(document, "4", data["rights"])
    para(document, "5. Teenistuja vastutus", bold=True)
    numbered(document, "5", data["responsibilities"])
    return document, [data]


def automatic_numbering() -> tuple[Any, list[Position]]:
    """Word's own numbering: sections, duties and rights numbered by list styles, not typed."""
    data: Position = {
        "title": "IT-tugiisik",
        "unit": ["IT-osakond"],
        "manager": "IT-osakonna juhataja",
        "substituted_by": ["Süsteemiadministraator"],
        "purpose": "Töötajate arvutitöökohtade töökindluse tagamine.",
        "duties": [
            {"task": "Kasutajate abistamine riist- ja tarkvara probleemides.", "results": [TODO]},
            {"task": "Tööjaamade paigaldamine ja hooldamine.", "results": [TODO]},
            {"task": "Kasutajakontode haldamine.", "results": [TODO]},
        ],
        "requirements": {
            "education": "Keskeriharidus IT valdkonnas.",
            "experience": "Vähemalt üheaastane töökogemus kasutajatoes.",
            "languages": [{"text": "Eesti keele oskus B2-tasemel.", "level": "B2"}],
        },
        "rights": [
            "Piirata ohtliku tarkvara kasutamist tööjaamades.",
            "Saada tööks vajalikke koolitusi.",
        ],
        "responsibilities": [
            "Vastutab kasutajate andmete turvalisuse eest.",
            "Vastutab talle usaldatud seadmete säilimise eest.",
        ],
    }
    document = new_document()
    para(document, "AMETIJUHEND", bold=True)
    table(
        document,
        [
            ("Ametikoht", data["title"]),
            ("Struktuuriüksus", "IT-osakond"),
            ("Vahetu juht", data["manager"]),
            ("Asendaja", "Süsteemiadministraator"),
            ("Ametikoha eesmärk", data["purpose"]),
        ],
    )
    para(document, "Ametikoha ülesanded", bold=True)
    for duty in data["duties"]:
        para(document, duty["task"], style="List Number")
    para(document, "Nõuded ametikohale", bold=True)
    requirements = data["requirements"]
    table(
        document,
        [
            ("Haridus", requirements["education"]),
            ("Töökogemus", requirements["experience"]),
            ("Keeleoskus", requirements["languages"][0]["text"]),
        ],
    )
    para(document, "Õigused", bold=True)
    for item in data["rights"]:
        para(document, item, style="List Bullet")
    para(document, "Vastutus", bold=True)
    for item in data["responsibilities"]:
        para(document, item, style="List Bullet")
    return document, [data]


def _tracked(paragraph: Any, kept: str, deleted: str, inserted: str, tail: str) -> None:
    """Text with an unaccepted deletion and insertion by a reviewer."""
    paragraph.add_run(kept)
    author = 'w:author="Toimetaja" w:date="2025-05-05T10:00:00Z"'
    paragraph._p.append(
        parse_xml(
            f'<w:del {nsdecls("w")} w:id="1" {author}><w:r><w:delText xml:space="preserve">'
            f"{deleted}</w:delText></w:r></w:del>"
        )
    )
    paragraph._p.append(
        parse_xml(
            f'<w:ins {nsdecls("w")} w:id="2" {author}><w:r><w:t xml:space="preserve">'
            f"{inserted}</w:t></w:r></w:ins>"
        )
    )
    paragraph.add_run(tail)


def tracked_changes() -> tuple[Any, list[Position]]:
    """A job description with a reviewer's changes not yet accepted: it reads as accepted."""
    data: Position = {
        "title": "Kommunikatsioonispetsialist",
        "unit": ["Kommunikatsiooniosakond"],
        "manager": "Kommunikatsioonijuht",
        "purpose": "Asutuse tegevuse selge ja õigeaegne tutvustamine avalikkusele.",
        "duties": [
            {
                "task": "Pressiteadete koostamine ja avaldamine.",
                "results": ["Pressiteated on avaldatud samal päeval."],
            },
            {
                "task": "Sotsiaalmeedia kanalite haldamine.",
                "results": ["Kanalid on ajakohased."],
            },
        ],
        "requirements": {
            "education": "Kõrgharidus",
            "experience": "Vähemalt kaheaastane töökogemus kommunikatsiooni valdkonnas.",
            "languages": [
                {"text": "Eesti keele oskus C2-tasemel.", "level": "C2"},
                {"text": "Inglise keele oskus B2-tasemel.", "level": "B2"},
            ],
        },
        "rights": ["Saada asutuse juhtidelt teavet avalikkuse teavitamiseks."],
        "responsibilities": ["Vastutab avaldatud teabe õigsuse eest."],
    }
    document = new_document()
    # Shown as accepted ("No Markup"), as Word and LibreOffice then print it.
    view = parse_xml(f'<w:revisionView {nsdecls("w")} w:markup="false" w:insDel="false"/>')
    document.settings.element.insert(0, view)
    para(document, "AMETIJUHEND", bold=True)
    para(document, "1. Üldosa", bold=True)
    grid = table(
        document,
        [
            ("Teenistuskoht", data["title"]),
            ("Struktuuriüksus", "Kommunikatsiooniosakond"),
            ("Vahetu juht", data["manager"]),
            ("Teenistuskoha eesmärk", ""),
        ],
    )
    cell = grid.rows[3].cells[1].paragraphs[0]
    _tracked(
        cell, "Asutuse tegevuse selge ja ", "kiire", "õigeaegne", " tutvustamine avalikkusele."
    )
    para(document, "2. Peamised teenistusülesanded ja oodatavad tulemused", bold=True)
    grid = table(
        document,
        [
            ("Teenistuskoha ülesanded", "Soovitud tulemus"),
            (data["duties"][0]["task"], ""),
            (data["duties"][1]["task"], data["duties"][1]["results"][0]),
        ],
    )
    cell = grid.rows[1].cells[1].paragraphs[0]
    _tracked(cell, "Pressiteated on avaldatud ", "kahe päeva jooksul", "samal päeval", ".")
    para(document, "3. Teenistuskoha täitjale esitatavad nõuded", bold=True)
    requirements = data["requirements"]
    grid = table(
        document,
        [
            ("Haridus", requirements["education"]),
            ("Töökogemus", ""),
            ("Keeleoskus", "\n".join(item["text"] for item in requirements["languages"])),
        ],
    )
    cell = grid.rows[1].cells[1].paragraphs[0]
    _tracked(
        cell, "Vähemalt ", "üheaastane", "kaheaastane", " töökogemus kommunikatsiooni valdkonnas."
    )
    para(document, "4. Teenistuja õigused", bold=True)
    numbered(document, "4", data["rights"])
    para(document, "5. Teenistuja vastutus", bold=True)
    numbered(document, "5", data["responsibilities"])
    return document, [data]


def text_box() -> tuple[Any, list[Position]]:
    """An approval block in a text box at the top right, as some templates place it."""
    data: Position = {
        "title": "Arhivaar",
        "unit": ["Dokumendihaldusosakond"],
        "manager": "Dokumendihaldusosakonna juhataja",
        "purpose": "Asutuse arhivaalide korrastamise ja säilimise tagamine.",
        "duties": [
            {
                "task": "Arhivaalide korrastamine ja kirjeldamine.",
                "results": ["Arhivaalid on korrastatud ja kirjeldatud."],
            },
            {
                "task": "Teabenõuetele vastamine arhiivi andmete põhjal.",
                "results": ["Teabenõuetele on vastatud tähtaegselt."],
            },
        ],
        "requirements": {
            "education": "Kõrgharidus",
            "experience": "Töökogemus dokumendihalduses.",
            "languages": [{"text": "Eesti keele oskus C1-tasemel.", "level": "C1"}],
        },
        "rights": ["Nõuda dokumentide üleandmist arhiivi kehtestatud korras."],
        "responsibilities": ["Vastutab arhivaalide säilimise eest."],
        "approval": {
            "by": "Rahvusarhiivi peadirektori",
            "date": "2025-11-20",
            "directive": "12",
        },
    }
    document = new_document()
    box = parse_xml(
        f"<w:r {nsdecls('w')} {VML}><w:pict>"
        '<v:shape id="kinnitus" style="position:absolute;margin-left:300pt;margin-top:0;'
        'width:180pt;height:70pt;z-index:1;mso-position-horizontal-relative:margin" '
        'stroked="f"><v:textbox><w:txbxContent>'
        "<w:p><w:r><w:t>KINNITATUD</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>Rahvusarhiivi peadirektori</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>20.11.2025 käskkirjaga nr 12</w:t></w:r></w:p>"
        "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    )
    anchor = document.add_paragraph()
    anchor._p.append(box)
    for _ in range(4):
        para(document, "")
    para(document, "AMETIJUHEND", bold=True)
    para(document, "1. Üldosa", bold=True)
    table(
        document,
        [
            ("Teenistuskoht", data["title"]),
            ("Struktuuriüksus", "Dokumendihaldusosakond"),
            ("Vahetu juht", data["manager"]),
            ("Teenistuskoha eesmärk", data["purpose"]),
        ],
    )
    para(document, "2. Peamised teenistusülesanded ja oodatavad tulemused", bold=True)
    rows = [("Teenistuskoha ülesanded", "Soovitud tulemus")]
    rows += [(duty["task"], duty["results"][0]) for duty in data["duties"]]
    table(document, rows)
    para(document, "3. Teenistuskoha täitjale esitatavad nõuded", bold=True)
    requirements = data["requirements"]
    table(
        document,
        [
            ("Haridus", requirements["education"]),
            ("Töökogemus", requirements["experience"]),
            ("Keeleoskus", requirements["languages"][0]["text"]),
        ],
    )
    para(document, "4. Teenistuja õigused", bold=True)
    numbered(document, "4", data["rights"])
    para(document, "5. Teenistuja vastutus", bold=True)
    numbered(document, "5", data["responsibilities"])
    return document, [data]


DOCUMENTS: dict[str, Builder] = {
    "ska-valjad": ska_fields,
    "ska-tabel": ska_table,
    "ska-2026": ska_2026,
    "politsei-tabel": police_table,
    "vald": municipality,
    "ministeerium": ministry,
    "kaskkiri-lisad": directive,
    "allkirjad": signatures,
    "paised-jalused": headers_footers,
    "automaatnumbrid": automatic_numbering,
    "muudatused": tracked_changes,
    "tekstikast": text_box,
}


def _fixed(path: Path) -> None:
    """Give the Word package fixed timestamps and properties, so that it is the same each run."""
    import zipfile

    members = []
    with zipfile.ZipFile(path) as package:
        for info in sorted(package.infolist(), key=lambda item: item.filename):
            members.append((info.filename, package.read(info.filename)))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in members:
            info = zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            package.writestr(info, content)


def write(names: Sequence[str]) -> None:
    """Write the Word documents and expected YAML, then the PDFs and texts made from them."""
    order = read_layout(ROOT / "templates").order
    CORPUS.mkdir(parents=True, exist_ok=True)
    for name in names:
        document, positions = DOCUMENTS[name]()
        properties = document.core_properties
        properties.author = properties.last_modified_by = "ametid"
        properties.title = name
        properties.revision = 1
        from datetime import datetime

        properties.created = properties.modified = datetime(2025, 1, 1)
        document.save(str(CORPUS / f"{name}.docx"))
        _fixed(CORPUS / f"{name}.docx")
        texts = [dump_position(copy.deepcopy(p), order, SCHEMA) for p in positions]
        (CORPUS / f"{name}.yaml").write_text("---\n".join(texts), encoding="utf-8")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(CORPUS),
                *[str(CORPUS / f"{name}.docx") for name in names],
            ],
            check=True,
            capture_output=True,
        )
    for name in names:
        pdf = CORPUS / f"{name}.pdf"
        subprocess.run(["pdftotext", "-layout", str(pdf), str(CORPUS / f"{name}.txt")], check=True)


def main() -> None:
    """Write the whole corpus, or the documents named on the command line."""
    names = sys.argv[1:] or list(DOCUMENTS)
    unknown = [name for name in names if name not in DOCUMENTS]
    if unknown or shutil.which("soffice") is None:
        sys.exit(f"unknown documents {unknown}, or LibreOffice (soffice) is not installed")
    write(names)


if __name__ == "__main__":
    main()
