"""PNRGOV passenger name records (IATA/WCO/ICAO PNRGOV, versions 10 to 13): one screening
unit per traveller per PNR.

A message holds PNRs, each starting with SRC.  Before a PNR's first flight (TVL) come its own
segments (SSR, IFT remarks, ADD contact address) and its travellers: a TIF (surname, given
names with the title the reservation system appends, ``JOHNMR``, removed; passenger type
``IN`` for an infant; a traveller reference) followed by the traveller's SSR DOCS (document,
issuer, nationality, birth date, gender, names), DOCO (visa), DOCA (address), INFT (infant),
IFT and ADD.  From the first TVL on come the flights (route countries for every traveller)
with SSRs and TIFs that refer to travellers by reference number; a TIF there that names no
known traveller, or another name of one (the history of a name change), is screened too.
LTS history lines and remarks are free text of every traveller of the PNR.
"""

from __future__ import annotations

import re
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

FORMATS: tuple[str, ...] = ("pnrgov",)

_TITLES = frozenset({"MR", "MRS", "MS", "MISS", "MSTR", "DR", "PROF", "REV", "SIR", "CHD", "INF"})
"""Titles and passenger codes written as a word of their own after the given names."""
_GLUED_TITLES = ("MSTR", "MISS", "MRS", "MR")
"""Titles reservation systems glue to the given name (``MOLLYMRS``).  ``MS`` and ``DR`` are
left alone: WILLIAMS, ADAMS and ALEXANDR end with them."""
_MIN_STEM = 2
"""Letters that must remain for a glued title to be removed (``AMR`` is a name)."""
_INFANT_TYPE = "IN"
_DOCUMENT_KINDS = {"V": "visa", "K": "known traveller number", "R": "redress number"}
"""DOCO document types."""
_CODED_SSRS = frozenset({"SEAT", "TKNE", "TKNA", "TKNM", "TKNC", "ASVC"})
"""SSRs whose free text is seats, ticket or document numbers, never a name."""
_NOT_A_LETTER = re.compile(r"[\W\d_]+")


def sniff(head: bytes) -> str | None:
    """``pnrgov`` if ``head`` starts an EDIFACT interchange of PNRGOV messages."""
    return edifact.sniff(head, {"PNRGOV": "pnrgov"})


def read_units(
    stream: BinaryIO, source: str, expected: str | None = None
) -> Iterator[ScreeningUnit | MessageFormatError]:
    """One unit per traveller per PNR of every PNRGOV message in ``stream``."""
    return edifact.read_units(stream, source, expected, "pnrgov", "PNRGOV", _message_units)


def strip_title(given: str) -> str:
    """Given names without the title a reservation system appends: ``JOHNMR`` and
    ``KONG CHUN MRS`` give ``JOHN`` and ``KONG CHUN``; ``AMR`` and ``WILLIAMS`` stay."""
    words = given.split()
    if len(words) > 1 and words[-1].upper() in _TITLES:
        return " ".join(words[:-1])
    if not words:
        return ""
    last = words[-1]
    for title in _GLUED_TITLES:
        if last.upper().endswith(title) and len(last) - len(title) >= _MIN_STEM:
            return " ".join([*words[:-1], last[: -len(title)]])
    return " ".join(words)


def _name_key(name: str) -> str:
    """A name compared without spaces and punctuation, so that ``TESTSURNA MEONE`` (a line
    wrap turned into a space) is the same as ``TESTSURNAMEONE``."""
    return _NOT_A_LETTER.sub("", name).upper()


@dataclass(slots=True)
class _Traveller:
    """Everything a PNR says about one traveller."""

    path: str
    """The unit: the path of the traveller's TIF, or of the SSR that first named them."""
    role: str
    reference: str
    from_tif: bool
    names: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Name key -> (path where the name stands, the name)."""
    birth_dates: list[DateSpec] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    gender: Gender | None = None
    identifiers: list[Identifier] = field(default_factory=list)
    texts: list[FreeText] = field(default_factory=list)
    refs: list[CountryRef] = field(default_factory=list)
    broken: MessageFormatError | None = None

    def add_name(self, path: str, name: str, *, from_tif: bool = False) -> None:
        key = _name_key(name)
        if key and (key not in self.names or from_tif):
            self.names[key] = (path, name)

    def add_birth_date(self, birth: DateSpec | None) -> None:
        if birth is not None and birth not in self.birth_dates:
            self.birth_dates.append(birth)

    def add_identifier(self, identifier: Identifier | None) -> None:
        if identifier is not None and all(
            (i.type, i.value) != (identifier.type, identifier.value) for i in self.identifiers
        ):
            self.identifiers.append(identifier)

    def add_country(self, path: str, code: str | None, role: CountryRole) -> None:
        if code is None:
            return
        if role is CountryRole.NATIONALITY and code not in self.nationalities:
            self.nationalities.append(code)
        elif role in (CountryRole.ADDRESS, CountryRole.RESIDENCE) and code not in self.countries:
            self.countries.append(code)
        self.refs.append(CountryRef(path, code.upper(), role))

    def parties(self) -> list[Party]:
        return [
            Party(
                path,
                self.role,
                Query(
                    id=path,
                    names=[name],
                    schema=Schema.PERSON,
                    birth_dates=self.birth_dates,
                    nationalities=self.nationalities,
                    countries=self.countries,
                    gender=self.gender,
                    identifiers=self.identifiers,
                ),
            )
            for path, name in self.names.values()
        ]


@dataclass(slots=True)
class _Docs:
    """The fields of an SSR DOCS free text (``/P/GBR/123456789/GBR/12JUL64/M/23AUG19/
    SMITH/JOHN/ROBERT``)."""

    kind: str
    issuer: str
    number: str
    nationality: str
    birth: str
    gender: str
    expiry: str
    name: str

    @classmethod
    def parse(cls, text: str) -> _Docs:
        fields = _slash_fields(text, 11)
        kind, issuer, number, nationality, birth, gender, expiry, surname = fields[:8]
        given = " ".join(strip_title(f) for f in fields[8:10])
        name = travel.full_name(given, surname)
        return cls(kind, issuer, number, nationality, birth, gender, expiry, name)


def _slash_fields(text: str, count: int) -> list[str]:
    """The ``/``-separated fields of an SSR free text (one leading ``/`` dropped), padded."""
    value = text.strip()
    value = value.removeprefix("/")
    fields = [f.strip() for f in value.split("/")]
    return fields + [""] * (count - len(fields))


def _text(elements: tuple[tuple[str, ...], ...]) -> str:
    """Free-text elements as one text, elements apart by `` / ``."""
    texts = (travel.full_name(*element) for element in elements)
    return " / ".join(text for text in texts if text)


def _message_units(message: Message, source: str) -> Iterator[ScreeningUnit | MessageFormatError]:
    paths = message.paths()
    reference = message.prepared or date.today()
    route: list[CountryRef] = []
    records: list[list[Segment]] = []
    for segment in message.segments:
        if segment.tag == "SRC":
            records.append([segment])
        elif records:
            records[-1].append(segment)
        elif segment.problem:
            where = f"{paths[segment.number]}, {segment.where()}"
            yield MessageFormatError(source, where, segment.problem)
        elif segment.tag == "TVL":
            route.extend(_route(segment, paths[segment.number]))
    for record in records:
        yield from _Record(record, paths, reference, source, route).units()


def _route(segment: Segment, path: str) -> list[CountryRef]:
    """TVL: departure (element 2) and arrival (element 3) airports."""
    countries = (travel.airport_country(segment.component(e)) for e in (2, 3))
    return [CountryRef(path, c, CountryRole.ROUTE) for c in countries if c]


class _Record:
    """One PNR (SRC and the segments up to the next SRC) read into travellers."""

    def __init__(
        self,
        segments: list[Segment],
        paths: dict[int, str],
        reference: date,
        source: str,
        route: list[CountryRef],
    ) -> None:
        self.segments = segments
        self.paths = paths
        self.reference = reference
        self.source = source
        self.travellers: list[_Traveller] = []
        self.texts: list[FreeText] = []
        self.refs: list[CountryRef] = list(route)
        self.errors: list[MessageFormatError] = []
        self.current: _Traveller | None = None
        self.in_flights = False

    def units(self) -> Iterator[ScreeningUnit | MessageFormatError]:
        for segment in self.segments[1:]:
            self._read(segment, self.paths[segment.number])
        yield from self.errors
        if not self.travellers:
            src = self.segments[0]
            yield MessageFormatError(
                self.source,
                f"{self.paths[src.number]}, {src.where()}",
                "the PNR names no traveller (no TIF, SSR DOCS or INFT)",
            )
        for traveller in self.travellers:
            if traveller.broken is not None:
                yield traveller.broken
            elif not traveller.names:
                where = f"{traveller.path}, {self._segment(traveller.path).where()}"
                yield MessageFormatError(self.source, where, "the traveller has no name")
            else:
                yield ScreeningUnit(
                    source=self.source,
                    format="pnrgov",
                    unit=traveller.path,
                    parties=traveller.parties(),
                    texts=[*traveller.texts, *self.texts],
                    countries=[*traveller.refs, *self.refs],
                )

    def _segment(self, path: str) -> Segment:
        return next(s for s in self.segments if self.paths[s.number] == path)

    def _read(self, segment: Segment, path: str) -> None:
        if segment.problem:
            self._broken(segment, path)
        elif segment.tag == "TVL":
            self.in_flights, self.current = True, None
            self.refs.extend(_route(segment, path))
        elif segment.tag == "TIF":
            self._tif(segment, path)
        elif segment.tag == "SSR":
            self._ssr(segment, path)
        elif segment.tag == "IFT":  # element 1 qualifies, the others are text
            self._text(FreeText(path, _text(segment.elements[1:])))
        elif segment.tag == "ADD":
            self._address(segment, path)
        elif segment.tag == "LTS":
            self.texts.append(FreeText(path, _text(segment.elements)))

    def _broken(self, segment: Segment, path: str) -> None:
        """An unreadable segment: a traveller's makes the traveller an error, another is
        reported on its own."""
        if segment.tag == "TIF" and not self.in_flights:
            self.current = self._new(path, "passenger", "", from_tif=True)
        if self.current is None:
            where = f"{path}, {segment.where()}"
            self.errors.append(MessageFormatError(self.source, where, segment.problem or ""))
        elif self.current.broken is None:
            where = f"{self.current.path}, {segment.where()}"
            if path != self.current.path:
                where = f"{self.current.path}, {path}, {segment.where()}"
            problem = f"the traveller cannot be read: {segment.problem}"
            self.current.broken = MessageFormatError(self.source, where, problem)

    def _tif(self, segment: Segment, path: str) -> None:
        surname, given = segment.component(1), segment.component(2)
        name = travel.full_name(strip_title(given), surname)
        kind, reference = segment.component(2, 2).strip(), segment.component(2, 3).strip()
        key = _name_key(name)
        if self.in_flights:
            found = self._by_reference(reference) or self._by_name(key)
        else:
            found = self._by_reference(reference) or self._by_name(key, without_tif=True)
        if found is None:
            role = "infant" if kind.upper() == _INFANT_TYPE else "passenger"
            found = self._new(path, role, reference, from_tif=True)
        elif not found.from_tif and not self.in_flights:
            found.path, found.from_tif = path, True
        found.reference = found.reference or reference
        found.add_name(path, name, from_tif=not self.in_flights)
        if not self.in_flights:
            self.current = found

    def _ssr(self, segment: Segment, path: str) -> None:
        code, text = segment.component(1).strip().upper(), segment.component(1, 9)
        target = self._by_reference(segment.component(2, 3).strip()) or self.current
        if code == "DOCS":
            self._docs(_Docs.parse(text), target, path)
        elif code == "INFT":
            self._infant(text, target, path)
        elif code in ("DOCO", "DOCA") and target is not None:
            (self._visa if code == "DOCO" else self._home)(text, target, path)
        elif text.strip() and code not in _CODED_SSRS:
            self._text(FreeText(path, text.strip()), target)

    def _docs(self, docs: _Docs, target: _Traveller | None, path: str) -> None:
        key = _name_key(docs.name)
        if docs.gender.upper() in travel.INFANT_GENDERS:
            target = self._by_name(key) or self._new(path, "infant", "")
        elif target is None:
            target = self._by_name(key) or self._new(path, "passenger", "")
        target.add_name(path, docs.name)
        target.add_birth_date(travel.pnr_date(docs.birth, self.reference, past=True))
        target.gender = travel.gender(docs.gender) or target.gender
        target.add_country(path, travel.country(docs.nationality), CountryRole.NATIONALITY)
        issuer = travel.country(docs.issuer)
        expiry = travel.pnr_date(docs.expiry, self.reference, past=False)
        note = f"expires {expiry}" if expiry else ""
        target.add_identifier(travel.document(docs.kind, docs.number, issuer, note))
        if docs.number:
            target.add_country(path, issuer, CountryRole.DOCUMENT)

    def _infant(self, text: str, target: _Traveller | None, path: str) -> None:
        """SSR INFT: ``SURNAME/GIVEN/DDMMMYY`` of an infant travelling on an adult's lap."""
        surname, given, birth = _slash_fields(text, 3)[:3]
        name = travel.full_name(strip_title(given), surname)
        if not _name_key(name):
            if text.strip():
                self._text(FreeText(path, text.strip()), target)
            return
        infant = self._by_name(_name_key(name)) or self._new(path, "infant", "")
        infant.add_name(path, name)
        infant.add_birth_date(travel.pnr_date(birth, self.reference, past=True))

    def _visa(self, text: str, target: _Traveller, path: str) -> None:
        """SSR DOCO: ``place of birth/type/number/place of issue/date of issue/country``."""
        fields = _slash_fields(text, 6)
        kind, number, issued_at, country = fields[1].upper(), fields[2], fields[3], fields[5]
        issuer = travel.country(country)
        label = _DOCUMENT_KINDS.get(kind) or (f"document type {kind}" if kind else "document")
        note = f"{label}, issued at {issued_at}" if issued_at else label
        if number:
            target.add_identifier(Identifier(IdType.OTHER, number, issuer, note))
            target.add_country(path, issuer, CountryRole.DOCUMENT)

    def _home(self, text: str, target: _Traveller, path: str) -> None:
        """SSR DOCA: ``type/country/address/city/region/postcode``; type R is residence."""
        fields = _slash_fields(text, 6)
        role = CountryRole.RESIDENCE if fields[0].upper() == "R" else CountryRole.ADDRESS
        target.add_country(path, travel.country(fields[1]), role)
        address = ", ".join(f for f in fields[2:6] if f)
        if address:
            target.texts.append(FreeText(path, address))

    def _address(self, segment: Segment, path: str) -> None:
        """ADD: purpose, street, city, region code and name, country, postcode, phone."""
        parts = segment.elements[1] if len(segment.elements) > 1 else ()
        text = ", ".join(p.strip() for i, p in enumerate(parts) if i not in (0, 5) and p.strip())
        code = travel.country(segment.component(2, 6))
        if self.current is not None:
            self.current.add_country(path, code, CountryRole.ADDRESS)
        elif code:
            self.refs.append(CountryRef(path, code.upper(), CountryRole.ADDRESS))
        if text:
            self._text(FreeText(path, text))

    def _text(self, text: FreeText, target: _Traveller | None = None) -> None:
        if not text.text:
            return
        owner = target or self.current
        (owner.texts if owner is not None else self.texts).append(text)

    def _by_reference(self, reference: str) -> _Traveller | None:
        if not reference:
            return None
        return next((t for t in self.travellers if t.reference == reference), None)

    def _by_name(self, key: str, *, without_tif: bool = False) -> _Traveller | None:
        if not key:
            return None
        return next(
            (t for t in self.travellers if key in t.names and not (without_tif and t.from_tif)),
            None,
        )

    def _new(self, path: str, role: str, reference: str, *, from_tif: bool = False) -> _Traveller:
        traveller = _Traveller(path, role, reference, from_tif)
        self.travellers.append(traveller)
        return traveller
