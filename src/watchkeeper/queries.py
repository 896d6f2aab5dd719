"""Reading screening queries: yente-shaped JSON (one per line) and CSV files.

A JSON query looks like the OpenSanctions ``/match`` API entity: ``{"id": "q1", "schema":
"Person", "properties": {"name": [...], "birthDate": [...], "nationality": [...], ...}}``.
A CSV file has a header with ``id`` and ``name`` and optionally ``schema``, ``birth_date``,
``nationality``, ``country``, ``gender``, ``passport``, ``id_number``, ``imo``, ``bic``
(several values in a cell separated by ``;``).  A record that cannot be read comes back as a
:class:`QueryError` naming file, line and field, and reading goes on.

Not of yente's shape: ``"namesCut": true`` (JSON, beside ``properties``) or a ``names_cut``
column of ``true`` / ``yes`` / ``1`` (CSV) says the names come from a field that cuts long
names (:attr:`watchkeeper.model.Query.names_cut`).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from watchkeeper.countries import country_or_text
from watchkeeper.dates import parse_date
from watchkeeper.model import (
    DateSpec,
    Entity,
    Gender,
    Identifier,
    IdType,
    Name,
    NameKind,
    Query,
    Schema,
)

# yente / FollowTheMoney schema names accepted in queries.
SCHEMAS: dict[str, Schema | None] = {
    "person": Schema.PERSON,
    "organization": Schema.ORGANIZATION,
    "company": Schema.ORGANIZATION,
    "publicbody": Schema.ORGANIZATION,
    "legalentity": None,
    "thing": None,
    "vessel": Schema.VESSEL,
    "aircraft": Schema.AIRCRAFT,
    "airplane": Schema.AIRCRAFT,
}
_GENDERS = {"male": Gender.MALE, "m": Gender.MALE, "female": Gender.FEMALE, "f": Gender.FEMALE}
# query property (JSON name, CSV column) -> identifier type
_IDENTIFIER_FIELDS: tuple[tuple[str, str, IdType], ...] = (
    ("passportNumber", "passport", IdType.PASSPORT),
    ("idNumber", "id_number", IdType.NATIONAL_ID),
    ("taxNumber", "tax_number", IdType.TAX_ID),
    ("registrationNumber", "registration_number", IdType.REGISTRATION),
    ("imoNumber", "imo", IdType.IMO),
    ("mmsi", "mmsi", IdType.MMSI),
    ("swiftBic", "bic", IdType.BIC),
    ("leiCode", "lei", IdType.LEI),
    ("publicKey", "crypto_address", IdType.CRYPTO),
)
CSV_SEPARATOR = ";"


@dataclass(frozen=True, slots=True)
class QueryError:
    """A query record that could not be read."""

    source: str
    line: int
    message: str
    query_id: str | None = None

    def __str__(self) -> str:
        return f"{self.source}, line {self.line}: {self.message}"


class QueryFieldError(ValueError):
    """A value of a query that cannot be understood; the message names the field."""


def query_from_json(data: Any, default_id: str) -> Query:
    """A :class:`Query` from a yente-shaped dict; QueryFieldError names a bad field."""
    if not isinstance(data, dict):
        raise QueryFieldError("a query must be a JSON object")
    properties = data.get("properties", {})
    if not isinstance(properties, dict):
        raise QueryFieldError("field 'properties' must be an object")
    values = {key: _string_list(value, key) for key, value in properties.items()}
    identifiers = [
        Identifier(id_type, value)
        for json_name, _column, id_type in _IDENTIFIER_FIELDS
        for value in values.get(json_name, [])
    ]
    return _query(
        query_id=str(data.get("id") or default_id),
        schema_text=data.get("schema"),
        names=values.get("name", []) + values.get("alias", []),
        birth_dates=values.get("birthDate", []),
        nationalities=values.get("nationality", []) + values.get("citizenship", []),
        countries=values.get("country", []) + values.get("jurisdiction", []),
        genders=values.get("gender", []),
        identifiers=identifiers,
        names_cut=_json_flag(data.get("namesCut", False), "namesCut"),
    )


def query_from_row(row: dict[str, str], default_id: str) -> Query:
    """A :class:`Query` from one CSV row keyed by header name."""

    def cell(column: str) -> list[str]:
        text = row.get(column) or ""
        return [part.strip() for part in text.split(CSV_SEPARATOR) if part.strip()]

    identifiers = [
        Identifier(id_type, value)
        for _json_name, column, id_type in _IDENTIFIER_FIELDS
        for value in cell(column)
    ]
    return _query(
        query_id=(row.get("id") or "").strip() or default_id,
        schema_text=(row.get("schema") or "").strip() or None,
        names=cell("name") + cell("alias"),
        birth_dates=cell("birth_date"),
        nationalities=cell("nationality"),
        countries=cell("country"),
        genders=cell("gender"),
        identifiers=identifiers,
        names_cut=_csv_flag((row.get("names_cut") or "").strip(), "names_cut"),
    )


def _query(
    *,
    query_id: str,
    schema_text: object,
    names: list[str],
    birth_dates: list[str],
    nationalities: list[str],
    countries: list[str],
    genders: list[str],
    identifiers: list[Identifier],
    names_cut: bool,
) -> Query:
    names = [" ".join(name.split()) for name in names if name.strip()]
    if not names:
        raise QueryFieldError("field 'name' is missing or empty")
    return Query(
        id=query_id,
        names=names,
        schema=schema_from_text(schema_text),
        birth_dates=[_date(text) for text in birth_dates],
        nationalities=_countries(nationalities),
        countries=_countries(countries),
        gender=_gender(genders),
        identifiers=identifiers,
        names_cut=names_cut,
    )


def _string_list(value: object, key: str) -> list[str]:
    items = value if isinstance(value, list) else [value]
    if not all(isinstance(item, str | int) for item in items):
        raise QueryFieldError(f"field {key!r} must hold strings")
    return [str(item) for item in items if str(item).strip()]


def schema_from_text(text: object) -> Schema | None:
    """The schema a query names (None: any); QueryFieldError for an unknown name."""
    if text is None:
        return None
    key = str(text).replace(" ", "").lower()
    if key not in SCHEMAS:
        known = ", ".join(sorted({s.value for s in Schema} | {"Company"}))
        raise QueryFieldError(f"field 'schema': unknown schema {text!r} (known: {known})")
    return SCHEMAS[key]


def _json_flag(value: object, key: str) -> bool:
    if not isinstance(value, bool):
        raise QueryFieldError(f"field {key!r} must be true or false")
    return value


_CSV_FLAGS = {
    "": False,
    "false": False,
    "no": False,
    "0": False,
    "true": True,
    "yes": True,
    "1": True,
}


def _csv_flag(text: str, column: str) -> bool:
    flag = _CSV_FLAGS.get(text.lower())
    if flag is None:
        raise QueryFieldError(f"column {column!r}: {text!r} is not true or false")
    return flag


def _date(text: str) -> DateSpec:
    date = parse_date(text)
    if date is None:
        raise QueryFieldError(f"field 'birthDate': {text!r} is not a date")
    return date


def _countries(texts: list[str]) -> list[str]:
    return [code for code in (country_or_text(text) for text in texts) if code]


def _gender(texts: list[str]) -> Gender | None:
    for text in texts:
        gender = _GENDERS.get(text.strip().lower())
        if gender is None:
            raise QueryFieldError(f"field 'gender': {text!r} is not male or female")
        return gender
    return None


def read_queries(path: Path) -> Iterator[Query | QueryError]:
    """Every query of a ``.jsonl`` / ``.json`` or ``.csv`` file, or an error per bad record."""
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() == ".csv":
        yield from _csv_queries(text, str(path))
    else:
        yield from _json_queries(text, str(path))


def _json_queries(text: str, source: str) -> Iterator[Query | QueryError]:
    for line_number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            yield query_from_json(data, default_id=f"line-{line_number}")
        except json.JSONDecodeError as error:
            yield QueryError(source, line_number, f"not JSON: {error.msg} (column {error.colno})")
        except QueryFieldError as error:
            query_id = data.get("id") if isinstance(data, dict) else None
            yield QueryError(
                source, line_number, str(error), None if query_id is None else str(query_id)
            )


def _csv_queries(text: str, source: str) -> Iterator[Query | QueryError]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if reader.fieldnames is None or "name" not in reader.fieldnames:
        yield QueryError(source, 1, "the CSV header has no 'name' column")
        return
    line_number = 1
    try:
        for row in reader:
            line_number = reader.line_num
            if None in row:
                yield QueryError(source, line_number, "more fields than the header has")
                continue
            try:
                yield query_from_row(row, default_id=f"line-{line_number}")
            except QueryFieldError as error:
                yield QueryError(source, line_number, str(error), row.get("id") or None)
    except csv.Error as error:
        yield QueryError(source, line_number + 1, f"malformed CSV: {error}")


def entity_from_query(query: Query) -> Entity:
    """A query read as a listed entity (for scoring two given records against each other).

    Its first name is the primary name, the others aliases.
    """
    return Entity(
        id=query.id,
        schema=query.schema or Schema.LEGAL_ENTITY,
        names=[
            Name(text, NameKind.PRIMARY if index == 0 else NameKind.ALIAS)
            for index, text in enumerate(query.names)
        ],
        birth_dates=list(query.birth_dates),
        nationalities=list(query.nationalities),
        countries=list(query.countries),
        gender=query.gender,
        identifiers=list(query.identifiers),
    )
