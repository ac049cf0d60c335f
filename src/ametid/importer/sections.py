"""Recognising the sections and rows of a job description and building the position's data."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ametid.check.rules import PLACEHOLDER
from ametid.importer import values
from ametid.importer.blocks import Block, Kind
from ametid.importer.vocabulary import LIST_SECTIONS, Vocabulary, normal

# Sections whose paragraphs are rows of labels and values.
FIELD_SECTIONS = {"preamble", "general", "requirements", "purpose", "tools"}
# Section headings that open a field of the same name.
SECTION_FIELDS = {"purpose": "purpose", "tools": "tools"}
TEXT_FIELDS = (
    "title",
    "manager",
    "purpose",
    "special_conditions",
    "education",
    "experience",
    "computer_skills",
    "tools",
    "review_note",
)
_TERMINAL = (".", ";", "!", "?", ":")
_COMPETENCY = re.compile(r"(?P<name>[^.!?;:]+?)\s*:\s*(?P<rest>.*)", re.DOTALL)
_MAX_NAME_WORDS = 12
_MAX_HEADING_WORDS = 8
_MIN_SHOUT_LETTERS = 4
# The lists whose lead-in ("Omab õigust:") is the document's own words, and the key that keeps it.
LIST_INTROS = {"rights": "rights_intro", "responsibilities": "responsibilities_intro"}
_LABEL_BREAK = re.compile(r"\s{2,}|\s+(?=\d{1,3}(?:\.\d{1,3})*\.?\s)")


@dataclass
class Duty:
    """A task and its expected results, as read so far."""

    task: list[str]
    results: list[str] = field(default_factory=list)
    mode: str = "task"  # task, bullets, sentences, lead
    bulleted: bool = False  # the task itself was a bullet item


@dataclass
class Competency:
    """A competency, as read so far."""

    name: str
    description: list[str] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)
    bulleted: bool = False


@dataclass
class Signature:
    """One signing party, as read so far."""

    party: str
    lines: list[str] = field(default_factory=list)
    digitally_signed: bool = False


@dataclass
class Parsed:
    """What a job description says, and what of it could not be placed."""

    data: dict[str, Any]
    unplaced: list[Block]
    left_out: list[Block] = field(default_factory=list)


class Parser:
    """Reads the paragraphs of one job description, section by section."""

    def __init__(self, vocab: Vocabulary, organisation: str = "") -> None:
        self.v = vocab
        self.organisation = normal(organisation) if organisation else ""
        self.section = "preamble"
        self.fields: dict[str, list[Block]] = {}
        self.field: str | None = None
        self.pending: list[str] = []
        self.candidate: Block | None = None
        self.seen_document_title = False
        self.duties: list[Duty] = []
        self.lists: dict[str, list[str]] = {}
        self.intros: dict[str, str] = {}
        self.competencies: dict[str, list[Competency]] = {}
        self.signatures: list[Signature] = []
        self.columns: list[Signature] = []
        self.unplaced: list[Block] = []
        self.left_out: list[Block] = []  # lines with a person's name, reported but not kept
        self.acknowledging: Block | None = None  # an acknowledgement whose name may follow

    # -- reading ---------------------------------------------------------------------------

    def feed(self, block: Block) -> None:
        """Take the next paragraph of the document."""
        if block.kind is Kind.ROW:
            self._row(block)
            return
        if not block.text.strip():
            if block.number:
                self.unplaced.append(block)
            return
        if self._layout(block) or self._heading(block):
            return
        if block.kind is Kind.TITLE:
            self._title(block)
            return
        if block.kind is Kind.TEXT and self._review_note(block):
            return
        if self._acknowledgement(block):
            return
        if self.section in FIELD_SECTIONS:
            self._field_row(block)
        elif self.section == "duties":
            self._duty(block)
        elif self.section in LIST_SECTIONS:
            self._list_item(block, LIST_SECTIONS[self.section])
        elif self.section in ("competencies", "additional_competencies"):
            self._competency(block, self.section)
        elif self.section == "signatures":
            self._signature(block)
        else:
            self.unplaced.append(block)

    def _switch(self, section: str) -> None:
        self.section = section
        self.field = SECTION_FIELDS.get(section)
        if self.field is not None:
            self.fields.setdefault(self.field, [])
        self.pending = []
        self.columns = []

    def _heading(self, block: Block) -> bool:
        if block.kind is Kind.BULLET or (block.kind is Kind.NUMBER and _levels(block.number) > 1):
            return False
        section = self.v.sections.exact(block.text)
        if section is None and self._duty_columns(block.text):
            section = "duties"
        if section == "other":
            self._switch("unknown")
            self.unplaced.append(block)
            return True
        if section is not None:
            self._switch(section)
            return True
        if block.kind is Kind.HEADING or self._unknown_heading(block):
            # A section this vocabulary does not know: it and all under it go to the comments.
            self._switch("unknown")
            self.unplaced.append(block)
            return True
        return False

    def _unknown_heading(self, block: Block) -> bool:
        """A heading the vocabulary does not know: "6. Lõppsätted", "LÕPPSÄTTED".

        A numbered item ends with punctuation or runs longer; a heading is a few words, numbered
        with one level, or written in capitals.
        """
        text = block.text.strip()
        words = len(text.split())
        if block.kind is Kind.NUMBER:
            return words <= _MAX_HEADING_WORDS and not text.endswith((*_TERMINAL, ","))
        letters = [char for char in text if char.isalpha()]
        return (
            block.kind is Kind.TEXT
            and len(letters) >= _MIN_SHOUT_LETTERS
            and words <= _MAX_HEADING_WORDS
            and all(char.isupper() for char in letters)
            and self.v.fields.start(text) is None
        )

    def _duty_columns(self, text: str) -> bool:
        tasks = self.v.task_columns.start(text)
        return tasks is not None and self.v.result_columns.exact(tasks.rest) is not None

    def _layout(self, block: Block) -> bool:
        """Words that are layout (the document's title word, the organisation), or the lead-in
        of a list of rights or responsibilities ("Omab õigust:"), which is kept as its intro."""
        text = normal(block.text)
        if block.kind is not Kind.BULLET and not block.number:
            if text in self.v.document_titles:
                self.seen_document_title = True
                return True
            if self.section == "preamble" and self.organisation and text == self.organisation:
                return True
        lead = self.v.lead_ins.exact(block.text)
        lists = ("rights", "responsibilities", "rights_and_responsibilities")
        if block.kind is Kind.TEXT and lead in LIST_INTROS and self.section in lists:
            if lead in self.intros or self.lists.get(lead):
                # A second lead-in, or one after the list began, is not the list's intro.
                self.unplaced.append(block)
            else:
                self.intros[lead] = values.squash(block.text)
                self._switch(lead)
            return True
        return False

    def _acknowledgement(self, block: Block) -> bool:
        """ "Ametijuhendiga tutvunud: Mari Maasikas, 15.03.2024": the employee's signature.

        The name may stand on the line after the acknowledgement; the date is not kept. A line
        that names no person is left out and reported, never kept as text.
        """
        text = values.squash(block.text)
        if self.acknowledging is not None:
            pending, self.acknowledging = self.acknowledging, None
            if self._acknowledged(text, block):
                return True
            self.left_out.append(pending)
        lowered = normal(text)
        for words in self.v.acknowledgements:
            if lowered.startswith(words):
                rest = text[len(words) :].lstrip(" :")
                if not rest or rest[:1].islower():
                    # "Olen ametijuhendiga tutvunud ja kohustun seda järgima.": the name follows.
                    self.acknowledging = block
                    return True
                if not self._acknowledged(rest, block):
                    self.left_out.append(block)
                return True
        return False

    def _acknowledged(self, text: str, block: Block) -> bool:
        """Take the employee's name from "Mari Maasikas, 15.03.2024"; False if it is none."""
        name = values.squash(re.split(r",|\s\d", text, maxsplit=1)[0])
        if not values.is_person(name):
            return False
        for signature in self.signatures:
            if signature.party == "Töötaja" and (not signature.lines or signature.lines[0] == name):
                if not signature.lines:
                    signature.lines.append(name)
                return True
        self.signatures.append(Signature("Töötaja", [name]))
        return True

    def _title(self, block: Block) -> None:
        if self.candidate is None:
            self.candidate = block
        else:
            self.unplaced.append(block)

    def _review_note(self, block: Block) -> bool:
        match = self.v.fields.start(block.text)
        if match is not None and match.key == "review_note":
            self._open("review_note", match.rest, block)
            return True
        if self.section != "amendment_rules" and values.starts_review_note(block.text, self.v):
            self._open("review_note", block.text, block)
            return True
        if self.field == "review_note" and self.section not in FIELD_SECTIONS:
            self.fields["review_note"].append(block)
            return True
        return False

    def _open(self, key: str, text: str, block: Block) -> None:
        self.field = key
        self.pending = []
        self.fields.setdefault(key, [])
        if text:
            self.fields[key].append(Block(text, Kind.TEXT, joins=block.joins, line=block.line))

    def _labels(self, text: str) -> list[str] | None:
        """The keys of a row that is only labels ("1.1. Ametinimetus 1.2. Struktuuriüksus")."""
        keys = []
        for piece in _LABEL_BREAK.split(text.strip()):
            if not piece.strip():
                continue
            piece = re.sub(r"^\d{1,3}(?:\.\d{1,3})*\.?\s+", "", piece.strip())
            key = self.v.fields.exact(piece)
            if key is None:
                return None
            keys.append(key)
        return keys or None

    def _field_row(self, block: Block) -> None:
        match = self.v.fields.start(block.text) if block.kind is not Kind.BULLET else None
        if match is not None:
            more = self._labels(match.rest) if match.rest and not match.colon else None
            if more:
                self.field = None
                self.pending = [match.key, *more]
                return
            self._open(match.key, match.rest, block)
            return
        if self.pending:
            columns = values.split_columns(block.text, len(self.pending))
            if columns is None:
                self.unplaced.append(block)
            else:
                for key, text in zip(self.pending, columns, strict=True):
                    self.fields.setdefault(key, []).append(Block(text, Kind.TEXT, line=block.line))
                # The last column is the one that runs on over the next lines.
                self.field = self.pending[-1]
            self.pending = []
            return
        if self._section_text(block):
            # "2. AMETIKOHA EESMÄRK" then "2.1. Ministeeriumi …": the section's one paragraph.
            self.fields[self.section].append(block)
            return
        if self.field is not None and not (block.kind is Kind.NUMBER and self.field in TEXT_FIELDS):
            if self._carries_on(self.field, block):
                self.fields[self.field].append(block)
            else:
                # After a blank line, a new sentence under a one-line field, or a language without
                # a level, is a row this vocabulary does not know: it goes to the comments.
                self.field = None
                self.unplaced.append(block)
            return
        if (
            self.section == "preamble"
            and self.seen_document_title
            and self.candidate is None
            and block.kind is Kind.TEXT
            and not self.fields
        ):
            self.candidate = block  # the line under AMETIJUHEND: the title
            return
        self.unplaced.append(block)

    def _section_text(self, block: Block) -> bool:
        """Whether a numbered paragraph is the first text of a section that is one field."""
        return (
            block.kind is Kind.NUMBER
            and SECTION_FIELDS.get(self.section) == self.field
            and self.field is not None
            and not self.fields.get(self.field)
        )

    def _carries_on(self, key: str, block: Block) -> bool:
        """Whether a paragraph after a blank line still belongs to the open field."""
        found = self.fields[key]
        if not found or not block.gap or block.text[:1].islower():
            return True
        if key == "languages":
            return values.level(block.text) is not None
        if key in TEXT_FIELDS:
            return not found[-1].text.rstrip().endswith(_TERMINAL)
        return True

    def _duty(self, block: Block) -> None:
        duty = self.duties[-1] if self.duties else None
        if block.kind is Kind.NUMBER:
            self.duties.append(Duty([block.text]))
            return
        if block.kind is Kind.TEXT:
            lead = self.v.lead_ins.start(block.text)
            if lead is not None and lead.key == "results" and (lead.colon or not lead.rest):
                if duty is None:
                    self.unplaced.append(block)
                elif lead.rest:
                    duty.results += values.sentences(lead.rest)
                    duty.mode = "sentences"
                else:
                    duty.mode = "lead"
                return
            if duty is None:
                self.unplaced.append(block)
            elif duty.mode == "task":
                duty.task.append(block.text)
            elif duty.mode == "sentences":
                duty.results += values.sentences(block.text)
            elif duty.results and self._result_goes_on(duty, block):
                duty.results[-1] = f"{duty.results[-1]} {block.text}"
            else:
                duty.results.append(block.text)
                duty.mode = "lines" if duty.mode in ("lead", "lines") else "bullets"
            return
        # A bullet: an expected result, or a task where tasks themselves are bullets.
        if duty is None or (duty.bulleted and duty.mode == "task"):
            self.duties.append(Duty([block.text], bulleted=True))
        else:
            duty.results.append(block.text)
            duty.mode = "bullets"

    def _result_goes_on(self, duty: Duty, block: Block) -> bool:
        """Whether a paragraph carries on the last result, a bullet's or a paragraph's own."""
        if duty.mode == "bullets":
            return _carries_on(block)
        return duty.mode == "lines" and _goes_on(duty.results[-1], block)

    def _list_item(self, block: Block, key: str) -> None:
        items = self.lists.setdefault(key, [])
        text = block.text
        if block.kind is Kind.TEXT and items:
            last = items[-1].rstrip()
            if text[:1].islower() or not last.endswith(_TERMINAL):
                items[-1] = f"{last} {text}"
                return
        items.append(text)

    def _competency(self, block: Block, group: str) -> None:
        competencies = self.competencies.setdefault(group, [])
        current = competencies[-1] if competencies else None
        named = _COMPETENCY.fullmatch(values.squash(block.text))
        may_start = block.kind is Kind.TEXT or current is None or current.bulleted
        if (
            named
            and may_start
            and block.kind is not Kind.NUMBER
            and len(named.group("name").split()) <= _MAX_NAME_WORDS
        ):
            competency = Competency(named.group("name"), bulleted=block.kind is Kind.BULLET)
            if named.group("rest"):
                competency.description.append(named.group("rest"))
            competencies.append(competency)
            return
        if current is None:
            self.unplaced.append(block)
        elif block.kind is not Kind.TEXT and not current.bulleted:
            current.indicators.append(block.text)
        elif current.indicators:
            current.indicators[-1] = f"{current.indicators[-1]} {block.text}"
        else:
            current.description.append(block.text)

    def _parties(self, text: str) -> list[tuple[str, str]] | None:
        """The parties a line names, each with the text after its label."""
        found = []
        rest = text
        while rest:
            match = self.v.parties.start(rest)
            if match is None:
                break
            found.append((match.key, match.rest))
            rest = match.rest
        if not found:
            return None
        # "Tööandja: Töötaja:" names two parties and no values; "Tööandja: Mari Maasikas" one.
        return [(key, "") for key, _ in found[:-1]] + [found[-1]]

    def _start_signatures(self, parties: list[tuple[str, str]]) -> None:
        """Begin a signature for each party named, side by side as columns."""
        self.columns = []
        for party, rest in parties:
            signature = Signature(party)
            self.signatures.append(signature)
            self.columns.append(signature)
            if rest:
                self._signature_text(signature, rest, inline=True)

    def _signature(self, block: Block) -> None:
        parties = self._parties(block.text)
        if parties:
            self._start_signatures(parties)
            return
        if not self.columns:
            self.unplaced.append(block)
            return
        parts = values.split_columns(block.text, len(self.columns))
        if parts is None:
            # A line the columns cannot share (a title under the first name) is the first one's.
            self._signature_text(self.columns[0], values.squash(block.text))
            return
        for signature, text in zip(self.columns, parts, strict=True):
            self._signature_text(signature, text)

    def _signature_text(self, signature: Signature, text: str, inline: bool = False) -> None:
        signed, rest = values.signed_digitally(text, self.v)
        signature.digitally_signed |= signed
        if rest:
            signature.lines += values.split_list(rest) if inline else [rest]

    def _row(self, row: Block) -> None:
        # A cell with nothing but a number (a column numbering the rows) is layout.
        cells = [cell for cell in row.cells if any(block.text for block in cell)]
        if not cells:
            return
        texts = [values.squash(" ".join(b.full_text() for b in cell)) for cell in cells]
        if len(cells) == 1:
            if self._empty_result(row, cells[0]):
                return
            for block in cells[0]:
                self.feed(block)
            return
        if len(cells) == 2 and self._duty_columns(f"{texts[0]}  {texts[1]}"):
            self._switch("duties")
            return
        if self.section == "duties":
            self._duty_row(cells)
            return
        if self.section == "signatures":
            self._signature_row(cells)
            return
        if self.pending and len(self.pending) == len(cells):
            for key, cell in zip(self.pending, cells, strict=True):
                self.fields.setdefault(key, []).extend(cell)
            self.pending = []
            return
        plain = [values.squash(" ".join(block.text for block in cell)) for cell in cells]
        labels = [self.v.fields.exact(text) for text in plain]
        if all(labels):
            self.field = None
            self.pending = [label for label in labels if label]
            return
        # Each cell a label over its value: "1.1. Ametinimetus / Analüütik | 1.2. …".
        heads = [self.v.fields.exact(cell[0].text) for cell in cells]
        if all(heads) and self.section in FIELD_SECTIONS:
            for head, cell in zip(heads, cells, strict=True):
                if head is not None:
                    self.fields.setdefault(head, []).extend(cell[1:])
            self.field = None
            return
        match = self.v.fields.start(texts[0])
        if match is not None and self.section in FIELD_SECTIONS | {"unknown"}:
            self._open(match.key, match.rest, cells[0][0])
            for cell in cells[1:]:
                self.fields[match.key].extend(cell)
            self.field = None
            return
        self.unplaced.append(row)

    def _empty_result(self, row: Block, cell: list[Block]) -> bool:
        """A row of a duty table whose result cell is empty: a duty still, its result to fill."""
        first = row.cells[0] if row.cells else []
        if self.section != "duties" or len(row.cells) < 2 or cell is not first:
            return False
        text = values.squash(" ".join(block.text for block in cell))
        if self.v.sections.exact(text) is not None or self._unknown_heading(cell[0]):
            return False
        self._duty_row([cell])
        return True

    def _duty_row(self, cells: list[list[Block]]) -> None:
        """A row of a duty table: the task in the first cell, its results in the others.

        A row whose task starts in the middle of a sentence is the rest of the row before it,
        carried over a page break.
        """
        task = values.squash(" ".join(block.text for block in cells[0]))
        if self.duties and task[:1].islower() and not cells[0][0].number:
            self.duties[-1].task.append(task)
        else:
            self.duties.append(Duty([task], mode="lead"))
        for cell in cells[1:]:
            for block in cell:
                self._duty(block)

    def _signature_row(self, cells: list[list[Block]]) -> None:
        """A table of signatures: a party heads each column, its lines below or in its cell."""
        heads = [self._parties(values.squash(cell[0].text)) for cell in cells]
        if all(heads):
            self._start_signatures([party for found in heads if found for party in found])
            if len(self.columns) == len(cells):
                for signature, cell in zip(self.columns, cells, strict=True):
                    for block in cell[1:]:
                        self._signature_text(signature, values.squash(block.text))
            return
        if len(cells) != len(self.columns):
            self.unplaced.append(Block(kind=Kind.ROW, cells=cells))
            return
        for signature, cell in zip(self.columns, cells, strict=True):
            for block in cell:
                self._signature_text(signature, values.squash(block.text))

    # -- building the position -------------------------------------------------------------

    def finish(self, approval: dict[str, str] | None) -> Parsed:
        """The position's data in the canonical key order, and what could not be placed."""
        data: dict[str, Any] = {}
        texts = {key: self._text(key) for key in TEXT_FIELDS}
        title = texts["title"]
        if self.candidate is not None:
            candidate = values.squash(self.candidate.text)
            if title is None:
                title = candidate
            elif normal(candidate) != normal(title):
                self.unplaced.append(self.candidate)
        data["title"] = title
        for key in ("unit", "subordinates", "substitutes", "substituted_by"):
            if key in self.fields:
                data[key] = values.names(self._joined(key, ", "), self.v)
        if "substitutes" in data:
            data["substitutes"], scope = values.scope(data["substitutes"], self.v)
            if scope:
                data["substitution_scope"] = scope
        data["manager"] = texts["manager"]
        data["purpose"] = texts["purpose"]
        if "group" in self.fields:
            wording = self._joined("group", " ")
            group = values.group(wording, self.v)
            if group is None:
                self.unplaced.extend(self.fields["group"])
            else:
                data["group"] = group
        if texts["special_conditions"] is not None:
            data["special_conditions"] = texts["special_conditions"]
        data["duties"] = [_duty_data(duty) for duty in self.duties]
        data["requirements"] = self._requirements(texts)
        for key in ("rights", "responsibilities"):
            if key in self.intros:
                data[LIST_INTROS[key]] = self.intros[key]
            data[key] = [values.squash(item) for item in self.lists.get(key, [])]
        if texts["tools"] is not None:
            data["tools"] = texts["tools"]
        if self.lists.get("amendment_rules"):
            data["amendment_rules"] = [values.squash(i) for i in self.lists["amendment_rules"]]
        if approval is not None:
            data["approval"] = approval
        if texts["review_note"] is not None:
            data["review_note"] = texts["review_note"]
        if self.signatures:
            data["signatures"] = [self._signature_data(s) for s in self.signatures]
        _placeholders(data)
        if self.acknowledging is not None:
            self.left_out.append(self.acknowledging)
        return Parsed(data, self.unplaced, self.left_out)

    def _text(self, key: str) -> str | None:
        if key not in self.fields:
            return None
        return values.squash(" ".join(block.text for block in self.fields[key])) or None

    def _joined(self, key: str, separator: str) -> str:
        text = ""
        for block in self.fields[key]:
            piece = values.squash(block.text)
            if not text or text.endswith(",") or piece.startswith("("):
                text = f"{text} {piece}".strip()
            else:
                text = f"{text}{separator}{piece}"
        return text

    def _items(self, key: str) -> list[str]:
        """A list field: one item per paragraph where the document says so, else per sentence."""
        items: list[str] = []
        for block in self.fields.get(key, []):
            if block.exact:
                items.append(values.squash(block.text))
            else:
                items += values.sentences(block.text)
        return items

    def _requirements(self, texts: dict[str, str | None]) -> dict[str, Any]:
        requirements: dict[str, Any] = {}
        for key in ("education", "experience"):
            requirements[key] = texts[key]
        if "languages" in self.fields:
            requirements["languages"] = values.languages([b.text for b in self.fields["languages"]])
        if "knowledge" in self.fields:
            requirements["knowledge"] = self._items("knowledge")
        if "personal_qualities" in self.fields:
            requirements["personal_qualities"] = values.split_list(
                self._joined("personal_qualities", ", ")
            )
        if texts["computer_skills"] is not None:
            requirements["computer_skills"] = texts["computer_skills"]
        for group in ("competencies", "additional_competencies"):
            if self.competencies.get(group):
                requirements[group] = [_competency_data(c) for c in self.competencies[group]]
        return requirements

    def _signature_data(self, signature: Signature) -> dict[str, Any]:
        data: dict[str, Any] = {"party": signature.party}
        lines = list(signature.lines)
        if lines and values.is_person(lines[0]):
            data["name"] = lines.pop(0)
        if lines:
            data["title"] = ", ".join(lines)
        if signature.digitally_signed:
            data["digitally_signed"] = True
        return data


def _duty_data(duty: Duty) -> dict[str, Any]:
    task = values.squash(" ".join(duty.task))
    results = [values.squash(result) for result in duty.results if result.strip()]
    return {"task": task or PLACEHOLDER, "results": results or [PLACEHOLDER]}


def _placeholders(data: dict[str, Any]) -> None:
    """Put the placeholder where a required value is missing; validate points at each."""
    for key in ("title", "manager", "purpose"):
        if not data.get(key):
            data[key] = PLACEHOLDER
    for key in ("unit", "rights", "responsibilities"):
        if not data.get(key):
            data[key] = [PLACEHOLDER]
    if not data["duties"]:
        data["duties"] = [{"task": PLACEHOLDER, "results": [PLACEHOLDER]}]
    requirements = data["requirements"]
    for key in ("education", "experience"):
        if not requirements.get(key):
            requirements[key] = PLACEHOLDER
    if not requirements.get("languages"):
        requirements["languages"] = [{"text": f"{PLACEHOLDER} (C1)", "level": "C1"}]


def _goes_on(result: str, block: Block) -> bool:
    """Whether a line carries on a result written as a paragraph of its own, not a bullet.

    Where paragraphs are the document's own, only one starting mid-sentence does; in extracted
    text, any line but one that starts a sentence after one has ended.
    """
    if block.exact or result.rstrip().endswith((".", "!", "?", ";")):
        return block.text[:1].islower()
    return True


def _carries_on(block: Block) -> bool:
    """Whether a paragraph after a bullet carries on that bullet's text.

    In extracted text a line after a bullet always does; where the paragraphs are the
    document's own, only one that starts in the middle of a sentence does.
    """
    return not block.exact or block.text[:1].islower()


def _competency_data(competency: Competency) -> dict[str, Any]:
    data: dict[str, Any] = {"name": values.squash(competency.name)}
    if competency.description:
        data["description"] = values.squash(" ".join(competency.description))
    if competency.indicators:
        data["indicators"] = [values.squash(item) for item in competency.indicators]
    return data


def _levels(number: str) -> int:
    return len([part for part in number.rstrip(".)").split(".") if part])


def parse(
    blocks: list[Block],
    vocab: Vocabulary,
    organisation: str = "",
    approval: dict[str, str] | None = None,
) -> Parsed:
    """Read the paragraphs of one job description into a position."""
    parser = Parser(vocab, organisation)
    for block in blocks:
        parser.feed(block)
    return parser.finish(approval)
