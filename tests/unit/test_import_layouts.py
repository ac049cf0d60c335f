"""Importing other agencies' layouts: nothing placed silently where it does not belong."""

from __future__ import annotations

from pathlib import Path

import docx

from ametid.importer.pipeline import read_drafts
from support.importing import VOCAB, add_table

MUNICIPALITY = """\
Lisa 3
KINNITATUD
Metsküla Vallavalitsuse
01.03.2024 korraldusega nr 2-3/12

AMETIJUHEND

Ametikoha nimetus: Lastekaitsespetsialist
Struktuuriüksus: Sotsiaalosakond
Allub: Sotsiaalosakonna juhataja
Ametikoha eesmärk: Lapse õiguste ja heaolu tagamine.

Tööülesanded
1. Abivajavast lapsest teatamisel olukorra hindamine.

Nõuded ametikoha täitjale
Haridus: Kõrgharidus.
Töökogemus: Töökogemus lastega töötamisel.
Keeleoskus: eesti keel C1, inglise keel B2

Õigused
Ametikoha täitjal on õigus:
- saada tööks vajalikku teavet.

Vastutus
Ametikoha täitja vastutab:
- tööülesannete nõuetekohase täitmise eest.

Lõppsätted
Ametijuhend jõustub allkirjastamisel.
Ametijuhendiga tutvunud: Mari Maasikas, 15.03.2024
"""


def test_lead_ins_final_provisions_acknowledgement_languages_and_annex(tmp_path: Path) -> None:
    source = tmp_path / "vald.txt"
    source.write_text(MUNICIPALITY, encoding="utf-8")
    drafts, problems, _notes = read_drafts(source, VOCAB)
    assert problems == []
    (draft,) = drafts
    data = draft.data
    assert data["rights_intro"] == "Ametikoha täitjal on õigus:"
    assert data["rights"] == ["saada tööks vajalikku teavet."]
    assert data["responsibilities_intro"] == "Ametikoha täitja vastutab:"
    assert data["responsibilities"] == ["tööülesannete nõuetekohase täitmise eest."]
    assert data["requirements"]["languages"] == [
        {"text": "eesti keel C1", "level": "C1"},
        {"text": "inglise keel B2", "level": "B2"},
    ]
    assert data["approval"] == {
        "by": "Metsküla Vallavalitsuse",
        "date": "2024-03-01",
        "directive": "2-3/12",
        "annex": "3",
    }
    assert data["signatures"] == [{"party": "Töötaja", "name": "Mari Maasikas"}]
    assert [block.full_text() for block in draft.unplaced] == [
        "Lõppsätted",
        "Ametijuhend jõustub allkirjastamisel.",
    ]


def test_an_acknowledgement_without_a_name_is_left_out_and_reported(tmp_path: Path) -> None:
    source = tmp_path / "vald.txt"
    text = MUNICIPALITY.replace("Mari Maasikas, 15.03.2024", "Allkiri ja kuupäev puuduvad")
    source.write_text(text, encoding="utf-8")
    (draft,), _problems, _notes = read_drafts(source, VOCAB)
    assert "signatures" not in draft.data
    assert [block.text for block in draft.left_out] == [
        "Ametijuhendiga tutvunud: Allkiri ja kuupäev puuduvad"
    ]
    assert "Allkiri" not in str(draft.data)


def test_a_duty_row_with_an_empty_result_cell_stays_a_duty(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("AMETIJUHEND")
    document.add_paragraph("Teenistuskoht Juhtivspetsialist")
    document.add_paragraph("2. Peamised teenistusülesanded ja oodatavad tulemused")
    add_table(
        document,
        [
            ("Teenistuskoha ülesanded", "Soovitud tulemus"),
            ("Andmekogu haldamine.", "Andmed on ajakohased."),
            ("Arendustööde tellimine.", ""),
            ("Kolleegide nõustamine.", "Kolleegid on nõustatud."),
        ],
    )
    source = tmp_path / "tabel.docx"
    document.save(str(source))
    (draft,), _problems, _notes = read_drafts(source, VOCAB)
    assert draft.data["duties"] == [
        {"task": "Andmekogu haldamine.", "results": ["Andmed on ajakohased."]},
        {"task": "Arendustööde tellimine.", "results": ["TÄIDA"]},
        {"task": "Kolleegide nõustamine.", "results": ["Kolleegid on nõustatud."]},
    ]


POLICE_TABLE = """\
AMETIJUHEND

Ametikoht                              Piirkonnapolitseinik

Ülesanded ja tulemuslikkuse mõõtmise kriteeriumid

Ülesanded                              Tulemuslikkuse mõõtmise kriteeriumid
1. Piirkonna turvalisuse jälgimine     Probleemid on teada ja nende
ja probleemide lahendamine.            lahendamiseks on tehtud plaan.
                                       Elanike pöördumistele on vastatud.
2. Väärtegude menetlemine ja
menetlusdokumentide koostamine.
3. Ennetustundide korraldamine.        Ennetustunnid on läbi viidud.
"""


def test_a_police_table_in_extracted_text_with_an_empty_result_cell(tmp_path: Path) -> None:
    source = tmp_path / "politsei.txt"
    source.write_text(POLICE_TABLE, encoding="utf-8")
    (draft,), _problems, _notes = read_drafts(source, VOCAB)
    assert draft.unplaced == []
    assert draft.data["duties"] == [
        {
            "task": "Piirkonna turvalisuse jälgimine ja probleemide lahendamine.",
            "results": [
                "Probleemid on teada ja nende lahendamiseks on tehtud plaan.",
                "Elanike pöördumistele on vastatud.",
            ],
        },
        {
            "task": "Väärtegude menetlemine ja menetlusdokumentide koostamine.",
            "results": ["TÄIDA"],
        },
        {"task": "Ennetustundide korraldamine.", "results": ["Ennetustunnid on läbi viidud."]},
    ]


def test_a_numbered_paragraph_under_the_purpose_heading_is_the_purpose(tmp_path: Path) -> None:
    source = tmp_path / "ministeerium.txt"
    source.write_text(
        "AMETIJUHEND\n\n1. ÜLDSÄTTED\n1.1. Ametikoha nimetus: Nõunik\n\n"
        "2. AMETIKOHA EESMÄRK\n2.1. Õigusaktide eelnõude väljatöötamine.\n\n"
        "3. TEENISTUSÜLESANDED\n3.1. Valmistab ette eelnõusid.\n",
        encoding="utf-8",
    )
    (draft,), _problems, _notes = read_drafts(source, VOCAB)
    assert (draft.data["purpose"], draft.unplaced) == ("Õigusaktide eelnõude väljatöötamine.", [])
    assert draft.data["duties"] == [{"task": "Valmistab ette eelnõusid.", "results": ["TÄIDA"]}]


def test_word_text_boxes_and_tracked_changes_read_as_accepted(tmp_path: Path) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    anchor = document.add_paragraph()
    vml = 'xmlns:v="urn:schemas-microsoft-com:vml"'
    anchor._p.append(
        parse_xml(
            f"<w:r {nsdecls('w')} {vml}><w:pict><v:shape><v:textbox><w:txbxContent>"
            "<w:p><w:r><w:t>KINNITATUD</w:t></w:r></w:p>"
            "<w:p><w:r><w:t>Rahvusarhiivi peadirektori</w:t></w:r></w:p>"
            "<w:p><w:r><w:t>20.11.2025 käskkirjaga nr 12</w:t></w:r></w:p>"
            "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
        )
    )
    document.add_paragraph("AMETIJUHEND")
    title = document.add_paragraph("Teenistuskoht Arhivaar ")
    deleted = '<w:r><w:delText xml:space="preserve">vana</w:delText></w:r>'
    title._p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="1" w:author="A">{deleted}</w:del>'))
    inserted = "<w:r><w:t>(uus)</w:t></w:r>"
    title._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="2" w:author="A">{inserted}</w:ins>'))
    source = tmp_path / "kast.docx"
    document.save(str(source))
    (draft,), problems, notes = read_drafts(source, VOCAB)
    assert problems == []
    accepted = "has tracked changes not yet accepted; read as if they were accepted"
    assert notes == [f"{source}: {accepted}"]
    assert draft.data["title"] == "Arhivaar (uus)"
    assert draft.data["approval"] == {
        "by": "Rahvusarhiivi peadirektori",
        "date": "2025-11-20",
        "directive": "12",
    }


def test_a_sentence_naming_several_languages_gives_one_item_each() -> None:
    from ametid.importer.values import languages

    assert languages(["eesti keel C1, inglise keel B2"]) == [
        {"text": "eesti keel C1", "level": "C1"},
        {"text": "inglise keel B2", "level": "B2"},
    ]
    assert languages(["Eesti keele oskus C1-tasemel ning inglise keele oskus B1-tasemel."]) == [
        {"text": "Eesti keele oskus C1-tasemel", "level": "C1"},
        {"text": "inglise keele oskus B1-tasemel.", "level": "B1"},
    ]
    # Two languages at one level stay one item, as the sentence names one level.
    assert languages(["eesti keel C1, inglise ja vene keel B2"]) == [
        {"text": "eesti keel C1", "level": "C1"},
        {"text": "inglise ja vene keel B2", "level": "B2"},
    ]
    assert languages(["Eesti keele oskus C1-tasemel. Soome keele oskus on eelis."]) == [
        {"text": "Eesti keele oskus C1-tasemel. Soome keele oskus on eelis.", "level": "C1"},
    ]
