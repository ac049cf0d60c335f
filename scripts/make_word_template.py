"""Create templates/document/position.docx, the Word template of `ametid build --format docx`,
and templates/document/directive.docx, the template of the directive (`ametid directive`).

Run from the project root: `python scripts/make_word_template.py`. HR may restyle the result in
Word afterwards, so the committed .docx is the authority and this script shows where it came from.
The template is python-docx's default document plus:

- A4 with 2 cm margins, Estonian proofing language, Word 2013+ layout (no compatibility mode), a
  header with the organisation and a centred "Lk PAGE / NUMPAGES" footer;
- Word's own styles in black, in the body font, without the default theme's blue rule under the
  title; tables aligned with the text margin, with padding in their cells;
- one multilevel list: Heading 1 is level 0 ("1."), List Number 2 is level 1 ("2.1."), so Word
  numbers the sections and the duties, rights, responsibilities and amendment rules itself; a
  duty's "Oodatav tulemus:" and its results (List Continue 2) stand where the task's text starts;
- the body with docxtpl tags (`{%p ...%}` paragraphs, `{%tr ...%}` table rows), one run per tag,
  and the labels and headings of the layout table, templates/layout.yaml.

Every element is written in the order the Office Open XML schema (ISO/IEC 29500) gives.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor, Twips
from docx.styles.style import ParagraphStyle
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

from ametid.core.layout import Layout, read_layout

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "templates" / "document" / "position.docx"
DIRECTIVE_OUT = ROOT / "templates" / "document" / "directive.docx"
POINT_STYLE = "Käskkirja punkt"  # "1. Kinnitan …", the number hanging before the text
ITEM_STYLE = "Käskkirja alampunkt"  # "1.1. … (lisa 1);"

NUM_ID = 20  # the w:num of the section/item list; python-docx's default template uses 1-9
ABSTRACT_NUM_ID = 20
LABEL_WIDTH, VALUE_WIDTH = Cm(5.5), Cm(11.5)  # 17 cm = A4 width minus the margins
INDENT = 737  # twips, 1.3 cm: where numbered text starts (room for "2.10.")
BULLET_INDENT = INDENT + 284  # twips: bullets of indicators stand where the task text starts
# Twips, 1.5 mm above a cell's text and as much below it, with the space after its paragraphs
# (which keeps the paragraphs of a cell apart, for the eye and for `ametid import` of a PDF).
CELL_PADDING_TOP = 85
CELL_PARAGRAPH_SPACE = 80
CELL_PADDING_BOTTOM = CELL_PADDING_TOP - CELL_PARAGRAPH_SPACE
CELL_MARGIN = 108  # twips, Word's default left and right padding of a cell
RESULTS_STYLE = "Oodatav tulemus"  # the paragraph "Oodatav tulemus:" before a duty's results

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
    # The schema requires the zoom percentage; python-docx's default has only "bestFit".
    zoom = settings.find(qn("w:zoom"))
    zoom.attrib.clear()
    zoom.set(qn("w:percent"), "100")
    # Word 2013+ layout: Word opens the file without "Compatibility Mode", and a table's
    # indentation is measured to its border, so tables line up with the text margin.
    for setting in settings.find(qn("w:compat")).findall(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")
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
    """Link a paragraph style to the multilevel list, replacing any numPr it had.

    python-docx puts the numPr where the schema wants it: after keepNext and keepLines.
    """
    ppr = style.element.get_or_add_pPr()
    old = ppr.find(qn("w:numPr"))
    if old is not None:
        ppr.remove(old)
    numpr = ppr.get_or_add_numPr()
    if ilvl is not None:
        numpr.get_or_add_ilvl().val = ilvl
    numpr.get_or_add_numId().val = NUM_ID


def plain_font(style: ParagraphStyle) -> None:
    """Black text in the body font: no theme colour, no heading font, no letter spacing."""
    rpr = style.element.get_or_add_rPr()
    for name in ("w:color", "w:spacing", "w:kern"):
        for element in rpr.findall(qn(name)):
            rpr.remove(element)
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is not None:
        rpr.remove(fonts)


def set_table_grid(style: ParagraphStyle) -> None:
    """Table Grid: its border on the text margin, and padding above and below the text."""
    tblpr = style.element.find(qn("w:tblPr"))
    margins = tblpr.find(qn("w:tblCellMar"))
    for side, width in (
        ("top", CELL_PADDING_TOP),
        ("left", CELL_MARGIN),
        ("bottom", CELL_PADDING_BOTTOM),
        ("right", CELL_MARGIN),
    ):
        margins.find(qn(f"w:{side}")).set(qn("w:w"), str(width))


def set_styles(doc: DocumentObject) -> None:
    """Adjust Word's built-in styles and add the few the layout needs."""
    styles = doc.styles

    normal = styles["Normal"].paragraph_format
    normal.space_after = Pt(6)

    # Headings, title and their linked character styles: black, in the body font.
    for name in ("Title", "Subtitle", *(f"Heading {level}" for level in range(1, 10))):
        plain_font(styles[name])
        linked = styles[name].element.find(qn("w:link"))
        if linked is not None:
            for style in styles:
                if style.style_id == linked.get(qn("w:val")):
                    plain_font(style)

    title = styles["Title"]
    title_ppr = title.element.pPr
    title_ppr.remove(title_ppr.find(qn("w:pBdr")))  # the blue rule under the title
    title.font.size = Pt(16)
    title.font.bold = True
    title.paragraph_format.space_before = Pt(0)
    title.paragraph_format.space_after = Pt(12)

    subtitle = styles["Subtitle"]
    # python-docx's Subtitle carries a numPr without a numId; drop it.
    subtitle.element.pPr.remove(subtitle.element.pPr.find(qn("w:numPr")))
    subtitle.font.italic = False
    subtitle.font.bold = True
    subtitle.font.all_caps = True
    subtitle.font.size = Pt(12)
    subtitle.paragraph_format.space_before = Pt(18)
    subtitle.paragraph_format.space_after = Pt(6)

    heading1 = styles["Heading 1"]
    set_numpr(heading1, None)
    heading1.font.size = Pt(12)
    heading1.paragraph_format.space_before = Pt(18)
    heading1.paragraph_format.space_after = Pt(6)

    heading2 = styles["Heading 2"]
    heading2.font.size = Pt(11)
    heading2.paragraph_format.space_before = Pt(12)
    heading2.paragraph_format.space_after = Pt(6)

    numbered = styles["List Number 2"]
    set_numpr(numbered, 1)
    numbered.element.pPr.remove(numbered.element.pPr.find(qn("w:contextualSpacing")))
    numbered.paragraph_format.space_before = Pt(6)
    numbered.paragraph_format.space_after = Pt(2)

    bullet = styles["List Bullet"]
    bullet.paragraph_format.space_after = Pt(2)

    # A duty's results, one paragraph each, where the text of its task starts.
    result = styles["List Continue 2"]
    result_ppr = result.element.pPr
    result_ppr.remove(result_ppr.find(qn("w:contextualSpacing")))
    result.paragraph_format.left_indent = Twips(INDENT)
    result.paragraph_format.space_after = Pt(2)

    results = styles.add_style(RESULTS_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    results.base_style = styles["Normal"]
    results.font.italic = True
    results.paragraph_format.left_indent = Twips(INDENT)
    results.paragraph_format.space_before = Pt(2)
    results.paragraph_format.space_after = Pt(2)
    results.paragraph_format.keep_with_next = True

    set_table_grid(styles["Table Grid"])

    approval = styles.add_style("Kinnitamine", WD_STYLE_TYPE.PARAGRAPH)
    approval.base_style = styles["Normal"]
    approval.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    approval.paragraph_format.space_after = Pt(0)

    styles["Header"].font.size = Pt(9)
    styles["Header"].font.color.rgb = RGBColor(0x59, 0x59, 0x59)
    # The headers' and footers' tab stops of python-docx's Letter page, moved to A4's text width.
    for name in ("Header", "Footer"):
        tabs = styles[name].element.pPr.find(qn("w:tabs"))
        for tab, position in zip(tabs.findall(qn("w:tab")), ("4819", "9638"), strict=True):
            tab.set(qn("w:pos"), position)
    styles["Footer"].font.size = Pt(9)


def drop_table_styles(doc: DocumentObject) -> None:
    """Drop the table styles no table uses (Light Shading, Medium Grid 1 Accent 1, ...).

    python-docx's default document defines a hundred of them, nine tenths of styles.xml; Word
    offers its built-in table styles whether a document defines them or not.
    """
    keep = {"TableNormal", "TableGrid"}
    styles = doc.styles.element
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:type")) == "table" and style.get(qn("w:styleId")) not in keep:
            styles.remove(style)


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
    """Add an empty label/value table in the Table Grid style, as wide as the text."""
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
    # Word lets Table Grid's paragraph spacing override Normal's, LibreOffice does not: said on
    # the paragraphs themselves, it is the same in both.
    for cell in (label_cell, value_cell):
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.space_after = Twips(CELL_PARAGRAPH_SPACE)
            paragraph.paragraph_format.line_spacing = 1.0
    if when is not None:
        new_row(grid).cells[0].paragraphs[0].add_run("{%tr endif %}")


def numbered_items(doc: DocumentObject, layout: Layout, key: str, items: str) -> None:
    """A numbered section whose items are List Number 2 paragraphs (n.1, n.2, ...), after the
    position's own lead-in when the layout names one and the position has it."""
    section = layout.section(key)
    doc.add_paragraph(section.heading, style="Heading 1")
    if section.intro:
        tag(doc, f"if '{section.intro}' in position")
        intro = para(doc, "{{ position." + section.intro + " }}")
        intro.paragraph_format.keep_with_next = True
        intro.paragraph_format.space_after = Pt(2)
        tag(doc, "endif")
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


def body(doc: DocumentObject, layout: Layout) -> None:
    """The canonical layout (same content and order as the Markdown and HTML templates), in the
    words of the layout table."""
    labels = layout.labels
    # A position changed since its approval is a draft: `draft` is that approval, and the
    # position comes without it.
    tag(doc, "if draft")
    para(doc, layout["draft"], "Kinnitamine")
    para(
        doc,
        layout["changed"] + " (kinnitatud {{ draft.date|et_date }} käskkirjaga nr "
        "{{ draft.directive }})",
        "Kinnitamine",
    )
    tag(doc, "elif 'approval' in position")
    para(doc, layout["approved"], "Kinnitamine")
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

    para(doc, layout["document"], "Subtitle")
    para(doc, "{{ position.title }}", "Title")

    doc.add_paragraph(layout.heading("general"), style="Heading 1")
    general = table(doc)
    row(general, labels["unit"], "{{ position.unit|join(', ') }}")
    row(general, labels["title"], "{{ position.title }}")
    row(general, labels["manager"], "{{ position.manager }}")
    row(
        general,
        labels["subordinates"],
        "{{ position.subordinates|join(', ') or '-' }}",
        when="'subordinates' in position",
    )
    row(
        general,
        labels["substitutes"],
        "{{ position.substitutes|join(', ') or '-' }}"
        "{% if 'substitution_scope' in position %} ({{ position.substitution_scope }}){% endif %}",
        when="'substitutes' in position",
    )
    row(
        general,
        labels["substituted_by"],
        "{{ position.substituted_by|join(', ') or '-' }}",
        when="'substituted_by' in position",
    )
    row(general, labels["purpose"], "{{ position.purpose }}")
    row(general, labels["group"], "{{ position.group|capitalize }}", when="'group' in position")
    row(
        general,
        labels["special_conditions"],
        "{{ position.special_conditions }}",
        when="'special_conditions' in position",
    )

    doc.add_paragraph(layout.heading("duties"), style="Heading 1")
    tag(doc, "for duty in position.duties")
    para(doc, "{{ duty.task }}", "List Number 2").paragraph_format.keep_with_next = True
    para(doc, f"{layout['results']}:", RESULTS_STYLE)
    tag(doc, "for result in duty.results")
    para(doc, "{{ result }}", "List Continue 2")
    tag(doc, "endfor")
    tag(doc, "endfor")

    doc.add_paragraph(layout.heading("requirements"), style="Heading 1")
    requirements = table(doc)
    row(requirements, labels["education"], "{{ position.requirements.education }}")
    row(requirements, labels["experience"], "{{ position.requirements.experience }}")
    row(
        requirements,
        labels["languages"],
        "{%p for language in position.requirements.languages %}",
        "{{ language.text }}",
        "{%p endfor %}",
    )
    row(
        requirements,
        labels["knowledge"],
        "{%p for item in position.requirements.knowledge %}",
        "{{ item }}",
        "{%p endfor %}",
        when="'knowledge' in position.requirements",
    )
    row(
        requirements,
        labels["personal_qualities"],
        "{{ position.requirements.personal_qualities|join(', ') }}",
        when="'personal_qualities' in position.requirements",
    )
    row(
        requirements,
        labels["computer_skills"],
        "{{ position.requirements.computer_skills }}",
        when="'computer_skills' in position.requirements",
    )
    competencies(doc, "competencies", labels["competencies"])
    competencies(doc, "additional_competencies", labels["additional_competencies"])

    numbered_items(doc, layout, "rights", "position.rights")
    numbered_items(doc, layout, "responsibilities", "position.responsibilities")

    tag(doc, "if 'tools' in position")
    doc.add_paragraph(layout.heading("tools"), style="Heading 1")
    para(doc, "{{ position.tools }}")
    tag(doc, "endif")

    tag(doc, "if 'amendment_rules' in position")
    numbered_items(doc, layout, "amendment_rules", "position.amendment_rules")
    tag(doc, "endif")

    tag(doc, "if 'signatures' in position")
    doc.add_paragraph(layout.heading("signatures"), style="Heading 1")
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
    note = para(doc, f"{layout['note']}: {{{{ position.review_note }}}}")
    note.paragraph_format.space_before = Pt(18)
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


def add_point_styles(doc: DocumentObject) -> None:
    """The directive's points and items: the number written out, hanging before the text."""
    for name, left in ((POINT_STYLE, INDENT), (ITEM_STYLE, 2 * INDENT)):
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
        style.paragraph_format.left_indent = Twips(left)
        style.paragraph_format.first_line_indent = Twips(-INDENT)
        style.paragraph_format.tab_stops.add_tab_stop(Twips(left))
        style.paragraph_format.space_after = Pt(6 if name == POINT_STYLE else 2)


def directive_body(doc: DocumentObject) -> None:
    """The directive: organisation, KÄSKKIRI, date and number, title, legal basis, the numbered
    points with their items, and the signatory."""
    add_point_styles(doc)
    doc.sections[0].header.paragraphs[0].clear()  # the organisation heads the first page
    para(doc, "{{ organisation }}", "Title")
    para(doc, "{{ directive.document }}", "Subtitle")
    dated = para(doc, "{{ directive.date }} nr {{ directive.number }}")
    dated.paragraph_format.space_after = Pt(18)
    title = doc.add_paragraph()
    title.add_run("{{ directive.title }}").bold = True
    title.paragraph_format.space_after = Pt(12)
    para(doc, "{{ directive.basis }}")
    tag(doc, "for point in directive.points")
    para(doc, "{{ point.number }}\t{{ point.text }}", POINT_STYLE)
    tag(doc, "for item in point.subpoints")
    para(doc, "{{ item.number }}\t{{ item.text }}", ITEM_STYLE)
    tag(doc, "endfor")
    tag(doc, "endfor")
    first = True
    for key in ("signed", "name", "title"):
        tag(doc, f"if '{key}' in directive.signatory")
        line = para(doc, f"{{{{ directive.signatory.{key} }}}}")
        line.paragraph_format.space_after = Pt(0)
        if first:
            line.paragraph_format.space_before = Pt(36)
            first = False
        tag(doc, "endif")


def make(out: Path, write_body: Callable[[DocumentObject], None]) -> None:
    """Build one template from python-docx's default document and write it to `out`."""
    doc = Document()
    set_page(doc)
    set_language(doc)
    add_numbering(doc)
    set_styles(doc)
    drop_table_styles(doc)
    set_header_footer(doc)
    drop_unused_parts(doc)
    write_body(doc)
    buffer = io.BytesIO()
    doc.save(buffer)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(normalised(buffer.getvalue()))
    print(f"wrote {out}")


def main() -> None:
    """Build the templates and write them to templates/document/."""
    make(OUT, lambda doc: body(doc, read_layout(ROOT / "templates")))
    make(DIRECTIVE_OUT, directive_body)


if __name__ == "__main__":
    main()
