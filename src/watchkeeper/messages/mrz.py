"""Machine readable zones of travel documents (ICAO Doc 9303): one screening unit per document.

Layouts: TD1 identity cards (3 lines of 30 characters, Doc 9303 Part 5), TD2 official travel
documents (2 x 36, Part 6), TD3 passports (2 x 44, Part 4) and machine readable visas MRV-A
(2 x 44) and MRV-B (2 x 36, Part 7).  Every check digit is verified (Part 3: weights 7-3-1,
``<`` = 0, A = 10 .. Z = 35, sum modulo 10), and so is the composite check digit of TD1, TD2
and TD3.  A document whose check digit does not match is *refused* with a
:class:`MessageFormatError` naming the line, the columns and the field, not read with a
warning: a wrong digit means a misread or altered zone, and screening a misread birth date
or document number could let a listed person pass.  The 7-3-1 scheme cannot see a character
replaced by one whose value differs by a multiple of 10 (``0``, ``A``, ``K``, ``U``, ``<``
all weigh 0 modulo 10), and no digit covers the names, the nationality or the sex.

File format ``mrz``: ASCII text with one or more MRZs, a document's lines in a row and
documents separated by blank lines.  Accepted: LF or CRLF line ends, trailing spaces and
tabs, whitespace-only separator lines, a UTF-8 byte-order mark.  Refused (per document, the
next one is still read): lower case (the zone is printed in upper case; lower case means
retyped or not an MRZ at all), leading spaces, any character besides ``A-Z``, ``0-9`` and
``<``, and lines that do not make up one of the five layouts.

Dates are written YYMMDD.  A birth date is in the past, so its century is the latest one
that does not put it after today (``250101`` read in 2026 is 2025, ``270101`` is 1927:
nobody over 100 is told apart from a child, which the zone cannot do either).  Unknown parts
of a birth date are fillers (``74<<<<``: born 1974).  An expiry date gets the century that
puts it nearest to today.

The holder's name is read ``GIVEN NAMES SURNAME``.  Doc 9303 cuts a name too long for its
field, so a name that fills the field may be cut short: it is read ``SURNAME, GIVEN NAMES``
(its cut word last) and screened as such (:mod:`watchkeeper.match.truncation`).

Paths: ``mrz[2]/line1/6-44`` is the second document of the file, MRZ line 1, columns 6 to 44
(1-based, as Doc 9303 numbers them).
"""

from __future__ import annotations

import calendar
import re
import string
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import BinaryIO

from watchkeeper.countries import country_code
from watchkeeper.dates import iso_date
from watchkeeper.messages.travel import full_name, full_year, gender
from watchkeeper.messages.units import (
    CountryRef,
    CountryRole,
    MessageFormatError,
    Party,
    ScreeningUnit,
)
from watchkeeper.model import DateSpec, Gender, Identifier, IdType, Query, Schema

FORMATS: tuple[str, ...] = ("mrz",)

_SNIFF_WINDOW = 64 * 1024
"""How much of a file :func:`sniff` is given; a last line reaching its end may be cut."""
_MAX_LINE_BYTES = 1024
"""Longest line kept in memory; an MRZ line is at most 44 characters (plus trailing blanks)."""
_BOM = b"\xef\xbb\xbf"
_NOT_MRZ = re.compile(rb"[^A-Z0-9<]")
_MRZ_LINE = re.compile(rb"[A-Z0-9<]{30}|[A-Z0-9<]{36}|[A-Z0-9<]{44}")
_ROLE = "document_holder"

# --- check digits ------------------------------------------------------------------------

_WEIGHTS = (7, 3, 1)


def check_digit(text: str) -> int:
    """The Doc 9303 check digit of ``text`` (characters ``0-9``, ``A-Z`` and ``<``)."""
    total = 0
    for position, character in enumerate(text):
        if character.isdigit():
            value = int(character)
        elif "A" <= character <= "Z":
            value = ord(character) - ord("A") + 10
        elif character == "<":
            value = 0
        else:
            raise ValueError(f"{character!r} is not an MRZ character")
        total += value * _WEIGHTS[position % 3]
    return total % 10


# --- layouts -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Span:
    """A field's place in the zone: MRZ line ``row`` (0-based), columns ``start:end``."""

    row: int
    start: int
    end: int

    def text(self, rows: Sequence[str]) -> str:
        return rows[self.row][self.start : self.end]

    @property
    def columns(self) -> str:
        first, last = self.start + 1, self.end
        return str(first) if first == last else f"{first}-{last}"


def _span(line: int, first: int, last: int) -> _Span:
    """Line and columns numbered as in the Doc 9303 tables (1-based, inclusive)."""
    return _Span(line - 1, first - 1, last)


@dataclass(frozen=True, slots=True)
class _Layout:
    name: str
    document: str
    """What the document is (``passport``, ``visa``, ``identity card``), for notes."""
    rows: int
    width: int
    codes: str
    """Letters the document code may start with."""
    name_field: _Span
    issuing_state: _Span
    number: _Span
    number_check: _Span
    nationality: _Span
    birth: _Span
    birth_check: _Span
    sex: _Span
    expiry: _Span
    expiry_check: _Span
    optional: tuple[_Span, ...]
    optional_check: _Span | None = None
    composite: tuple[_Span, ...] = ()
    composite_check: _Span | None = None
    long_number: _Span | None = None
    """Where a document number longer than 9 characters goes on, followed by its check
    digit (the number's own check digit column then holds a filler; Parts 5 and 6)."""


_CODE = _span(1, 1, 2)

# Doc 9303 Part 4, data structure of the TD3 MRZ.
_TD3 = _Layout(
    name="TD3",
    document="passport",
    rows=2,
    width=44,
    codes="P",
    name_field=_span(1, 6, 44),
    issuing_state=_span(1, 3, 5),
    number=_span(2, 1, 9),
    number_check=_span(2, 10, 10),
    nationality=_span(2, 11, 13),
    birth=_span(2, 14, 19),
    birth_check=_span(2, 20, 20),
    sex=_span(2, 21, 21),
    expiry=_span(2, 22, 27),
    expiry_check=_span(2, 28, 28),
    optional=(_span(2, 29, 42),),
    optional_check=_span(2, 43, 43),
    composite=(_span(2, 1, 10), _span(2, 14, 20), _span(2, 22, 43)),
    composite_check=_span(2, 44, 44),
)
# Doc 9303 Part 7, MRV-A: TD3's layout without the personal number's check digit and the
# composite.
_MRV_A = replace(
    _TD3,
    name="MRV-A",
    document="visa",
    codes="V",
    optional=(_span(2, 29, 44),),
    optional_check=None,
    composite=(),
    composite_check=None,
)
# Doc 9303 Part 6, data structure of the TD2 MRZ.
_TD2 = _Layout(
    name="TD2",
    document="travel document",
    rows=2,
    width=36,
    codes="ACI",
    name_field=_span(1, 6, 36),
    issuing_state=_span(1, 3, 5),
    number=_span(2, 1, 9),
    number_check=_span(2, 10, 10),
    nationality=_span(2, 11, 13),
    birth=_span(2, 14, 19),
    birth_check=_span(2, 20, 20),
    sex=_span(2, 21, 21),
    expiry=_span(2, 22, 27),
    expiry_check=_span(2, 28, 28),
    optional=(_span(2, 29, 35),),
    composite=(_span(2, 1, 10), _span(2, 14, 20), _span(2, 22, 35)),
    composite_check=_span(2, 36, 36),
    long_number=_span(2, 29, 35),
)
# Doc 9303 Part 7, MRV-B: TD2's layout without the composite.
_MRV_B = replace(
    _TD2,
    name="MRV-B",
    document="visa",
    codes="V",
    optional=(_span(2, 29, 36),),
    composite=(),
    composite_check=None,
    long_number=None,
)
# Doc 9303 Part 5, data structure of the TD1 MRZ.
_TD1 = _Layout(
    name="TD1",
    document="identity card",
    rows=3,
    width=30,
    codes="ACI",
    name_field=_span(3, 1, 30),
    issuing_state=_span(1, 3, 5),
    number=_span(1, 6, 14),
    number_check=_span(1, 15, 15),
    nationality=_span(2, 16, 18),
    birth=_span(2, 1, 6),
    birth_check=_span(2, 7, 7),
    sex=_span(2, 8, 8),
    expiry=_span(2, 9, 14),
    expiry_check=_span(2, 15, 15),
    optional=(_span(1, 16, 30), _span(2, 19, 29)),
    composite=(_span(1, 6, 30), _span(2, 1, 7), _span(2, 9, 15), _span(2, 19, 29)),
    composite_check=_span(2, 30, 30),
    long_number=_span(1, 16, 30),
)

_LAYOUTS: dict[tuple[int, int], tuple[_Layout, ...]] = {
    (3, 30): (_TD1,),
    (2, 36): (_TD2, _MRV_B),
    (2, 44): (_TD3, _MRV_A),
}
_MAX_ROWS = max(rows for rows, _ in _LAYOUTS)
_SHAPES = "3 lines of 30 characters (TD1) or 2 lines of 36 (TD2, MRV-B) or 44 (TD3, MRV-A)"

# --- country codes -----------------------------------------------------------------------

# Codes of Doc 9303 Part 3 (codes for nationality and issuing State or organisation) that
# are not ISO 3166-1 alpha-3, and the country each stands for; None: an organisation or a
# status, not a country.
_ICAO_CODES: dict[str, str | None] = {
    "D": "de",  # Germany writes D<< rather than DEU
    "GBD": "gb",  # British Overseas Territories Citizen
    "GBN": "gb",  # British National (Overseas)
    "GBO": "gb",  # British Overseas Citizen
    "GBP": "gb",  # British Protected Person
    "GBS": "gb",  # British Subject
    "UNK": "xk",  # resident of Kosovo, document issued by UNMIK
    "RKS": "xk",  # Kosovo's own documents (not an ICAO code, but printed in its passports)
    "UNO": None,  # United Nations Organization official
    "UNA": None,  # official of a United Nations specialized agency
    "EUE": None,  # European Union
    "XBA": None,  # African Development Bank
    "XIM": None,  # African Export-Import Bank
    "XCC": None,  # Caribbean Community (CARICOM)
    "XCE": None,  # Council of Europe
    "XCO": None,  # Common Market for Eastern and Southern Africa
    "XDC": None,  # Southern African Development Community
    "XEC": None,  # Economic Community of West African States
    "XES": None,  # Organisation of Eastern Caribbean States
    "XOM": None,  # Sovereign Military Order of Malta
    "XPO": None,  # Interpol
    "XXA": None,  # stateless person (1954 Convention)
    "XXB": None,  # refugee (1951 Convention)
    "XXC": None,  # refugee (other than the 1951 Convention)
    "XXX": None,  # unspecified nationality
    "UTO": None,  # Utopia, the fictitious state of the Doc 9303 specimens
}
_COUNTRY_FIELD = re.compile(r"[A-Z]{1,3}<*")

# --- reading the file --------------------------------------------------------------------


@dataclass(slots=True)
class _Line:
    number: int
    """1-based line of the file."""
    offset: int
    """Byte offset of the line's first MRZ character in the file."""
    content: bytes
    """The line without its line end and trailing blanks (cut if overlong)."""
    length: int
    """Length of the whole line in bytes, line end and blanks excluded if it was read whole."""
    overlong: bool


@dataclass(slots=True)
class _Block:
    """The lines of one document: at most as many as a layout has, the rest only counted."""

    number: int
    lines: list[_Line] = field(default_factory=list)
    count: int = 0
    last_line: int = 0

    def add(self, line: _Line) -> None:
        self.count += 1
        self.last_line = line.number
        if len(self.lines) < _MAX_ROWS:
            self.lines.append(line)


def _read_lines(stream: BinaryIO) -> Iterator[_Line]:
    """The file's lines, each read with bounded memory however long it is."""
    number = offset = 0
    while chunk := stream.readline(_MAX_LINE_BYTES):
        number += 1
        size, head = len(chunk), chunk
        while not chunk.endswith(b"\n") and len(chunk) == _MAX_LINE_BYTES:
            chunk = stream.readline(_MAX_LINE_BYTES)
            size += len(chunk)
        skip = len(_BOM) if number == 1 and head.startswith(_BOM) else 0
        overlong = size > len(head)
        ending = len(chunk) - len(chunk.rstrip(b"\r\n"))
        content = head[skip:] if overlong else head[skip:].rstrip(b"\r\n").rstrip(b" \t")
        length = size - skip - ending if overlong else len(content)
        yield _Line(number, offset + skip, content, length, overlong)
        offset += size


def _blocks(stream: BinaryIO) -> Iterator[_Block]:
    """Runs of non-blank lines: one per document."""
    block: _Block | None = None
    count = 0
    for line in _read_lines(stream):
        if not line.overlong and not line.content.strip():
            if block is not None:
                yield block
                block = None
            continue
        if block is None:
            count += 1
            block = _Block(count)
        block.add(line)
    if block is not None:
        yield block


def sniff(head: bytes) -> str | None:
    """``mrz`` if the first non-blank line of ``head`` is an MRZ line (30, 36 or 44 characters
    of ``A-Z0-9<``) and at least half of its non-blank lines are, else None.  Not all: a file
    with one damaged document is still an MRZ file, and its damage is reported per document."""
    cut = len(head) >= _SNIFF_WINDOW
    lines = head.removeprefix(_BOM).split(b"\n")
    if cut and len(lines) > 1:
        lines.pop()  # may be cut short
    filled = [line.rstrip(b"\r \t") for line in lines if line.strip()]
    if not filled or not _MRZ_LINE.fullmatch(filled[0]):
        return None
    good = sum(1 for line in filled if _MRZ_LINE.fullmatch(line))
    return FORMATS[0] if 2 * good >= len(filled) else None


def read_units(
    stream: BinaryIO, source: str, expected: str | None = None, *, today: date | None = None
) -> Iterator[ScreeningUnit | MessageFormatError]:
    """One unit per document of the file, ``mrz[1]``, ``mrz[2]`` ... in order; a document
    that cannot be read gives a :class:`MessageFormatError` and the next one is read.

    ``today`` fixes the date the centuries of YYMMDD dates are chosen against (default: the
    current date)."""
    if expected is not None:
        problem = _not_expected(stream, expected)
        if problem:
            yield MessageFormatError(source, "start of file", problem)
            return
    reference = today or date.today()
    for block in _blocks(stream):
        try:
            yield _read_document(block, source, reference)
        except MessageFormatError as error:
            yield error


def _not_expected(stream: BinaryIO, expected: str) -> str | None:
    """Why a file forced to be ``expected`` is not (None if it looks like it)."""
    if expected not in FORMATS:
        return f"expected {expected}, but this reader reads {', '.join(FORMATS)}"
    if not stream.seekable():
        return None
    start = stream.tell()
    head = stream.read(_SNIFF_WINDOW)
    stream.seek(start)
    if not head.strip():
        return f"expected {expected}, found an empty file"
    if sniff(head) is not None:
        return None
    first = next((line for line in head.splitlines() if line.strip()), b"")
    shown = first[:60].decode("ascii", "backslashreplace")
    return f"expected {expected}, found text that is not MRZ lines (it starts {shown!r})"


# --- one document ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Place:
    """Where a document stands: for errors (file lines) and paths (MRZ lines)."""

    source: str
    number: int
    first_line: int

    @property
    def unit(self) -> str:
        return f"mrz[{self.number}]"

    def path(self, span: _Span) -> str:
        return f"{self.unit}/line{span.row + 1}/{span.columns}"

    def describe(self, spans: Sequence[_Span]) -> str:
        """``line 5 (MRZ line 2), columns 1-10, 14-20`` for spans of one or more lines."""
        parts = []
        for row in sorted({span.row for span in spans}):
            columns = ", ".join(span.columns for span in spans if span.row == row)
            label = "column" if "," not in columns and "-" not in columns else "columns"
            parts.append(f"line {self.first_line + row} (MRZ line {row + 1}), {label} {columns}")
        return "; ".join(parts)

    def error(self, spans: Sequence[_Span], name: str, problem: str) -> MessageFormatError:
        where = f"{self.unit}, {self.describe(spans)} ({name})"
        return MessageFormatError(self.source, where, problem)


def _read_document(block: _Block, source: str, today: date) -> ScreeningUnit:
    place = _Place(source, block.number, block.lines[0].number)
    rows = _mrz_rows(block, place)
    layout, document_code = _layout(rows, place)
    number, optional = _verify_check_digits(rows, layout, place)
    issuer = _country(rows, layout.issuing_state, place, "issuing state")
    nationality = _country(rows, layout.nationality, place, "nationality")
    birth = _birth_date(rows, layout.birth, place, today)
    expiry = _expiry_date(rows, layout.expiry, place, today)
    issued_by = issuer.lower() if issuer else None
    identifiers = [
        Identifier(
            _id_type(document_code),
            number,
            issued_by,
            f"MRZ {layout.name} {layout.document}, document code {document_code}, "
            f"valid until {expiry}",
        ),
        *(
            Identifier(IdType.OTHER, value, issued_by, f"MRZ {layout.name} optional data")
            for value in optional
            if value
        ),
    ]
    name_path = place.path(layout.name_field)
    name, full = _holder_name(rows, layout.name_field, place)
    query = Query(
        id=name_path,
        names=[name],
        names_cut=full,
        schema=Schema.PERSON,
        birth_dates=[DateSpec(birth)] if birth else [],
        nationalities=[nationality.lower()] if nationality else [],
        gender=_gender(rows, layout.sex, place),
        identifiers=identifiers,
    )
    countries = [
        CountryRef(place.path(span), country, role)
        for span, country, role in (
            (layout.issuing_state, issuer, CountryRole.DOCUMENT),
            (layout.nationality, nationality, CountryRole.NATIONALITY),
        )
        if country
    ]
    return ScreeningUnit(
        source=source,
        format=FORMATS[0],
        unit=place.unit,
        parties=[Party(name_path, _ROLE, query)],
        countries=countries,
    )


def _mrz_rows(block: _Block, place: _Place) -> list[str]:
    """The document's lines as text, once every character is known to be an MRZ one."""
    for line in block.lines:
        where = f"{place.unit}, line {line.number}"
        if line.overlong:
            raise MessageFormatError(
                place.source, where, f"line of {line.length:,} bytes: MRZ lines have 30-44"
            )
        bad = _NOT_MRZ.search(line.content)
        if bad:
            column = bad.start() + 1
            byte = line.content[bad.start()]
            raise MessageFormatError(
                place.source,
                f"{where}, column {column} (byte offset {line.offset + bad.start()})",
                f"{_describe_byte(byte)} is not an MRZ character (A-Z, 0-9 and <)",
            )
    rows = [line.content.decode("ascii") for line in block.lines]
    widths = {len(row) for row in rows}
    if len(widths) != 1 or (block.count, len(rows[0])) not in _LAYOUTS:
        shown = " and ".join(str(width) for width in sorted(widths))
        first, last = block.lines[0].number, block.last_line
        lines = f"lines {first}-{last}" if last > first else f"line {first}"
        extra = (
            " (is a blank line missing between two documents?)" if block.count > _MAX_ROWS else ""
        )
        raise MessageFormatError(
            place.source,
            f"{place.unit}, {lines}",
            f"{block.count} line(s) of {shown} characters; an MRZ is {_SHAPES}{extra}",
        )
    return rows


def _describe_byte(byte: int) -> str:
    if byte >= 0x80:
        return f"byte 0x{byte:02X} (not ASCII)"
    if chr(byte).islower():
        return f"lower-case {chr(byte)!r} (an MRZ is upper case)"
    if chr(byte).isprintable():
        return f"character {chr(byte)!r}"
    return f"control character 0x{byte:02X}"


def _layout(rows: Sequence[str], place: _Place) -> tuple[_Layout, str]:
    """The layout of a zone of known shape, chosen by its document code; and the code."""
    candidates = _LAYOUTS[(len(rows), len(rows[0]))]
    code = _CODE.text(rows)
    for layout in candidates:
        if code[0] in layout.codes:
            if not re.fullmatch(r"[A-Z<]", code[1]):
                raise place.error([_CODE], "document code", f"{code!r} is not a document code")
            return layout, code
    allowed = " or ".join(
        f"{', '.join(layout.codes)} ({layout.name} {layout.document})" for layout in candidates
    )
    raise place.error(
        [_CODE],
        "document code",
        f"{code!r} does not start a {len(rows)} x {len(rows[0])} MRZ: expected {allowed}",
    )


def _verify_check_digits(
    rows: Sequence[str], layout: _Layout, place: _Place
) -> tuple[str, list[str]]:
    """Check every check digit; the document number and the optional data fields."""
    number, optional = _document_number(rows, layout, place)
    _verify(rows, (layout.birth,), layout.birth_check, "date of birth", place)
    _verify(rows, (layout.expiry,), layout.expiry_check, "date of expiry", place)
    if layout.optional_check is not None:
        _verify(rows, layout.optional, layout.optional_check, "optional data", place)
    if layout.composite_check is not None:
        _verify(rows, layout.composite, layout.composite_check, "composite check digit", place)
    return number, [_words(value) for value in optional]


def _document_number(rows: Sequence[str], layout: _Layout, place: _Place) -> tuple[str, list[str]]:
    """The document number, checked, and the optional data fields without any part of a
    long number that runs on into the first of them."""
    optional = [span.text(rows) for span in layout.optional]
    field_text = layout.number.text(rows)
    long_number = layout.long_number
    if layout.number_check.text(rows) != "<" or long_number is None or "<" in field_text:
        _verify(rows, (layout.number,), layout.number_check, "document number", place)
        return _filled(field_text, layout.number, "document number", place), optional
    # Parts 5 and 6: a filler in the check digit column means the number goes on in the
    # optional data, up to its first filler, its last character being the check digit.
    rest = long_number.text(rows)
    run = len(rest) - len(rest.lstrip(string.ascii_uppercase + string.digits))
    spans = (layout.number, _Span(long_number.row, long_number.start, long_number.start + run))
    if run < 2:
        raise place.error(
            spans,
            "document number",
            "the check digit column holds a filler, but no longer number with its check "
            "digit follows in the optional data",
        )
    number = field_text + rest[: run - 1]
    _compare(number, rest[run - 1], spans, "document number", place)
    optional[layout.optional.index(long_number)] = rest[run:]
    return number, optional


def _verify(
    rows: Sequence[str], spans: Sequence[_Span], digit: _Span, name: str, place: _Place
) -> None:
    _compare("".join(span.text(rows) for span in spans), digit.text(rows), spans, name, place)


def _compare(value: str, digit: str, spans: Sequence[_Span], name: str, place: _Place) -> None:
    computed = check_digit(value)
    if digit == "<" and not value.strip("<"):
        return  # an empty field may carry a filler as its check digit (Part 4, personal number)
    if not digit.isdigit():
        raise place.error(spans, name, f"check digit {digit!r} is not a digit")
    if int(digit) != computed:
        raise place.error(
            spans,
            name,
            f"check digit {digit} does not match {value!r} (computed {computed}): "
            "misread or altered",
        )


def _filled(text: str, span: _Span, name: str, place: _Place) -> str:
    value = text.rstrip("<")
    if not value:
        raise place.error([span], name, "empty")
    return value


def _words(text: str) -> str:
    return " ".join(text.replace("<", " ").split())


def _id_type(document_code: str) -> IdType:
    if document_code.startswith("P"):
        return IdType.PASSPORT
    if document_code.startswith("I"):
        return IdType.NATIONAL_ID
    return IdType.OTHER  # visas, and A / C documents (crew member certificates and others)


def _country(rows: Sequence[str], span: _Span, place: _Place, name: str) -> str | None:
    """The upper-case ISO alpha-2 code of a country field; None if it names no country."""
    text = span.text(rows)
    if not _COUNTRY_FIELD.fullmatch(text):
        raise place.error([span], name, f"{text!r} is not a three-letter country code")
    code = text.rstrip("<")
    if code in _ICAO_CODES:
        mapped = _ICAO_CODES[code]
    else:
        mapped = country_code(code) if len(code) == 3 else None
        if mapped is None:
            raise place.error([span], name, f"{code!r} is not an ICAO or ISO 3166 country code")
    return mapped.upper() if mapped else None


def _holder_name(rows: Sequence[str], span: _Span, place: _Place) -> tuple[str, bool]:
    """``GIVEN NAMES SURNAME`` from ``SURNAME<<GIVEN<NAMES<<<``, and whether the field is
    full.  Doc 9303 cuts a name too long for its field, so a full field may hold a name cut
    short: it is then ``SURNAME, GIVEN NAMES``, its cut word written last."""
    text = span.text(rows)
    bad = re.search(r"[^A-Z<]", text)
    if bad:
        column = _Span(span.row, span.start + bad.start(), span.start + bad.start() + 1)
        raise place.error([column], "name", f"{bad.group()!r}: a name is letters and fillers")
    surname, _, given = text.partition("<<")
    full = not text.endswith("<")
    if full and _words(given) and _words(surname):
        return f"{_words(surname)}, {_words(given)}", full
    name = full_name(_words(given), _words(surname))
    if not name:
        raise place.error([span], "name", "empty")
    return name, full


def _gender(rows: Sequence[str], span: _Span, place: _Place) -> Gender | None:
    sex = span.text(rows)
    if sex not in ("M", "F", "X", "<"):
        raise place.error([span], "sex", f"{sex!r}: expected M, F, X or <")
    return gender(sex)


def _birth_date(rows: Sequence[str], span: _Span, place: _Place, today: date) -> str | None:
    """ISO date of birth, partial when the zone gives fillers for unknown parts."""
    text = span.text(rows)
    match = re.fullmatch(r"(\d\d)(\d\d|<<)(\d\d|<<)|<{6}", text)
    if not match or (match[2] == "<<" and match[3] != "<<"):
        raise place.error([span], "date of birth", f"{text!r} is not a date YYMMDD")
    if not match[1]:
        return None
    month, day = _part(match[2]), _part(match[3])
    year = full_year(int(match[1]), today, past=True)
    if (year, month, day) > (today.year, today.month, today.day):
        year -= 100  # later this year: not born yet
    _check_calendar(year, month, day, text, span, "date of birth", place)
    return iso_date(year, month, day)


def _expiry_date(rows: Sequence[str], span: _Span, place: _Place, today: date) -> str:
    text = span.text(rows)
    if not re.fullmatch(r"\d{6}", text):
        raise place.error([span], "date of expiry", f"{text!r} is not a date YYMMDD")
    year = full_year(int(text[:2]), today, past=False)
    month, day = int(text[2:4]), int(text[4:])
    _check_calendar(year, month, day, text, span, "date of expiry", place)
    return iso_date(year, month, day)


def _part(text: str) -> int:
    return 0 if text == "<<" else int(text)


def _check_calendar(
    year: int, month: int, day: int, text: str, span: _Span, name: str, place: _Place
) -> None:
    if not month and not day:
        return
    if not 1 <= month <= 12 or not (day == 0 or 1 <= day <= calendar.monthrange(year, month)[1]):
        raise place.error([span], name, f"{text!r} is not a calendar date")
