"""Canada's Consolidated Autonomous Sanctions List (Special Economic Measures Act), XML.

The file is ``<data-set>`` holding one ``<record>`` per listing: ``Country`` (the regulations,
bilingual: ``Russia / Russie``), ``Schedule`` (part of the regulations' schedule), ``Item``
(its number there), ``DateOfListing``, a person's ``LastName`` / ``GivenName`` or an
``EntityOrShip``, ``Aliases`` (free text), ``DateOfBirthOrShipBuildDate``, ``TitleOrShip`` (a
person's title or a ship's type) and ``ShipIMONumber``.

Records carry no id.  Regulations, schedule part and item number identify one in the real
list (4,759 records, no two alike) and survive later amendments, which append items rather
than renumber them, so the id is ``ca:<regulations>:<schedule>:<item>``: ``ca:ru:1-part-1:8``.
The regulations key is the country code of ``Country`` when it names a country, else the
acronym it gives (``jvcfor``), else its English words (``hamas-terrorist-attacks``);
``none`` stands for a missing schedule.

``Country`` names the sanctions regime, not the person's country, so it goes to
``programs`` only.  ``Aliases`` is free text; see :func:`split_aliases` for how it is cut.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from lxml import etree

from watchkeeper.countries import country_code
from watchkeeper.dates import parse_date, parse_single_date
from watchkeeper.model import Entity, Identifier, IdType, Name, NameKind, Schema
from watchkeeper.sources.base import ListFormat, ListFormatError, ListSnapshot, Location
from watchkeeper.sources.cleaning import clean
from watchkeeper.sources.recordkit import SnapshotBuilder, add_birth_dates, add_name, slug
from watchkeeper.sources.xmlsafe import iter_records, local_name

FORMAT_NAME = "ca-sema-xml"
LIST_NAME = "ca"

_LANGUAGES = {
    "arabic": "ara",
    "belarusian": "bel",
    "belarussian": "bel",
    "chinese": "zho",
    "farsi": "fas",
    "hebrew": "heb",
    "persian": "fas",
    "russian": "rus",
    "ukrainian": "ukr",
}
_LANGUAGE_LABEL = re.compile(r"\b(" + "|".join(_LANGUAGES) + r")\s*:", re.IGNORECASE)
_NAME_BREAKS = re.compile(r";|\s+or\s+|(?<=[^\d\s])\s*/\s*(?=[^\d\s])")
_PERSON_BREAKS = re.compile(r"\s+and\s+")
_LEGAL_FORMS_ONLY = re.compile(
    r"((inc|ltd|limited|llc|[pco]?jsc|co|corp|plc|sa|sarl|gmbh|ag|fsue|[poz]?ao|ooo"
    r"|[пзо]?ао|ооо|фгуп|сао)\.?[\s,]*)+",
    re.IGNORECASE,
)
_KNOWN_FIELDS = {
    "Country", "Schedule", "Item", "DateOfListing", "LastName", "GivenName", "EntityOrShip",
    "TitleOrShip", "ShipIMONumber", "DateOfBirthOrShipBuildDate", "Aliases",
}  # fmt: skip
_PERSON_NAME_FIELDS = {"LastName", "GivenName"}
Fields = dict[str, tuple[str, int | None]]
"""A record's fields: tag -> (whitespace-collapsed text, line)."""


def parse(files: Sequence[Path]) -> ListSnapshot:
    """Read the SEMA consolidated list XML (one file)."""
    path = files[0]
    label = str(path)
    builder = SnapshotBuilder(ListSnapshot(LIST_NAME, FORMAT_NAME, list(files)))
    records = 0
    for record in iter_records(path, {"record"}, label):
        if records == 0:
            _check_root(record, label)
        records += 1
        _read_record(record, label, builder)
    if records == 0:
        raise ListFormatError(Location(label), "no <record> elements: not the Canada SEMA list")
    return builder.snapshot


def _check_root(record: etree._Element, label: str) -> None:
    parent = record.getparent()
    if parent is None or local_name(parent) != "data-set":
        raise ListFormatError(
            Location(label, line=_line(record), element="record"),
            "<record> is not inside <data-set>: not the Canada SEMA list",
        )


def _fields(record: etree._Element) -> Fields:
    """Each child's text and line, by tag; empty children left out."""
    fields: Fields = {}
    for child in record:
        if isinstance(child.tag, str):
            text = clean("".join(str(part) for part in child.itertext()))
            if text:
                fields[local_name(child)] = (text, _line(child))
    return fields


def _line(element: etree._Element) -> int | None:
    line = element.sourceline
    return line if isinstance(line, int) else None


def _read_record(record: etree._Element, label: str, builder: SnapshotBuilder) -> None:
    fields = _fields(record)
    where = Location(label, _line(record), "record")
    for required in ("Country", "Item"):
        if required not in fields:
            builder.error(_at(where, required), f"no {required}: the record cannot be identified")
            return
    if not _PERSON_NAME_FIELDS & fields.keys() and "EntityOrShip" not in fields:
        builder.error(_at(where, "LastName"), "no LastName, GivenName or EntityOrShip: no name")
        return
    entity = _entity(fields, where, builder)
    builder.add(entity, where)


def _at(where: Location, field: str) -> Location:
    return Location(where.file, where.line, where.element, field)


def _text(fields: Fields, tag: str) -> str | None:
    return fields[tag][0] if tag in fields else None


def _entity(fields: Fields, where: Location, builder: SnapshotBuilder) -> Entity:
    regime = _english(fields["Country"][0])
    schedule = _text(fields, "Schedule")
    schedule_key = "-".join(re.findall(r"[0-9a-z.]+", schedule.lower())) if schedule else "none"
    item = fields["Item"][0]
    is_vessel = "EntityOrShip" in fields and ("ShipIMONumber" in fields or "TitleOrShip" in fields)
    schema = Schema.PERSON if _PERSON_NAME_FIELDS & fields.keys() else Schema.ORGANIZATION
    entity = Entity(
        id=f"{LIST_NAME}:{_regime_key(regime)}:{schedule_key}:{item}",
        schema=Schema.VESSEL if is_vessel else schema,
        programs=[regime],
    )
    entity.add_property("schedule", schedule)
    entity.add_property("item", item)
    _add_primary_name(entity, fields)
    for alias, lang in split_aliases(_text(fields, "Aliases"), entity.schema is Schema.PERSON):
        kind = NameKind.ALIAS if " " in alias else NameKind.WEAK_ALIAS
        add_name(entity, alias, kind, lang)
    _add_dates(entity, fields, where, builder)
    if "ShipIMONumber" in fields:
        entity.identifiers.append(Identifier(IdType.IMO, fields["ShipIMONumber"][0]))
    if is_vessel:
        entity.add_property("vessel_type", _text(fields, "TitleOrShip"))
    for tag, (text, _) in fields.items():
        if tag not in _KNOWN_FIELDS:
            entity.add_property(_snake(tag), text)
    return entity


def _english(bilingual: str) -> str:
    """The English half of ``Russia / Russie``."""
    return bilingual.split(" / ", 1)[0].strip()


def _regime_key(regime: str) -> str:
    acronym = re.search(r"\(([A-Z]{2,})\)", regime)
    return country_code(regime) or (acronym[1].lower() if acronym else slug(regime))


def _add_primary_name(entity: Entity, fields: Fields) -> None:
    if entity.schema is not Schema.PERSON:
        entity.names.append(Name(fields["EntityOrShip"][0]))
        return
    family, given = _text(fields, "LastName"), _text(fields, "GivenName")
    full = " ".join(part for part in (given, family) if part)
    entity.names.append(Name(full, given=given, family=family, title=_text(fields, "TitleOrShip")))


def _add_dates(entity: Entity, fields: Fields, where: Location, builder: SnapshotBuilder) -> None:
    listed = _text(fields, "DateOfListing")
    entity.listed_on = parse_single_date(listed) if listed else None
    if listed and entity.listed_on is None:
        entity.add_property("listed_on", listed)
        builder.warn(_at(where, "DateOfListing"), f"{listed!r} is not a date; kept as text")
    born = _text(fields, "DateOfBirthOrShipBuildDate")
    if born is None:
        return
    line = fields["DateOfBirthOrShipBuildDate"][1]
    location = Location(where.file, line, where.element, "DateOfBirthOrShipBuildDate")
    if entity.schema is not Schema.VESSEL:
        add_birth_dates(entity, born, location, builder)
        return
    build_date = parse_date(born)
    entity.add_property("build_date", str(build_date) if build_date else born)
    if build_date is None:
        builder.warn(location, f"build date {born!r} is not a date; kept as text")


def split_aliases(text: str | None, is_person: bool) -> list[tuple[str, str | None]]:
    """Cut the free-text ``Aliases`` into names, each with its language code if labelled.

    Names are separated by ``;``, `` or ``, ``/`` between words, commas (unless what follows
    starts in lower case or is only a legal form such as ``Inc.`` or ``ПАО``) and, for
    people, `` and ``.  ``Russian:`` / ``Arabic:`` labels give the language of what follows.
    """
    value = clean(text)
    if not value:
        return []
    pieces = _LANGUAGE_LABEL.split(value)
    labelled = [(pieces[0], None)] + [
        (pieces[index + 1], _LANGUAGES[pieces[index].lower()])
        for index in range(1, len(pieces) - 1, 2)
    ]
    aliases: list[tuple[str, str | None]] = []
    for segment, lang in labelled:
        for part in _NAME_BREAKS.split(segment):
            for chunk in _PERSON_BREAKS.split(part) if is_person else [part]:
                aliases.extend((name, lang) for name in _split_commas(chunk))
    return aliases


def _split_commas(text: str) -> list[str]:
    names: list[str] = []
    for piece in text.split(","):
        tidy = _tidy(piece)
        if not tidy:
            continue
        if names and (tidy[0].islower() or _is_legal_form(tidy)):
            names[-1] = f"{names[-1]}, {tidy}"
        else:
            names.append(tidy)
    return names


def _is_legal_form(text: str) -> bool:
    return _LEGAL_FORMS_ONLY.fullmatch(text) is not None


def _tidy(text: str) -> str:
    """Strip spaces, stray separators and an unbalanced bracket at either end."""
    value = text.strip(" \t,;:").removesuffix("(").rstrip()
    if value.startswith("(") and ")" not in value:
        value = value[1:]
    if value.endswith(")") and "(" not in value:
        value = value[:-1]
    return value.strip()


def _snake(tag: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", tag).lower()


def _sniff(path: Path, head: bytes) -> bool:
    del path
    return re.search(rb"<data-set[\s>]", head) is not None and b"<DateOfListing>" in head


FORMATS = [
    ListFormat(
        name=FORMAT_NAME,
        list_name=LIST_NAME,
        description="Canada Consolidated Autonomous Sanctions List (SEMA), XML",
        sniff=_sniff,
        parse=parse,
    )
]
