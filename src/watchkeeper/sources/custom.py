"""A firm's own watchlist, CSV or JSON lines, read through a small column mapping.

The mapping is a TOML or JSON file::

    list = "acme-watch"       # list name; entity ids are acme-watch:<row id>
    id = "ref"                # column holding each row's stable id
    name = "full_name"        # column holding the primary name
    schema = "Person"         # schema of every row, or the fallback for schema_column
    schema_column = "kind"    # optional: column naming each row's schema
    separator = ";"           # splits cells holding several values (default ";")
    delimiter = ","           # CSV field delimiter (default ",")
    format = "csv"            # csv or jsonl (default: from the data file's extension)

    [columns]                 # optional fields, field = column
    aliases = "aka"
    birth_date = "dob"

    [schema_values]           # optional: the list's own words for schemas
    I = "Person"

Fields: aliases, weak_aliases, birth_date, birth_place, nationality, country, passport,
national_id, tax_id, gender, address, program, remarks, listed_on.  Schemas are FtM names
(Person, Organization, Company, LegalEntity, Vessel, Aircraft) in any case, or individual /
entity; with neither ``schema`` nor ``schema_column`` rows are LegalEntity.  Columns the
mapping names for no field (``schema_column`` too) are kept as properties.  A row without id
or name and an id used twice are errors.  Custom lists are never sniffed: read them with
:func:`parse_custom`.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from watchkeeper.countries import country_or_text
from watchkeeper.dates import parse_single_date
from watchkeeper.model import Address, Entity, Identifier, IdType, NameKind, Schema
from watchkeeper.sources.base import ListFormat, ListFormatError, ListSnapshot, Location
from watchkeeper.sources.cleaning import clean
from watchkeeper.sources.recordkit import (
    SnapshotBuilder,
    add_birth_dates,
    add_name,
    append_new,
    decode_text,
    iter_csv,
    parse_gender,
    read_bytes,
)

FORMAT_NAME = "custom"

Row = dict[str, list[str]]

_LIST_FIELDS: dict[str, Callable[[Entity, str], None]] = {
    "aliases": lambda entity, value: add_name(entity, value),
    "weak_aliases": lambda entity, value: add_name(entity, value, NameKind.WEAK_ALIAS),
    "birth_place": lambda entity, value: append_new(entity.birth_places, value),
    "nationality": lambda entity, value: append_new(entity.nationalities, country_or_text(value)),
    "country": lambda entity, value: append_new(entity.countries, country_or_text(value)),
    "passport": lambda entity, value: entity.identifiers.append(Identifier(IdType.PASSPORT, value)),
    "national_id": lambda entity, value: entity.identifiers.append(
        Identifier(IdType.NATIONAL_ID, value)
    ),
    "tax_id": lambda entity, value: entity.identifiers.append(Identifier(IdType.TAX_ID, value)),
    "address": lambda entity, value: entity.addresses.append(Address(value)),
    "program": lambda entity, value: append_new(entity.programs, value),
}
"""Fields whose cells may hold several values, and how each value is added."""
_FIELDS = frozenset({*_LIST_FIELDS, "birth_date", "gender", "remarks", "listed_on"})
_TOP_KEYS = frozenset(
    {"list", "id", "name", "schema", "schema_column", "schema_values", "separator", "delimiter"}
    | {"format", "columns"}
)
_FORMATS = ("csv", "jsonl")
_SCHEMA_NAMES = {
    "person": Schema.PERSON,
    "individual": Schema.PERSON,
    "organization": Schema.ORGANIZATION,
    "organisation": Schema.ORGANIZATION,
    "company": Schema.ORGANIZATION,
    "entity": Schema.ORGANIZATION,
    "legalentity": Schema.LEGAL_ENTITY,
    "vessel": Schema.VESSEL,
    "aircraft": Schema.AIRCRAFT,
    "airplane": Schema.AIRCRAFT,
}
_LIST_NAME = re.compile(r"[a-z0-9][a-z0-9_.-]*")


@dataclass(frozen=True, slots=True)
class CustomMapping:
    """How to read a firm's own list: its name, its id and name columns, the other fields."""

    list_name: str
    id_column: str
    name_column: str
    columns: dict[str, str] = field(default_factory=dict)
    """Optional field (``aliases``, ``birth_date``, ...) -> column."""
    schema: Schema = Schema.LEGAL_ENTITY
    schema_column: str | None = None
    schema_values: dict[str, Schema] = field(default_factory=dict)
    separator: str = ";"
    delimiter: str = ","
    file_format: str | None = None
    """``csv`` or ``jsonl``; None: judged by the data file's extension."""


def load_mapping(path: Path) -> CustomMapping:
    """Read a mapping file (``.toml`` or ``.json``); mistakes raise naming the file and key."""
    label = str(path)
    data = _read_mapping_file(path, label)
    for key in data:
        if key not in _TOP_KEYS:
            raise _mapping_error(label, key, f"unknown key (known: {', '.join(sorted(_TOP_KEYS))})")
    list_name = _required(data, "list", label)
    if not _LIST_NAME.fullmatch(list_name):
        raise _mapping_error(label, "list", f"{list_name!r}: use lower-case letters, digits, -_.")
    file_format = _optional(data, "format", label)
    if file_format is not None and file_format not in _FORMATS:
        raise _mapping_error(label, "format", f"{file_format!r}: use csv or jsonl")
    delimiter = _optional(data, "delimiter", label) or ","
    if len(delimiter) != 1:
        raise _mapping_error(label, "delimiter", f"{delimiter!r}: must be one character")
    return CustomMapping(
        list_name=list_name,
        id_column=_required(data, "id", label),
        name_column=_required(data, "name", label),
        columns=_columns(data, label),
        schema=_schema(_optional(data, "schema", label) or "LegalEntity", label, "schema"),
        schema_column=_optional(data, "schema_column", label),
        schema_values={
            word: _schema(schema, label, f"schema_values.{word}")
            for word, schema in _table(data, "schema_values", label).items()
        },
        separator=_optional(data, "separator", label) or ";",
        delimiter=delimiter,
        file_format=file_format,
    )


def _read_mapping_file(path: Path, label: str) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ListFormatError(Location(label), f"cannot read the mapping file: {error}") from error
    try:
        if path.suffix.lower() == ".toml":
            data: Any = tomllib.loads(text)
        elif path.suffix.lower() == ".json":
            data = json.loads(text)
        else:
            raise ListFormatError(Location(label), "a mapping file must be .toml or .json")
    except json.JSONDecodeError as error:
        raise ListFormatError(
            Location(label, error.lineno), f"not valid JSON: {error.msg}"
        ) from error
    except tomllib.TOMLDecodeError as error:
        raise ListFormatError(Location(label), f"not valid TOML: {error}") from error
    if not isinstance(data, dict):
        raise ListFormatError(Location(label), "the mapping must be a table / JSON object")
    return data


def _mapping_error(label: str, key: str, message: str) -> ListFormatError:
    return ListFormatError(Location(label, field=key), message)


def _required(data: dict[str, Any], key: str, label: str) -> str:
    value = _optional(data, key, label)
    if value is None:
        raise _mapping_error(label, key, "missing")
    return value


def _optional(data: dict[str, Any], key: str, label: str) -> str | None:
    """``data[key]`` as non-empty text, or None when absent."""
    if key not in data:
        return None
    value = data[key]
    if not isinstance(value, str) or not value.strip():
        raise _mapping_error(label, key, f"{value!r}: must be non-empty text")
    return value if key in ("separator", "delimiter") else value.strip()


def _table(data: dict[str, Any], key: str, label: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise _mapping_error(label, key, "must be a table of name = value")
    return value


def _columns(data: dict[str, Any], label: str) -> dict[str, str]:
    columns = _table(data, "columns", label)
    for name in columns:
        if name not in _FIELDS:
            known = ", ".join(sorted(_FIELDS))
            raise _mapping_error(label, f"columns.{name}", f"unknown field (known: {known})")
    for name, column in columns.items():
        if not isinstance(column, str) or not column.strip():
            raise _mapping_error(label, f"columns.{name}", f"{column!r}: must be a column name")
    return {name: column.strip() for name, column in columns.items()}


def _schema(text: str, label: str, key: str) -> Schema:
    schema = schema_from_text(text)
    if schema is None:
        raise _mapping_error(label, key, f"{text!r} is not a schema (Person, Organization, ...)")
    return schema


def schema_from_text(text: str) -> Schema | None:
    """The schema a word names (``Person``, ``individual``, ``Company`` ...), or None."""
    return _SCHEMA_NAMES.get(re.sub(r"[\s_-]", "", text).lower())


def parse_custom(path: Path, mapping: CustomMapping) -> ListSnapshot:
    """Read a firm's own list file with ``mapping``."""
    label = str(path)
    snapshot = ListSnapshot(mapping.list_name, FORMAT_NAME, [path])
    builder = SnapshotBuilder(snapshot, repeats_are_errors=True)
    text = decode_text(read_bytes(path), label)
    file_format = mapping.file_format or ("jsonl" if _is_json_name(path) else "csv")
    rows = (
        _json_rows(text, label, builder)
        if file_format == "jsonl"
        else _csv_rows(text, label, mapping, builder)
    )
    for line, row in rows:
        entity = _entity(row, Location(label, line), mapping, builder)
        if entity is not None:
            builder.add(entity, Location(label, line))
    return snapshot


def custom_format(mapping: CustomMapping) -> ListFormat:
    """A list format that reads files with ``mapping`` (for ``lists import --mapping``)."""
    return ListFormat(
        name=FORMAT_NAME,
        list_name=mapping.list_name,
        description=f"own list {mapping.list_name!r} read through a column mapping",
        sniff=lambda _path, _head: True,
        parse=lambda files: parse_custom(_single_file(files, mapping), mapping),
    )


def _single_file(files: Sequence[Path], mapping: CustomMapping) -> Path:
    if len(files) != 1:
        raise ValueError(f"a custom list version is one file, got {len(files)}")
    return files[0]


def _is_json_name(path: Path) -> bool:
    suffixes = [suffix.lower() for suffix in path.suffixes]
    return any(suffix in (".jsonl", ".ndjson", ".json") for suffix in suffixes)


def _csv_rows(
    text: str, label: str, mapping: CustomMapping, builder: SnapshotBuilder
) -> Iterator[tuple[int, Row]]:
    required = [mapping.id_column, mapping.name_column, *mapping.columns.values()]
    if mapping.schema_column:
        required.append(mapping.schema_column)
    for row in iter_csv(text, label, builder, delimiter=mapping.delimiter, required=required):
        yield row.line, {column: [value] for column, value in row.values.items()}


def _json_rows(text: str, label: str, builder: SnapshotBuilder) -> Iterator[tuple[int, Row]]:
    """Rows of a JSON-lines text; a bad first or cut-off last line raises, others are errors."""
    lines = text.splitlines()
    seen_row = False
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            value = json.loads(raw)
            problem = "" if isinstance(value, dict) else "not a JSON object"
        except ValueError as error:
            problem = f"not valid JSON: {error}"
        if not problem:
            seen_row = True
            yield number, {key: _cell_texts(item) for key, item in value.items()}
        elif not seen_row:
            raise ListFormatError(Location(label, number), f"not JSON lines: {problem}")
        elif number == len(lines) and not text.endswith("\n"):
            raise ListFormatError(Location(label, number), f"the file is cut off: {problem}")
        else:
            builder.error(Location(label, number), problem)


def _cell_texts(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [
        item if isinstance(item, str) else json.dumps(item, ensure_ascii=False)
        for item in items
        if item is not None
    ]


def _entity(
    row: Row, where: Location, mapping: CustomMapping, builder: SnapshotBuilder
) -> Entity | None:
    row_id, name = _first(row, mapping.id_column), _first(row, mapping.name_column)
    if not row_id or not name:
        column = mapping.id_column if not row_id else mapping.name_column
        problem = "no id" if not row_id else "no name"
        builder.error(Location(where.file, where.line, field=column), problem)
        return None
    entity = Entity(f"{mapping.list_name}:{row_id}", _row_schema(row, where, mapping, builder))
    add_name(entity, name, NameKind.PRIMARY)
    for field_name, column in mapping.columns.items():
        at = Location(where.file, where.line, field=column)
        _add_field(entity, field_name, row.get(column, []), at, mapping.separator, builder)
    named = {mapping.id_column, mapping.name_column, *mapping.columns.values()}
    for column, values in row.items():
        if column not in named:
            for value in values:
                entity.add_property(column, clean(value))
    return entity


def _first(row: Row, column: str) -> str | None:
    return next((text for value in row.get(column, []) if (text := clean(value))), None)


def _row_schema(
    row: Row, where: Location, mapping: CustomMapping, builder: SnapshotBuilder
) -> Schema:
    word = _first(row, mapping.schema_column) if mapping.schema_column else None
    if word is None:
        return mapping.schema
    schema = mapping.schema_values.get(word) or schema_from_text(word)
    if schema is None:
        at = Location(where.file, where.line, field=mapping.schema_column)
        builder.warn(at, f"{word!r} is not a known schema; read as {mapping.schema.value}")
        return mapping.schema
    return schema


def _add_field(
    entity: Entity,
    field_name: str,
    cells: list[str],
    at: Location,
    separator: str,
    builder: SnapshotBuilder,
) -> None:
    """Add one mapped field's cell values to ``entity``."""
    texts = [text for cell in cells if (text := clean(cell))]
    if field_name == "remarks":
        entity.remarks.extend(texts)
        return
    values = [value for text in texts for part in text.split(separator) if (value := clean(part))]
    for value in values:
        if field_name in _LIST_FIELDS:
            _LIST_FIELDS[field_name](entity, value)
        elif field_name == "birth_date":
            add_birth_dates(entity, value, at, builder)
        elif field_name == "gender":
            entity.gender = parse_gender(value)
            if entity.gender is None:
                entity.add_property("gender", value)
                builder.warn(at, f"gender {value!r} is not male or female; kept as text")
        else:  # listed_on
            entity.listed_on = parse_single_date(value)
            if entity.listed_on is None:
                entity.add_property("listed_on", value)
                builder.warn(at, f"listing date {value!r} is not a date; kept as text")
