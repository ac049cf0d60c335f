"""Create templates/document/position.docx, the Word template of `ametid build --format docx`.

Run once from the project root: `python scripts/make_word_template.py`. HR restyles the result in
Word afterwards, so from then on the committed .docx is the authority and this script only shows
where it came from. The template is python-docx's default document plus:

- A4 with 2 cm margins, Estonian proofing language, a header with the organisation and a centred
  "Lk PAGE / NUMPAGES" footer;
- one multilevel list: Heading 1 is level 0 ("1."), List Number 2 is level 1 ("2.1."), so Word
  numbers the sections and the duties, rights, responsibilities and amendment rules itself;
- the body with docxtpl tags (`{%p ...%}` paragraphs, `{%tr ...%}` table rows), one run per tag.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

OUT = Path(__file__).resolve().parent.parent / "templates" / "document" / "position.docx"

NUM_ID = 20  # the w:num of the section/item list; python-docx's default template uses 1-9
ABSTRACT_NUM_ID = 20
LABEL_WIDTH, VALUE_WIDTH = Cm(5.5), Cm(11.5)  # 17 cm = A4 width minus the margins
INDENT = 737  # twips, 1.3 cm: where numbered text starts (room for "2.10.")
BULLET_INDENT = INDENT + 284  # twips: bullets of results and indicators align with the task text

STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
APP_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    b"<Application>ametid</Application></Properties>"
)


# -- document-wide settings -------------------------------------------------------------------


def set_page(doc: DocumentObject) -> None:
    """A4 portrait, 2 cm margins."""
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin = section.bottom_margin = Cm(2)
    section.header_distance = section.footer_distance = Cm(1)


def set_language(doc: DocumentObject) -> None:
    """Estonian as the proofing language of every run that does not say otherwise."""
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:val"), "et-EE")
    lang.set(qn("w:eastAsia"), "en-US")
    lang.set(qn("w:bidi"), "ar-SA")
    settings = doc.settings.element
    settings.find(qn("w:themeFontLang")).set(qn("w:val"), "et-EE")
    settings.find(qn("w:decimalSymbol")).set(qn("w:val"), ",")
    settings.find(qn("w:listSeparator")).set(qn("w:val"), ";")
    # "clean" would tell Word the (rendered) text has already been spell-checked.
    for name in ("w:proofState", "w:savePreviewPicture"):
        settings.remove(settings.find(qn(name)))


def level(ilvl: int) -> str:
    """One w:lvl of the multilevel list: "%1.", "%1.%2.", ... ; levels 2-8 are unused spares."""
    text = "".join(f"%{n}." for n in range(1, ilvl + 2))
    style = {0: "Heading1", 1: "ListNumber2"}.get(ilvl)
    pstyle = f'<w:pStyle w:val="{style}"/>' if style else ""
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="decimal"/>{pstyle}'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{INDENT * max(ilvl, 1)}" w:hanging="{INDENT}"/></w:pPr></w:lvl>'
    )


def add_numbering(doc: DocumentObject) -> None:
    """Add the multilevel list (Heading 1 at level 0, List Number 2 at level 1); indent bullets."""
    numbering = doc.part.numbering_part.element
    for abstract_num in numbering.findall(qn("w:abstractNum")):
        lvl = abstract_num.find(qn("w:lvl"))
        pstyle = lvl.find(qn("w:pStyle"))
        style = None if pstyle is None else pstyle.get(qn("w:val"))
        if style == "ListNumber2":
            lvl.remove(pstyle)  # a style links to one list only: List Number 2 moves to ours
        elif style == "ListBullet":
            ppr = lvl.find(qn("w:pPr"))
            ppr.clear()  # the default 0.25" tab and indent
            ppr.append(
                parse_xml(f'<w:ind {nsdecls("w")} w:left="{BULLET_INDENT}" w:hanging="284"/>')
            )
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{ABSTRACT_NUM_ID}">'
        '<w:nsid w:val="4A4D4554"/><w:multiLevelType w:val="multilevel"/>'
        '<w:tmpl w:val="4A4D4501"/><w:name w:val="Ametijuhendi punktid"/>'
        + "".join(level(i) for i in range(9))
        + "</w:abstractNum>"
    )
    # Schema order: every w:abstractNum comes before the first w:num.
    numbering.find(qn("w:num")).addprevious(abstract)
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{NUM_ID}">'
            f'<w:abstractNumId w:val="{ABSTRACT_NUM_ID}"/></w:num>'
        )
    )


def set_numpr(style: ParagraphStyle, ilvl: int | None) -> None:
    """Link a paragraph style to the multilevel list, replacing any numPr it had."""
    ppr = style.element.get_or_add_pPr()
    old = ppr.find(qn("w:numPr"))
    if old is not None:
        ppr.remove(old)
    lvl = "" if ilvl is None else f'<w:ilvl w:val="{ilvl}"/>'
    ppr.insert(0, parse_xml(f'<w:numPr {nsdecls("w")}>{lvl}<w:numId w:val="{NUM_ID}"/></w:numPr>'))


def set_styles(doc: DocumentObject) -> None:
    """Adjust Word's built-in styles and add the few the layout needs."""
    styles = doc.styles
    dark = RGBColor(0x1F, 0x38, 0x64)

    normal = styles["Normal"].paragraph_format
    normal.space_after = Pt(6)

    title = styles["Title"]
    title.font.size = Pt(20)
    title.font.color.rgb = dark

    subtitle = styles["Subtitle"]
    # python-docx's Subtitle carries a numPr without a numId; drop it.
    subtitle.element.pPr.remove(subtitle.element.pPr.find(qn("w:numPr")))
    subtitle.font.italic = False
    subtitle.font.bold = True
    subtitle.font.all_caps = True
    subtitle.font.color.rgb = dark
    subtitle.paragraph_format.space_before = Pt(18)
    subtitle.paragraph_format.space_after = Pt(0)

    heading1 = styles["Heading 1"]
    set_numpr(heading1, None)
    heading1.font.size = Pt(13)
    heading1.font.color.rgb = dark
    heading1.paragraph_format.space_before = Pt(18)
    heading1.paragraph_format.space_after = Pt(6)

    heading2 = styles["Heading 2"]
    heading2.font.size = Pt(12)
    heading2.font.color.rgb = dark
    heading2.paragraph_format.space_before = Pt(12)
    heading2.paragraph_format.space_after = Pt(6)

    numbered = styles["List Number 2"]
    set_numpr(numbered, 1)
    numbered.element.pPr.remove(numbered.element.pPr.find(qn("w:contextualSpacing")))
    numbered.paragraph_format.space_before = Pt(6)
    numbered.paragraph_format.space_after = Pt(2)

    bullet = styles["List Bullet"]
    bullet.paragraph_format.space_after = Pt(2)

    results = styles.add_style("Oodatavad tulemused", WD_STYLE_TYPE.PARAGRAPH)
    results.base_style = styles["Normal"]
    results.font.italic = True
    results.paragraph_format.left_indent = Cm(1)
    results.paragraph_format.space_before = Pt(2)
    results.paragraph_format.space_after = Pt(2)
    results.paragraph_format.keep_with_next = True

    approval = styles.add_style("Kinnitamine", WD_STYLE_TYPE.PARAGRAPH)
    approval.base_style = styles["Normal"]
    approval.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    approval.paragraph_format.space_after = Pt(0)

    styles["Header"].font.size = Pt(9)
    styles["Header"].font.color.rgb = RGBColor(0x59, 0x59, 0x59)
    styles["Footer"].font.size = Pt(9)


def set_header_footer(doc: DocumentObject) -> None:
    """Header: the organisation. Footer: "Lk PAGE / NUMPAGES", centred."""
    section = doc.sections[0]
    section.header.paragraphs[0].add_run("{{ organisation }}")
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Lk ")
    add_field(footer, "PAGE")
    footer.add_run(" / ")
    add_field(footer, "NUMPAGES")


def add_field(paragraph: Paragraph, instruction: str) -> None:
    """Append a complex field (with "1" as its cached result) to the paragraph."""
    for xml in (
        '<w:fldChar w:fldCharType="begin"/>',
        f'<w:instrText xml:space="preserve"> {instruction} </w:instrText>',
        '<w:fldChar w:fldCharType="separate"/>',
        "<w:t>1</w:t>",
        '<w:fldChar w:fldCharType="end"/>',
    ):
        paragraph._p.append(parse_xml(f"<w:r {nsdecls('w')}>{xml}</w:r>"))


def drop_unused_parts(doc: DocumentObject) -> None:
    """Drop the thumbnail, the bibliography store and stylesWithEffects; neutralise app.xml."""
    package = doc.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[rid]
        elif rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part._blob = APP_XML  # "Microsoft Macintosh Word", page counts, ...
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype in (RT.CUSTOM_XML, STYLES_WITH_EFFECTS):
            doc.part.drop_rel(rid)
    core = doc.core_properties
    core.author = core.last_modified_by = "ametid"
    core.title = core.comments = ""
    core.language = "et-EE"
    for name in ("dcterms:created", "dcterms:modified"):
        element = core._element.find(qn(name))
        if element is not None:
            core._element.remove(element)


# -- body -------------------------------------------------------------------------------------


def para(container: DocumentObject | _Cell, text: str, style: str | None = None) -> Paragraph:
    """Add a paragraph with a single run, so no Jinja tag is ever split across runs."""
    paragraph = container.add_paragraph(style=style)
    paragraph.add_run(text)
    return paragraph


def tag(container: DocumentObject | _Cell, statement: str) -> None:
    """Add a docxtpl paragraph tag; docxtpl removes the paragraph and keeps the statement."""
    para(container, "{%p " + statement + " %}")


def table(doc: DocumentObject) -> Table:
    """Add an empty label/value table in the Table Grid style."""
    result: Table = doc.add_table(rows=0, cols=2)
    result.style = doc.styles["Table Grid"]
    result.alignment = WD_TABLE_ALIGNMENT.LEFT
    result.autofit = False
    result.columns[0].width, result.columns[1].width = LABEL_WIDTH, VALUE_WIDTH
    return result


def new_row(grid: Table) -> _Row:
    """Append a row that Word keeps on one page."""
    added: _Row = grid.add_row()  # type: ignore[no-untyped-call]  # unannotated in python-docx
    added._tr.get_or_add_trPr().append(parse_xml(f"<w:cantSplit {nsdecls('w')}/>"))
    return added


def row(grid: Table, label: str, *lines: str, when: str | None = None) -> None:
    """Add a label/value row; `lines` become paragraphs of the value cell; `when` guards the row."""
    if when is not None:
        new_row(grid).cells[0].paragraphs[0].add_run("{%tr if " + when + " %}")
    label_cell, value_cell = new_row(grid).cells
    label_cell.width, value_cell.width = LABEL_WIDTH, VALUE_WIDTH
    label_cell.paragraphs[0].add_run(label).style = "Strong"
    value_cell.paragraphs[0].add_run(lines[0])
    for line in lines[1:]:
        para(value_cell, line)
    if when is not None:
        new_row(grid).cells[0].paragraphs[0].add_run("{%tr endif %}")


def numbered_items(doc: DocumentObject, heading: str, items: str) -> None:
    """A numbered section whose items are List Number 2 paragraphs (n.1, n.2, ...)."""
    doc.add_paragraph(heading, style="Heading 1")
    tag(doc, f"for item in {items}")
    para(doc, "{{ item }}", "List Number 2")
    tag(doc, "endfor")


def competencies(doc: DocumentObject, key: str, heading: str) -> None:
    """An optional Heading 2 with competencies: bold name, description, bullet indicators."""
    tag(doc, f"if '{key}' in position.requirements")
    doc.add_paragraph(heading, style="Heading 2")
    tag(doc, f"for c in position.requirements.{key}")
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(6)
    paragraph.paragraph_format.keep_with_next = True
    paragraph.add_run("{{ c.name }}:").style = "Strong"
    paragraph.add_run("{% if 'description' in c %} {{ c.description }}{% endif %}")
    tag(doc, "if 'indicators' in c")
    tag(doc, "for indicator in c.indicators")
    para(doc, "{{ indicator }}", "List Bullet")
    tag(doc, "endfor")
    tag(doc, "endif")
    tag(doc, "endfor")
    tag(doc, "endif")


def body(doc: DocumentObject) -> None:
    """The canonical layout (same content and order as the Markdown and HTML templates)."""
    tag(doc, "if 'approval' in position")
    para(doc, "KINNITATUD", "Kinnitamine")
    para(doc, "{{ position.approval.by }}", "Kinnitamine")
    para(
        doc,
        "{{ position.approval.date|et_date }} käskkirjaga nr {{ position.approval.directive }}",
        "Kinnitamine",
    )
    para(
        doc,
        "Lisa{% if 'annex' in position.approval %} {{ position.approval.annex }}{% endif %}",
        "Kinnitamine",
    )
    tag(doc, "endif")

    para(doc, "AMETIJUHEND", "Subtitle")
    para(doc, "{{ position.title }}", "Title")

    doc.add_paragraph("Üldosa", style="Heading 1")
    general = table(doc)
    row(general, "Struktuuriüksus", "{{ position.unit|join(', ') }}")
    row(general, "Teenistuskoht", "{{ position.title }}")
    row(general, "Vahetu juht", "{{ position.manager }}")
    row(
        general,
        "Alluvad",
        "{{ position.subordinates|join(', ') or '-' }}",
        when="'subordinates' in position",
    )
    row(
        general,
        "Teenistuja asendab",
        "{{ position.substitutes|join(', ') or '-' }}"
        "{% if 'substitution_scope' in position %} ({{ position.substitution_scope }}){% endif %}",
        when="'substitutes' in position",
    )
    row(
        general,
        "Teenistuja asendaja",
        "{{ position.substituted_by|join(', ') or '-' }}",
        when="'substituted_by' in position",
    )
    row(general, "Teenistuskoha eesmärk", "{{ position.purpose }}")
    row(general, "Ametikoha grupp", "{{ position.group|capitalize }}", when="'group' in position")
    row(
        general,
        "Eritingimused",
        "{{ position.special_conditions }}",
        when="'special_conditions' in position",
    )

    doc.add_paragraph("Peamised teenistusülesanded ja oodatavad tulemused", style="Heading 1")
    tag(doc, "for duty in position.duties")
    para(doc, "{{ duty.task }}", "List Number 2").paragraph_format.keep_with_next = True
    para(doc, "Oodatavad tulemused:", "Oodatavad tulemused")
    tag(doc, "for result in duty.results")
    para(doc, "{{ result }}", "List Bullet")
    tag(doc, "endfor")
    tag(doc, "endfor")

    doc.add_paragraph("Teenistuskoha täitjale esitatavad nõuded", style="Heading 1")
    requirements = table(doc)
    row(requirements, "Haridus", "{{ position.requirements.education }}")
    row(requirements, "Töökogemus", "{{ position.requirements.experience }}")
    row(
        requirements,
        "Keeleoskus",
        "{%p for language in position.requirements.languages %}",
        "{{ language.text }}",
        "{%p endfor %}",
    )
    row(
        requirements,
        "Teadmised ja oskused",
        "{%p for item in position.requirements.knowledge %}",
        "{{ item }}",
        "{%p endfor %}",
        when="'knowledge' in position.requirements",
    )
    row(
        requirements,
        "Isikuomadused",
        "{{ position.requirements.personal_qualities|join(', ') }}",
        when="'personal_qualities' in position.requirements",
    )
    row(
        requirements,
        "Arvutikasutamise oskus",
        "{{ position.requirements.computer_skills }}",
        when="'computer_skills' in position.requirements",
    )
    competencies(doc, "competencies", "Tööks vajalikud kompetentsid")
    competencies(
        doc, "additional_competencies", "Täiendavad kompetentsid, isikuomadused ja teadmised"
    )

    numbered_items(doc, "Teenistuja õigused", "position.rights")
    numbered_items(doc, "Teenistuja vastutus", "position.responsibilities")

    tag(doc, "if 'tools' in position")
    doc.add_paragraph("Töövahendid", style="Heading 1")
    para(doc, "{{ position.tools }}")
    tag(doc, "endif")

    tag(doc, "if 'amendment_rules' in position")
    numbered_items(doc, "Ametijuhendi muutmine", "position.amendment_rules")
    tag(doc, "endif")

    tag(doc, "if 'signatures' in position")
    doc.add_paragraph("Poolte allkirjad", style="Heading 1")
    tag(doc, "for s in position.signatures")
    party = doc.add_paragraph()
    party.paragraph_format.space_before = Pt(12)
    party.paragraph_format.space_after = Pt(0)
    party.paragraph_format.keep_with_next = True
    party.add_run("{{ s.party }}:").style = "Strong"
    for key, text in (
        ("'name' in s", "{{ s.name }}"),
        ("'title' in s", "{{ s.title }}"),
        ("s.get('digitally_signed')", "(allkirjastatud digitaalselt)"),
    ):
        tag(doc, f"if {key}")
        line = para(doc, text)
        line.paragraph_format.space_after = Pt(0)
        line.paragraph_format.keep_with_next = True
        tag(doc, "endif")
    tag(doc, "endfor")
    tag(doc, "endif")

    tag(doc, "if 'review_note' in position")
    para(doc, "Märkus: {{ position.review_note }}").paragraph_format.space_before = Pt(18)
    tag(doc, "endif")


def normalised(data: bytes) -> bytes:
    """Fix zip timestamps and order so running this script twice gives the same file."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        names = sorted(source.namelist(), key=lambda n: (n != "[Content_Types].xml", n))
        for name in names:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            target.writestr(info, source.read(name), compresslevel=9)
    return out.getvalue()


def main() -> None:
    """Build the template and write it to templates/document/position.docx."""
    doc = Document()
    set_page(doc)
    set_language(doc)
    add_numbering(doc)
    set_styles(doc)
    set_header_footer(doc)
    drop_unused_parts(doc)
    body(doc)
    buffer = io.BytesIO()
    doc.save(buffer)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(normalised(buffer.getvalue()))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
