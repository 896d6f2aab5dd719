"""EU Financial Sanctions Files (FSF): XML v1.0, CSV v1.0 and the current XML v1.1.

All three carry the same records: an entity with names ("name aliases"), birth dates,
citizenships, addresses and identity documents, each detail citing the regulation that
introduced it.  Entity ids are ``eu:<logical id>``: the EU keeps an entity's logical id
across versions and formats (``ENTITY Id`` in v1.0, ``Entity_logical_id`` in the CSV,
``sanctionEntity logicalId`` in v1.1).  The EU reference number (``EU.27.28``) goes to
``properties["eu_reference"]``.

The EU gives no listing date in v1.0 and only sometimes (``designationDate``) in v1.1;
elsewhere ``listed_on`` is the earliest publication date among the legal acts the entry
cites, the closest the file comes to it.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from lxml import etree

from watchkeeper.countries import country_or_text
from watchkeeper.dates import iso_date, parse_date, parse_single_date
from watchkeeper.model import (
    Address,
    DateSpec,
    Entity,
    Identifier,
    IdType,
    Name,
    NameKind,
    Schema,
)
from watchkeeper.sources.base import (
    ListFormat,
    ListFormatError,
    ListSnapshot,
    Location,
)
from watchkeeper.sources.cleaning import clean
from watchkeeper.sources.recordkit import (
    SnapshotBuilder,
    decode_text,
    is_latin,
    parse_gender,
    read_bytes,
)
from watchkeeper.sources.xmlsafe import (
    children,
    element_text,
    iter_records,
    local_name,
    source_line,
)

_T = TypeVar("_T")

LIST_NAME = "eu"
FORMAT_XML_V10 = "eu-fsf-xml-1.0"
FORMAT_CSV_V10 = "eu-fsf-csv-1.0"
FORMAT_XML_V11 = "eu-fsf-xml-1.1"
V11_NAMESPACE = "http://eu.europa.ec/fpi/fsd/export"

_PLACEHOLDERS = frozenset({"-", "n/a", "unknown"})
_UNKNOWN_COUNTRY = "00"

_SCHEMAS = {
    "p": Schema.PERSON,
    "person": Schema.PERSON,
    "e": Schema.ORGANIZATION,
    "enterprise": Schema.ORGANIZATION,
}

# identificationTypeCode values (v1.1), also packed into v1.0 numbers as "(code-Label)".
_ID_TYPES = {
    "passport": IdType.PASSPORT,
    "id": IdType.NATIONAL_ID,
    "ssn": IdType.NATIONAL_ID,
    "fiscalcode": IdType.TAX_ID,
    "regnumber": IdType.REGISTRATION,
    "swiftbic": IdType.BIC,
    "imo": IdType.IMO,
}
_ID_FLAGS = {
    "diplomatic": "diplomatic",
    "knownExpired": "known expired",
    "knownFalse": "known false",
    "reportedLost": "reported lost",
    "revokedByIssuer": "revoked by issuer",
}


# --- values shared by all three formats ------------------------------------------------------


def _value(text: str | None) -> str | None:
    """Cleaned text, or None for empty text and the lists' placeholders (``-``, ``N/A``)."""
    value = clean(text)
    if value is None or value.casefold() in _PLACEHOLDERS:
        return None
    return value


def _country(*texts: str | None) -> str | None:
    """The first of ``texts`` that names a country: its code where it resolves, else the text."""
    for text in texts:
        value = _value(text)
        if value and value != _UNKNOWN_COUNTRY:
            return country_or_text(value)
    return None


def _schema(*codes: str | None) -> Schema:
    """The schema for the first known subject type code (``P``, ``person``, ``E``, ...)."""
    for code in codes:
        schema = _SCHEMAS.get((code or "").strip().lower())
        if schema:
            return schema
    return Schema.LEGAL_ENTITY


def _is_unreadable(text: str) -> bool:
    """True when most of a name was lost to ``?`` (letters the export could not encode)."""
    visible = text.replace(" ", "")
    return visible.count("?") * 2 > len(visible)


def _joined(*parts: str | None, separator: str = ", ") -> str | None:
    """The non-empty ``parts`` joined, or None."""
    values = [value for part in parts if (value := _value(part))]
    return separator.join(values) or None


def _append_new(items: list[_T], item: _T) -> None:
    if item not in items:
        items.append(item)


def _id_type(code: str | None) -> IdType:
    return _ID_TYPES.get((code or "").strip().lower(), IdType.OTHER)


# --- one entity, whichever format it comes from ---------------------------------------------


@dataclass(slots=True)
class _NameText:
    """A name as a list gives it, before it is classified."""

    whole: str | None
    given: str | None = None
    middle: str | None = None
    family: str | None = None
    title: str | None = None
    lang: str | None = None
    weak: bool = False

    def full(self) -> str | None:
        return _value(self.whole) or _joined(self.given, self.middle, self.family, separator=" ")


class _EntityBuilder:
    """Collects one entity's details and reports values it can keep only as text."""

    def __init__(self, logical_id: str, schema: Schema, kit: SnapshotBuilder) -> None:
        self.entity = Entity(id=f"{LIST_NAME}:{logical_id}", schema=schema)
        self._kit = kit
        self._act_dates: list[str] = []
        self._designated_on: str | None = None

    def add_name(self, name: _NameText, location: Location) -> None:
        full = name.full()
        if not full or any(known.full == full for known in self.entity.names):
            return
        if _is_unreadable(full):
            self.entity.add_property("unreadable_name", full)
            self._kit.warn(
                location, f"name {full!r} lost its letters to '?' in the file; kept as text"
            )
            return
        kind = NameKind.ALIAS
        if name.weak:
            kind = NameKind.WEAK_ALIAS
        elif not is_latin(full):
            kind = NameKind.ORIGINAL_SCRIPT
        self.entity.names.append(
            Name(
                full,
                kind,
                given=_value(name.given),
                middle=_value(name.middle),
                family=_value(name.family),
                title=_value(name.title),
                lang=(_value(name.lang) or "").lower() or None,
            )
        )

    def set_gender(self, code: str | None) -> None:
        gender = parse_gender(code)
        if gender and self.entity.gender is None:
            self.entity.gender = gender

    def add_birth_date(self, spec: DateSpec | None, raw: str | None, location: Location) -> None:
        """Add a parsed birth date; ``raw`` text that did not parse is kept with a warning."""
        if spec:
            _append_new(self.entity.birth_dates, spec)
        elif raw:
            self.entity.add_property("birth_date", raw)
            self._kit.warn(location, f"birth date {raw!r} not understood; kept as text")

    def add_birth_place(self, place: str | None, country: str | None) -> None:
        if place:
            _append_new(self.entity.birth_places, place)
        self.entity.add_property("birth_country", country)

    def add_nationality(self, country: str | None) -> None:
        if country:
            _append_new(self.entity.nationalities, country)

    def add_address(self, address: Address | None, country: str | None) -> None:
        if address:
            _append_new(self.entity.addresses, address)
        if country:
            _append_new(self.entity.countries, country)

    def add_identifier(self, identifier: Identifier) -> None:
        known = [(i.type, i.value, i.country) for i in self.entity.identifiers]
        if (identifier.type, identifier.value, identifier.country) not in known:
            self.entity.identifiers.append(identifier)

    def add_remark(self, text: str | None) -> None:
        remark = _value(text)
        if remark:
            _append_new(self.entity.remarks, remark)

    def add_act(
        self, programme: str | None, legal_basis: str | None, published_on: str | None
    ) -> None:
        """Record a legal act the entry cites: its programme, title and publication date."""
        program = _value(programme)
        if program:
            _append_new(self.entity.programs, program)
        self.entity.add_property("legal_basis", _value(legal_basis))
        act_date = parse_single_date(published_on or "")
        if act_date:
            self._act_dates.append(act_date)

    def set_designation_date(self, text: str | None) -> None:
        self._designated_on = parse_single_date(text or "")

    def build(self) -> Entity:
        """The entity, with its primary name chosen and its listing date set."""
        _mark_primary(self.entity.names)
        self.entity.listed_on = self._designated_on or min(self._act_dates, default=None)
        return self.entity


def _mark_primary(names: list[Name]) -> None:
    """Make the best Latin, strong name primary: split into parts, English or unlabelled first.

    The EU marks no name as the main one and its order is not meaningful.
    """
    candidates = [
        (name.family is None, name.lang not in (None, "en"), index)
        for index, name in enumerate(names)
        if name.kind is NameKind.ALIAS
    ]
    if candidates:
        names[min(candidates)[2]].kind = NameKind.PRIMARY


# --- XML v1.0 and CSV v1.0: the same records, as elements or as columns ---------------------


@dataclass(frozen=True, slots=True)
class _Detail:
    """One v1.0 record part: the entity header (``ENTITY``) or a NAME, BIRTH, ... of it.

    ``fields`` uses the XML element and attribute names (``WHOLENAME``, ``reg_date``);
    ``sources`` maps them to the file's own names (CSV ``Naal_wholename``) for messages.
    """

    section: str
    fields: Mapping[str, str]
    file: str
    line: int | None
    element: str
    sources: Mapping[str, str] = field(default_factory=dict)

    def get(self, name: str) -> str | None:
        return _value(self.fields.get(name))

    def at(self, name: str | None = None) -> Location:
        column = self.sources.get(name, name) if name else None
        return Location(self.file, self.line, self.element, column)


def _v10_header(builder: _EntityBuilder, detail: _Detail) -> None:
    builder.add_remark(detail.get("remark"))
    builder.entity.add_property("eu_reference", detail.get("eu_reference"))


def _v10_name(builder: _EntityBuilder, detail: _Detail) -> None:
    name = _NameText(
        whole=detail.get("WHOLENAME"),
        given=detail.get("FIRSTNAME"),
        middle=detail.get("MIDDLENAME"),
        family=detail.get("LASTNAME"),
        title=detail.get("TITLE"),
        lang=detail.get("LANGUAGE"),
    )
    builder.add_name(name, detail.at("WHOLENAME"))
    builder.set_gender(detail.get("GENDER"))
    builder.entity.add_property("position", detail.get("FUNCTION"))


_APPROXIMATE = re.compile(r"\s*\(approximative\)\s*$", re.IGNORECASE)


def _v10_birth_date(text: str) -> DateSpec | None:
    """``1957``, ``1974-12-11``, ``1957 (approximative)``, ``1960 - 1965 (approximative)``."""
    body, approximate = _APPROXIMATE.subn("", text)
    spec = parse_date(body)
    if spec and approximate:
        spec.circa = True
    return spec


def _v10_birth(builder: _EntityBuilder, detail: _Detail) -> None:
    raw = detail.get("DATE")
    builder.add_birth_date(_v10_birth_date(raw) if raw else None, raw, detail.at("DATE"))
    builder.add_birth_place(detail.get("PLACE"), _country(detail.get("COUNTRY")))


_PACKED_ID = re.compile(
    r"^(?P<number>.*?)\s*\((?P<code>[a-z]+)-(?P<label>[^()]*)\)(?P<rest>.*)$", re.S
)


def _v10_identifier(builder: _EntityBuilder, detail: _Detail) -> None:
    """``AD001095 (passport-National passport) ((passport))``: number, type, label, remark."""
    text = detail.get("NUMBER")
    if not text:
        return
    country = _country(detail.get("COUNTRY"))
    packed = _PACKED_ID.match(text)
    if not packed:
        builder.add_identifier(Identifier(IdType.OTHER, text, country))
        return
    number = _value(packed["number"])
    if number:
        note = _joined(packed["label"], packed["rest"], separator="; ")
        builder.add_identifier(Identifier(_id_type(packed["code"]), number, country, note))


def _v10_citizen(builder: _EntityBuilder, detail: _Detail) -> None:
    builder.add_nationality(_country(detail.get("COUNTRY")))


def _v10_address(builder: _EntityBuilder, detail: _Detail) -> None:
    country = _country(detail.get("COUNTRY"))
    street = _joined(detail.get("NUMBER"), detail.get("STREET"), separator=" ")
    city, postal_code = detail.get("CITY"), detail.get("ZIPCODE")
    full = _joined(street, postal_code, city)
    address = (
        Address(full, street, city, postal_code=postal_code, country=country) if full else None
    )
    builder.add_address(address, country)
    builder.add_remark(detail.get("OTHER"))


_V10_HANDLERS: dict[str, Callable[[_EntityBuilder, _Detail], None]] = {
    "ENTITY": _v10_header,
    "NAME": _v10_name,
    "BIRTH": _v10_birth,
    "PASSPORT": _v10_identifier,
    "CITIZEN": _v10_citizen,
    "ADDRESS": _v10_address,
}


def _v10_entity(details: Sequence[_Detail], kit: SnapshotBuilder) -> Entity | None:
    """Build one entity from its header detail(s) and parts; None (with an error) if unusable."""
    header = details[0]
    logical_id = header.get("Id")
    if not logical_id:
        kit.error(header.at("Id"), "entity without a logical id")
        return None
    builder = _EntityBuilder(logical_id, _schema(header.get("Type")), kit)
    for detail in details:
        builder.add_act(detail.get("programme"), detail.get("legal_basis"), detail.get("reg_date"))
        handler = _V10_HANDLERS.get(detail.section)
        if handler:
            handler(builder, detail)
    if not builder.entity.names:
        kit.error(header.at(), f"entity {logical_id} has no name")
        return None
    return builder.build()


def _only_file(files: Sequence[Path], format_name: str) -> Path:
    if len(files) != 1:
        names = ", ".join(str(f) for f in files) or "no file"
        raise ListFormatError(Location(names), f"{format_name} reads exactly one file")
    return files[0]


def _xml_v10_details(record: etree._Element, file: str) -> list[_Detail]:
    """The ENTITY header and its NAME / BIRTH / PASSPORT / CITIZEN / ADDRESS children."""
    element = f"ENTITY[{record.get('Id', '?')}]"
    details = [_Detail("ENTITY", _attributes(record), file, source_line(record), element)]
    for child in record:
        if not isinstance(child.tag, str):
            continue
        fields = _attributes(child)
        fields.update(
            {
                local_name(part): element_text(part) or ""
                for part in child
                if isinstance(part.tag, str)
            }
        )
        section = local_name(child)
        details.append(_Detail(section, fields, file, source_line(child), f"{element}/{section}"))
    return details


def _attributes(element: etree._Element) -> dict[str, str]:
    return {str(key): str(value) for key, value in element.attrib.items()}


_RecordBuilder = Callable[[etree._Element, str, SnapshotBuilder], Entity | None]


def _parse_xml(
    files: Sequence[Path],
    format_name: str,
    record_tag: str,
    root: etree.QName,
    published: Callable[[etree._Element], str | None],
    build: _RecordBuilder,
) -> ListSnapshot:
    """Stream the ``record_tag`` records of an XML list whose root element must be ``root``."""
    path = _only_file(files, format_name)
    file = str(path)
    snapshot = ListSnapshot(LIST_NAME, format_name, [path])
    kit = SnapshotBuilder(snapshot)
    seen_root = False
    for record in iter_records(path, {record_tag}, file):
        if not seen_root:
            snapshot.published = published(_require_root(record, root, file))
            seen_root = True
        entity = build(record, file, kit)
        if entity:
            kit.add(entity, Location(file, source_line(record), record_tag))
    if not seen_root:
        raise ListFormatError(
            Location(file), f"no {root.localname}/{record_tag} records: not {format_name}"
        )
    return snapshot


def _require_root(record: etree._Element, root: etree.QName, file: str) -> etree._Element:
    """The root element holding ``record``, checked to be ``root`` (name and namespace)."""
    parent = record.getparent()
    if parent is None or etree.QName(parent) != root:
        found = etree.QName(parent).text if parent is not None else "nothing"
        raise ListFormatError(
            Location(file, source_line(record), local_name(record)),
            f"record is inside <{found}>, not <{root.text}>: not this EU file format",
        )
    return parent


def _xml_v10_entity(record: etree._Element, file: str, kit: SnapshotBuilder) -> Entity | None:
    return _v10_entity(_xml_v10_details(record, file), kit)


def parse_xml_v10(files: Sequence[Path]) -> ListSnapshot:
    """Read an EU FSF XML v1.0 file (``WHOLE/ENTITY``)."""
    return _parse_xml(
        files,
        FORMAT_XML_V10,
        "ENTITY",
        etree.QName("WHOLE"),
        lambda root: parse_single_date(root.get("Date") or ""),
        _xml_v10_entity,
    )


# --- CSV v1.0 ---------------------------------------------------------------------------------

_CSV_SECTIONS = {
    "naal": "NAME",
    "addr": "ADDRESS",
    "birt": "BIRTH",
    "iden": "PASSPORT",
    "citi": "CITIZEN",
}
_CSV_ENTITY_COLUMNS = {
    "entity_logical_id": "Id",
    "subject_type": "Type",
    "leba_numtitle": "legal_basis",
    "leba_publication_date": "reg_date",
    "programme": "programme",
    "entity_remark": "remark",
    "eu_ref_num": "eu_reference",
}
_CSV_DETAIL_COLUMNS = {
    "logical_id": "Id",
    "leba_numtitle": "legal_basis",
    "leba_publication_date": "reg_date",
    "programme": "programme",
}
_CSV_FILE_DATE = "file_date"


@dataclass(frozen=True, slots=True)
class _CsvLayout:
    """Where each field sits in a CSV v1.0 row, per section (``ENTITY``, ``NAME``, ...)."""

    header: list[str]
    columns: dict[str, dict[str, int]]

    @classmethod
    def from_header(cls, header: list[str], file: str) -> _CsvLayout:
        columns: dict[str, dict[str, int]] = {}
        for index, raw_name in enumerate(header):
            section, name = _csv_field(raw_name.strip())
            # "Entity_logical_id" repeats in every section: the first one is the entity's.
            columns.setdefault(section, {}).setdefault(name, index)
        if "Id" not in columns.get("ENTITY", {}) or "WHOLENAME" not in columns.get("NAME", {}):
            raise ListFormatError(
                Location(file, 1, "header"),
                "no Entity_logical_id / Naal_wholename columns: not an EU CSV v1.0 file",
            )
        return cls(header, columns)

    def details(self, row: list[str], file: str, line: int) -> list[_Detail]:
        """The entity header of ``row`` and each section that the row fills."""
        details: list[_Detail] = []
        for section, columns in self.columns.items():
            if section != "ENTITY" and not row[columns["Id"]].strip():
                continue
            fields = {name: _csv_value(row[index]) for name, index in columns.items()}
            sources = {name: self.header[index] for name, index in columns.items()}
            element = "row" if section == "ENTITY" else f"row {section}"
            details.append(_Detail(section, fields, file, line, element, sources))
        return details


def _csv_value(text: str) -> str:
    """A CSV value as written: the export writes line breaks as ``\\n`` and commas as tabs."""
    return text.replace("\\n", "\n").replace("\t", ",")


def _csv_field(column: str) -> tuple[str, str]:
    """The (section, field) a CSV column holds, in the XML v1.0 names."""
    prefix, _, rest = column.partition("_")
    section = _CSV_SECTIONS.get(prefix.lower())
    if section:
        return section, _CSV_DETAIL_COLUMNS.get(rest.lower(), rest.upper())
    if column.lower().startswith("date_file"):
        return "ENTITY", _CSV_FILE_DATE
    return "ENTITY", _CSV_ENTITY_COLUMNS.get(column.lower(), column)


def _csv_rows(text: str, file: str) -> Iterator[tuple[int, list[str]]]:
    """(line, fields) per row; each line may be wrapped whole in quotes, as the EU does.

    The tabs that pad the end of each line are dropped.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";", strict=True)
    try:
        for record in reader:
            if len(record) == 1 and ";" in record[0]:
                record = next(csv.reader([record[0]], delimiter=";"))
            if record:
                record[-1] = record[-1].rstrip("\t")
                yield reader.line_num, record
    except csv.Error as error:
        raise ListFormatError(
            Location(file, reader.line_num), f"broken CSV (truncated file?): {error}"
        ) from error


def parse_csv_v10(files: Sequence[Path]) -> ListSnapshot:
    """Read an EU FSF CSV v1.0 file: one ``;``-separated row per detail of an entity."""
    path = _only_file(files, FORMAT_CSV_V10)
    file = str(path)
    text = decode_text(read_bytes(path), file)
    kit = SnapshotBuilder(ListSnapshot(LIST_NAME, FORMAT_CSV_V10, [path]))
    rows = _csv_rows(text, file)
    header = next(rows, None)
    if header is None:
        raise ListFormatError(Location(file), "no header row")
    layout = _CsvLayout.from_header(header[1], file)
    last_line = None if text.endswith("\n") else text.count("\n") + 1
    grouped, last_row = _group_rows(rows, layout, kit, last_line)
    for details in grouped.values():
        entity = _v10_entity(details, kit)
        if entity:
            kit.add(entity, details[0].at())
    kit.warn(
        Location(file, last_row.line, f"entity {LIST_NAME}:{last_row.get('Id')}"),
        "the file ends with this entity's rows and the CSV has no end marker (nor a row "
        "count): rows of this entity may have been cut off",
    )
    return kit.snapshot


def _group_rows(
    rows: Iterator[tuple[int, list[str]]],
    layout: _CsvLayout,
    kit: SnapshotBuilder,
    unterminated_line: int | None,
) -> tuple[dict[str, list[_Detail]], _Detail]:
    """The details of each entity id, and the header detail of the last row.

    Rows that cannot be read become errors; a short last line with no line break after it
    means the file was cut mid-row.
    """
    file = str(kit.snapshot.files[0])
    grouped: dict[str, list[_Detail]] = {}
    last_row: _Detail | None = None
    for line, row in rows:
        if len(row) != len(layout.header):
            problem = f"{len(row)} fields where the header has {len(layout.header)}"
            if line == unterminated_line:
                raise ListFormatError(Location(file, line, "row"), f"file ends mid-row: {problem}")
            kit.error(Location(file, line, "row"), problem)
            continue
        details = layout.details(row, file, line)
        logical_id = details[0].get("Id")
        if not logical_id:
            kit.error(details[0].at("Id"), "row without an entity id")
            continue
        kit.snapshot.published = kit.snapshot.published or parse_single_date(
            details[0].get(_CSV_FILE_DATE) or ""
        )
        grouped.setdefault(logical_id, []).extend(details)
        last_row = details[0]
    if last_row is None:
        raise ListFormatError(Location(file), "no data rows after the header")
    return grouped, last_row


# --- XML v1.1 ---------------------------------------------------------------------------------


@dataclass(slots=True)
class _V11Context:
    builder: _EntityBuilder
    file: str
    element: str

    def at(self, node: etree._Element, attribute: str | None = None) -> Location:
        element = f"{self.element}/{local_name(node)}"
        return Location(self.file, source_line(node), element, attribute)


def _attr(node: etree._Element, name: str) -> str | None:
    return _value(node.get(name))


def _node_country(node: etree._Element) -> str | None:
    return _country(node.get("countryIso2Code"), node.get("countryDescription"))


def _v11_name(context: _V11Context, node: etree._Element) -> None:
    name = _NameText(
        whole=_attr(node, "wholeName"),
        given=_attr(node, "firstName"),
        middle=_attr(node, "middleName"),
        family=_attr(node, "lastName"),
        title=_attr(node, "title"),
        lang=_attr(node, "nameLanguage"),
        weak=node.get("strong") == "false",
    )
    context.builder.add_name(name, context.at(node, "wholeName"))
    context.builder.set_gender(node.get("gender"))
    context.builder.entity.add_property("position", _attr(node, "function"))
    context.builder.add_remark(_child_remarks(node))


def _v11_exact_birth(node: etree._Element) -> tuple[DateSpec | None, str | None]:
    """The ``birthdate`` attribute, else ``year`` / ``monthOfYear`` / ``dayOfMonth``.

    Returns the date, or None and the text that could not be read.
    """
    whole, year = _attr(node, "birthdate"), _attr(node, "year")
    date = parse_single_date(whole) if whole else None
    if date is None and year and year.isdigit():
        month, day = _attr(node, "monthOfYear") or "0", _attr(node, "dayOfMonth") or "0"
        month = month if month.isdigit() else "0"
        date = iso_date(year, month, day if day.isdigit() else "0")
    if date is None:
        return None, whole or year
    return DateSpec(date, circa=node.get("circa") == "true"), None


def _v11_birth_range(node: etree._Element) -> tuple[DateSpec | None, str | None]:
    """``yearRangeFrom`` .. ``yearRangeTo``; a range open at one end is kept as text."""
    low, high = _attr(node, "yearRangeFrom"), _attr(node, "yearRangeTo")
    if low and high and low.isdigit() and high.isdigit():
        return DateSpec(iso_date(low), iso_date(high), circa=node.get("circa") == "true"), None
    if low or high:
        return None, f"{low or ''}..{high or ''}"
    return None, None


def _v11_birth(context: _V11Context, node: etree._Element) -> None:
    builder = context.builder
    calendar = _attr(node, "calendarType")
    if calendar and calendar.upper() != "GREGORIAN":
        raw = _joined(_attr(node, "birthdate") or _attr(node, "year"), calendar, separator=" ")
        builder.add_birth_date(None, raw, context.at(node, "calendarType"))
    elif _attr(node, "birthdate") or _attr(node, "year"):
        builder.add_birth_date(*_v11_exact_birth(node), context.at(node, "birthdate"))
    else:
        builder.add_birth_date(*_v11_birth_range(node), context.at(node, "yearRangeFrom"))
    place = _joined(_attr(node, "place"), _attr(node, "city"), _attr(node, "region"))
    builder.add_birth_place(place, _node_country(node))


def _v11_citizenship(context: _V11Context, node: etree._Element) -> None:
    context.builder.add_nationality(_node_country(node))


def _v11_identification(context: _V11Context, node: etree._Element) -> None:
    flags = [label for attribute, label in _ID_FLAGS.items() if node.get(attribute) == "true"]
    note = _joined(
        _attr(node, "identificationTypeDescription"),
        _child_remarks(node),
        *flags,
        separator="; ",
    )
    id_type = _id_type(node.get("identificationTypeCode"))
    country = _node_country(node)
    for number in (_attr(node, "number"), _attr(node, "latinNumber")):
        if number:
            context.builder.add_identifier(Identifier(id_type, number, country, note))


def _v11_address(context: _V11Context, node: etree._Element) -> None:
    country = _node_country(node)
    street, city = _attr(node, "street"), _attr(node, "city")
    postal_code = _joined(_attr(node, "poBox"), _attr(node, "zipCode"))
    region = _joined(_attr(node, "region"), _attr(node, "place"))
    full = _joined(street, postal_code, city, region)
    if full:
        full = _joined(full, _attr(node, "countryDescription"))
    address = Address(full, street, city, region, postal_code, country) if full else None
    context.builder.add_address(address, country)
    for contact in children(node, "contactInfo"):
        key = (_attr(contact, "key") or "contact").lower()
        context.builder.entity.add_property(key, _attr(contact, "value"))


def _v11_regulation(context: _V11Context, node: etree._Element) -> None:
    context.builder.add_act(
        node.get("programme"), node.get("numberTitle"), node.get("publicationDate")
    )


def _v11_remark(context: _V11Context, node: etree._Element) -> None:
    context.builder.add_remark(element_text(node))


_V11_HANDLERS: dict[str, Callable[[_V11Context, etree._Element], None]] = {
    "nameAlias": _v11_name,
    "birthdate": _v11_birth,
    "citizenship": _v11_citizenship,
    "identification": _v11_identification,
    "address": _v11_address,
    "regulation": _v11_regulation,
    "remark": _v11_remark,
}


def _child_remarks(node: etree._Element) -> str | None:
    return _joined(*(element_text(remark) for remark in children(node, "remark")), separator="; ")


def _v11_entity(record: etree._Element, file: str, kit: SnapshotBuilder) -> Entity | None:
    """Build one ``sanctionEntity``; None (with an error) if it has no logical id or name."""
    logical_id = _attr(record, "logicalId")
    element = f"sanctionEntity[{logical_id or '?'}]"
    if not logical_id:
        kit.error(Location(file, source_line(record), element, "logicalId"), "no logicalId")
        return None
    subject = next(iter(children(record, "subjectType")), None)
    codes = (subject.get("code"), subject.get("classificationCode")) if subject is not None else ()
    builder = _EntityBuilder(logical_id, _schema(*codes), kit)
    builder.entity.add_property("eu_reference", _attr(record, "euReferenceNumber"))
    builder.entity.add_property("un_reference", _attr(record, "unitedNationId"))
    builder.add_remark(record.get("designationDetails"))
    builder.set_designation_date(record.get("designationDate"))
    context = _V11Context(builder, file, element)
    for child in record:
        if not isinstance(child.tag, str):
            continue
        handler = _V11_HANDLERS.get(local_name(child))
        if handler:
            handler(context, child)
        for summary in children(child, "regulationSummary"):
            builder.add_act(None, None, summary.get("publicationDate"))
    if not builder.entity.names:
        kit.error(Location(file, source_line(record), element, "nameAlias"), "no name")
        return None
    return builder.build()


def parse_xml_v11(files: Sequence[Path]) -> ListSnapshot:
    """Read an EU FSF XML v1.1 file (``export/sanctionEntity``, the current format)."""
    return _parse_xml(
        files,
        FORMAT_XML_V11,
        "sanctionEntity",
        etree.QName(V11_NAMESPACE, "export"),
        lambda root: _value(root.get("generationDate")),
        _v11_entity,
    )


# --- sniffing ---------------------------------------------------------------------------------

_COMMENT = re.compile(rb"<!--.*?-->", re.S)
_START_TAG = re.compile(rb"<(?![?!])(?:[\w.\-]+:)?([\w.\-]+)([^>]*)>")


def _root_start_tag(head: bytes) -> tuple[bytes, bytes] | None:
    """(local name, attribute text) of the first element in ``head``, if there is one."""
    match = _START_TAG.search(_COMMENT.sub(b"", head))
    return (match[1], match[2]) if match else None


def _sniff_xml_v10(_path: Path, head: bytes) -> bool:
    root = _root_start_tag(head)
    return root is not None and root[0] == b"WHOLE"


def _sniff_xml_v11(_path: Path, head: bytes) -> bool:
    root = _root_start_tag(head)
    return root is not None and root[0] == b"export" and V11_NAMESPACE.encode() in root[1]


def _sniff_csv_v10(_path: Path, head: bytes) -> bool:
    first_line = head.split(b"\n", 1)[0].lower()
    return b"entity_logical_id" in first_line and b"naal_wholename" in first_line


FORMATS: list[ListFormat] = [
    ListFormat(
        FORMAT_XML_V11,
        LIST_NAME,
        "EU Financial Sanctions Files XML v1.1 (export/sanctionEntity)",
        _sniff_xml_v11,
        parse_xml_v11,
    ),
    ListFormat(
        FORMAT_XML_V10,
        LIST_NAME,
        "EU Financial Sanctions Files XML v1.0 (WHOLE/ENTITY)",
        _sniff_xml_v10,
        parse_xml_v10,
    ),
    ListFormat(
        FORMAT_CSV_V10,
        LIST_NAME,
        "EU Financial Sanctions Files CSV v1.0 (';'-separated, one row per detail)",
        _sniff_csv_v10,
        parse_csv_v10,
    ),
]
