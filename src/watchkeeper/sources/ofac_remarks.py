"""The grammar of OFAC's free-text remarks, shared by every parser of OFAC-style data.

OFAC's legacy CSV files (``sdn.csv``, ``cons_prim.csv``), the ``remarks`` of the classic
``sdnList`` XML and the US Consolidated Screening List put much of what is known about an
entry into one string of ``;``-separated clauses that ends in a period::

    DOB 01 Jan 1958; alt. DOB 1960 to 1962; POB Tehran, Iran; nationality Iran;
    Passport D9004878 (Iran) issued 2010; a.k.a. 'ABU HAFS'; Linked To: HIZBALLAH.

:func:`parse_remarks` reads the clauses it knows into typed values (:class:`ParsedRemarks`)
and keeps every other clause verbatim, so nothing is lost; :meth:`ParsedRemarks.apply_to`
merges the result into an :class:`~watchkeeper.model.Entity`.  Clauses read:

- ``DOB`` (single, partial, ``circa``, ranges ``1960 to 1962``), ``POB``, ``nationality``,
  ``citizen``, ``Gender``, ``Title``;
- ``a.k.a. 'X'`` (weak alias), ``f.k.a. 'X'`` (former name), ``n.k.a. 'X'`` (alias);
- ``Linked To: X`` (a link to another listed entry);
- identifying numbers by their label (``Passport``, ``National ID No.``, ``Cedula No.``,
  ``NIT #``, ``R.F.C.``, ``Tax ID No.``, ``Registration ID``, ``C.U.R.P.``, ``SSN``,
  ``D-U-N-S Number``, ``SWIFT/BIC``, ``Legal Entity Number``, ``Vessel Registration
  Identification IMO``, ``MMSI``, ``Digital Currency Address - XBT`` ...), with the issuing
  ``(Country)`` and ``issued ... expires ...`` notes;
- facts without a field of their own (e-mail, website, phone, establishment date,
  organisation type, aircraft model and operator, sanctions information ...) as properties.

Any clause may start with ``alt.``, which only says that there is more than one value.  A
clause that is recognised but whose value cannot be read (``DOB unknown``) stays in the
remarks and is reported in :attr:`ParsedRemarks.issues` for the caller to turn into a
warning that names the place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from typing import TypeVar

from watchkeeper.countries import country_code, country_or_text
from watchkeeper.dates import parse_date
from watchkeeper.model import DateSpec, Entity, Gender, Identifier, IdType, Name, NameKind
from watchkeeper.sources.cleaning import clean

_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class RemarkIssue:
    """A recognised clause whose value could not be read; the clause is kept in the remarks."""

    field: str
    """The clause's label (``DOB``, ``Gender``, ``Passport`` ...)."""
    clause: str
    message: str


@dataclass(slots=True)
class ParsedRemarks:
    """What one remarks string says, clause by clause, in typed form."""

    names: list[Name] = field(default_factory=list)
    birth_dates: list[DateSpec] = field(default_factory=list)
    birth_places: list[str] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    citizenships: list[str] = field(default_factory=list)
    gender: Gender | None = None
    identifiers: list[Identifier] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    properties: dict[str, list[str]] = field(default_factory=dict)
    remarks: list[str] = field(default_factory=list)
    """Clauses that were not understood (or whose value could not be read), verbatim."""
    issues: list[RemarkIssue] = field(default_factory=list)

    def add_property(self, key: str, value: str) -> None:
        """Append ``value`` to ``properties[key]`` unless it is already there."""
        _extend_unique(self.properties.setdefault(key, []), [value])

    def apply_to(self, entity: Entity) -> None:
        """Merge everything read into ``entity``; citizenships count as its countries."""
        _extend_unique(entity.names, self.names)
        _extend_unique(entity.birth_dates, self.birth_dates)
        _extend_unique(entity.birth_places, self.birth_places)
        _extend_unique(entity.nationalities, self.nationalities)
        _extend_unique(entity.countries, self.citizenships)
        _extend_unique(entity.identifiers, self.identifiers)
        _extend_unique(entity.links, self.links)
        _extend_unique(entity.remarks, self.remarks)
        entity.gender = entity.gender or self.gender
        for key, values in self.properties.items():
            for value in values:
                entity.add_property(key, value)


def _extend_unique(target: list[_T], values: list[_T]) -> None:
    for value in values:
        if value not in target:
            target.append(value)


def ofac_name(text: str, kind: NameKind = NameKind.PRIMARY, person: bool = False) -> Name:
    """A name as OFAC writes it; a person's ``LAST, First Middle`` gets family/given parts.

    The full name stays as written; only the comma OFAC puts after the family name splits it.
    """
    full = clean(text) or text
    if person and "," in full:
        family, given = (clean(part) for part in full.split(",", 1))
        if family and given:
            return Name(full, kind, given=given, family=family)
    return Name(full, kind)


_CLAUSE_MARKS = re.compile(r"[();]")


def split_clauses(text: str) -> list[str]:
    """The ``;``-separated clauses of a remarks string; a ``;`` inside parentheses stays.

    When the parentheses of ``text`` do not balance, every ``;`` separates.
    """
    if "(" not in text or text.count("(") != text.count(")"):
        parts = text.split(";")
    else:
        parts, depth, start = [], 0, 0
        for mark in _CLAUSE_MARKS.finditer(text):
            if mark[0] == "(":
                depth += 1
            elif mark[0] == ")":
                depth = max(depth - 1, 0)
            elif depth == 0:
                parts.append(text[start : mark.start()])
                start = mark.end()
        parts.append(text[start:])
    return [clause for clause in (clean(part) for part in parts) if clause]


def parse_remarks(text: str | None, person: bool = False) -> ParsedRemarks:
    """Read an OFAC remarks string; ``person`` splits quoted names as ``LAST, First``."""
    result = ParsedRemarks()
    if not text:
        return result
    for clause in split_clauses(_without_end_mark(text)):
        body = _ALT_PREFIX.sub("", clause)
        if not any(reader(body, person, result) for reader in _CLAUSE_READERS):
            result.remarks.append(clause)
    return result


# -- the end of the string ------------------------------------------------------------------

_ABBREVIATION = re.compile(
    r"(?:[A-Za-z]{1,2}\.){2,}|[A-Za-z]\.|(?:LTD|LTDA|CO|BHD|EST|JR|SR)\.", re.IGNORECASE
)


def _without_end_mark(text: str) -> str:
    """``text`` without the period OFAC ends every record with.

    OFAC does not double the period when the last value ends in one already (``... S.A.``),
    so a final abbreviation keeps its period.  ``LTD.`` and ``CO.`` are ambiguous; in the
    2024 SDN file most of them end a name and keep the period.
    """
    value = text.strip()
    last_word = re.split(r"[\s,(]", value)[-1]
    if value.endswith(".") and not _ABBREVIATION.fullmatch(last_word):
        return value[:-1]
    return value


def _strip_period(value: str) -> str:
    return value.strip().rstrip(".").strip()


# -- clause readers: each returns True when it consumed the clause ---------------------------

_ALT_PREFIX = re.compile(r"^alt\.\s*", re.IGNORECASE)
_QUOTED_NAME = re.compile(r"^(?P<kind>[afn])\.k\.a\.,?\s*'(?P<name>.+)'\.?$", re.IGNORECASE)
_QUOTED_NAME_KINDS = {"a": NameKind.WEAK_ALIAS, "f": NameKind.FORMER, "n": NameKind.ALIAS}
_LINK = re.compile(r"^Linked To:\s*(?P<name>.+)$", re.IGNORECASE)
_CRYPTO = re.compile(
    r"^Digital Currency Address\s*-\s*(?P<currency>[A-Za-z0-9]+)\s+(?P<address>\S+?)\.?$",
    re.IGNORECASE,
)
_FACT = re.compile(
    r"^(?P<label>DOB|POB|nationality|citizen|Gender)\b\s*:?\s*(?P<value>.+)$", re.IGNORECASE
)
_GENDERS = {"male": Gender.MALE, "female": Gender.FEMALE}


def _read_quoted_name(body: str, person: bool, result: ParsedRemarks) -> bool:
    match = _QUOTED_NAME.match(body)
    if not match:
        return False
    kind = _QUOTED_NAME_KINDS[match["kind"].lower()]
    result.names.append(ofac_name(match["name"], kind, person))
    return True


def _read_link(body: str, person: bool, result: ParsedRemarks) -> bool:
    match = _LINK.match(body)
    if match:
        result.links.append(match["name"].strip())
    return match is not None


def _read_crypto(body: str, person: bool, result: ParsedRemarks) -> bool:
    match = _CRYPTO.match(body)
    if match:
        result.identifiers.append(
            Identifier(IdType.CRYPTO, match["address"], note=match["currency"].upper())
        )
    return match is not None


def _read_fact(body: str, person: bool, result: ParsedRemarks) -> bool:
    match = _FACT.match(body)
    if not match:
        return False
    label, value = match["label"].lower(), _strip_period(match["value"])
    if label == "dob":
        return _read_birth_date(value, body, result)
    if label == "gender":
        gender = _GENDERS.get(value.lower())
        if gender is None:
            result.issues.append(RemarkIssue("Gender", body, f"unknown gender {value!r}"))
            return False
        result.gender = gender
    elif label == "pob":
        result.birth_places.append(value)
    else:
        target = result.nationalities if label == "nationality" else result.citizenships
        target.append(country_or_text(value) or value)
    return True


def _read_birth_date(value: str, body: str, result: ParsedRemarks) -> bool:
    date = parse_date(value)
    if date is None:
        result.issues.append(RemarkIssue("DOB", body, f"date of birth {value!r} not understood"))
        return False
    result.birth_dates.append(date)
    return True


# -- identifying numbers -----------------------------------------------------------------------

_ID_LABELS: dict[IdType, tuple[str, ...]] = {
    IdType.PASSPORT: (
        "Passport",
        "Passport No.",
        "Passport Booklet",
        "Diplomatic Passport",
        "British National Overseas Passport",
        "Stateless Person Passport",
        "Travel Document Number",
    ),
    IdType.NATIONAL_ID: (
        "National ID No.",
        "Identification Number",
        "Cedula No.",
        "C.U.R.P.",
        "SSN",
        "D.N.I.",
        "N.I.E.",
        "Personal ID Card",
        "Credencial electoral",
        "I.F.E.",
        "Electoral Registry No.",
        "Kenyan ID No.",
        "Turkish Identification Number",
        "Numero de Identidad",
        "Citizen's Card Number",
        "Residency Number",
        "C.U.I.",
        "C.U.I.P.",
        "National Foreign ID Number",
        "Birth Certificate Number",
        "Tazkira National ID Card",
        "Bosnian Personal ID No.",
        "Moroccan Personal ID No.",
        "UAE Identification",
        "Refugee ID Card",
        "Stateless Person ID Card",
        "CNP (Personal Numerical Code)",
        "LE Number",
        "Public Security and Immigration No.",
    ),
    IdType.TAX_ID: (
        "Tax ID No.",
        "NIT",
        "R.F.C.",
        "RFC",
        "RUC",
        "RIF",
        "V.A.T. Number",
        "Italian Fiscal Code",
        "Fiscal Code",
        "US FEIN",
        "C.U.I.T.",
        "C.I.F.",
        "RTN",
        "Romanian Tax Registration",
        "Paraguayan tax identification number",
        "Numero Unico de Identificacao Tributaria (NUIT)",
    ),
    IdType.REGISTRATION: (
        "Registration Number",
        "Registration ID",
        "Business Registration Number",
        "Business Registration Document",
        "Company Number",
        "UK Company Number",
        "Commercial Registry Number",
        "Folio Mercantil No.",
        "Matricula Mercantil No",
        "Matricula Mercantil No.",
        "C.R. No.",
        "Romanian C.R.",
        "Government Gazette Number",
        "Unified Social Credit Code (USCC)",
        "United Social Credit Code Certificate (USCCC)",
        "Economic Register Number (CBLS)",
        "Trade License No.",
        "Chamber of Commerce Number",
        "Istanbul Chamber of Comm. No.",
        "Dubai Chamber of Commerce Membership No.",
        "Central Registration System Number",
        "Public Registration Number",
        "Business Number",
        "Enterprise Number",
        "Branch Unit Number",
        "Registered Charity No.",
        "Certificate of Incorporation Number",
        "Organization Code",
        "D-U-N-S Number",
        "MSB Registration Number",
        "Afghan Money Service Provider License Number",
    ),
    IdType.LEI: ("Legal Entity Number",),
    IdType.BIC: ("SWIFT/BIC",),
    IdType.IMO: (
        "Vessel Registration Identification IMO",
        "Identification Number IMO",
        "Company Number IMO",
        "International Maritime Organization No.",
        "IMO",
    ),
    IdType.MMSI: ("MMSI",),
    IdType.CALL_SIGN: ("Vessel Call Sign", "Other Vessel Call Sign"),
    IdType.AIRCRAFT_SERIAL: (
        "Aircraft Manufacturer's Serial Number (MSN)",
        "Aircraft Serial Identification",
        "Aircraft Construction Number (also called L/N or S/N or F/N)",
    ),
    IdType.AIRCRAFT_TAIL: ("Aircraft Tail Number", "Previous Aircraft Tail Number"),
    IdType.OTHER: (
        "Vessel Registration Identification",
        "ISIN",
        "Identification Number ISIN",
        "BIK (RU)",
        "Aircraft Mode S Transponder Code",
        "Driver's License No.",
        "Cartilla de Servicio Militar Nacional",
        "Military Registration Number",
        "VisaNumberID",
        "SRE Permit No.",
        "Permit Number",
        "Pilot License Number",
        "Seafarer's Identification Document",
        "Immigration No.",
        "File Number",
        "License",
    ),
}
_ID_TYPE_BY_LABEL = {label: id_type for id_type, labels in _ID_LABELS.items() for label in labels}


def _label_pattern(labels: list[str], flags: re.RegexFlag = re.NOFLAG) -> re.Pattern[str]:
    """``LABEL VALUE`` (also ``LABEL: VALUE``, ``LABEL # VALUE``, ``LABEL - VALUE``).

    Longer labels are tried first, so ``Identification Number IMO`` wins over
    ``Identification Number``.
    """
    alternatives = "|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True))
    return re.compile(rf"^(?P<label>{alternatives})(?:\s*[:#-]\s*|\s+)(?P<value>\S.*)$", flags)


_ID_CLAUSE = _label_pattern(list(_ID_TYPE_BY_LABEL))
"""Case-sensitive: OFAC writes labels one way, and ``passport place of issue`` is no number."""
_ID_NOTES = re.compile(r"(?:^|\s+)(?=(?:issued|expires|expired|expiring)\b)", re.IGNORECASE)
_TRAILING_PARENTHESIS = re.compile(r"^(?P<value>.*?\S)\s*\((?P<inner>[^()]+)\)$")


def _read_identifier(body: str, person: bool, result: ParsedRemarks) -> bool:
    match = _ID_CLAUSE.match(body)
    if not match:
        return False
    label = match["label"]
    number_text, *notes = _ID_NOTES.split(_strip_period(match["value"]), maxsplit=1)
    number, country = _split_country(number_text)
    if not number:
        result.issues.append(RemarkIssue(label, body, f"{label} without a number"))
        return False
    note = "; ".join([label, *notes])
    result.identifiers.append(Identifier(_ID_TYPE_BY_LABEL[label], number, country, note))
    return True


def _split_country(text: str) -> tuple[str, str | None]:
    """``123 (Egypt)`` -> ``("123", "eg")``; a parenthesis that names no country stays."""
    value = text.strip(" ,")
    match = _TRAILING_PARENTHESIS.match(value)
    if match:
        code = country_code(match["inner"])
        if code:
            return match["value"].strip(" ,"), code
    if value.startswith("(") and value.endswith(")") and value.count("(") == 1:
        value = value[1:-1].strip()
    return value, None


# -- facts kept as properties -----------------------------------------------------------------


class _ValueKind(Enum):
    TEXT = "text"
    """The value after the label."""
    DATE = "date"
    """The value after the label, read as a date (kept as text with a warning if unreadable)."""
    COUNTRY = "country"
    """The value after the label, as a country code where it resolves."""


_PROPERTY_LABELS: dict[str, tuple[str, _ValueKind]] = {
    "Title": ("position", _ValueKind.TEXT),
    "Organization Established Date": ("incorporation_date", _ValueKind.DATE),
    "Organization Type": ("organization_type", _ValueKind.TEXT),
    "Target Type": ("target_type", _ValueKind.TEXT),
    "Email Address": ("email", _ValueKind.TEXT),
    "Email": ("email", _ValueKind.TEXT),
    "Website": ("website", _ValueKind.TEXT),
    "Phone Number": ("phone", _ValueKind.TEXT),
    "Phone No.": ("phone", _ValueKind.TEXT),
    "Phone": ("phone", _ValueKind.TEXT),
    "Telephone": ("phone", _ValueKind.TEXT),
    "Telephone No.": ("phone", _ValueKind.TEXT),
    "Telephone Number": ("phone", _ValueKind.TEXT),
    "Fax": ("fax", _ValueKind.TEXT),
    "Fax No.": ("fax", _ValueKind.TEXT),
    "Aircraft Model": ("aircraft_model", _ValueKind.TEXT),
    "Aircraft Operator": ("aircraft_operator", _ValueKind.TEXT),
    "Aircraft Manufacture Date": ("build_date", _ValueKind.DATE),
    "Vessel Year of Build": ("build_date", _ValueKind.DATE),
    "Other Vessel Type": ("vessel_type", _ValueKind.TEXT),
    "Former Vessel Flag": ("former_flag", _ValueKind.COUNTRY),
    "Nationality of Registration": ("flag", _ValueKind.COUNTRY),
    "Equity Ticker": ("equity_ticker", _ValueKind.TEXT),
    "Issuer Name": ("issuer_name", _ValueKind.TEXT),
    "Chinese Commercial Code": ("chinese_commercial_code", _ValueKind.TEXT),
}
_PROPERTY_BY_LABEL = {label.lower(): target for label, target in _PROPERTY_LABELS.items()}
_PROPERTY_CLAUSE = _label_pattern(list(_PROPERTY_LABELS), re.IGNORECASE)


def _read_property(body: str, person: bool, result: ParsedRemarks) -> bool:
    match = _PROPERTY_CLAUSE.match(body)
    if not match:
        return False
    key, kind = _PROPERTY_BY_LABEL[match["label"].lower()]
    value = _strip_period(match["value"])
    if kind is _ValueKind.COUNTRY:
        value = country_or_text(value) or value
    elif kind is _ValueKind.DATE:
        date = parse_date(value)
        if date is None:
            message = f"{match['label']} {value!r} not understood; kept as text"
            result.issues.append(RemarkIssue(match["label"], body, message))
        else:
            value = str(date)
    result.add_property(key, value)
    return True


_SANCTIONS_NOTE = re.compile(
    r"^(?:Executive Order \d+ (?:Directive Determination|Directive Information|information)"
    r"|(?:Listing|Effective) Date \((?:EO [^)]*|CMIC)\)"
    r"|Purchase/Sales For Divestment Date \(CMIC\)"
    r"|CAATSA Section \d+ Information"
    r"|IFCA Determination"
    r"|Additional Sanctions Information"
    r"|Secondary sanctions risk"
    r"|Transactions Prohibited For Persons Owned or Controlled By U\.S\. Financial Institutions"
    r")(?!\w)",
    re.IGNORECASE,
)


def _read_sanctions_note(body: str, person: bool, result: ParsedRemarks) -> bool:
    """Programme-specific notes (directives, secondary sanctions, CMIC dates), kept whole."""
    if not _SANCTIONS_NOTE.match(body):
        return False
    result.add_property("sanctions_information", _strip_period(body))
    return True


_CLAUSE_READERS = (
    _read_quoted_name,
    _read_link,
    _read_crypto,
    _read_identifier,
    _read_sanctions_note,
    _read_property,
    _read_fact,
)
"""Tried in this order; longer, more specific labels come before the short facts."""
