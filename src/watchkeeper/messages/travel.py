"""What the passenger messages (PAXLST, PNRGOV) share: the country of an airport, dates with
two-digit years, gender codes, travel documents and names put together from their parts.

Airports are looked up in ``airports.tsv`` beside this module, built from a public airport
table (its header names the source and licence); a code it does not hold has no country.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from importlib import resources

from watchkeeper.countries import country_code
from watchkeeper.dates import parse_date
from watchkeeper.model import DateSpec, Gender, Identifier, IdType

_MONTHS = {
    name: number
    for number, name in enumerate(
        ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"),
        start=1,
    )
}
_GENDERS = {"M": Gender.MALE, "F": Gender.FEMALE, "MI": Gender.MALE, "FI": Gender.FEMALE}
"""PAXLST ATT and PNR DOCS gender codes; ``MI`` / ``FI`` are a male / female infant.
``U`` and ``X`` (unknown, unspecified) give no gender."""
INFANT_GENDERS = frozenset({"MI", "FI"})


@cache
def _airports() -> dict[str, str]:
    text = resources.files(__package__).joinpath("airports.tsv").read_text(encoding="utf-8")
    table = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            country, codes = line.split("\t")
            table.update(dict.fromkeys(codes.split(), country))
    return table


def airport_country(code: str) -> str | None:
    """The country (ISO 3166 alpha-2, upper case) of an IATA airport or city code."""
    return _airports().get(code.strip().upper())


def country(text: str) -> str | None:
    """The lower-case ISO alpha-2 code of a country code (``GBR``, ``GB``) or name."""
    return country_code(text.strip()) if text.strip() else None


def gender(code: str) -> Gender | None:
    return _GENDERS.get(code.strip().upper())


def full_year(two_digits: int, reference: date, *, past: bool) -> int:
    """The year a two-digit year stands for: for a birth date (``past``) the latest one not
    after the reference year, else (an expiry date) the one nearest to it."""
    year = reference.year // 100 * 100 + two_digits
    if past:
        return year if year <= reference.year else year - 100
    return min((year - 100, year, year + 100), key=lambda y: abs(y - reference.year))


def edifact_date(text: str, reference: date, *, past: bool) -> DateSpec | None:
    """A DTM date: ``YYMMDD`` or ``CCYYMMDD``, possibly followed by ``HHMM``."""
    digits = text.strip()
    if not digits.isdigit() or len(digits) not in (6, 8, 10, 12):
        return None
    if len(digits) in (6, 10):
        return _date(full_year(int(digits[:2]), reference, past=past), digits[2:4], digits[4:6])
    return _date(int(digits[:4]), digits[4:6], digits[6:8])


def pnr_date(text: str, reference: date, *, past: bool) -> DateSpec | None:
    """A reservation-system date: ``12JUL64`` or ``12JUL1964``."""
    value = text.strip().upper()
    if len(value) not in (7, 9) or not value[:2].isdigit() or value[2:5] not in _MONTHS:
        return None
    year_text = value[5:]
    if not year_text.isdigit():
        return None
    year = (
        int(year_text) if len(year_text) == 4 else full_year(int(year_text), reference, past=past)
    )
    return _date(year, str(_MONTHS[value[2:5]]), value[:2])


def _date(year: int, month: str, day: str) -> DateSpec | None:
    try:
        exact = date(year, int(month), int(day))
    except ValueError:
        return None
    return parse_date(exact.isoformat())


def document(kind: str, number: str, issuer: str | None, note: str) -> Identifier | None:
    """A travel document: a passport (type ``P``) or another document, its kind noted."""
    value = number.strip()
    if not value:
        return None
    code = kind.strip().upper()
    if code == "P":
        return Identifier(IdType.PASSPORT, value, issuer, note or None)
    label = f"document type {code}" if code else "travel document"
    return Identifier(IdType.OTHER, value, issuer, f"{label}, {note}" if note else label)


def full_name(*parts: str) -> str:
    """Name parts (given names first) joined by single spaces, empty parts left out."""
    return " ".join(word for part in parts for word in part.split())
