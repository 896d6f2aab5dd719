"""The BIS Denied Persons List, tab-separated text (``dpl.txt``).

Columns: ``Name``, ``Street_Address``, ``City``, ``State``, ``Country``, ``Postal_Code``,
``Effective_Date`` and ``Expiration_Date`` (``MM/DD/YYYY``), ``Standard_Order``,
``Last_Update``, ``Action``, ``FR_Citation``.

The list has no id column and writes one row per address, so a denial order at three
addresses is three rows.  An order is identified by the denied party's name and the order's
effective date: ``dpl:<name as lower-case ASCII words>:<effective date>``, e.g.
``dpl:abdulah-al-nasser:2002-03-04``.  Rows sharing that id are one entity with all their
addresses; a name spelled differently but giving the same id (``AL-NASER  AIRLINES`` beside
``AL NASER AIRLINES``) becomes an alias.  In the 2023-11 file the 665 rows make 546
entities.  A corrected name makes a new id, as the list itself treats it as a new entry.

Names: ``A/K/A`` / ``D/B/A`` parts are aliases, ``F/K/A`` former names, a quoted nickname
(``IHSAN MEDHAT "SAMMY" ELASHI``) a weak alias.  The party type is not given: LegalEntity.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from watchkeeper.countries import country_or_text
from watchkeeper.dates import iso_date
from watchkeeper.model import Address, Entity, Name, NameKind, Schema
from watchkeeper.sources.base import ListFormat, ListSnapshot, Location
from watchkeeper.sources.cleaning import clean
from watchkeeper.sources.recordkit import (
    CsvRow,
    SnapshotBuilder,
    add_name,
    append_new,
    decode_text,
    header_columns,
    iter_csv,
    read_bytes,
    slug,
)

FORMAT_NAME = "bis-dpl"
LIST_NAME = "dpl"

_ADDRESS_COLUMNS = ("Street_Address", "City", "State", "Postal_Code", "Country")
_REQUIRED = (
    "Name",
    *_ADDRESS_COLUMNS,
    "Effective_Date",
    "Expiration_Date",
    "Standard_Order",
    "Last_Update",
    "Action",
    "FR_Citation",
)
_PROPERTY_COLUMNS = {
    "Standard_Order": "standard_order",
    "Last_Update": "last_update",
    "Action": "action",
    "FR_Citation": "fr_citation",
}
_US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_AKA = re.compile(r"\s*\b(A/K/A|A\.K\.A\.?|D/B/A|F/K/A)\s+", re.IGNORECASE)
_AKA_IN_BRACKETS = re.compile(r"\(\s*(A/K/A|A\.K\.A\.?|D/B/A|F/K/A)\s+([^)]*)\)", re.IGNORECASE)
_NICKNAME = re.compile(r"\"([^\"]+)\"")


def parse(files: Sequence[Path]) -> ListSnapshot:
    """Read the Denied Persons List text file."""
    path = files[0]
    label = str(path)
    builder = SnapshotBuilder(ListSnapshot(LIST_NAME, FORMAT_NAME, list(files)))
    text = decode_text(read_bytes(path), label)
    orders: dict[str, tuple[Entity, Location]] = {}
    for row in iter_csv(text, label, builder, delimiter="\t", required=_REQUIRED):
        values = {column: clean(value) or "" for column, value in row.values.items()}
        order_id = _order_id(values, row, label, builder)
        if order_id is None:
            continue
        if order_id not in orders:
            orders[order_id] = (_new_entity(order_id, values), Location(label, row.line))
        _add_row(orders[order_id][0], values, Location(label, row.line), builder)
    for entity, location in orders.values():
        builder.add(entity, location)
    return builder.snapshot


def _order_id(
    values: dict[str, str], row: CsvRow, label: str, builder: SnapshotBuilder
) -> str | None:
    name_key = slug(values["Name"])
    effective = _us_date(values["Effective_Date"])
    if not name_key:
        builder.error(Location(label, row.line, field="Name"), "no name")
    elif effective is None:
        message = f"effective date {values['Effective_Date']!r} unreadable: no id for the order"
        builder.error(Location(label, row.line, field="Effective_Date"), message)
    else:
        return f"{LIST_NAME}:{name_key}:{effective}"
    return None


def _us_date(text: str) -> str | None:
    """``06/19/2003`` -> ``2003-06-19``; None if not such a date."""
    match = _US_DATE.fullmatch(text)
    if not match or not (1 <= int(match[1]) <= 12 and 1 <= int(match[2]) <= 31):
        return None
    return iso_date(match[3], match[1], match[2])


def _new_entity(order_id: str, values: dict[str, str]) -> Entity:
    entity = Entity(order_id, Schema.LEGAL_ENTITY, listed_on=_us_date(values["Effective_Date"]))
    entity.names.append(Name(_split_name(values["Name"])[0]))
    return entity


def _split_name(text: str) -> tuple[str, list[tuple[NameKind, str]]]:
    """The primary name and the (kind, name) pairs an ``A/K/A`` or a nickname adds."""
    others: list[tuple[NameKind, str]] = []
    for marker, name in _AKA_IN_BRACKETS.findall(text):
        others.append((_aka_kind(marker), name))
    text = _AKA_IN_BRACKETS.sub(" ", text)
    primary, *rest = _AKA.split(text)
    others.extend(
        (_aka_kind(marker), name) for marker, name in zip(rest[::2], rest[1::2], strict=True)
    )
    others.extend((NameKind.WEAK_ALIAS, nickname) for nickname in _NICKNAME.findall(primary))
    return clean(_NICKNAME.sub(" ", primary)) or text, others


def _aka_kind(marker: str) -> NameKind:
    return NameKind.FORMER if marker.upper() == "F/K/A" else NameKind.ALIAS


def _add_row(
    entity: Entity, values: dict[str, str], location: Location, builder: SnapshotBuilder
) -> None:
    """Add one row's name spelling, address and order details to the order's entity."""
    primary, others = _split_name(values["Name"])
    add_name(entity, primary, NameKind.ALIAS)
    for kind, name in others:
        add_name(entity, name, kind)
    address = _address(values)
    if address and address not in entity.addresses:
        entity.addresses.append(address)
        append_new(entity.countries, address.country)
    expiration = values["Expiration_Date"]
    if expiration:
        expiration_date = _us_date(expiration)
        entity.add_property("expiration_date", expiration_date or expiration)
        if expiration_date is None:
            where = Location(location.file, location.line, field="Expiration_Date")
            builder.warn(where, f"expiration date {expiration!r} is not a date; kept as text")
    for column, key in _PROPERTY_COLUMNS.items():
        entity.add_property(key, values[column])


def _address(values: dict[str, str]) -> Address | None:
    parts = [values[column] for column in _ADDRESS_COLUMNS if values[column]]
    if not parts:
        return None
    return Address(
        ", ".join(parts),
        street=values["Street_Address"] or None,
        city=values["City"] or None,
        region=values["State"] or None,
        postal_code=values["Postal_Code"] or None,
        country=country_or_text(values["Country"]),
    )


def _sniff(path: Path, head: bytes) -> bool:
    del path
    return {"Name", "Street_Address", "Effective_Date", "FR_Citation"} <= header_columns(head, "\t")


FORMATS = [
    ListFormat(
        name=FORMAT_NAME,
        list_name=LIST_NAME,
        description="BIS Denied Persons List, tab-separated text",
        sniff=_sniff,
        parse=parse,
    )
]
