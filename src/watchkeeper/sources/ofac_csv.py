"""OFAC's legacy CSV files: the SDN list and the non-SDN Consolidated list.

Each list is a set of up to four files without a header row, ``-0-`` (often with a trailing
space) for an empty value and an end-of-file byte 0x1A after the last row:

========================  ==========================  ==============================================
SDN set                   Consolidated set            columns
========================  ==========================  ==============================================
``sdn.csv``               ``cons_prim.csv``           ent_num, SDN_Name, SDN_Type, Program, Title,
                                                      Call_Sign, Vess_type, Tonnage, GRT, Vess_flag,
                                                      Vess_owner, Remarks
``alt.csv``               ``cons_alt.csv``            ent_num, alt_num, alt_type, alt_name,
                                                      alt_remarks
``add.csv``               ``cons_add.csv``            ent_num, add_num, address,
                                                      city/state/postal code, country, add_remarks
``sdn_comments.csv``      ``cons_comments.csv``       ent_num, remarks continued
========================  ==========================  ==============================================

Entity ids are ``ofac:<ent_num>`` and ``ofac-cons:<ent_num>``.  SDN_Type ``individual``,
``vessel`` and ``aircraft`` give Person, Vessel and Aircraft; ``-0-`` (an "entity") gives
Organization.  Remarks are read with :mod:`watchkeeper.sources.ofac_remarks`.

Decisions a reader should know:

- The member files of a set are told apart by their column count and, between the two lists
  (whose files look alike), by name: files named ``cons_*`` belong to the Consolidated list.
  Dated copies (``sdn_2024-05-03.csv``) are sets of their own; their companions carry the same
  suffix (``alt_2024-05-03.csv``).
- Files are read line by line: OFAC values never hold a line break, so a row with an
  unbalanced quote spoils only its own line, which is reported with file and line number.
- Text is decoded as UTF-8 where it is valid, else as cp1252 (OFAC's Windows files), else as
  latin-1 (for the five bytes cp1252 leaves undefined).
- ``sdn_comments.csv`` holds the part of a remark beyond the 1,000 characters of the Remarks
  column, cut mid-word: it is appended to the remark as is, before the remark is parsed.
- Individual names are written ``LAST, First Middle``: the name is kept as written, with the
  part before the comma as family name and the rest as given name.  ``alt.csv`` names are
  aliases (``aka``, ``nka``) or former names (``fka``); quoted ``a.k.a.`` names in the remarks
  are weak aliases.
- A complete set whose alias, address or comment row names an ent_num missing from the main
  file is inconsistent (files of different dates): each such row is an error.
- A set without its main file (OFAC's ``alt.csv``/``add.csv`` fetched alone) still imports:
  every ent_num with an alias becomes a LegalEntity known only by its alias names (no type,
  programme or primary name), with its addresses and remark continuations.  Entries with
  addresses or remarks but no name cannot be screened and are left out.  One warning says
  that the main file is missing and gives both counts; these are not errors, so that what
  can be screened is kept.
- The CSV files carry no publication date, so ``published`` stays empty.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from functools import partial
from pathlib import Path

from watchkeeper.countries import country_or_text
from watchkeeper.model import Address, Entity, Identifier, IdType, NameKind, Schema
from watchkeeper.sources.base import (
    ListFormat,
    ListFormatError,
    ListSnapshot,
    Location,
    RecordProblem,
)
from watchkeeper.sources.cleaning import clean
from watchkeeper.sources.ofac_remarks import ofac_name, parse_remarks
from watchkeeper.sources.recordkit import decode_text, read_bytes

NULL = "-0-"
"""OFAC's empty value."""

END_OF_FILE = "\x1a"

_SNIFF_ROWS = 10


class _Part(Enum):
    """The member files of a set, by their columns."""

    MAIN = (
        "ent_num",
        "SDN_Name",
        "SDN_Type",
        "Program",
        "Title",
        "Call_Sign",
        "Vess_type",
        "Tonnage",
        "GRT",
        "Vess_flag",
        "Vess_owner",
        "Remarks",
    )
    ALIASES = ("ent_num", "alt_num", "alt_type", "alt_name", "alt_remarks")
    ADDRESSES = ("ent_num", "add_num", "address", "city_state_postal", "country", "add_remarks")
    COMMENTS = ("ent_num", "remarks_continued")

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(self.value)


@dataclass(frozen=True, slots=True)
class _SetNaming:
    """How one list names itself and the files of its set."""

    format_name: str
    list_name: str
    stems: dict[_Part, str]


_SDN = _SetNaming(
    "ofac-sdn-csv",
    "ofac",
    {
        _Part.MAIN: "sdn",
        _Part.ALIASES: "alt",
        _Part.ADDRESSES: "add",
        _Part.COMMENTS: "sdn_comments",
    },
)
_CONSOLIDATED = _SetNaming(
    "ofac-cons-csv",
    "ofac-cons",
    {
        _Part.MAIN: "cons_prim",
        _Part.ALIASES: "cons_alt",
        _Part.ADDRESSES: "cons_add",
        _Part.COMMENTS: "cons_comments",
    },
)
_CONSOLIDATED_PREFIX = "cons_"

_SCHEMAS = {
    "individual": Schema.PERSON,
    "vessel": Schema.VESSEL,
    "aircraft": Schema.AIRCRAFT,
    None: Schema.ORGANIZATION,
}
_ALIAS_KINDS = {"aka": NameKind.ALIAS, "nka": NameKind.ALIAS, "fka": NameKind.FORMER}
_VESSEL_PROPERTIES = {
    "Vess_type": "vessel_type",
    "Tonnage": "tonnage",
    "GRT": "gross_registered_tonnage",
    "Vess_owner": "owner",
}


@dataclass(frozen=True, slots=True)
class _Row:
    """One well-formed row: its line number and its values by column (None for ``-0-``)."""

    file: Path
    line: int
    ent_num: str
    values: dict[str, str | None]

    def location(self, column: str | None = None) -> Location:
        return Location(str(self.file), self.line, f"ent_num {self.ent_num}", column)


# -- naming and sniffing ----------------------------------------------------------------------


def _part_by_name(path: Path, naming: _SetNaming) -> tuple[_Part, str] | None:
    """The member a file name says it is, and the suffix after the stem (``_2024-05-03``)."""
    stem = path.stem.lower()
    for part, part_stem in sorted(naming.stems.items(), key=lambda item: -len(item[1])):
        suffix = stem[len(part_stem) :]
        if stem.startswith(part_stem) and (not suffix or suffix[0] in "_-. "):
            return part, suffix
    return None


def _naming_of(path: Path) -> _SetNaming:
    return _CONSOLIDATED if path.name.lower().startswith(_CONSOLIDATED_PREFIX) else _SDN


def _companions(path: Path, naming: _SetNaming) -> list[Path]:
    """``path`` and the existing files of its set, sorted."""
    named = _part_by_name(path, naming)
    if named is None:
        return [path]
    suffix = named[1]
    wanted = {f"{stem}{suffix}{path.suffix}".lower() for stem in naming.stems.values()}
    siblings = {p for p in path.parent.iterdir() if p.is_file() and p.name.lower() in wanted}
    return sorted(siblings | {path})


def _shape(values: list[str]) -> _Part | None:
    """The member file a row of these values belongs to, judged by content."""
    if not values or not values[0].strip().isdigit():
        return None
    for part in _Part:
        if len(values) == len(part.columns):
            return part if _typed_column_ok(part, values) else None
    return None


def _typed_column_ok(part: _Part, values: list[str]) -> bool:
    """SDN_Type and alt_type hold one of a few known words."""
    if part is _Part.MAIN:
        return _lower(_null_or_value(values[2])) in _SCHEMAS
    if part is _Part.ALIASES:
        return _lower(_null_or_value(values[2])) in _ALIAS_KINDS
    return True


def _lower(text: str | None) -> str | None:
    return text.lower() if text else None


def _sniff(path: Path, head: bytes, naming: _SetNaming) -> bool:
    """A file of this list's set: OFAC rows by content, the list by its file name."""
    if _naming_of(path) is not naming:
        return False
    rows = _head_rows(head)
    shapes = {_shape(values) for values in rows}
    if len(shapes) != 1 or None in shapes:
        return False
    part = shapes.pop()
    if part is _Part.COMMENTS:  # two columns say little: the name must agree
        named = _part_by_name(path, naming)
        return named is not None and named[0] is _Part.COMMENTS
    has_null = any(value.strip() == NULL for values in rows for value in values)
    return has_null or part is _Part.ALIASES


def _head_rows(head: bytes) -> list[list[str]]:
    """The complete rows among the first bytes of a file (structure is ASCII in any encoding)."""
    lines = head.decode("latin-1").rstrip(END_OF_FILE).split("\n")
    if len(lines) > 1 and not head.endswith(b"\n"):
        lines.pop()  # cut off by the sniffing window
    rows: list[list[str]] = []
    for line in (line.rstrip("\r") for line in lines if line.strip()):
        try:
            rows.append(_csv_values(line))
        except csv.Error:
            return []
        if len(rows) == _SNIFF_ROWS:
            break
    return rows


# -- reading files ----------------------------------------------------------------------------


def _decode(path: Path) -> str:
    """The file's text, refusing an empty file (one holding only OFAC's end-of-file mark)."""
    data = read_bytes(path)
    if not data.strip(b" \t\r\n" + END_OF_FILE.encode()):
        raise ListFormatError(Location(str(path)), "the file is empty")
    return decode_text(data, str(path))


def _csv_values(line: str) -> list[str]:
    """The values of one CSV line; csv.Error if it is malformed (an unbalanced quote)."""
    return next(csv.reader([line], strict=True))


def _numbered_lines(text: str) -> Iterator[tuple[int, str]]:
    """Non-blank lines with their 1-based numbers; the end-of-file byte is dropped."""
    for number, line in enumerate(text.rstrip(END_OF_FILE + "\r\n").split("\n"), start=1):
        if line.strip():
            yield number, line.rstrip("\r")


def _read_rows(path: Path, text: str, part: _Part, errors: list[RecordProblem]) -> list[_Row]:
    """The well-formed rows of one file; each malformed row is an error naming its line."""
    rows: list[_Row] = []
    for line_number, line in _numbered_lines(text):
        checked = _checked_values(line, part)
        if isinstance(checked, str):
            errors.append(RecordProblem(Location(str(path), line_number), checked))
        else:
            values = dict(zip(part.columns, map(_null_or_value, checked), strict=True))
            rows.append(_Row(path, line_number, str(int(checked[0])), values))
    if not rows:
        raise ListFormatError(
            Location(str(path)), f"no row has the {len(part.columns)} columns of an OFAC CSV file"
        )
    return rows


def _checked_values(line: str, part: _Part) -> list[str] | str:
    """The row's raw values, or what is wrong with it."""
    try:
        values = _csv_values(line)
    except csv.Error as error:
        return f"malformed row (unbalanced quote?): {error}"
    if len(values) != len(part.columns):
        return f"{len(values)} columns where {len(part.columns)} were expected"
    if not values[0].strip().isdigit():
        return f"ent_num {values[0]!r} is not a whole number"
    return values


def _null_or_value(raw: str) -> str | None:
    value = clean(raw)
    return None if value == NULL else value


# -- building entities ------------------------------------------------------------------------


@dataclass(slots=True)
class _PendingRemarks:
    """A remark and its continuations, parsed once the whole set is read."""

    location: Location
    parts: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _SetBuilder:
    """Entities of one set, filled file by file."""

    naming: _SetNaming
    snapshot: ListSnapshot
    main_file_present: bool
    entities: dict[str, Entity] = field(default_factory=dict)
    main_lines: dict[str, int] = field(default_factory=dict)
    remarks: dict[str, _PendingRemarks] = field(default_factory=dict)
    nameless: set[str] = field(default_factory=set)
    """ent_nums of a set without main file that have no alias, hence no name."""

    def add_entry(self, row: _Row) -> None:
        if row.ent_num in self.entities:
            first = self.main_lines[row.ent_num]
            self._error(row.location(), f"ent_num repeated (first at line {first})")
            return
        entity = self._entry(row)
        if entity is not None:
            self.entities[row.ent_num] = entity
            self.main_lines[row.ent_num] = row.line
            remark = row.values["Remarks"]
            if remark:
                self._remarks_of(row, "Remarks").parts.append(remark)

    def add_alias(self, row: _Row) -> None:
        entity = self._entity_for(row, create=True)
        if entity is None:
            return
        name, alias_type = row.values["alt_name"], row.values["alt_type"]
        if not name:
            self._warn(row.location("alt_name"), "alias row without a name; skipped")
            return
        kind = _ALIAS_KINDS.get(_lower(alias_type) or "")
        if kind is None:
            self._warn(row.location("alt_type"), f"unknown alt_type {alias_type!r}; read as aka")
            kind = NameKind.ALIAS
        entity.names.append(ofac_name(name, kind, entity.schema is Schema.PERSON))
        if row.values["alt_remarks"]:
            entity.add_property("alias_remarks", f"{name}: {row.values['alt_remarks']}")

    def add_address(self, row: _Row) -> None:
        entity = self._entity_for(row, create=False)
        if entity is None:
            return
        street, city = row.values["address"], row.values["city_state_postal"]
        country_text = row.values["country"]
        parts = [part for part in (street, city, country_text) if part]
        if parts:
            country = country_or_text(country_text)
            entity.addresses.append(Address(", ".join(parts), street, city, country=country))
            if country and country not in entity.countries:
                entity.countries.append(country)
        entity.add_property("address_remarks", row.values["add_remarks"])

    def add_comment(self, row: _Row) -> None:
        continued = row.values["remarks_continued"]
        if self._entity_for(row, create=False) is not None and continued:
            self._remarks_of(row, "remarks_continued").parts.append(continued)

    def finish(self) -> None:
        """Parse every remark into its entity; unreadable values become warnings."""
        for ent_num, pending in self.remarks.items():
            entity = self.entities[ent_num]
            parsed = parse_remarks("".join(pending.parts), entity.schema is Schema.PERSON)
            parsed.apply_to(entity)
            for issue in parsed.issues:
                location = replace(pending.location, field=f"Remarks: {issue.field}")
                self._warn(location, f"{issue.message} (kept in remarks): {issue.clause!r}")
        self.snapshot.entities = list(self.entities.values())

    def _entry(self, row: _Row) -> Entity | None:
        name = row.values["SDN_Name"]
        if not name:
            self._error(row.location("SDN_Name"), "entry without a name")
            return None
        sdn_type = row.values["SDN_Type"]
        schema = _SCHEMAS.get(_lower(sdn_type))
        if schema is None:
            self._warn(row.location("SDN_Type"), f"unknown SDN_Type {sdn_type!r}; LegalEntity")
        entity = Entity(
            f"{self.naming.list_name}:{row.ent_num}",
            schema or Schema.LEGAL_ENTITY,
            names=[ofac_name(name, NameKind.PRIMARY, schema is Schema.PERSON)],
            programs=_programs(row.values["Program"]),
        )
        entity.add_property("ofac_type", sdn_type if schema is None else None)
        entity.add_property("position", row.values["Title"])
        _add_vessel_columns(entity, row)
        return entity

    def _entity_for(self, row: _Row, create: bool) -> Entity | None:
        """The entity a companion row belongs to (made from the alias in a set without main)."""
        entity = self.entities.get(row.ent_num)
        if entity is not None:
            return entity
        if self.main_file_present:
            main_name = self.naming.stems[_Part.MAIN]
            self._error(row.location(), f"no entry with this ent_num in {main_name}.csv")
        elif create:
            entity = Entity(f"{self.naming.list_name}:{row.ent_num}", Schema.LEGAL_ENTITY)
            self.entities[row.ent_num] = entity
        else:
            self.nameless.add(row.ent_num)
        return entity

    def _remarks_of(self, row: _Row, column: str) -> _PendingRemarks:
        """The remark being assembled for the row's entry; it is located where it starts."""
        return self.remarks.setdefault(row.ent_num, _PendingRemarks(row.location(column)))

    def _error(self, location: Location, message: str) -> None:
        self.snapshot.errors.append(RecordProblem(location, message))

    def _warn(self, location: Location, message: str) -> None:
        self.snapshot.warnings.append(RecordProblem(location, message))


def _programs(text: str | None) -> list[str]:
    """``SDGT] [IFSR`` (OFAC's bracketed list without its outer brackets) -> both codes."""
    if not text:
        return []
    codes = (clean(code.strip("[] ")) for code in re.split(r"\]\s*\[", text))
    return [code for code in codes if code]


def _add_vessel_columns(entity: Entity, row: _Row) -> None:
    call_sign = row.values["Call_Sign"]
    if call_sign:
        entity.identifiers.append(Identifier(IdType.CALL_SIGN, call_sign, note="Call_Sign"))
    for column, key in _VESSEL_PROPERTIES.items():
        entity.add_property(key, row.values[column])
    entity.add_property("flag", country_or_text(row.values["Vess_flag"]))


# -- a whole set ------------------------------------------------------------------------------


def _parse(files: Sequence[Path], naming: _SetNaming) -> ListSnapshot:
    """Read one OFAC CSV set (any of its four files may be absent, see the module notes)."""
    if not files:
        raise ListFormatError(Location("(no file)"), f"{naming.format_name}: no file given")
    texts = {path: _decode(path) for path in files}
    members = _members(texts, naming)
    snapshot = ListSnapshot(naming.list_name, naming.format_name, list(files))
    builder = _SetBuilder(naming, snapshot, _Part.MAIN in members)
    readers = {
        _Part.MAIN: builder.add_entry,
        _Part.ALIASES: builder.add_alias,
        _Part.ADDRESSES: builder.add_address,
        _Part.COMMENTS: builder.add_comment,
    }
    for part, read in readers.items():  # aliases before addresses: they create entities
        if part in members:
            path = members[part]
            for row in _read_rows(path, texts[path], part, snapshot.errors):
                read(row)
    builder.finish()
    if _Part.MAIN not in members:
        snapshot.warnings.append(_missing_main_warning(files, builder))
    return snapshot


def _members(texts: dict[Path, str], naming: _SetNaming) -> dict[_Part, Path]:
    """Which file is which member of the set: by name, else by the shape of its first row."""
    members: dict[_Part, Path] = {}
    for path, text in texts.items():
        named = _part_by_name(path, naming)
        part = named[0] if named else _shape_of_text(text)
        if part is None:
            raise ListFormatError(Location(str(path)), "not a file of an OFAC CSV set")
        if part in members:
            message = f"a second {part.name.lower()} file in one set (first: {members[part]})"
            raise ListFormatError(Location(str(path)), message)
        members[part] = path
    return members


def _shape_of_text(text: str) -> _Part | None:
    """The member a file is, judged by its first row."""
    for _, line in _numbered_lines(text):
        try:
            return _shape(_csv_values(line))
        except csv.Error:
            return None
    return None


def _missing_main_warning(files: Sequence[Path], builder: _SetBuilder) -> RecordProblem:
    suffix = next((named[1] for f in files if (named := _part_by_name(f, builder.naming))), "")
    main_file = files[0].parent / f"{builder.naming.stems[_Part.MAIN]}{suffix}.csv"
    message = (
        f"main file missing: {len(builder.entities):,} entries are known only by their alias "
        f"names (schema LegalEntity, no primary name, type or programme); "
        f"{len(builder.nameless):,} entries with only addresses or remarks have no name "
        "and were left out"
    )
    return RecordProblem(Location(str(main_file)), message)


FORMATS: list[ListFormat] = [
    ListFormat(
        name=naming.format_name,
        list_name=naming.list_name,
        description=description,
        sniff=partial(_sniff, naming=naming),
        parse=partial(_parse, naming=naming),
        companions=partial(_companions, naming=naming),
    )
    for naming, description in (
        (_SDN, "OFAC SDN list, legacy CSV set (sdn.csv, alt.csv, add.csv, sdn_comments.csv)"),
        (
            _CONSOLIDATED,
            "OFAC Consolidated (non-SDN) list, legacy CSV set "
            "(cons_prim.csv, cons_alt.csv, cons_add.csv, cons_comments.csv)",
        ),
    )
]
