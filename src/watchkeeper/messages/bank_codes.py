"""Bank codes in payment messages: BICs (ISO 9362) and IBANs (ISO 13616), and the countries
they name."""

from __future__ import annotations

import re

from watchkeeper.countries import country_code

BIC_PATTERN = re.compile(r"[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?")
"""Institution (4 letters), country (2 letters), location (2), optional branch (3)."""

_IBAN = re.compile(r"([A-Z]{2})(\d{2})[A-Z0-9]{11,30}")


def is_bic(text: str) -> bool:
    """Whether ``text`` is written as a BIC of 8 or 11 characters."""
    return BIC_PATTERN.fullmatch(text) is not None


def bic_country(bic: str) -> str | None:
    """The upper-case ISO 3166 code in letters 5-6 of a BIC; None if they name no country
    (test and made-up BICs such as ``BICFOOYY``)."""
    if not is_bic(bic):
        return None
    code = country_code(bic[4:6])
    return code.upper() if code else None


def iban_country(text: str) -> str | None:
    """The upper-case country code of ``text`` if it is an IBAN: 15 to 34 characters, a
    country code, two check digits (02 to 98) and a BBAN passing the ISO 7064 mod-97 check.  Spaces
    are ignored.  The per-country BBAN lengths are not checked."""
    iban = "".join(text.split()).upper()
    match = _IBAN.fullmatch(iban)
    if match is None or country_code(match[1]) is None or not 2 <= int(match[2]) <= 98:
        return None
    rearranged = iban[4:] + iban[:4]
    digits = "".join(str(int(char, 36)) for char in rearranged)
    return match[1] if int(digits) % 97 == 1 else None
