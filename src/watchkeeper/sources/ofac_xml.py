"""OFAC's XML publications: the classic ``sdnList`` XML and the enhanced ``sanctionsData`` XML.

Both carry OFAC's own entry number (``sdnEntry/uid``, ``entity/@id``), which is the
``ent_num`` of OFAC's CSV files, so an entry keeps its id whichever format a version was read
from: ``ofac:<uid>`` on the SDN list, ``ofac-cons:<uid>`` on the consolidated (non-SDN) list.
Either flavour may come as a bare XML file or as a zip archive holding one XML file
(``CONS_ENHANCED.ZIP``).

Which list a file holds decides its format (one :class:`ListFormat` per flavour and list):

* The enhanced XML says so: ``publicationInfo/filters/sanctionsLists`` names ``SDN List`` or
  ``Consolidated List``.
* The classic XML does not: both lists share root element, namespace and header.  Some
  programmes belong to OFAC's non-SDN lists only (``NS-PLC``, ``NS-ISA``, ``FSE-*``,
  ``CMIC-*``, ``561-Related``); an SDN entry may carry one, but always beside an SDN programme
  (no entry of the 2021 and 2024 ``sdn.csv`` files has only these).  A classic file is the
  consolidated list when an entry in its first 64 KiB has non-SDN programmes only, or else when
  its name says so (``consolidated.xml``, ``cons_*.xml``, ``*non_sdn*``); otherwise it is the
  SDN list.  Read as the SDN list, a file with such entries gets an error, so it cannot
  replace the SDN list.

Identity documents, features and the classic ``idList`` use the labels of OFAC's CSV remarks
(``Passport``, ``Tax ID No.``, ``Secondary sanctions risk:`` ...).  Each is written as the
clause OFAC's CSV holds for it and read with :mod:`watchkeeper.sources.ofac_remarks`, so one
vocabulary serves every OFAC format and an entry reads the same from CSV and XML.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, time
from pathlib import Path
from typing import IO

from lxml import etree

from watchkeeper.countries import country_or_text
from watchkeeper.dates import iso_date, parse_single_date
from watchkeeper.model import Address, Entity, Identifier, IdType, Name, NameKind, Schema
from watchkeeper.sources.base import ListFormat, ListFormatError, ListSnapshot, Location, Parser
from watchkeeper.sources.cleaning import clean
from watchkeeper.sources.ofac_remarks import parse_remarks, split_clauses
from watchkeeper.sources.recordkit import SnapshotBuilder, append_new
from watchkeeper.sources.xmlsafe import (
    child_text,
    children,
    element_text,
    iter_records,
    local_name,
    source_line,
)

SDN_LIST = "ofac"
CONSOLIDATED_LIST = "ofac-cons"
MAX_XML_BYTES = 1 << 30
"""Largest XML file read out of a zip archive (by its declared size), far above OFAC's files.

Python's zipfile stops at the declared size (and fails the CRC check), so an archive that
lies about its size cannot unpack more than this either.
"""

_HEAD_BYTES = 65536
_ZIP_MAGIC = b"PK\x03\x04"
_CLASSIC_ROOT = "sdnList"
_ENHANCED_ROOT = "sanctionsData"
_CONSOLIDATED_FILE_NAME = re.compile(
    r"(?<![a-z])cons(?:olidated)?(?![a-z])|non[-_ ]?sdn", re.IGNORECASE
)
_NON_SDN_PROGRAM = re.compile(r"^(?:NS-[A-Z]+|FSE-[A-Z]+|CMIC-EO\d+|561-Related)$", re.IGNORECASE)
_ENHANCED_LISTS = {"SDN List": SDN_LIST, "Consolidated List": CONSOLIDATED_LIST}
_SCHEMAS = {
    "individual": Schema.PERSON,
    "entity": Schema.ORGANIZATION,
    "vessel": Schema.VESSEL,
    "aircraft": Schema.AIRCRAFT,
}
_US_DATE = re.compile(r"(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4})")
_WRAPPED_LINK = re.compile(r"^\((?P<clause>Linked To:[^()]*(?:\([^()]*\)[^()]*)*)\)$")
"""The classic XML writes ``(Linked To: X)`` where the CSV writes ``Linked To: X``."""

_CLAUSE_LABELS = {
    "birthdate": "DOB",
    "place of birth": "POB",
    "nationality country": "nationality",
    "citizenship country": "citizen",
}
"""Enhanced-XML feature labels whose CSV remarks clause starts with another word."""

_VESSEL_PROPERTIES = {
    "vessel type": "vessel_type",
    "vessel flag": "flag",
    "vessel owner": "vessel_owner",
    "vessel tonnage": "tonnage",
    "vessel gross registered tonnage": "gross_registered_tonnage",
}
"""Vessel facts, which OFAC's CSV keeps in columns of their own rather than in remarks."""

_CLASSIC_VESSEL_LABELS = {
    "callSign": "Vessel Call Sign",
    "vesselType": "VESSEL TYPE",
    "vesselFlag": "Vessel Flag",
    "vesselOwner": "Vessel Owner",
    "tonnage": "Vessel Tonnage",
    "grossRegisteredTonnage": "Vessel Gross Registered Tonnage",
}
"""``vesselInfo`` children by the label the enhanced XML gives the same fact."""

_CLASSIC_FACTS = {
    ("nationalityList", "nationality", "country"): "Nationality Country",
    ("citizenshipList", "citizenship", "country"): "Citizenship Country",
    ("dateOfBirthList", "dateOfBirthItem", "dateOfBirth"): "Birthdate",
    ("placeOfBirthList", "placeOfBirthItem", "placeOfBirth"): "Place of Birth",
}
"""Classic lists of facts (list, item, value element) by their enhanced-XML feature label."""

_NOTE_TEMPLATES = {
    "issueDate": "issued {}",
    "expirationDate": "expires {}",
    "issuingAuthority": "issued by {}",
    "issuingLocation": "issued in {}",
}
_ADDRESS_PARTS = {
    "address1": "street",
    "address2": "street",
    "address3": "street",
    "city": "city",
    "stateorprovince": "region",
    "state/province": "region",
    "region": "region",
    "postalcode": "postal_code",
    "postal code": "postal_code",
}
_CLASSIC_ADDRESS_SKIPPED = {"uid", "country", "mainEntry"}
_ENHANCED_PROPERTIES = (
    ("sanctions_lists", ("sanctionsLists", "sanctionsList")),
    ("sanctions_type", ("sanctionsTypes", "sanctionsType")),
    ("legal_authority", ("legalAuthorities", "legalAuthority")),
)
_SCRIPTS = {
    "Arabic": "Arab",
    "Armenian": "Armn",
    "Chinese Simplified": "Hans",
    "Chinese Traditional": "Hant",
    "Cyrillic": "Cyrl",
    "Georgian": "Geor",
    "Greek": "Grek",
    "Hangul": "Hang",
    "Hebrew": "Hebr",
    "Japanese": "Jpan",
    "Korean": "Kore",
}
"""OFAC's script names as ISO 15924 codes (Latin names get none, as in the classic XML)."""


@dataclass(frozen=True, slots=True)
class _Labelled:
    """One labelled fact of an entry (an id, a feature, a date of birth ...) and its place."""

    label: str
    value: str
    location: Location
    country: str | None = None
    notes: tuple[str, ...] = ()
    remarks: tuple[str, ...] = ()
    """What the file says about the fact beyond the clause (comments, doubtful reliability)."""
    is_document: bool = False
    """An identity document: always an identifier, whatever its label."""


# -- opening files ---------------------------------------------------------------------------


@contextmanager
def _open_xml(path: Path) -> Iterator[tuple[IO[bytes], str]]:
    """The XML of ``path`` (a bare file or the one XML file of a zip) and its label for messages."""
    label = str(path)
    try:
        with path.open("rb") as handle:
            if handle.read(len(_ZIP_MAGIC)) != _ZIP_MAGIC:
                handle.seek(0)
                yield handle, label
                return
        with zipfile.ZipFile(path) as archive:
            member = _xml_member(archive, label)
            label = f"{path}!{member.filename}"
            with archive.open(member) as stream:
                yield stream, label
    except (OSError, EOFError, zlib.error, zipfile.BadZipFile, NotImplementedError) as error:
        raise ListFormatError(Location(label), f"cannot read the file: {error}") from error
    except RuntimeError as error:  # zipfile's answer to an encrypted member
        raise ListFormatError(Location(label), f"cannot unpack the zip archive: {error}") from error


def _xml_member(archive: zipfile.ZipFile, label: str) -> zipfile.ZipInfo:
    """The one XML file of a zip archive; refused when it would unpack too large."""
    members = archive.infolist()
    xml_members = [m for m in members if not m.is_dir() and m.filename.lower().endswith(".xml")]
    if len(xml_members) != 1:
        listing = ", ".join(m.filename for m in members) or "nothing"
        raise ListFormatError(
            Location(label), f"the zip archive should hold one XML file; it holds {listing}"
        )
    member = xml_members[0]
    if member.file_size > MAX_XML_BYTES:
        raise ListFormatError(
            Location(f"{label}!{member.filename}"),
            f"unpacks to {member.file_size:,} bytes, more than the {MAX_XML_BYTES:,} allowed",
        )
    return member


def _single_file(files: Sequence[Path], format_name: str) -> Path:
    if len(files) != 1:
        label = ", ".join(str(path) for path in files) or "(no file)"
        raise ListFormatError(Location(label), f"{format_name} reads exactly one file")
    return files[0]


# -- telling the formats and lists apart -----------------------------------------------------


def _xml_head(path: Path, head: bytes) -> bytes:
    """The first bytes of the XML itself: ``head``, or those of the XML file in a zip."""
    if not head.startswith(_ZIP_MAGIC):
        return head
    with _open_xml(path) as (stream, _label):
        return stream.read(_HEAD_BYTES)


def _head_records(head: bytes, tags: set[str]) -> Iterator[etree._Element]:
    """The complete ``tags`` elements in the first bytes of a file; the cut-off end is ignored."""
    try:
        yield from iter_records(io.BytesIO(head), tags, "head")
    except ListFormatError:
        return


def _root_name(element: etree._Element) -> str:
    return local_name(element.getroottree().getroot())


def _has_only_non_sdn_programs(programs: Sequence[str]) -> bool:
    return bool(programs) and all(_NON_SDN_PROGRAM.match(program) for program in programs)


def _classic_list(path: Path, head: bytes) -> str | None:
    """The list a classic ``sdnList`` file holds (rule in the module notes), or None."""
    is_classic = False
    for record in _head_records(_xml_head(path, head), {"publshInformation", "sdnEntry"}):
        if _root_name(record) != _CLASSIC_ROOT:
            return None
        is_classic = True
        programs = _texts(record, "programList", "program")
        if local_name(record) == "sdnEntry" and _has_only_non_sdn_programs(programs):
            return CONSOLIDATED_LIST
    if not is_classic:
        return None
    return CONSOLIDATED_LIST if _CONSOLIDATED_FILE_NAME.search(path.name) else SDN_LIST


def _enhanced_list(path: Path, head: bytes) -> str | None:
    """The list an enhanced ``sanctionsData`` file names in its ``publicationInfo``, or None."""
    for record in _head_records(_xml_head(path, head), {"publicationInfo"}):
        return _published_list(record) if _root_name(record) == _ENHANCED_ROOT else None
    return None


def _published_list(publication_info: etree._Element) -> str | None:
    lists = {
        _ENHANCED_LISTS.get(name)
        for name in _texts(publication_info, "filters", "sanctionsLists", "sanctionsList")
    }
    return lists.pop() if len(lists) == 1 else None


def _sniffer(
    read_list: Callable[[Path, bytes], str | None], list_name: str
) -> Callable[[Path, bytes], bool]:
    def sniff(path: Path, head: bytes) -> bool:
        try:
            return read_list(path, head) == list_name
        except ListFormatError:
            return False

    return sniff


# -- reading a file --------------------------------------------------------------------------

_Reader = Callable[[IO[bytes], str, SnapshotBuilder], None]


def _parser(format_name: str, list_name: str, read: _Reader) -> Parser:
    def parse(files: Sequence[Path]) -> ListSnapshot:
        path = _single_file(files, format_name)
        snapshot = ListSnapshot(list_name, format_name, list(files))
        with _open_xml(path) as (stream, label):
            read(stream, label, SnapshotBuilder(snapshot))
        return snapshot

    return parse


def _records(stream: IO[bytes], tags: set[str], root: str, label: str) -> Iterator[etree._Element]:
    """Stream the ``tags`` records of a document whose root element must be ``root``."""
    seen = False
    for record in iter_records(stream, tags, label):
        if not seen and _root_name(record) != root:
            found = _root_name(record)
            raise ListFormatError(
                Location(label, source_line(record), found),
                f"root element <{found}>, not OFAC's <{root}>",
            )
        seen = True
        yield record
    if not seen:
        wanted = " or ".join(f"<{tag}>" for tag in sorted(tags))
        raise ListFormatError(Location(label), f"no {wanted} element: not OFAC's <{root}> XML")


def _read_classic(stream: IO[bytes], label: str, builder: SnapshotBuilder) -> None:
    declared_count: int | None = None
    entries = 0
    for record in _records(stream, {"publshInformation", "sdnEntry"}, _CLASSIC_ROOT, label):
        if local_name(record) == "publshInformation":
            declared_count = _read_publish_information(record, label, builder)
        else:
            entries += 1
            _read_classic_entry(record, label, builder)
    if declared_count is not None and declared_count != entries:
        builder.error(
            Location(label, element="publshInformation", field="Record_Count"),
            f"the header counts {declared_count} entries, the file holds {entries}",
        )
    if builder.snapshot.list_name == SDN_LIST:
        _check_sdn_programs(label, builder)


def _read_publish_information(
    record: etree._Element, label: str, builder: SnapshotBuilder
) -> int | None:
    """Set the snapshot's publication date; return the header's entry count."""
    date_text = child_text(record, "Publish_Date")
    location = Location(label, source_line(record), "publshInformation", "Publish_Date")
    _set_published(builder, date_text, _us_date(date_text), location)
    count = child_text(record, "Record_Count")
    return int(count) if count and count.isdigit() else None


def _us_date(text: str | None) -> str | None:
    """``01/08/2026`` (month first, as OFAC writes it) -> ``2026-01-08``."""
    match = _US_DATE.fullmatch(text or "")
    if not match or not (1 <= int(match["month"]) <= 12 and 1 <= int(match["day"]) <= 31):
        return None
    return iso_date(match["year"], match["month"], match["day"])


def _iso_timestamp(text: str | None) -> str | None:
    """``2025-01-10T00:00:00`` -> ``2025-01-10``; a time other than midnight is kept."""
    try:
        stamp = datetime.fromisoformat(text or "")
    except ValueError:
        return None
    return stamp.date().isoformat() if stamp.time() == time() else stamp.isoformat()


def _set_published(
    builder: SnapshotBuilder, text: str | None, value: str | None, location: Location
) -> None:
    builder.snapshot.published = value
    if text and value is None:
        builder.warn(location, f"publication date {text!r} not understood")


def _check_sdn_programs(label: str, builder: SnapshotBuilder) -> None:
    suspects = [e.id for e in builder.snapshot.entities if _has_only_non_sdn_programs(e.programs)]
    if suspects:
        builder.error(
            Location(label, element="sdnEntry", field="programList"),
            f"{len(suspects)} entries (first {suspects[0]}) carry only programmes of OFAC's "
            "non-SDN lists: this file is the consolidated list, not the SDN list",
        )


# -- classic sdnList entries -----------------------------------------------------------------


def _read_classic_entry(record: etree._Element, label: str, builder: SnapshotBuilder) -> None:
    uid = child_text(record, "uid")
    path = f"sdnEntry[uid={uid}]" if uid else "sdnEntry"
    here = Location(label, source_line(record), path)
    last_name = child_text(record, "lastName")
    if not uid or not last_name:
        missing = "uid" if not uid else "lastName"
        builder.error(replace(here, field=missing), f"entry without {missing}: it cannot be listed")
        return
    entity = Entity(f"{builder.snapshot.list_name}:{uid}", Schema.LEGAL_ENTITY)
    _set_schema(entity, child_text(record, "sdnType"), replace(here, field="sdnType"), builder)
    entity.names.append(
        _split_name(NameKind.PRIMARY, child_text(record, "firstName"), last_name, entity.schema)
    )
    for aka in _path(record, "akaList", "aka"):
        _add_classic_alias(entity, aka)
    entity.programs.extend(_texts(record, "programList", "program"))
    entity.add_property("position", child_text(record, "title"))
    for address in _path(record, "addressList", "address"):
        _add_address(entity, _classic_address(address))
    for fact in _classic_facts(record, label, path):
        _apply_fact(entity, fact, builder)
    _apply_remarks(entity, child_text(record, "remarks"), replace(here, field="remarks"), builder)
    _warn_unexpanded(record, here, builder)
    builder.add(entity, here)


def _add_classic_alias(entity: Entity, aka: etree._Element) -> None:
    first_name, last_name = child_text(aka, "firstName"), child_text(aka, "lastName")
    if first_name or last_name:
        low_quality = (child_text(aka, "category") or "").lower() == "weak"
        kind = _alias_kind(child_text(aka, "type"), low_quality)
        _add_name(entity, _split_name(kind, first_name, last_name, entity.schema))


def _classic_address(address: etree._Element) -> Address | None:
    parts = [
        (local_name(part), text)
        for part in address
        if isinstance(part.tag, str)
        and local_name(part) not in _CLASSIC_ADDRESS_SKIPPED
        and (text := element_text(part))
    ]
    country = child_text(address, "country")
    return _address(parts, country, country_or_text(country))


def _classic_facts(record: etree._Element, label: str, path: str) -> Iterator[_Labelled]:
    """The ids, dates and places of birth, nationalities and vessel facts of an entry."""
    for item in _path(record, "idList", "id"):
        number = child_text(item, "idNumber")
        if number:
            yield _Labelled(
                child_text(item, "idType") or "ID",
                number,
                Location(label, source_line(item), f"{path}/idList/id", "idNumber"),
                child_text(item, "idCountry"),
                _notes(item),
            )
    for (list_tag, item_tag, value_tag), fact_label in _CLASSIC_FACTS.items():
        for item in _path(record, list_tag, item_tag):
            value = child_text(item, value_tag)
            if value:
                where = Location(
                    label, source_line(item), f"{path}/{list_tag}/{item_tag}", value_tag
                )
                yield _Labelled(fact_label, value, where)
    for vessel_fact in _path(record, "vesselInfo"):
        for tag, fact_label in _CLASSIC_VESSEL_LABELS.items():
            value = child_text(vessel_fact, tag)
            if value:
                where = Location(label, source_line(vessel_fact), f"{path}/vesselInfo", tag)
                yield _Labelled(fact_label, value, where)


# -- enhanced sanctionsData entities ---------------------------------------------------------


def _read_enhanced(stream: IO[bytes], label: str, builder: SnapshotBuilder) -> None:
    countries: dict[str, str] = {}  # ISO codes of the file's country references, by refId
    publication_checked = False
    tags = {"publicationInfo", "referenceValue", "entity"}
    for record in _records(stream, tags, _ENHANCED_ROOT, label):
        tag = local_name(record)
        if tag == "publicationInfo":
            _read_publication_info(record, label, builder)
            publication_checked = True
        elif tag == "referenceValue":
            _note_country(record, countries)
        elif publication_checked:
            _read_enhanced_entity(record, label, builder, countries)
        else:
            raise ListFormatError(
                Location(label, source_line(record), "entity"),
                "entities before <publicationInfo>: the file does not say which list it is",
            )


def _read_publication_info(record: etree._Element, label: str, builder: SnapshotBuilder) -> None:
    """Check the file publishes the expected list; set the snapshot's publication date."""
    expected = builder.snapshot.list_name
    if _published_list(record) != expected:
        names = _texts(record, "filters", "sanctionsLists", "sanctionsList")
        raise ListFormatError(
            Location(label, source_line(record), "publicationInfo/filters", "sanctionsList"),
            f"the file publishes {', '.join(names) or 'no named list'}, not the list {expected}",
        )
    as_of = child_text(record, "dataAsOf")
    location = Location(label, source_line(record), "publicationInfo", "dataAsOf")
    _set_published(builder, as_of, _iso_timestamp(as_of), location)


def _note_country(record: etree._Element, countries: dict[str, str]) -> None:
    reference, iso_code = record.get("refId"), child_text(record, "isoCode")
    if child_text(record, "type") == "COUNTRY" and reference and iso_code:
        countries[reference] = iso_code.lower()


def _read_enhanced_entity(
    record: etree._Element, label: str, builder: SnapshotBuilder, countries: dict[str, str]
) -> None:
    uid = clean(record.get("id"))
    path = f"entity[id={uid}]" if uid else "entity"
    here = Location(label, source_line(record), path)
    if not uid:
        builder.error(replace(here, field="id"), "entity without id: it cannot be listed")
        return
    entity = Entity(f"{builder.snapshot.list_name}:{uid}", Schema.LEGAL_ENTITY)
    entity_type = _first_text(record, "generalInfo", "entityType")
    _set_schema(entity, entity_type, replace(here, field="entityType"), builder)
    for name in _path(record, "names", "name"):
        for translated in _enhanced_names(name):
            _add_name(entity, translated)
    if not any(name.kind is NameKind.PRIMARY for name in entity.names):
        builder.error(replace(here, field="names"), "entity without a primary name")
        return
    _fill_enhanced(entity, record, countries)
    for fact in _enhanced_facts(record, label, path, countries):
        _apply_fact(entity, fact, builder)
    for remarks in _texts(record, "generalInfo", "remarks"):
        _apply_remarks(entity, remarks, replace(here, field="remarks"), builder)
    _warn_unexpanded(record, here, builder)
    builder.add(entity, here)


def _fill_enhanced(entity: Entity, record: etree._Element, countries: dict[str, str]) -> None:
    """Programmes, listing date, lists, addresses and relationships of an enhanced entity."""
    entity.programs.extend(_texts(record, "sanctionsPrograms", "sanctionsProgram"))
    listing_dates = [
        date
        for listing in _path(record, "sanctionsLists", "sanctionsList")
        if (date := parse_single_date(listing.get("datePublished") or ""))
    ]
    entity.listed_on = min(listing_dates, default=None)
    for key, steps in _ENHANCED_PROPERTIES:
        for value in _texts(record, *steps):
            entity.add_property(key, value)
    for address in _path(record, "addresses", "address"):
        for translated in _enhanced_addresses(address, countries):
            _add_address(entity, translated)
    for relationship in _path(record, "relationships", "relationship"):
        _add_relationship(entity, relationship)


def _enhanced_names(name: etree._Element) -> Iterator[Name]:
    """One name per translation; a translation in a non-Latin script is an original-script name."""
    if child_text(name, "isPrimary") == "true":
        kind = NameKind.PRIMARY
    else:
        low_quality = child_text(name, "isLowQuality") == "true"
        kind = _alias_kind(child_text(name, "aliasType"), low_quality)
    for translation in _path(name, "translations", "translation"):
        parts = {
            child_text(part, "type"): child_text(part, "value")
            for part in _path(translation, "nameParts", "namePart")
        }
        full = child_text(translation, "formattedFullName") or ", ".join(
            filter(None, (parts.get("Last Name"), parts.get("First Name")))
        )
        script = child_text(translation, "script")
        latin = script in (None, "Latin")
        if full:
            yield Name(
                full,
                kind if latin else NameKind.ORIGINAL_SCRIPT,
                given=parts.get("First Name"),
                middle=parts.get("Middle Name"),
                family=parts.get("Last Name"),
                patronymic=parts.get("Patronymic"),
                lang=None if latin or script is None else _SCRIPTS.get(script, script),
            )


def _enhanced_addresses(address: etree._Element, countries: dict[str, str]) -> Iterator[Address]:
    """One address per translation that has parts; the country alone when none has."""
    country_name = child_text(address, "country")
    country = countries.get(_ref(_first(address, "country"))) or country_or_text(country_name)
    found = False
    for translation in _path(address, "translations", "translation"):
        parts = [
            (child_text(part, "type") or "", value)
            for part in _path(translation, "addressParts", "addressPart")
            if (value := child_text(part, "value"))
        ]
        translated = _address(parts, country_name, country) if parts else None
        if translated:
            found = True
            yield translated
    only_country = None if found else _address([], country_name, country)
    if only_country:
        yield only_country


def _enhanced_facts(
    record: etree._Element, label: str, path: str, countries: dict[str, str]
) -> Iterator[_Labelled]:
    """The features (dates of birth, nationalities, BIC, website ...) and identity documents."""
    for feature in _path(record, "features", "feature"):
        feature_type, value = child_text(feature, "type"), child_text(feature, "value")
        if feature_type and value:
            country = countries.get(child_text(feature, "valueRefId") or "")
            yield _Labelled(
                feature_type,
                country or value,
                Location(label, source_line(feature), f"{path}/features/feature", "value"),
                remarks=_feature_remarks(feature, feature_type, value),
            )
    for document in _path(record, "identityDocuments", "identityDocument"):
        number = child_text(document, "documentNumber")
        if number:
            issuer = _first(document, "issuingCountry")
            invalid = child_text(document, "isValid") == "false"
            yield _Labelled(
                child_text(document, "type") or "ID",
                number,
                Location(
                    label, source_line(document), f"{path}/identityDocuments", "documentNumber"
                ),
                countries.get(_ref(issuer)) or child_text(document, "issuingCountry"),
                _notes(document),
                (f"document {number} is marked not valid",) if invalid else (),
                is_document=True,
            )


def _feature_remarks(feature: etree._Element, feature_type: str, value: str) -> tuple[str, ...]:
    """A feature's comment, and its reliability unless ``Confirmed``, as remarks."""
    reliability = child_text(feature, "reliability")
    notes = [child_text(feature, "comments")]
    if reliability and reliability != "Confirmed":
        notes.append(f"reliability {reliability}")
    return tuple(f"{feature_type} {value}: {note}" for note in notes if note)


def _add_relationship(entity: Entity, relationship: etree._Element) -> None:
    related = _first(relationship, "relatedEntity")
    name = element_text(related) if related is not None else None
    if related is not None and name:
        append_new(entity.links, name)
        kind = child_text(relationship, "type") or "Related to"
        entity.add_property("relationship", f"{kind}: {name} (uid {related.get('entityId')})")


def _ref(element: etree._Element | None) -> str:
    return (element.get("refId") or "") if element is not None else ""


# -- shared by both flavours -----------------------------------------------------------------


def _first(element: etree._Element, name: str) -> etree._Element | None:
    return next(iter(children(element, name)), None)


def _path(element: etree._Element, *steps: str) -> list[etree._Element]:
    """The elements reached from ``element`` through children with these local names."""
    found = [element]
    for step in steps:
        found = [child for parent in found for child in children(parent, step)]
    return found


def _texts(element: etree._Element, *steps: str) -> list[str]:
    """The non-empty texts of the elements at ``steps`` below ``element``."""
    return [text for found in _path(element, *steps) if (text := element_text(found))]


def _first_text(element: etree._Element, *steps: str) -> str | None:
    return next(iter(_texts(element, *steps)), None)


def _notes(element: etree._Element) -> tuple[str, ...]:
    """Issue and expiry dates, issuer and place of an id, as OFAC's CSV writes them."""
    return tuple(
        template.format(text)
        for tag, template in _NOTE_TEMPLATES.items()
        if (text := child_text(element, tag))
    )


def _set_schema(
    entity: Entity, entry_type: str | None, location: Location, builder: SnapshotBuilder
) -> None:
    schema = _SCHEMAS.get((entry_type or "").lower())
    if schema is None:
        builder.warn(location, f"entry type {entry_type!r} unknown; read as a legal entity")
        entity.add_property("entry_type", entry_type)
    else:
        entity.schema = schema


def _alias_kind(alias_type: str | None, low_quality: bool) -> NameKind:
    """Weak (low-quality) aliases first; ``f.k.a.`` is a former name; others are aliases."""
    if low_quality:
        return NameKind.WEAK_ALIAS
    letters = re.sub(r"[^a-z]", "", (alias_type or "").lower())
    return NameKind.FORMER if letters == "fka" else NameKind.ALIAS


def _split_name(kind: NameKind, first: str | None, last: str | None, schema: Schema) -> Name:
    """A name from OFAC's first/last name fields, written ``LAST, First`` as OFAC does."""
    if first and last:
        full = f"{last}, {first}"
        if schema is Schema.PERSON:
            return Name(full, kind, given=first, family=last)
        return Name(full, kind)
    return Name(last or first or "", kind)


def _add_name(entity: Entity, name: Name) -> None:
    if all((known.full, known.kind) != (name.full, name.kind) for known in entity.names):
        entity.names.append(name)


def _address(
    parts: list[tuple[str, str]], country_name: str | None, country: str | None
) -> Address | None:
    """An address from (part name, value) pairs and its country; None when it is all empty."""
    fields: dict[str, list[str]] = {}
    for part_name, value in parts:
        fields.setdefault(_ADDRESS_PARTS.get(part_name.lower(), "other"), []).append(value)
    full = ", ".join(
        [value for _part_name, value in parts] + ([country_name] if country_name else [])
    )
    if not full:
        return None
    return Address(
        full,
        street=", ".join(fields.get("street", [])) or None,
        city=", ".join(fields.get("city", [])) or None,
        region=", ".join(fields.get("region", [])) or None,
        postal_code=", ".join(fields.get("postal_code", [])) or None,
        country=country,
    )


def _add_address(entity: Entity, address: Address | None) -> None:
    if address is not None and address not in entity.addresses:
        entity.addresses.append(address)


def _apply_fact(entity: Entity, fact: _Labelled, builder: SnapshotBuilder) -> None:
    """Put one labelled fact where it belongs: a vessel property, or through the remarks grammar.

    An identity document whose label the grammar does not know is kept as an ``other`` id.
    """
    entity.remarks.extend(fact.remarks)
    vessel_key = _VESSEL_PROPERTIES.get(fact.label.lower())
    if vessel_key:
        value = country_or_text(fact.value) if vessel_key == "flag" else fact.value
        entity.add_property(vessel_key, value)
        return
    words = [_CLAUSE_LABELS.get(fact.label.lower(), fact.label), fact.value]
    if fact.country:
        words.append(f"({fact.country})")
    clause = " ".join([*words, *fact.notes])
    read = _apply_clause(entity, clause, fact.location, builder, keep_unread=not fact.is_document)
    if fact.is_document and not read:
        note = "; ".join((fact.label, *fact.notes))
        entity.identifiers.append(
            Identifier(IdType.OTHER, fact.value, country_or_text(fact.country), note)
        )


def _apply_remarks(
    entity: Entity, text: str | None, location: Location, builder: SnapshotBuilder
) -> None:
    for clause in split_clauses(text or ""):
        wrapped = _WRAPPED_LINK.match(clause)
        _apply_clause(entity, wrapped["clause"] if wrapped else clause, location, builder)


def _apply_clause(
    entity: Entity,
    clause: str,
    location: Location,
    builder: SnapshotBuilder,
    keep_unread: bool = True,
) -> bool:
    """Read one CSV-style remarks clause into ``entity``; False if the grammar does not know it.

    A clause not understood (or holding a ``;``, which the grammar would split) is kept as a
    remark when ``keep_unread``.
    """
    parsed = None if ";" in clause else parse_remarks(clause, person=entity.schema is Schema.PERSON)
    if parsed is None or (parsed.remarks and not parsed.issues):
        if keep_unread:
            entity.remarks.append(clause)
        return False
    parsed.apply_to(entity)
    for issue in parsed.issues:
        builder.warn(location, f"{issue.message}; kept as text in the remarks")
    return True


def _warn_unexpanded(record: etree._Element, location: Location, builder: SnapshotBuilder) -> None:
    """Entity references are never expanded (no DTD, no network); say where one was left."""
    for reference in record.iter(etree.Entity):
        builder.warn(
            replace(location, line=source_line(reference)),
            f"XML entity reference {reference.text} left unexpanded, as written",
        )


def _format(
    name: str,
    list_name: str,
    description: str,
    read_list: Callable[[Path, bytes], str | None],
    read: _Reader,
) -> ListFormat:
    return ListFormat(
        name, list_name, description, _sniffer(read_list, list_name), _parser(name, list_name, read)
    )


FORMATS: list[ListFormat] = [
    _format(
        "ofac-xml",
        SDN_LIST,
        "OFAC SDN list, classic sdnList XML (sdn.xml), bare or zipped",
        _classic_list,
        _read_classic,
    ),
    _format(
        "ofac-cons-xml",
        CONSOLIDATED_LIST,
        "OFAC consolidated (non-SDN) list, classic sdnList XML (consolidated.xml)",
        _classic_list,
        _read_classic,
    ),
    _format(
        "ofac-enhanced-xml",
        SDN_LIST,
        "OFAC SDN list, enhanced XML (SDN_ENHANCED.XML or .ZIP)",
        _enhanced_list,
        _read_enhanced,
    ),
    _format(
        "ofac-cons-enhanced-xml",
        CONSOLIDATED_LIST,
        "OFAC consolidated (non-SDN) list, enhanced XML (CONS_ENHANCED.XML or .ZIP)",
        _enhanced_list,
        _read_enhanced,
    ),
]
