"""UK lists: the OFSI Consolidated List (xlsx and CSV) and the FCDO UK Sanctions List (CSV).

All three layouts write one *name* per row: the rows that share an id form one listed party.
OFSI files group rows by ``Group ID`` (entity id ``uk:<Group ID>``); the FCDO UK Sanctions
List, authoritative since January 2026, groups them by ``Unique ID`` (``uk:RUS0001``) and also
carries the OFSI Group ID.  Columns are found by their header text, so the older 29-column HMT
CSV, the 36-column OFSI layout and the 58-column FCDO layout share one reader.

Each file opens with a title row above the header (``Last Updated,13/04/2018`` in OFSI files,
``Report Date: 13-Feb-2026`` in the FCDO file); its date is the snapshot's ``published`` date.
The per-row ``Last Updated`` values are not used for it: they date each record's last change,
not the publication of the list.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from itertools import islice
from pathlib import Path

import openpyxl  # type: ignore[import-untyped]
import pycountry
from openpyxl.utils.exceptions import InvalidFileException  # type: ignore[import-untyped]

from watchkeeper.countries import country_code, country_or_text
from watchkeeper.dates import parse_date, parse_single_date
from watchkeeper.model import Address, Entity, Gender, Identifier, IdType, Name, NameKind, Schema
from watchkeeper.sources.base import (
    ListFormat,
    ListFormatError,
    ListSnapshot,
    Location,
    RecordProblem,
)
from watchkeeper.sources.cleaning import clean
from watchkeeper.sources.recordkit import decode_text, read_bytes

LIST_NAME = "uk"
_HEADER_SEARCH_ROWS = 10
_CACHE_SIZE = 16384
"""Cells repeat on every row of a group: pure helpers remember this many recent values."""
_NAME_PARTS = ("name 1", "name 2", "name 3", "name 4", "name 5", "name 6")

_HEADER_ALIASES = {
    "name type": "alias type",
    "alias strength": "alias quality",
    "nationality(/ies)": "nationality",
    "national identifier number": "national identification number",
    "national identifier additional information": "national identification details",
    "ni number": "national identification details",
    "passport additional information": "passport details",
    **{f"address line {n}": f"address {n}" for n in range(1, 7)},
    "address postal code": "post/zip code",
    "address country": "country",
    "designation type": "group type",
    "regime name": "regime",
    "date designated": "listed on",
    "d.o.b": "dob",
}
"""FCDO and HMT column names -> the OFSI column name (lower case) this module reads."""

_DETAIL_FIELDS = {
    "uk sanctions list ref": "uk_sanctions_list_ref",
    "ofsi group id": "ofsi_group_id",
    "un ref": "un_reference",
    "un reference number": "un_reference",
    "designation source": "designation_source",
    "sanctions imposed": "sanctions",
    "position": "position",
    "gender": "gender",
    "phone number": "phone",
    "tel": "phone",
    "fax": "fax",
    "email address": "email",
    "website": "website",
    "type of entity": "entity_type",
    "parent company": "parent_company",
    "subsidiaries": "subsidiaries",
    "business reg no": "registration",
    "business registration number (s)": "registration",
    "imo number": "imo",
    "current owners": "owner",
    "current owner/operator (s)": "owner",
    "previous owner/operator (s)": "previous_owner",
    "flag of ship": "flag",
    "current believed flag of ship": "flag",
    "previous flags": "previous_flags",
    "type of ship": "vessel_type",
    "tonnage of ship": "tonnage",
    "length of ship": "length",
    "year built": "build_year",
    "hull identification number (hin)": "hin",
}
"""FCDO columns and the ``(Label):value`` parts of OFSI "Other Information" -> property."""

_INFO_LABELS = "|".join(re.escape(label) for label in [*_DETAIL_FIELDS, "uk statement of reasons"])
_INFO_LABEL = re.compile(rf"\(({_INFO_LABELS})\)\s*:", re.IGNORECASE)
_FREE_TEXT_IDS = (
    (IdType.IMO, re.compile(r"\bIMO(?:\s+number)?\)?\s*[:.]?\s*(\d{7})\b", re.IGNORECASE)),
    (IdType.MMSI, re.compile(r"\bMMSI(?:\s+number)?\)?\s*[:.]?\s*(\d{9})\b", re.IGNORECASE)),
)
_ITEM_MARK = re.compile(r"(?:^|(?<=\s))\(?(\d{1,2}|[a-z])\)\s*")
_DOCUMENT_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-/]*[A-Za-z0-9]")
_LEADING_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9 .\-/]*")
_NOTE_BREAK = re.compile(r"[(,;:]|\.\s")
_DATE_TOKEN = re.compile(r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}")
_TITLE_DATE = re.compile(r"(?:last updated|report date)\W*(?P<date>.+)", re.IGNORECASE)

_SCHEMAS = {"individual": Schema.PERSON, "entity": Schema.ORGANIZATION, "ship": Schema.VESSEL}
_NAME_KINDS = {
    "primary name": NameKind.PRIMARY,
    "prime alias": NameKind.PRIMARY,
    "primary name variation": NameKind.ALIAS,
    "aka": NameKind.ALIAS,
    "alias": NameKind.ALIAS,
    "fka": NameKind.FORMER,
}
_GENDERS = {"male": Gender.MALE, "female": Gender.FEMALE}


@dataclass(frozen=True, slots=True)
class _Layout:
    """How one format's rows are grouped into entities."""

    format_name: str
    id_column: str


_OFSI_XLSX = _Layout("uk-ofsi-xlsx", "group id")
_OFSI_CSV = _Layout("uk-ofsi-csv", "group id")
_FCDO_CSV = _Layout("uk-fcdo-csv", "unique id")


@dataclass(slots=True)
class _Table:
    """A sheet or CSV file split into its title rows, header and data rows."""

    label: str
    element: str | None
    title: list[list[str]]
    columns: list[str]
    """Column names as this module reads them (see ``_HEADER_ALIASES``)."""
    labels: dict[str, str]
    """Column name -> the header text as the file writes it, for messages."""
    rows: list[tuple[int, list[str]]]
    ends_mid_line: bool
    """True when a CSV file does not end with a line break (it may have been cut off)."""


@dataclass(slots=True)
class _Context:
    """Where the rows come from, and the warnings raised while reading them."""

    table: _Table
    warnings: list[RecordProblem] = field(default_factory=list)

    def where(self, line: int, column: str) -> Location:
        label = self.table.labels.get(column, column)
        return Location(self.table.label, line=line, element=self.table.element, field=label)

    def warn(self, line: int, column: str, message: str) -> None:
        self.warnings.append(RecordProblem(self.where(line, column), message))


# --- reading files ------------------------------------------------------------------------


def _canonical(header_cell: str) -> str:
    name = " ".join(header_cell.split()).lower()
    return _HEADER_ALIASES.get(name, name)


def _header_index(rows: Sequence[list[str]]) -> int | None:
    """Index of the header row (the one naming ``Name 6``) among the first rows."""
    for index, cells in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        if "name 6" in (_canonical(cell) for cell in cells):
            return index
    return None


def _table(
    label: str, rows: list[tuple[int, list[str]]], element: str | None, ends_mid_line: bool
) -> _Table:
    index = _header_index([cells for _line, cells in rows])
    if index is None:
        raise ListFormatError(
            Location(label, element=element),
            f"no UK list header row (one naming 'Name 6') in the first {_HEADER_SEARCH_ROWS} rows",
        )
    header = rows[index][1]
    columns = [_canonical(cell) for cell in header]
    return _Table(
        label=label,
        element=element,
        title=[cells for _line, cells in rows[:index]],
        columns=columns,
        labels={column: cell.strip() for column, cell in zip(columns, header, strict=True)},
        rows=rows[index + 1 :],
        ends_mid_line=ends_mid_line,
    )


def _csv_records(text: str, label: str) -> Iterator[tuple[int, list[str]]]:
    """CSV rows with the line each starts on; broken quoting raises ListFormatError."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    line = 1
    try:
        for cells in reader:
            yield line, cells
            line = reader.line_num + 1
    except csv.Error as error:
        raise ListFormatError(Location(label, line=line), f"malformed CSV: {error}") from error


def _read_csv(path: Path) -> _Table:
    label = str(path)
    text = decode_text(read_bytes(path), label)
    rows = list(_csv_records(text, label))
    return _table(label, rows, None, ends_mid_line=not text.endswith(("\n", "\r")))


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()[:10]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _xlsx_rows(path: Path, limit: int | None = None) -> tuple[str, list[tuple[int, list[str]]]]:
    """The first sheet's title and its rows (all, or the first ``limit``) as text."""
    label = str(path)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            rows: list[tuple[int, list[str]]] = []
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                if limit is not None and number > limit:
                    break
                rows.append((number, [_cell_text(value) for value in values]))
            return sheet.title, rows
        finally:
            workbook.close()
    except (
        InvalidFileException,
        zipfile.BadZipFile,
        zlib.error,
        SyntaxError,
        EOFError,
        OSError,
        KeyError,
        IndexError,
        ValueError,
    ) as error:
        raise ListFormatError(
            Location(label), f"not a readable xlsx workbook: {str(error) or type(error).__name__}"
        ) from error


def _read_xlsx(path: Path) -> _Table:
    sheet_title, rows = _xlsx_rows(path)
    return _table(str(path), rows, f"sheet {sheet_title}", ends_mid_line=False)


def _published(title: list[list[str]]) -> str | None:
    """The date on the title row: ``Last Updated,13/04/2018`` or ``Report Date: 13-Feb-2026``."""
    for cells in title:
        match = _TITLE_DATE.match(" ".join(cell.strip() for cell in cells if cell.strip()))
        if match:
            text = match["date"].strip()
            return parse_single_date(text) or parse_single_date(text.replace("-", " "))
    return None


# --- sniffing -----------------------------------------------------------------------------


def _csv_head_columns(head: bytes) -> set[str]:
    """The columns named by the header of a CSV file's first bytes (empty if none)."""
    try:
        text = decode_text(head, "head")
        rows = [cells for _line, cells in islice(_csv_records(text, ""), _HEADER_SEARCH_ROWS)]
    except ListFormatError:
        return set()
    index = _header_index(rows)
    return set() if index is None else {_canonical(cell) for cell in rows[index]}


def _sniff_ofsi_csv(path: Path, head: bytes) -> bool:
    return "group id" in _csv_head_columns(head)


def _sniff_fcdo_csv(path: Path, head: bytes) -> bool:
    return "unique id" in _csv_head_columns(head)


def _sniff_ofsi_xlsx(path: Path, head: bytes) -> bool:
    if not head.startswith(b"PK\x03\x04"):
        return False
    try:
        _title, rows = _xlsx_rows(path, limit=_HEADER_SEARCH_ROWS)
    except ListFormatError:
        return False
    cells = [cells for _line, cells in rows]
    index = _header_index(cells)
    return index is not None and "group id" in {_canonical(cell) for cell in cells[index]}


# --- values -------------------------------------------------------------------------------


@lru_cache(maxsize=_CACHE_SIZE)
def _items(text: str | None) -> tuple[str, ...]:
    """The values of a cell by position: ``(1) A (2) -`` -> ``("A", "")``; ``a|b`` -> both.

    Numbered (``(1)``, ``1)``) and lettered (``a)``) lists are split only when the marks run
    1, 2, 3 (or a, b, c) from the start of the text; ``-`` placeholders become empty strings.
    """
    value = clean(text)
    if not value:
        return ()
    marks: list[re.Match[str]] = []
    for mark in _ITEM_MARK.finditer(value):
        if _continues(marks, mark):
            marks.append(mark)
    if marks:
        ends = [mark.start() for mark in marks[1:]] + [len(value)]
        parts = [value[mark.end() : end] for mark, end in zip(marks, ends, strict=True)]
    else:
        parts = [value]
    items = [piece.strip(" .;,") for part in parts for piece in part.split("|")]
    return tuple("" if item == "-" else item for item in items)


def _continues(marks: list[re.Match[str]], mark: re.Match[str]) -> bool:
    """Whether ``mark`` is the next of a list: the first at the start, then in sequence."""
    if not marks:
        return mark.start() == 0 and mark[1] in ("1", "a")
    last = marks[-1][1]
    return mark[1] == (str(int(last) + 1) if last.isdigit() else chr(ord(last) + 1))


def _values(text: str | None) -> list[str]:
    """The distinct non-empty values of a cell (see :func:`_items`)."""
    values: list[str] = []
    for item in _items(text):
        if item and item not in values:
            values.append(item)
    return values


def _uk_date(text: str) -> str:
    """UK placeholders as zeros: ``dd/mm/1968`` -> ``00/00/1968``, ``05/1973`` -> ``00/05/1973``."""
    value = re.sub(r"\b(?:dd|mm)\b", "00", text.strip(), flags=re.IGNORECASE)
    return f"00/{value}" if re.fullmatch(r"\d{1,2}/\d{4}", value) else value


@lru_cache(maxsize=_CACHE_SIZE)
def _iso_date(text: str) -> str | None:
    return parse_single_date(_uk_date(text))


def _language(text: str | None) -> str | None:
    """ISO 639-3 code for a language name (``Russian`` -> ``rus``), else the list's text."""
    if not text:
        return None
    for part in text.split("/"):
        language = pycountry.languages.get(name=part.strip())
        if language is not None:
            return str(language.alpha_3)
    return text


@lru_cache(maxsize=_CACHE_SIZE)
def _document_number(text: str) -> str | None:
    """The document number in a note: its leading code (``TR-P 614 166 (Turkish)``), else the
    first token of 5+ characters with a digit (``Passport No: 592667``); None if there is none.
    """
    lead = _NOTE_BREAK.split(text, maxsplit=1)[0].strip(" .")
    if (
        3 <= len(lead) <= 24
        and any(c.isdigit() for c in lead)
        and _LEADING_CODE.fullmatch(lead)
        and not re.search(r"[a-z]{3}", lead)
        and parse_single_date(lead) is None
    ):
        return lead
    token: str
    for token in _DOCUMENT_TOKEN.findall(text):
        if len(token) >= 5 and any(c.isdigit() for c in token) and not _DATE_TOKEN.fullmatch(token):
            return token
    return None


@lru_cache(maxsize=_CACHE_SIZE)
def _issuing_country(note: str | None) -> str | None:
    """The first country a document note names: ``Qatari passport issued ...`` -> ``qa``.

    Single words shorter than four letters are skipped (``No``, ``ID`` are not countries).
    """
    if not note:
        return None
    words = [word for word in re.split(r"[\s,.;:()]+", note) if word]
    for start in range(len(words)):
        for size in (3, 2, 1):
            if start + size > len(words) or (size == 1 and len(words[start]) < 4):
                continue
            code = country_code(" ".join(words[start : start + size]))
            if code:
                return code
    return None


def _first_token(text: str) -> str:
    return text.split()[0].rstrip(".;,")


# --- merging a row into its entity --------------------------------------------------------


def _add_unique(values: list[str], value: str | None) -> None:
    if value and value not in values:
        values.append(value)


def _add_identifier(entity: Entity, identifier: Identifier) -> None:
    if identifier not in entity.identifiers:
        entity.identifiers.append(identifier)


def _keep_text(entity: Entity, key: str, value: str, ctx: _Context, line: int, column: str) -> None:
    """Keep a value this module cannot interpret as text, with a warning the first time."""
    if value not in entity.properties.get(key, []):
        entity.add_property(key, value)
        ctx.warn(line, column, f"cannot interpret {value!r}; kept as text in {key}")


def _add_document(entity: Entity, id_type: IdType, text: str) -> bool:
    """An identifier read out of free text; False if ``text`` holds no document number."""
    number = _document_number(text)
    if number is None:
        return False
    note = None if text == number else text
    country = _issuing_country(text.replace(number, " "))
    _add_identifier(entity, Identifier(id_type, number, country, note))
    return True


def _add_documents(
    entity: Entity,
    id_type: IdType,
    row: dict[str, str],
    columns: tuple[str, str],
    ctx: _Context,
    line: int,
) -> None:
    """Identifiers from a number column and its details column, paired by position."""
    number_column, details_column = columns
    numbers = _items(row.get(number_column))
    details = _items(row.get(details_column))
    if not any(numbers):
        for detail in filter(None, details):
            if not _add_document(entity, id_type, detail):
                _keep_text(entity, f"{id_type}_text", detail, ctx, line, details_column)
        return
    if len(details) != len(numbers):
        details = (row.get(details_column, ""),) * len(numbers)
    for number, note in zip(numbers, details, strict=True):
        if number:
            identifier = Identifier(id_type, number, _issuing_country(note), note or None)
            _add_identifier(entity, identifier)


def _add_names(entity: Entity, row: dict[str, str], ctx: _Context, line: int) -> None:
    parts = [row.get(column) for column in _NAME_PARTS]
    full = clean(" ".join(part for part in parts if part))
    if full:
        kind = _name_kind(row, ctx, line)
        name = Name(full, kind, title=row.get("title"))
        if entity.schema is Schema.PERSON:
            name.given, name.family = parts[0], parts[5]
            name.middle = clean(" ".join(part for part in parts[1:5] if part))
        if name not in entity.names:
            entity.names.append(name)
    script_name = row.get("name non-latin script")
    if script_name:
        language = _language(
            row.get("non-latin script language") or row.get("non-latin script type")
        )
        name = Name(script_name, NameKind.ORIGINAL_SCRIPT, lang=language)
        if name not in entity.names:
            entity.names.append(name)


def _name_kind(row: dict[str, str], ctx: _Context, line: int) -> NameKind:
    alias_type = row.get("alias type", "")
    kind = _NAME_KINDS.get(alias_type.lower())
    if kind is None:
        if alias_type:
            ctx.warn(line, "alias type", f"unknown name type {alias_type!r}; read as an alias")
        kind = NameKind.ALIAS
    if kind is NameKind.ALIAS and "low" in row.get("alias quality", "").lower():
        return NameKind.WEAK_ALIAS
    return kind


def _add_birth(entity: Entity, row: dict[str, str], ctx: _Context, line: int) -> None:
    for text in _values(row.get("dob")):
        spec = parse_date(_uk_date(text))
        if spec is None:
            _keep_text(entity, "birth_date_text", text, ctx, line, "dob")
        elif spec not in entity.birth_dates:
            entity.birth_dates.append(spec)
    towns = _items(row.get("town of birth"))
    countries = _items(row.get("country of birth"))
    if len(countries) == 1:
        countries = countries * max(len(towns), 1)
    for index in range(max(len(towns), len(countries))):
        place = [items[index] for items in (towns, countries) if index < len(items)]
        _add_unique(entity.birth_places, ", ".join(part for part in place if part))
    for nationality in _values(row.get("nationality")):
        _add_unique(entity.nationalities, country_or_text(nationality))


def _add_address(entity: Entity, row: dict[str, str]) -> None:
    country_text = row.get("country")
    country = country_or_text(country_text)
    _add_unique(entity.countries, country)
    lines = [row[f"address {n}"] for n in range(1, 7) if row.get(f"address {n}")]
    postal_code = row.get("post/zip code")
    if not lines and not postal_code:
        return
    full = ", ".join(part for part in [*lines, postal_code, country_text] if part)
    address = Address(full, postal_code=postal_code, country=country)
    if address not in entity.addresses:
        entity.addresses.append(address)


def _add_listing(entity: Entity, row: dict[str, str], ctx: _Context, line: int) -> None:
    """Regime, the earliest listing date, UK designation dates and the latest update."""
    _add_unique(entity.programs, row.get("regime"))
    listed_on = _row_date(entity, row, "listed on", ctx, line)
    if listed_on and (entity.listed_on is None or listed_on < entity.listed_on):
        entity.listed_on = listed_on
    entity.add_property(
        "designated_on", _row_date(entity, row, "uk sanctions list date designated", ctx, line)
    )
    updated_on = _row_date(entity, row, "last updated", ctx, line)
    if updated_on and updated_on > max(entity.properties.get("last_updated", [""])):
        entity.properties["last_updated"] = [updated_on]


def _row_date(
    entity: Entity, row: dict[str, str], column: str, ctx: _Context, line: int
) -> str | None:
    """The ISO date in ``column``; an unreadable one is kept as text (``<column>_text``)."""
    text = row.get(column)
    if not text:
        return None
    iso = _iso_date(text)
    if iso is None:
        _keep_text(entity, f"{column.replace(' ', '_')}_text", text, ctx, line, column)
    return iso


def _add_details(entity: Entity, row: dict[str, str], ctx: _Context, line: int) -> None:
    """Remarks, the labelled parts of "Other Information" and the FCDO detail columns."""
    information = row.get("other information")
    for remark in (information, row.get("uk statement of reasons")):
        _add_unique(entity.remarks, remark)
    if information:
        for field_name, value in _information_fields(information):
            _add_detail(entity, field_name, value, ctx, line, "other information")
        for id_type, pattern in _FREE_TEXT_IDS:
            for number in pattern.findall(information):
                _add_identifier(entity, Identifier(id_type, number))
    for column, field_name in _DETAIL_FIELDS.items():
        if column in row:
            _add_detail(entity, field_name, row[column], ctx, line, column)


@lru_cache(maxsize=_CACHE_SIZE)
def _information_fields(text: str) -> tuple[tuple[str, str], ...]:
    """``(Gender):Male (Website):x.ru`` -> (``gender``, ``Male``), (``website``, ``x.ru``)."""
    marks = list(_INFO_LABEL.finditer(text))
    if not marks:
        return ()
    ends = [mark.start() for mark in marks[1:]] + [len(text)]
    fields = []
    for mark, end in zip(marks, ends, strict=True):
        field_name = _DETAIL_FIELDS.get(mark[1].lower())
        value = text[mark.end() : end].strip(" .;")
        if field_name and value:
            fields.append((field_name, value))
    return tuple(fields)


def _add_detail(
    entity: Entity, field_name: str, value: str, ctx: _Context, line: int, column: str
) -> None:
    reader = _DETAIL_READERS.get(field_name)
    for item in _values(value):
        if reader is None:
            entity.add_property(field_name, item)
        elif not reader(entity, field_name, item):
            _keep_text(entity, f"{field_name}_text", item, ctx, line, column)


def _read_gender(entity: Entity, _field: str, value: str) -> bool:
    gender = _GENDERS.get(value.lower())
    if gender is not None:
        entity.gender = gender
    return gender is not None


def _read_imo(entity: Entity, _field: str, value: str) -> bool:
    number = re.sub(r"^IMO\s*", "", value, flags=re.IGNORECASE)
    if not re.fullmatch(r"\d{7}", number):
        return False
    _add_identifier(entity, Identifier(IdType.IMO, number))
    return True


def _read_registration(entity: Entity, _field: str, value: str) -> bool:
    return _add_document(entity, IdType.REGISTRATION, value)


def _read_hull_number(entity: Entity, _field: str, value: str) -> bool:
    _add_identifier(entity, Identifier(IdType.OTHER, value, note="HIN"))
    return True


def _read_country(entity: Entity, field_name: str, value: str) -> bool:
    entity.add_property(field_name, country_or_text(value))
    return True


def _read_reference(entity: Entity, field_name: str, value: str) -> bool:
    entity.add_property(field_name, _first_token(value))
    return True


_DETAIL_READERS: dict[str, Callable[[Entity, str, str], bool]] = {
    "gender": _read_gender,
    "imo": _read_imo,
    "registration": _read_registration,
    "hin": _read_hull_number,
    "flag": _read_country,
    "previous_flags": _read_country,
    "uk_sanctions_list_ref": _read_reference,
    "un_reference": _read_reference,
}
"""Detail fields that need more than being kept as a property; False = not understood."""


def _add_row(entity: Entity, row: dict[str, str], ctx: _Context, line: int) -> None:
    _add_names(entity, row, ctx, line)
    _add_birth(entity, row, ctx, line)
    _add_documents(entity, IdType.PASSPORT, row, ("passport number", "passport details"), ctx, line)
    _add_documents(
        entity,
        IdType.NATIONAL_ID,
        row,
        ("national identification number", "national identification details"),
        ctx,
        line,
    )
    _add_address(entity, row)
    _add_listing(entity, row, ctx, line)
    _add_details(entity, row, ctx, line)


# --- building the snapshot ----------------------------------------------------------------


def _new_entity(key: str, row: dict[str, str], ctx: _Context, line: int) -> Entity:
    group_type = row.get("group type", "")
    schema = _SCHEMAS.get(group_type.lower())
    if schema is None:
        ctx.warn(line, "group type", f"unknown group type {group_type!r}; read as LegalEntity")
        schema = Schema.LEGAL_ENTITY
    return Entity(id=f"{LIST_NAME}:{key}", schema=schema)


def _data_rows(table: _Table, errors: list[RecordProblem]) -> Iterator[tuple[int, dict[str, str]]]:
    """Non-blank data rows as ``column -> text``; rows of the wrong width are errors."""
    width = len(table.columns)
    for position, (line, cells) in enumerate(table.rows, start=1):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != width:
            where = Location(table.label, line=line, element=table.element)
            message = f"the row has {len(cells)} fields, the header {width}"
            if position == len(table.rows) and table.ends_mid_line and len(cells) < width:
                raise ListFormatError(where, f"{message}: the file ends mid-record (truncated)")
            errors.append(RecordProblem(where, f"{message}; row skipped"))
            continue
        row = {
            column: text
            for column, cell in zip(table.columns, cells, strict=True)
            if column and (text := clean(cell))
        }
        yield line, row


def _parse_table(table: _Table, layout: _Layout, files: list[Path]) -> ListSnapshot:
    if layout.id_column not in table.columns:
        raise ListFormatError(
            Location(table.label, element=table.element),
            f"no {layout.id_column!r} column: not the {layout.format_name} layout",
        )
    ctx = _Context(table)
    errors: list[RecordProblem] = []
    entities: dict[str, Entity] = {}
    first_lines: dict[str, int] = {}
    for line, row in _data_rows(table, errors):
        key = row.get(layout.id_column)
        if not key:
            errors.append(
                RecordProblem(
                    ctx.where(line, layout.id_column),
                    f"the row has no {table.labels[layout.id_column]}; it cannot be "
                    "given to a listed party and is skipped",
                )
            )
            continue
        if key not in entities:
            entities[key] = _new_entity(key, row, ctx, line)
            first_lines[key] = line
        _add_row(entities[key], row, ctx, line)
    for key, entity in list(entities.items()):
        if not entity.names:
            errors.append(
                RecordProblem(
                    ctx.where(first_lines[key], "name 6"),
                    f"{table.labels[layout.id_column]} {key} has no name in any row; skipped",
                )
            )
            del entities[key]
    return ListSnapshot(
        list_name=LIST_NAME,
        format=layout.format_name,
        files=files,
        published=_published(table.title),
        entities=list(entities.values()),
        errors=errors,
        warnings=ctx.warnings,
    )


def _parse(files: Sequence[Path], layout: _Layout, read: Callable[[Path], _Table]) -> ListSnapshot:
    if len(files) != 1:
        raise ListFormatError(
            Location(", ".join(map(str, files)) or "(no file)"),
            f"a UK list is one file, got {len(files)}",
        )
    return _parse_table(read(files[0]), layout, [files[0]])


def parse_ofsi_xlsx(files: Sequence[Path]) -> ListSnapshot:
    """Parse an OFSI Consolidated List workbook (ConList.xlsx)."""
    return _parse(files, _OFSI_XLSX, _read_xlsx)


def parse_ofsi_csv(files: Sequence[Path]) -> ListSnapshot:
    """Parse an OFSI Consolidated List CSV, current or older HMT layout."""
    return _parse(files, _OFSI_CSV, _read_csv)


def parse_fcdo_csv(files: Sequence[Path]) -> ListSnapshot:
    """Parse the FCDO UK Sanctions List CSV."""
    return _parse(files, _FCDO_CSV, _read_csv)


FORMATS: list[ListFormat] = [
    ListFormat(
        name=_OFSI_XLSX.format_name,
        list_name=LIST_NAME,
        description="UK OFSI Consolidated List of financial sanctions targets (ConList.xlsx)",
        sniff=_sniff_ofsi_xlsx,
        parse=parse_ofsi_xlsx,
    ),
    ListFormat(
        name=_OFSI_CSV.format_name,
        list_name=LIST_NAME,
        description="UK OFSI Consolidated List CSV (current 36-column and older HMT layouts)",
        sniff=_sniff_ofsi_csv,
        parse=parse_ofsi_csv,
    ),
    ListFormat(
        name=_FCDO_CSV.format_name,
        list_name=LIST_NAME,
        description="FCDO UK Sanctions List CSV (UK-Sanctions-List.csv)",
        sniff=_sniff_fcdo_csv,
        parse=parse_fcdo_csv,
    ),
]

__all__ = ["FORMATS", "parse_fcdo_csv", "parse_ofsi_csv", "parse_ofsi_xlsx"]
