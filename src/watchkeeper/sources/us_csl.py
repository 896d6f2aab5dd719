"""The US Consolidated Screening List (trade.gov), CSV, plain or gzip.

One row per listing of one of 13 source lists (SDN, Entity List, DPL, ...), named in
``source`` as ``Specially Designated Nationals (SDN) - Treasury Department``.

Ids are ``csl:<source abbreviation>:<_id>``.  ``_id`` is the stable column: for the Treasury
lists it is OFAC's entity number (equal to ``entity_number``), for the Commerce and State
lists, which have no ``entity_number``, it is trade.gov's own hash.  ``_id`` alone is not
unique (a party on both SDN and SSI shares it); with the source it is, except for rows the
file repeats word for word, which are read once with a warning.

Packed columns: ``alt_names``, ``addresses``, ``programs``, ``nationalities``,
``citizenships``, ``dates_of_birth`` and ``places_of_birth`` hold ``;``-separated values;
``ids`` holds ``;``-separated entries written ``[country, ][expiry, ][issue, ]number, type``
(``CA, BC166787, Passport``; ``Male, Gender``; ``Subject to Secondary Sanctions, Additional
Sanctions Information -``).  Identity documents become identifiers, ``Gender`` the gender,
contact and registration details properties, sanction notes (types ending in ``:`` or ``-``)
remarks.  Addresses end in a two-letter country code.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from watchkeeper.countries import country_code, country_or_text
from watchkeeper.dates import parse_single_date
from watchkeeper.model import Address, Entity, Identifier, IdType, NameKind, Schema
from watchkeeper.sources.base import ListFormat, ListSnapshot, Location
from watchkeeper.sources.cleaning import clean
from watchkeeper.sources.recordkit import (
    CsvRow,
    SnapshotBuilder,
    add_birth_dates,
    add_name,
    append_new,
    decode_text,
    header_columns,
    iter_csv,
    parse_gender,
    read_bytes,
)

FORMAT_NAME = "us-csl-csv"
LIST_NAME = "csl"

_REQUIRED = ("_id", "source", "type", "name", "alt_names", "addresses", "ids")
_SCHEMAS = {
    "individual": Schema.PERSON,
    "entity": Schema.ORGANIZATION,
    "vessel": Schema.VESSEL,
    "aircraft": Schema.AIRCRAFT,
}
_PROPERTY_COLUMNS = {
    "title": "position",
    "federal_register_notice": "federal_register_notice",
    "end_date": "end_date",
    "standard_order": "standard_order",
    "license_requirement": "license_requirement",
    "license_policy": "license_policy",
    "vessel_type": "vessel_type",
    "gross_tonnage": "gross_tonnage",
    "gross_registered_tonnage": "gross_registered_tonnage",
    "vessel_owner": "vessel_owner",
    "source": "source",
}
"""Columns kept as properties.  The source URL columns are left out: they are the same
short link for every row of a source and say nothing about the listed party."""
_ID_PROPERTIES = {
    "gender": "gender",
    "website": "website",
    "email address": "email",
    "phone number": "phone",
    "organization established date": "incorporation_date",
    "organization type:": "organization_type",
    "target type": "target_type",
    "aircraft model": "aircraft_model",
    "aircraft operator": "aircraft_operator",
    "aircraft manufacture date": "build_date",
    "other vessel type": "vessel_type",
    "former vessel flag": "former_flag",
    "other vessel flag": "other_flag",
    "nationality of registration": "registration_country",
    "registration country": "registration_country",
    "issuer name": "issuer_name",
    "equity ticker": "equity_ticker",
    "isin": "isin",
}
_ID_KIND_PATTERNS = (
    (r"passport|travel document|seafarer", IdType.PASSPORT),
    (r"^digital currency address", IdType.CRYPTO),
    (r"^swift/bic$", IdType.BIC),
    (r"^legal entity number$", IdType.LEI),
    (r"^vessel registration identification$", IdType.IMO),
    (r"^mmsi$", IdType.MMSI),
    (r"call sign", IdType.CALL_SIGN),
    (r"tail number", IdType.AIRCRAFT_TAIL),
    (r"^aircraft .*(serial|construction)", IdType.AIRCRAFT_SERIAL),
    (r"electoral", IdType.NATIONAL_ID),
    (
        r"tax|fiscal|tributari|v\.a\.t|fein"
        r"|^(r\.?f\.?c\.?|nit #|ruc #|rif #|c\.u\.i\.t\.|c\.i\.f\.)$",
        IdType.TAX_ID,
    ),
    (
        r"regist|company number|chamber of comm|mercantil|credit code|incorporation|gazette"
        r"|enterprise number|business number|^c\.r\. no\.$",
        IdType.REGISTRATION,
    ),
    (
        r"\bid\b|identi|cedula|c\.u\.r\.p|d\.n\.i|^ssn$|personal|citizen",
        IdType.NATIONAL_ID,
    ),
)
_ID_KINDS = tuple((re.compile(pattern, re.IGNORECASE), kind) for pattern, kind in _ID_KIND_PATTERNS)
"""``ids`` entry types -> identifier kinds, first match wins; no match: ``other``."""
_SANCTION_NOTE = re.compile(r"(:|\s-)$|\(CMIC\)$|\bdirective\b|executive order", re.IGNORECASE)
_LINKED_TO = re.compile(r"Linked To:\s*((?:[^();]|\([^()]*\))+)")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_COUNTRY = re.compile(r"[A-Z]{2}")


def parse(files: Sequence[Path]) -> ListSnapshot:
    """Read a CSL CSV file (plain or gzip)."""
    path = files[0]
    label = str(path)
    builder = SnapshotBuilder(ListSnapshot(LIST_NAME, FORMAT_NAME, list(files)))
    text = decode_text(read_bytes(path), label)
    for row in iter_csv(text, label, builder, delimiter=",", required=_REQUIRED):
        entity = _entity(row, label, builder)
        if entity is not None:
            builder.add(entity, Location(label, row.line))
    return builder.snapshot


def _entity(row: CsvRow, label: str, builder: SnapshotBuilder) -> Entity | None:
    values = {column: clean(text) or "" for column, text in row.values.items()}
    source = re.search(r"\(([^)]+)\)", values["source"])
    if source is None or not values["_id"] or not values["name"]:
        column = "source" if source is None else "_id" if not values["_id"] else "name"
        problem = "no source list abbreviation" if source is None else f"no {column}"
        builder.error(Location(label, row.line, field=column), f"{problem}: the row is unusable")
        return None
    entity = Entity(
        id=f"{LIST_NAME}:{source[1].split()[0]}:{values['_id']}",
        schema=_SCHEMAS.get(values["type"].lower(), Schema.LEGAL_ENTITY),
        listed_on=parse_single_date(values.get("start_date", "")),
    )
    add_name(entity, values["name"], NameKind.PRIMARY)
    for alias in _split(values["alt_names"]):
        add_name(entity, alias)
    _add_packed(entity, values)
    dates_at = Location(label, row.line, field="dates_of_birth")
    add_birth_dates(entity, values.get("dates_of_birth"), dates_at, builder)
    for entry in _split(values["ids"]):
        _add_id_entry(entity, entry, Location(label, row.line, field="ids"), builder)
    _add_vessel(entity, values)
    for column, key in _PROPERTY_COLUMNS.items():
        entity.add_property(key, values.get(column))
    return entity


def _split(text: str | None) -> list[str]:
    return [value for part in (text or "").split(";") if (value := clean(part))]


def _add_packed(entity: Entity, values: dict[str, str]) -> None:
    """Programs, countries, places of birth, addresses and remarks."""
    entity.programs.extend(_split(values.get("programs")))
    for nationality in _split(values.get("nationalities")):
        append_new(entity.nationalities, country_or_text(nationality))
    for citizenship in _split(values.get("citizenships")):
        append_new(entity.countries, country_or_text(citizenship))
    entity.birth_places.extend(_split(values.get("places_of_birth")))
    for address in _split(values["addresses"]):
        last_part = address.rsplit(",", 1)[-1].strip()
        country = country_code(last_part) if _COUNTRY.fullmatch(last_part) else None
        entity.addresses.append(Address(address, country=country))
        append_new(entity.countries, country)
    remarks = values.get("remarks")
    if remarks:
        entity.remarks.append(remarks)
        for linked in _LINKED_TO.findall(remarks):
            append_new(entity.links, clean(linked))


def _add_vessel(entity: Entity, values: dict[str, str]) -> None:
    if values.get("call_sign"):
        entity.identifiers.append(Identifier(IdType.CALL_SIGN, values["call_sign"]))
    entity.add_property("flag", country_or_text(values.get("vessel_flag")))


def _add_id_entry(entity: Entity, entry: str, location: Location, builder: SnapshotBuilder) -> None:
    """Add one ``[country, ][expiry, ][issue, ]number, type`` entry of the ``ids`` column."""
    parts = [part.strip() for part in entry.split(", ")]
    if len(parts) < 2:
        entity.remarks.append(entry)
        builder.warn(location, f"ids entry {entry!r} has no type; kept as a remark")
        return
    kind_text, fields = parts[-1], parts[:-1]
    kind = kind_text.lower()
    value = ", ".join(fields)
    if kind == "gender" and parse_gender(value):
        entity.gender = parse_gender(value)
    elif kind in _ID_PROPERTIES:
        entity.add_property(_ID_PROPERTIES[kind], value)
    elif _SANCTION_NOTE.search(kind_text):
        entity.remarks.append(f"{kind_text} {value}")
    else:
        entity.identifiers.append(_identifier(kind_text, fields))


def _identifier(kind_text: str, fields: list[str]) -> Identifier:
    country = None
    if len(fields) > 1 and _COUNTRY.fullmatch(fields[0]):
        country, fields = country_code(fields[0]) or fields[0].lower(), fields[1:]
    dates = []
    while len(fields) > 1 and _ISO_DATE.fullmatch(fields[0]):
        dates.append(fields.pop(0))
    kind = next((kind for pattern, kind in _ID_KINDS if pattern.search(kind_text)), IdType.OTHER)
    number = ", ".join(fields)
    if kind is IdType.IMO:
        number = number.removeprefix("IMO").strip()
    note = kind_text.removeprefix("Digital Currency Address - ")
    if len(dates) == 2:  # the file writes the expiry date before the issue date
        note += f"; expires {dates[0]}; issued {dates[1]}"
    elif dates:
        note += f"; date {dates[0]}"
    return Identifier(kind, number, country, note)


def _sniff(path: Path, head: bytes) -> bool:
    del path
    return {"_id", "source", "alt_names", "ids"} <= header_columns(head, ",")


FORMATS = [
    ListFormat(
        name=FORMAT_NAME,
        list_name=LIST_NAME,
        description="US Consolidated Screening List (trade.gov), CSV",
        sniff=_sniff,
        parse=parse,
    )
]
