"""Party fields of an MT text block (50a to 59a): names, identifiers, countries, addresses.

By option:

- ``A``, ``G`` and ``50C``: a BIC after an optional party identifier line (``/account``): a
  party known by its BIC only, with a BIC country.
- ``B``: a party identifier and/or a location; the location is free text.
- ``C`` (other than ``50C``): an account only.
- ``D``, ``H``, ``K`` and ``50`` / ``59`` without a letter: an optional party identifier line,
  then up to four lines of name and address.  Which lines are the name is a guess, since
  the format does not say: the first line is the name, and the next lines are taken into it
  only while the line before was filled to 35 characters (a name wrapped by the sender) or
  the line ends with a legal form of three letters or more and holds no digit (``CO LTD``,
  ``MACHINERY CO LTD``) and does not repeat the line before.  A name that goes on after a
  full first line is also screened as that line alone: a sender may have cut a longer name
  there (:mod:`watchkeeper.match.truncation`); a name whose last line is full is screened
  as possibly cut there.  Every other line is address: free text.  In case the guess
  stopped too early, the name joined with the first address line is screened as a second
  name of the party when that line holds no digit, names no country and does not repeat
  the name (``WAFA HUMANITARIAN`` / ``ORGANIZATION``).  An address line ending in a
  country name (``LAGOS NIGERIA``, ``SRI LANKA``; a postcode after it is ignored) gives an
  address country; two- and three-letter codes are not taken (``NY``).
- ``F``: numbered lines: ``1/`` name (repeated ``1/`` lines are one name, possibly cut
  if its last line is full), ``2/`` address, ``3/`` country and town, ``4/`` birth date
  (YYYYMMDD), ``5/`` country and place of birth, ``6/`` customer id (country/issuer/id),
  ``7/`` national id (country/id), ``8/`` continuation of the line before.  The first line
  may be an account or a party identifier ``CCPT/GB/123`` (code/country/id).  The town of
  birth is not kept (it names no one).
- ``L`` (``50L``): a party identifier in free form: free text.

An account line that is an IBAN gives an IBAN country; an account line made of words
(``/NAGODA BRANCH``) is also free text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from watchkeeper.countries import country_code
from watchkeeper.dates import parse_date
from watchkeeper.messages.bank_codes import iban_country, is_bic
from watchkeeper.messages.mt_blocks import Field, FieldLine
from watchkeeper.messages.mt_content import (
    LINE_WIDTH,
    FieldContent,
    Part,
    bic_party,
    check_size,
    join_wrapped,
    name_variants,
    part,
)
from watchkeeper.messages.units import CountryRef, CountryRole, Party
from watchkeeper.model import DateSpec, Identifier, IdType, Query, Schema
from watchkeeper.text.vocabulary import LEGAL_FORMS, LONGEST_LEGAL_FORM

_ACCOUNT_WIDTH = 37
"""A party identifier line ``/D/`` + 34 characters."""
_PARTY_LINES = {"A": 2, "B": 2, "C": 1, "D": 5, "F": 5, "G": 2, "H": 5, "K": 5, "L": 1, "": 5}

_ACCOUNT = re.compile(r"/(?:[CD]/)?/?(.*)")
_WORDS = re.compile(r"[^\W\d_]{2,}\s+[^\W\d_]")
_PARTY_IDENTIFIER = re.compile(r"([A-Z]{4})/([A-Z]{2})/(.+)")
_NUMBERED = re.compile(r"([1-8])/(.*)")
_COUNTRY_FIRST = re.compile(r"([A-Z]{2})(?:/(.*))?")
_NUMBERED_LINES = {
    "3": "country and town",
    "5": "country and place of birth",
    "6": "customer id",
    "7": "national id",
}

_ID_TYPES = {"CCPT": IdType.PASSPORT, "NIDN": IdType.NATIONAL_ID, "TXID": IdType.TAX_ID}
_PERSON_ID_CODES = frozenset({"ARNU", "CCPT", "DRLC", "NIDN", "SOSE"})
"""Party identifier codes only a natural person has (alien registration, passport, driving
licence, national id, social security)."""


def read_party(party_field: Field, path: str, role: str, institution: bool) -> FieldContent:
    """The party of field ``50a`` .. ``59a`` at ``path`` (``msg[1]/B4/59F``)."""
    option = party_field.option
    if option not in _PARTY_LINES or (option == "" and party_field.number not in ("50", "59")):
        raise party_field.error(f"option '{option}' is not an option of a party field")
    check_size(party_field, _PARTY_LINES[option], _ACCOUNT_WIDTH)
    content = FieldContent()
    lines = list(party_field.lines)
    if option in ("A", "G") or (option == "C" and party_field.number == "50"):
        _read_bic_option(party_field, lines, path, role, content)
    elif option == "C":
        _account(lines[0].text, path, content)
    elif option == "B":
        if lines[0].text.startswith("/"):
            _account(lines.pop(0).text, path, content)
        for line in lines:
            content.add_text(f"{path}/location", line.text)
    elif option == "L":
        content.add_text(path, lines[0].text)
    elif option == "F":
        _read_numbered(party_field, lines, path, role, institution, content)
    else:
        _read_name_and_address(party_field, lines, path, role, institution, content)
    return content


def _account(text: str, path: str, content: FieldContent) -> None:
    """A party identifier line (``/ACCOUNT``, ``/D/ACCOUNT``, ``//SC123456``): its IBAN
    country, and its words as free text."""
    account = _ACCOUNT.fullmatch(text)
    value = account[1] if account else text
    country = iban_country(value)
    if country:
        content.countries.append(CountryRef(f"{path}/account", country, CountryRole.IBAN))
    if _WORDS.search(value):
        content.add_text(f"{path}/account", value.strip("/ "))


def _read_bic_option(
    party_field: Field, lines: list[FieldLine], path: str, role: str, content: FieldContent
) -> None:
    *identifier_lines, bic_line = lines
    for line in identifier_lines:
        if not line.text.startswith("/"):
            raise party_field.error(f"{line.text!r} is not a party identifier '/...'", line.number)
        _account(line.text, path, content)
    bic = bic_line.text.strip()
    if not is_bic(bic):
        raise party_field.error(f"{bic!r} is not a BIC", bic_line.number)
    bic_party(path, role, bic, content)


def _read_name_and_address(
    party_field: Field,
    lines: list[FieldLine],
    path: str,
    role: str,
    institution: bool,
    content: FieldContent,
) -> None:
    if lines[0].text.startswith("/"):
        _account(lines.pop(0).text, path, content)
    if not lines:
        raise party_field.error("no name after the party identifier")
    name_lines = _name_lines(lines)
    address = [part(line.text) for line in lines[len(name_lines) :]]
    countries = [
        country for line in lines[len(name_lines) :] if (country := _address_country(line.text))
    ]
    if address:
        content.add_text(f"{path}/address", join_wrapped(address))
    for country in countries:
        content.countries.append(CountryRef(f"{path}/address", country, CountryRole.ADDRESS))
    names = name_variants([part(line.text) for line in name_lines])
    first = name_lines[0].text.strip()
    if len(name_lines) > 1 and len(first) >= LINE_WIDTH and first not in names:
        names.append(first)  # the sender may have cut the name there
    if len(lines) > len(name_lines) and _may_continue_name(
        lines[len(name_lines)].text, name_lines[-1].text
    ):
        spilled = name_variants([part(line.text) for line in lines[: len(name_lines) + 1]])
        names += [name for name in spilled if name not in names]
    query = Query(
        id=f"{path}/name",
        names=names,
        schema=Schema.ORGANIZATION if institution else None,
        countries=_unique([country.lower() for country in countries]),
        names_cut=_fills_line(name_lines[-1]),
    )
    content.parties.append(Party(query.id, role, query))


def _name_lines(lines: list[FieldLine]) -> list[FieldLine]:
    """The first lines that make up the name (see the module description)."""
    name = [lines[0]]
    for line in lines[1:]:
        previous = name[-1].text
        wrapped = len(previous) >= LINE_WIDTH
        legal_form = _ends_with_legal_form(line.text) and line.text.strip() != previous.strip()
        if not (wrapped or legal_form):
            break
        name.append(line)
    return name


def _fills_line(line: FieldLine) -> bool:
    """Whether a name's last line is filled to 35 characters (a name's numbered line
    ``1/`` with its number): the sender may have cut the name there
    (:mod:`watchkeeper.match.truncation`)."""
    return len(line.text) >= LINE_WIDTH


def _may_continue_name(text: str, previous: str) -> bool:
    """Whether the first address line may still be part of the name: it holds no digit,
    names no country and does not repeat the line before ("WAFA HUMANITARIAN" /
    "ORGANIZATION")."""
    return (
        not any(char.isdigit() for char in text)
        and _address_country(text) is None
        and text.strip() != previous.strip()
    )


def _ends_with_legal_form(text: str) -> bool:
    """Whether a line without digits ends with a legal form of three letters or more."""
    if any(char.isdigit() for char in text):
        return False
    words = tuple(re.findall(r"[a-z]+", text.lower()))
    for size in range(1, min(LONGEST_LEGAL_FORM, len(words)) + 1):
        ending = words[-size:]
        if ending in LEGAL_FORMS and len(" ".join(ending)) >= 3:
            return True
    return False


def _address_country(text: str) -> str | None:
    """The country named by the last words of an address line (postcodes after it ignored);
    country codes of two or three letters are not taken (``NY``, ``CO``, ``SL``)."""
    words = text.replace(",", " ").split()
    while words and any(char.isdigit() for char in words[-1]):
        words.pop()
    for size in (3, 2, 1):
        ending = words[-size:] if len(words) >= size else []
        if ending and all(word.isalpha() for word in ending) and len("".join(ending)) > 3:
            code = country_code(" ".join(ending))
            if code:
                return code.upper()
    return None


def _read_numbered(
    party_field: Field,
    lines: list[FieldLine],
    path: str,
    role: str,
    institution: bool,
    content: FieldContent,
) -> None:
    identifiers: list[Identifier] = []
    person = False
    first = lines[0].text
    if first.startswith("/"):
        _account(lines.pop(0).text, path, content)
    elif party_id := _PARTY_IDENTIFIER.fullmatch(first):
        code, country, value = party_id.groups()
        if country_code(country) is None:
            problem = f"party identifier {first!r}: {country} is not a country code"
            raise party_field.error(problem, lines[0].number)
        lines.pop(0)
        identifiers.append(
            Identifier(_ID_TYPES.get(code, IdType.OTHER), value, country.lower(), code)
        )
        content.countries.append(CountryRef(f"{path}/identifier", country, CountryRole.DOCUMENT))
        person = code in _PERSON_ID_CODES
    names: list[str] = []
    names_cut = False
    birth_dates: list[DateSpec] = []
    countries: list[str] = []
    for code, group in _numbered_groups(party_field, lines):
        parts = [part(line.text[2:], line.text) for line in group]
        line_path, number = f"{path}/{code}", group[0].number
        person = person or code in "457"
        if code == "1":
            names.extend(name_variants(parts))
            names_cut = names_cut or _fills_line(group[-1])
        elif code == "2":
            content.add_text(line_path, join_wrapped(parts))
        elif code == "3":
            country, town = _country_first(party_field, parts[0][0], number, code)
            countries.append(country.lower())
            content.countries.append(CountryRef(line_path, country, CountryRole.ADDRESS))
            content.add_text(line_path, join_wrapped([(town, parts[0][1]), *parts[1:]]))
        elif code == "4":
            birth_dates.append(_birth_date(party_field, _unwrapped(parts), number))
        else:
            country, rest = _country_first(party_field, _unwrapped(parts), number, code)
            country_role = CountryRole.BIRTH_PLACE if code == "5" else CountryRole.DOCUMENT
            content.countries.append(CountryRef(line_path, country, country_role))
            if code != "5":
                identifiers.append(_numbered_identifier(party_field, code, country, rest, number))
    if not names:
        raise party_field.error("no 1/ name line")
    schema = Schema.ORGANIZATION if institution else Schema.PERSON if person else None
    query = Query(
        id=f"{path}/1",
        names=names,
        schema=schema,
        birth_dates=birth_dates,
        countries=_unique(countries),
        identifiers=identifiers,
        names_cut=names_cut,
    )
    content.parties.append(Party(query.id, role, query))


def _numbered_groups(
    party_field: Field, lines: list[FieldLine]
) -> list[tuple[str, list[FieldLine]]]:
    """Numbered lines grouped: ``8/`` and repeated ``1/``, ``2/``, ``3/`` lines join the line
    before."""
    groups: list[tuple[str, list[FieldLine]]] = []
    for line in lines:
        match = _NUMBERED.fullmatch(line.text)
        if match is None:
            raise party_field.error(f"{line.text!r} is not a numbered line 1/ to 8/", line.number)
        code = match[1]
        if code == "8" and not groups:
            raise party_field.error("8/ continues no line", line.number)
        if code == "8" or (groups and groups[-1][0] == code and code in "123"):
            groups[-1][1].append(line)
        else:
            groups.append((code, [line]))
    return groups


def _unwrapped(parts: Sequence[Part]) -> str:
    """A code or number continued on further lines: the pieces joined without spaces."""
    return "".join(text for text, _ in parts).strip()


def _country_first(party_field: Field, text: str, line: int, code: str) -> tuple[str, str]:
    """``GB`` and ``London`` of a ``3/GB/London`` line (or of a 5/, 6/, 7/ line)."""
    match = _COUNTRY_FIRST.fullmatch(text.strip())
    if match is None or country_code(match[1]) is None:
        what = _NUMBERED_LINES[code]
        raise party_field.error(f"{code}/ ({what}) must start with a country code: {text!r}", line)
    return match[1], match[2] or ""


def _birth_date(party_field: Field, value: str, line: int) -> DateSpec:
    digits = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", value)
    date = parse_date(f"{digits[1]}-{digits[2]}-{digits[3]}") if digits else None
    if date is None:
        raise party_field.error(f"4/ birth date {value!r} is not a date YYYYMMDD", line)
    return date


def _numbered_identifier(
    party_field: Field, code: str, country: str, rest: str, line: int
) -> Identifier:
    """The id of a ``6/GB/ISSUER/ID`` (customer id) or ``7/GB/ID`` (national id) line."""
    if code == "7":
        if not rest:
            raise party_field.error("7/ (national id) has no number after the country", line)
        return Identifier(IdType.NATIONAL_ID, rest, country.lower())
    issuer, _, value = rest.partition("/")
    if not (issuer and value):
        raise party_field.error(f"6/ (customer id) {rest!r} is not country/issuer/id", line)
    return Identifier(IdType.OTHER, value, country.lower(), f"customer id issued by {issuer}")


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))
