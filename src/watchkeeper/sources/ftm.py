"""OpenSanctions exports in FollowTheMoney (FtM) JSON lines.

``entities.ftm.json`` holds one flat entity per line: ``{"id", "schema", "properties":
{prop: [values]}, "caption", "datasets", "referents", "first_seen", "target", ...}``, where
related entities are separate lines that point at each other by id: a ``Sanction`` names its
target in ``entity``, a ``Passport`` / ``Identification`` / ``CryptoWallet`` its ``holder``,
and a target names its ``Address`` entities in ``addressEntity``.  ``targets.nested.json``
holds one target per line with those related entities nested as objects in its properties
(``sanctions``, ``identification``, ``addressEntity``, ...).

Only Person, Organization, Company, LegalEntity, Vessel and Airplane / Aircraft records
become entities, with id ``opensanctions:<FtM id>``.  Sanctions (programmes, listing dates,
authorities), identity documents, crypto wallets and addresses are folded into the entity
they belong to; the flat file is read twice for that, the first time only to collect them.
Records of other schemas (ownerships, family ties, positions ...) are counted and reported
in one warning.  The flat file also holds entities that are not targets themselves (a
listed person's relatives, say): they are read too, with ``properties["target"] == ["false"]``.
A property without a field of its own is kept in ``properties`` under its snake_case name.
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from io import BufferedReader
from pathlib import Path
from typing import Any

from watchkeeper.countries import country_or_text
from watchkeeper.dates import parse_single_date
from watchkeeper.model import Address, Entity, Identifier, IdType, Name, NameKind, Schema
from watchkeeper.sources.base import ListFormat, ListFormatError, ListSnapshot, Location
from watchkeeper.sources.cleaning import clean
from watchkeeper.sources.recordkit import (
    GZIP_MAGIC,
    SnapshotBuilder,
    add_birth_dates,
    add_name,
    append_new,
    parse_gender,
)

FLAT_FORMAT = "ftm-json"
NESTED_FORMAT = "ftm-nested-json"
LIST_NAME = "opensanctions"

Record = dict[str, Any]

_TARGET_SCHEMAS = {
    "Person": Schema.PERSON,
    "Organization": Schema.ORGANIZATION,
    "Company": Schema.ORGANIZATION,
    "LegalEntity": Schema.LEGAL_ENTITY,
    "Vessel": Schema.VESSEL,
    "Airplane": Schema.AIRCRAFT,
    "Aircraft": Schema.AIRCRAFT,
}
_OWNER_PROPERTY = {
    "Sanction": "entity",
    "Passport": "holder",
    "Identification": "holder",
    "CryptoWallet": "holder",
}
"""Schemas folded into the entity they point at, and the property that points."""
_FOLDED_SCHEMAS = {*_OWNER_PROPERTY, "Address"}
_NAME_KINDS = {
    "name": NameKind.PRIMARY,
    "alias": NameKind.ALIAS,
    "weakAlias": NameKind.WEAK_ALIAS,
    "previousName": NameKind.FORMER,
}
_NAME_PARTS = {
    "firstName": "given",
    "middleName": "middle",
    "lastName": "family",
    "fatherName": "patronymic",
    "title": "title",
}
_IDENTIFIERS = {
    "passportNumber": IdType.PASSPORT,
    "idNumber": IdType.NATIONAL_ID,
    "socialSecurityNumber": IdType.NATIONAL_ID,
    "taxNumber": IdType.TAX_ID,
    "innCode": IdType.TAX_ID,
    "vatCode": IdType.TAX_ID,
    "registrationNumber": IdType.REGISTRATION,
    "ogrnCode": IdType.REGISTRATION,
    "okpoCode": IdType.REGISTRATION,
    "leiCode": IdType.LEI,
    "swiftBic": IdType.BIC,
    "imoNumber": IdType.IMO,
    "mmsi": IdType.MMSI,
    "callSign": IdType.CALL_SIGN,
    "serialNumber": IdType.AIRCRAFT_SERIAL,
    "dunsCode": IdType.OTHER,
}
_COUNTRY_FIELDS = {
    "nationality": "nationalities",
    "citizenship": "countries",
    "country": "countries",
    "jurisdiction": "countries",
    "mainCountry": "countries",
}
_REMARKS = {"notes", "summary", "description"}
_PROGRAMS = {"program", "programId"}
_HANDLED_ELSEWHERE = {*_NAME_KINDS, *_NAME_PARTS, "addressEntity"}
_SANCTION_PROPERTIES = {
    "authority": "sanction_authority",
    "authorityId": "sanction_authority_id",
    "unscId": "unsc_id",
    "country": "sanction_country",
    "status": "sanction_status",
    "provisions": "sanction_provisions",
    "endDate": "sanction_end_date",
    "sourceUrl": "sanction_source_url",
}
_METADATA = ("datasets", "referents", "first_seen", "last_seen", "last_change", "target")


@dataclass(slots=True)
class _Reading:
    """One file being read: where, into what, and what was left out."""

    label: str
    builder: SnapshotBuilder
    left_out: Counter[str] = field(default_factory=Counter)


def parse_flat(files: Sequence[Path]) -> ListSnapshot:
    """Read ``entities.ftm.json``: flat entities that refer to each other by id."""
    path = files[0]
    reading = _Reading(str(path), SnapshotBuilder(ListSnapshot(LIST_NAME, FLAT_FORMAT, [path])))
    addresses: dict[str, Record] = {}
    attached: defaultdict[str, list[Record]] = defaultdict(list)
    for _line, record in _records(path, reading.label, None):
        schema = record["schema"]
        if schema == "Address":
            addresses[record["id"]] = record
        elif schema in _OWNER_PROPERTY:
            for owner in _strings(record["properties"].get(_OWNER_PROPERTY[schema])):
                attached[owner].append(record)
    targets: set[str] = set()
    for line, record in _records(path, reading.label, reading.builder):
        schema = record["schema"]
        if schema in _TARGET_SCHEMAS:
            targets.add(record["id"])
            addressed = _addresses(record, addresses, line, reading)
            _add_entity(record, attached.get(record["id"], []) + addressed, line, reading)
        elif schema not in _FOLDED_SCHEMAS:
            reading.left_out[schema] += 1
    orphans = sum(len(records) for owner, records in attached.items() if owner not in targets)
    if orphans:
        reading.builder.warn(
            Location(reading.label),
            f"{orphans} sanction / document / wallet records point at nothing read as an entity",
        )
    return _finish(reading)


def parse_nested(files: Sequence[Path]) -> ListSnapshot:
    """Read ``targets.nested.json``: one target per line, related entities nested inside."""
    path = files[0]
    reading = _Reading(str(path), SnapshotBuilder(ListSnapshot(LIST_NAME, NESTED_FORMAT, [path])))
    for line, record in _records(path, reading.label, reading.builder):
        if record["schema"] not in _TARGET_SCHEMAS:
            reading.left_out[record["schema"]] += 1
            continue
        related = []
        for nested in _nested_records(record):
            if nested.get("schema") in _FOLDED_SCHEMAS:
                related.append(nested)
            else:
                reading.left_out[str(nested.get("schema"))] += 1
        _add_entity(record, related, line, reading)
    return _finish(reading)


def _finish(reading: _Reading) -> ListSnapshot:
    if reading.left_out:
        counts = ", ".join(
            f"{schema} {count}" for schema, count in sorted(reading.left_out.items())
        )
        reading.builder.warn(
            Location(reading.label), f"records that are not screening targets left out: {counts}"
        )
    return reading.builder.snapshot


def _open(path: Path, label: str) -> gzip.GzipFile | BufferedReader:
    try:
        with path.open("rb") as handle:
            compressed = handle.read(2) == GZIP_MAGIC
        return gzip.open(path, "rb") if compressed else path.open("rb")
    except OSError as error:
        raise ListFormatError(Location(label), f"cannot read the file: {error}") from error


def _records(
    path: Path, label: str, builder: SnapshotBuilder | None
) -> Iterator[tuple[int, Record]]:
    """The (line number, record) of every readable line; bad lines go to ``builder``.

    A bad first line means the file is not FtM JSON lines; a bad last line with no line end
    means it was cut off: both raise.
    """
    line = 0
    seen_record = False
    with _open(path, label) as handle:
        try:
            for line, raw in enumerate(handle, start=1):
                if not raw.strip():
                    continue
                record, problem = _decode(raw)
                if record is not None:
                    seen_record = True
                    yield line, record
                    continue
                where = Location(label, line)
                if not seen_record:
                    raise ListFormatError(where, f"not FollowTheMoney JSON lines: {problem}")
                if not raw.endswith(b"\n"):
                    raise ListFormatError(where, f"the file is cut off: {problem}")
                if builder is not None:
                    builder.error(where, problem)
        except (OSError, EOFError, zlib.error) as error:
            raise ListFormatError(
                Location(label, line + 1), f"broken gzip data: {error}"
            ) from error
    if not seen_record:
        raise ListFormatError(Location(label), "the file is empty")


def _decode(raw: bytes) -> tuple[Record | None, str]:
    """The record on one line, or None and what is wrong with it."""
    try:
        record = json.loads(raw)
    except ValueError as error:  # JSONDecodeError and UnicodeDecodeError
        return None, f"not valid JSON: {error}"
    if not isinstance(record, dict):
        return None, "not a JSON object"
    for key in ("id", "schema"):
        if not isinstance(record.get(key), str) or not record[key]:
            return None, f"no {key!r}"
    if not isinstance(record.get("properties"), dict):
        return None, "no 'properties' object"
    return record, ""


def _strings(values: Any) -> list[str]:
    """The non-empty text values of a property (nested objects left out)."""
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, list):
        return []
    return [text for value in values if isinstance(value, str) and (text := clean(value))]


def _nested_records(record: Record) -> Iterator[Record]:
    for values in record["properties"].values():
        if isinstance(values, list):
            yield from (value for value in values if isinstance(value, dict))


def _addresses(
    record: Record, addresses: dict[str, Record], line: int, reading: _Reading
) -> list[Record]:
    """The Address records a flat target's ``addressEntity`` points at."""
    found = []
    for address_id in _strings(record["properties"].get("addressEntity")):
        if address_id in addresses:
            found.append(addresses[address_id])
        else:
            where = Location(reading.label, line, record["id"], "addressEntity")
            reading.builder.warn(where, f"address {address_id} is not in the file")
    return found


def _add_entity(record: Record, related: list[Record], line: int, reading: _Reading) -> None:
    location = Location(reading.label, line, record["id"])
    properties: dict[str, Any] = record["properties"]
    entity = Entity(f"{LIST_NAME}:{record['id']}", _TARGET_SCHEMAS[record["schema"]])
    _add_names(entity, properties, record.get("caption"))
    if not entity.names:
        reading.builder.error(Location(location.file, line, record["id"], "name"), "no name")
        return
    for prop, values in properties.items():
        if prop not in _HANDLED_ELSEWHERE:
            where = Location(location.file, line, record["id"], prop)
            _add_property(entity, prop, _strings(values), where, reading.builder)
    for other in related:
        _fold(entity, other)
    entity.listed_on = _listed_on(properties, related)
    for key in _METADATA:
        value = record.get(key)
        for item in value if isinstance(value, list) else [value]:
            if item is not None:
                entity.add_property(key, item if isinstance(item, str) else json.dumps(item))
    reading.builder.add(entity, location)


def _add_names(entity: Entity, properties: dict[str, Any], caption: Any) -> None:
    names = _strings(properties.get("name"))
    if caption in names:
        names.remove(caption)
        names.insert(0, caption)
    if not names:
        parts = [_strings(properties.get(prop)) for prop in ("firstName", "lastName")]
        names = [" ".join(values[0] for values in parts if values)] if any(parts) else []
    for prop, kind in _NAME_KINDS.items():
        for text in names if prop == "name" else _strings(properties.get(prop)):
            add_name(entity, text, kind)
    _add_name_parts(entity, properties)


def _add_name_parts(entity: Entity, properties: dict[str, Any]) -> None:
    """Fill the first primary name's parts when each part has one value found in that name.

    Otherwise (several spellings, or parts of another name) they stay as properties.
    """
    parts = {prop: _strings(properties.get(prop)) for prop in _NAME_PARTS}
    parts = {prop: values for prop, values in parts.items() if values}
    primary = next((name for name in entity.names if name.kind is NameKind.PRIMARY), None)
    if primary is not None and _parts_fit(primary, parts):
        for prop, values in parts.items():
            setattr(primary, _NAME_PARTS[prop], values[0])
        return
    for prop, values in parts.items():
        for value in values:
            entity.add_property(_snake(prop), value)


def _parts_fit(name: Name, parts: dict[str, list[str]]) -> bool:
    full = name.full.casefold()
    return all(
        len(values) == 1 and (prop == "title" or values[0].casefold() in full)
        for prop, values in parts.items()
    )


def _add_property(
    entity: Entity, prop: str, texts: list[str], where: Location, builder: SnapshotBuilder
) -> None:
    """Put the values of one FtM property where they belong on ``entity``."""
    for text in texts:
        if prop == "birthDate":
            add_birth_dates(entity, text, where, builder)
        elif prop == "birthPlace":
            append_new(entity.birth_places, text)
        elif prop in _COUNTRY_FIELDS:
            append_new(getattr(entity, _COUNTRY_FIELDS[prop]), country_or_text(text))
        elif prop == "gender" and parse_gender(text):
            entity.gender = parse_gender(text)
        elif prop in _IDENTIFIERS:
            kind = _identifier_kind(entity, prop)
            number = text.removeprefix("IMO").strip() if kind is IdType.IMO else text
            entity.identifiers.append(Identifier(kind, number, note=prop))
        elif prop == "address":
            entity.addresses.append(Address(text))
        elif prop in _PROGRAMS:
            append_new(entity.programs, text)
        elif prop in _REMARKS:
            append_new(entity.remarks, text)
        else:
            entity.add_property(_snake(prop), text)


def _identifier_kind(entity: Entity, prop: str) -> IdType:
    if prop == "registrationNumber" and entity.schema is Schema.AIRCRAFT:
        return IdType.AIRCRAFT_TAIL
    if prop == "idNumber" and entity.schema is not Schema.PERSON:
        return IdType.OTHER
    return _IDENTIFIERS[prop]


def _fold(entity: Entity, record: Record) -> None:
    """Add what a Sanction, Passport, Identification, CryptoWallet or Address says."""
    properties = record.get("properties")
    if not isinstance(properties, dict):
        return
    values = {prop: _strings(value) for prop, value in properties.items()}
    schema = record.get("schema")
    if schema == "Sanction":
        _fold_sanction(entity, values)
    elif schema == "Address":
        _fold_address(entity, values)
    elif schema == "CryptoWallet":
        currency = next(iter(values.get("currency", [])), None)
        for key in values.get("publicKey", []):
            entity.identifiers.append(Identifier(IdType.CRYPTO, key, note=currency))
    else:
        _fold_document(entity, values, str(schema))


def _fold_sanction(entity: Entity, values: dict[str, list[str]]) -> None:
    for text in values.get("program", []) + values.get("programId", []):
        append_new(entity.programs, text)
    for text in values.get("reason", []):
        append_new(entity.remarks, text)
    for prop, key in _SANCTION_PROPERTIES.items():
        for text in values.get(prop, []):
            entity.add_property(key, text)


def _fold_address(entity: Entity, values: dict[str, list[str]]) -> None:
    def first(prop: str) -> str | None:
        return next(iter(values.get(prop, [])), None)

    country = country_or_text(first("country"))
    parts = ("street", "city", "postalCode", "region", "country")
    full = first("full") or ", ".join(text for prop in parts if (text := first(prop)))
    if full:
        entity.addresses.append(
            Address(
                full,
                street=first("street"),
                city=first("city"),
                region=first("region"),
                postal_code=first("postalCode"),
                country=country,
            )
        )
    append_new(entity.countries, country)


def _fold_document(entity: Entity, values: dict[str, list[str]], schema: str) -> None:
    """A Passport or Identification: its number(s), issuing country and type."""
    doc_type = next(iter(values.get("type", [])), schema)
    kind = _document_kind(schema, doc_type)
    country = country_or_text(next(iter(values.get("country", [])), None))
    note = doc_type
    for word, prop in (("from", "startDate"), ("until", "endDate")):
        if values.get(prop):
            note += f"; {word} {values[prop][0]}"
    for number in values.get("number", []) + values.get("passportNumber", []):
        entity.identifiers.append(Identifier(kind, number, country, note))


def _document_kind(schema: str, doc_type: str) -> IdType:
    lowered = doc_type.lower()
    if schema == "Passport" or "passport" in lowered:
        return IdType.PASSPORT
    if "tax" in lowered or "inn" in lowered.split():
        return IdType.TAX_ID
    if "regist" in lowered:
        return IdType.REGISTRATION
    return IdType.NATIONAL_ID


def _listed_on(properties: dict[str, Any], related: list[Record]) -> str | None:
    """The earliest sanction listing (or start) date, else the earliest ``createdAt``."""
    dates = [
        parse_single_date(text)
        for record in related
        if record.get("schema") == "Sanction" and isinstance(record.get("properties"), dict)
        for prop in ("listingDate", "startDate")
        for text in _strings(record["properties"].get(prop))
    ]
    if not any(dates):
        dates = [parse_single_date(text) for text in _strings(properties.get("createdAt"))]
    return min((date for date in dates if date), default=None)


def _snake(prop: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", prop).lower()


def _head_records(head: bytes) -> list[Record]:
    """The FtM records on the complete lines of a file's first bytes (none if it isn't)."""
    if not head.lstrip().startswith(b"{"):
        return []
    return [record for raw in head.splitlines() if (record := _decode(raw)[0]) is not None]


def _looks_nested(path: Path, records: list[Record]) -> bool:
    if any(True for record in records for _ in _nested_records(record)):
        return True
    if any(record["schema"] in _FOLDED_SCHEMAS for record in records):
        return False
    return "nested" in path.name.lower()


def _sniff_flat(path: Path, head: bytes) -> bool:
    records = _head_records(head)
    return bool(records) and not _looks_nested(path, records)


def _sniff_nested(path: Path, head: bytes) -> bool:
    records = _head_records(head)
    return bool(records) and _looks_nested(path, records)


FORMATS = [
    ListFormat(
        name=NESTED_FORMAT,
        list_name=LIST_NAME,
        description="OpenSanctions targets.nested.json (FollowTheMoney, nested)",
        sniff=_sniff_nested,
        parse=parse_nested,
    ),
    ListFormat(
        name=FLAT_FORMAT,
        list_name=LIST_NAME,
        description="OpenSanctions entities.ftm.json (FollowTheMoney, one entity per line)",
        sniff=_sniff_flat,
        parse=parse_flat,
    ),
]
