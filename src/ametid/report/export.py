"""The export for HR systems and spreadsheets: one row per position, as CSV, XLSX or JSON."""

from __future__ import annotations

import csv
import datetime
import io
import json
import zipfile
from collections.abc import Mapping, Sequence
from typing import Any

from ametid.core.approval import approval_state
from ametid.core.collation import estonian_key
from ametid.core.layout import Layout
from ametid.core.model import Position
from ametid.core.register import Register
from ametid.render.word import ZIP_ATTRIBUTES, ZIP_DATE_TIME, ZIP_LEVEL

EXPORT_FORMATS = ("csv", "xlsx", "json")
# What comes after the unit levels, in order; the unit levels are unit_1, unit_2 … as deep as
# the deepest unit among the positions.
AFTER_UNITS = (
    "unit_code",
    "manager",
    "group",
    "staff_code",
    "posts",
    "status",
    "applies_from",
    "approval_date",
    "approval_directive",
    "approval_annex",
    "approval_state",
    "reviewed",
    "duties",
    "results",
)
DATES = ("applies_from", "approval_date", "reviewed")
SHEET = "Ametikohad"
# A fixed time for the workbook's properties, so the same positions give the same bytes.
WORKBOOK_TIME = datetime.datetime(1980, 1, 1)


def _ordered(positions: Sequence[Position], register: Register | None) -> list[Position]:
    """The positions in the register's order of their units, then by title."""
    rank = register.rank() if register else {}
    last = len(rank)
    return sorted(
        positions,
        key=lambda p: (
            rank.get(p.unit, last),
            [estonian_key(u) for u in p.unit],
            estonian_key(p.title),
            p.id,
        ),
    )


def _levels(positions: Sequence[Position]) -> int:
    return max((len(position.unit) for position in positions), default=1)


def columns(positions: Sequence[Position]) -> list[str]:
    """The export's columns for these positions."""
    units = [f"unit_{level}" for level in range(1, _levels(positions) + 1)]
    return ["id", "title", *units, *AFTER_UNITS]


def _row(position: Position, register: Register | None, layout: Layout) -> dict[str, Any]:
    data = position.data
    approval: Mapping[str, Any] = data.get("approval") or {}
    unit = register.unit(position.unit) if register else None
    duties = data.get("duties", [])
    return {
        "id": position.id,
        "title": position.title,
        "unit": list(position.unit),
        "unit_code": (unit.code or None) if unit else None,
        "manager": data.get("manager"),
        "group": data.get("group"),
        "staff_code": data.get("staff_code"),
        "posts": data.get("posts"),
        "status": data.get("status"),
        "applies_from": data.get("applies_from"),
        "approval_date": approval.get("date"),
        "approval_directive": approval.get("directive"),
        "approval_annex": approval.get("annex"),
        "approval_state": approval_state(data, layout).value,
        "reviewed": data.get("reviewed"),
        "duties": len(duties),
        "results": sum(len(duty.get("results", [])) for duty in duties),
    }


def rows(
    positions: Sequence[Position], register: Register | None, layout: Layout
) -> list[dict[str, Any]]:
    """One row per position, in the register's order: the unit as a list of its levels."""
    return [_row(position, register, layout) for position in _ordered(positions, register)]


def _flat(row: Mapping[str, Any], names: Sequence[str]) -> list[Any]:
    """A row's values in the columns' order, the unit spread over its levels."""
    values = []
    for name in names:
        if name.startswith("unit_") and name[5:].isdigit():
            level = int(name[5:]) - 1
            values.append(row["unit"][level] if level < len(row["unit"]) else None)
        else:
            values.append(row[name])
    return values


def to_json(positions: Sequence[Position], register: Register | None, layout: Layout) -> str:
    """The export as JSON: {"positions": [row, ...]}, English keys, missing values as null."""
    report = {"positions": rows(positions, register, layout)}
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


def to_csv(
    positions: Sequence[Position], register: Register | None, layout: Layout, delimiter: str
) -> str:
    """The export as CSV for Excel: a byte-order mark first, so Excel reads it as UTF-8."""
    names = columns(positions)
    output = io.StringIO()
    writer = csv.writer(output, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(names)
    for row in rows(positions, register, layout):
        writer.writerow(["" if value is None else value for value in _flat(row, names)])
    return "\ufeff" + output.getvalue()


def to_xlsx(positions: Sequence[Position], register: Register | None, layout: Layout) -> bytes:
    """The export as an Excel workbook: one sheet, a header row, dates as dates."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.writer.excel import ExcelWriter

    names = columns(positions)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = SHEET
    sheet.append(names)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows(positions, register, layout):
        values = _flat(row, names)
        for index, name in enumerate(names):
            if name in DATES and values[index]:
                values[index] = datetime.date.fromisoformat(values[index])
        sheet.append(values)
    for index, name in enumerate(names, 1):
        if name in DATES:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = "dd.mm.yyyy"
        sheet.column_dimensions[get_column_letter(index)].width = 14 if name != "title" else 40
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    workbook.properties.creator = "ametid"
    workbook.properties.created = workbook.properties.modified = WORKBOOK_TIME
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()
    return _fixed_zip(raw.getvalue())


def _fixed_zip(raw: bytes) -> bytes:
    """The same zip with every member's time and attributes fixed, for the same bytes each time."""
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as source, zipfile.ZipFile(output, "w") as target:
        for name in source.namelist():
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = ZIP_ATTRIBUTES
            target.writestr(info, source.read(name), compresslevel=ZIP_LEVEL)
    return output.getvalue()
