"""PAXLST passenger and crew lists (UN/EDIFACT D02B and D05B, as the WCO/IATA/ICAO API
guidelines and the US CBP implementation guide use them): one screening unit a passenger or
crew member.

A traveller is a NAD segment (``FL`` passenger, ``FM`` crew member, ``DDU`` / ``DDT`` in
transit) with the segments after it: ATT gender, DTM+329 birth date, NAT nationality, LOC
airports (178 embarkation, 179 debarkation, 22 clearance), LOC+174 residence, LOC+180 place
of birth, DOC documents with their DTM+36 expiry and LOC+91 issuing country, RFF references,
FTX remarks.  The NAD's address is free text (``UNH[1]/NAD[2]/5``: street, city, region and
postcode from element 5 on; ``.../3``: unstructured lines) and its country (``.../9``) an
address country.  The flight legs of the message header (TDT with LOC+125 / 87 / 92) are
route countries of every unit.

The reporting party (NAD+MS, the airline's contact) and the header's remarks are no part of
any traveller's record: they make a unit of their own, ``UNH[1]/NAD[1]``, screened once per
message rather than once per traveller.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import BinaryIO

from watchkeeper.messages import edifact, travel
from watchkeeper.messages.edifact import Message, Segment
from watchkeeper.messages.units import (
    CountryRef,
    CountryRole,
    FreeText,
    MessageFormatError,
    Party,
    ScreeningUnit,
)
from watchkeeper.model import DateSpec, Gender, Identifier, IdType, Query, Schema

FORMATS: tuple[str, ...] = ("paxlst",)

_ROLES = {"FL": "passenger", "FM": "crew", "DDU": "passenger_in_transit", "DDT": "crew_in_transit"}
"""NAD party qualifiers of travellers; any other NAD but the reporting party (MS) is read as a
traveller too, with the role ``traveller``."""
_REPORTING_PARTY = "MS"
_AIRPORT_LOCATIONS = frozenset({"125", "87", "92", "178", "179", "22"})
"""LOC qualifiers naming an airport: departure, arrival, routing, embarkation,
debarkation, clearance."""
_NAME_WIDTH = 35
"""Characters of a NAD name component (data element 3036, an..35): a family name that fills
them may have been cut there, and its last word is the last of the traveller's name
(:mod:`watchkeeper.match.truncation`)."""
_PERSONAL_REFERENCES = {"AEA": "redress number", "CR": "known traveller number"}
"""RFF qualifiers that identify the traveller (US CBP guide); the others (AVF reservation,
ABO originator, TN transaction, SEA seat) identify a booking and are not screened."""


def sniff(head: bytes) -> str | None:
    """``paxlst`` if ``head`` starts an EDIFACT interchange of PAXLST messages."""
    return edifact.sniff(head, {"PAXLST": "paxlst"})


def read_units(
    stream: BinaryIO, source: str, expected: str | None = None
) -> Iterator[ScreeningUnit | MessageFormatError]:
    """One unit per passenger and crew member of every PAXLST message in ``stream``."""
    return edifact.read_units(stream, source, expected, "paxlst", "PAXLST", _message_units)


@dataclass(slots=True)
class _Document:
    kind: str
    number: str
    issuer: str | None = None
    expiry: DateSpec | None = None

    def identifier(self) -> Identifier | None:
        note = f"expires {self.expiry}" if self.expiry else ""
        return travel.document(self.kind, self.number, self.issuer, note)


@dataclass(slots=True)
class _Traveller:
    """What one traveller's segments say, gathered before the unit is made."""

    path: str
    role: str
    name: str
    name_cut: bool
    birth_dates: list[DateSpec] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    gender: Gender | None = None
    documents: list[_Document] = field(default_factory=list)
    identifiers: list[Identifier] = field(default_factory=list)
    texts: list[FreeText] = field(default_factory=list)
    refs: list[CountryRef] = field(default_factory=list)

    def party(self) -> Party:
        identifiers = list(self.identifiers)
        identifiers.extend(i for d in self.documents if (i := d.identifier()) is not None)
        query = Query(
            id=self.path,
            names=[self.name],
            schema=Schema.PERSON,
            birth_dates=self.birth_dates,
            nationalities=_unique(self.nationalities),
            countries=_unique(self.countries),
            gender=self.gender,
            identifiers=identifiers,
            names_cut=self.name_cut,
        )
        return Party(self.path, self.role, query)


@dataclass(slots=True)
class _Shared:
    """The message header: the reporting party and remarks (a unit of their own) and the
    route (copied into every unit)."""

    parties: list[Party] = field(default_factory=list)
    texts: list[FreeText] = field(default_factory=list)
    refs: list[CountryRef] = field(default_factory=list)


def _message_units(message: Message, source: str) -> Iterator[ScreeningUnit | MessageFormatError]:
    paths = message.paths()
    reference = message.prepared or date.today()
    shared = _Shared()
    groups: list[list[Segment]] = []
    group: list[Segment] | None = None
    for segment in message.segments:
        if segment.tag == "NAD" and (
            segment.problem or segment.component(1).strip() != _REPORTING_PARTY
        ):
            group = [segment]
            groups.append(group)
        elif segment.tag == "CNT":  # control totals end the travellers
            group = None
        elif group is not None:
            group.append(segment)
        else:
            yield from _header_segment(segment, paths[segment.number], shared, source)
    if shared.parties or shared.texts:
        yield ScreeningUnit(
            source=source,
            format="paxlst",
            unit=(shared.parties or shared.texts)[0].path,
            parties=shared.parties,
            texts=shared.texts,
            countries=list(shared.refs),
        )
    for traveller in groups:
        yield _unit(traveller, paths, reference, shared, source)


def _header_segment(
    segment: Segment, path: str, shared: _Shared, source: str
) -> Iterator[MessageFormatError]:
    if segment.problem:
        yield MessageFormatError(source, f"{path}, {segment.where()}", segment.problem)
    elif segment.tag == "NAD":
        name = _name_element(segment, 4) or _name_element(segment, 3)
        if name:
            query = Query(id=path, names=[name])
            shared.parties.append(Party(path, "reporting_party", query))
    elif segment.tag == "LOC" and segment.component(1).strip() in _AIRPORT_LOCATIONS:
        shared.refs.extend(_route(segment, path))
    elif segment.tag == "FTX":
        shared.texts.extend(_free_text(segment, path))


def _unit(
    group: list[Segment], paths: dict[int, str], reference: date, shared: _Shared, source: str
) -> ScreeningUnit | MessageFormatError:
    nad = group[0]
    path = paths[nad.number]
    broken = next((s for s in group if s.problem), None)
    if broken is not None:
        where = f"{path}, {broken.where()}"
        if broken is not nad:
            where = f"{path} (from {nad.where()}), {paths[broken.number]}, {broken.where()}"
        return MessageFormatError(source, where, f"the traveller cannot be read: {broken.problem}")
    given = nad.elements[3][1:] if len(nad.elements) > 3 else ()
    surname = nad.component(4, 1)
    name = travel.full_name(*given, surname)
    if not name:
        return MessageFormatError(
            source, f"{path}, {nad.where()}", "the traveller has no name (NAD element 4)"
        )
    role = _ROLES.get(nad.component(1).strip(), "traveller")
    traveller = _Traveller(path, role, name, len(surname.strip()) >= _NAME_WIDTH)
    _address(nad, path, traveller)
    for segment in group[1:]:
        _read(segment, paths[segment.number], reference, traveller)
    return ScreeningUnit(
        source=source,
        format="paxlst",
        unit=path,
        parties=[traveller.party()],
        texts=traveller.texts,
        countries=[*traveller.refs, *shared.refs],
    )


def _address(nad: Segment, path: str, traveller: _Traveller) -> None:
    """The NAD's unstructured name-and-address lines (element 3, path ``.../NAD[n]/3``), its
    street, city, region and postcode (elements 5 to 8, path ``.../NAD[n]/5``) and country
    (element 9)."""
    lines = _name_element(nad, 3)
    if lines:
        traveller.texts.append(FreeText(f"{path}/3", lines))
    address = ", ".join(part for e in (5, 6, 7, 8) if (part := _name_element(nad, e)))
    if address:
        traveller.texts.append(FreeText(f"{path}/5", address))
    code = travel.country(nad.component(9))
    if code:
        traveller.countries.append(code)
        traveller.refs.append(CountryRef(f"{path}/9", code.upper(), CountryRole.ADDRESS))


def _read(segment: Segment, path: str, reference: date, traveller: _Traveller) -> None:
    """Adds what one segment of the traveller's group says."""
    tag, qualifier = segment.tag, segment.component(1).strip()
    if tag == "ATT" and qualifier == "2":
        traveller.gender = travel.gender(segment.component(3))
    elif tag == "DTM":
        _date(segment, qualifier, reference, traveller)
    elif tag == "NAT":
        code = travel.country(segment.component(2))
        if code:
            traveller.nationalities.append(code)
            traveller.refs.append(CountryRef(path, code.upper(), CountryRole.NATIONALITY))
    elif tag == "DOC":
        traveller.documents.append(_Document(qualifier, segment.component(2)))
    elif tag == "LOC":
        _location(segment, qualifier, path, traveller)
    elif tag == "RFF" and qualifier in _PERSONAL_REFERENCES:
        value = segment.component(1, 2).strip()
        if value:
            note = _PERSONAL_REFERENCES[qualifier]
            traveller.identifiers.append(Identifier(IdType.OTHER, value, note=note))
    elif tag == "FTX":
        traveller.texts.extend(_free_text(segment, path))


def _date(segment: Segment, qualifier: str, reference: date, traveller: _Traveller) -> None:
    if qualifier == "329":
        birth = travel.edifact_date(segment.component(1, 2), reference, past=True)
        if birth:
            traveller.birth_dates.append(birth)
    elif qualifier == "36" and traveller.documents:
        traveller.documents[-1].expiry = travel.edifact_date(
            segment.component(1, 2), reference, past=False
        )


def _location(segment: Segment, qualifier: str, path: str, traveller: _Traveller) -> None:
    if qualifier in _AIRPORT_LOCATIONS:
        traveller.refs.extend(_route(segment, path))
        return
    code = _place_country(segment)
    if code is None:
        return
    if qualifier == "174":
        traveller.countries.append(code)
        traveller.refs.append(CountryRef(path, code.upper(), CountryRole.RESIDENCE))
    elif qualifier == "180":
        traveller.refs.append(CountryRef(path, code.upper(), CountryRole.BIRTH_PLACE))
    elif qualifier == "91" and traveller.documents:
        traveller.documents[-1].issuer = code
        traveller.refs.append(CountryRef(path, code.upper(), CountryRole.DOCUMENT))


def _route(segment: Segment, path: str) -> list[CountryRef]:
    country = travel.airport_country(segment.component(2))
    return [CountryRef(path, country, CountryRole.ROUTE)] if country else []


def _place_country(segment: Segment) -> str | None:
    """The country of a LOC: its code (``GBR``), else its name when that is a country
    (``FRANCE``) or ends with an ISO alpha-3 code (``Hartford USA``)."""
    code, name = segment.component(2, 1), segment.component(2, 4).strip()
    candidates = [code, name]
    words = name.split()
    if len(words) > 1 and len(words[-1]) == 3:
        candidates.append(words[-1])
    return next((c for text in candidates if text.strip() and (c := travel.country(text))), None)


def _name_element(segment: Segment, element: int) -> str:
    """The components of an element joined into one name or line."""
    return (
        travel.full_name(*segment.elements[element - 1]) if len(segment.elements) >= element else ""
    )


def _free_text(segment: Segment, path: str) -> list[FreeText]:
    """FTX: the text literal is element 4."""
    text = _name_element(segment, 4)
    return [FreeText(path, text)] if text else []


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))
