"""Evidence besides the name: birth dates, nationality and country, gender, identifiers, schema.

Each feature function compares one kind of evidence of a :class:`~watchkeeper.model.Query`
with a listed :class:`~watchkeeper.model.Entity` and returns zero or more :class:`Evidence`
items: a signed adjustment to the name score and a sentence saying which values met.  A
value unknown on either side gives no evidence at all, so an empty query scores on its name
alone.  :mod:`watchkeeper.match.score` adds the effects to the name score, within bounds.

The effects are on the scale of the name score (threshold 0.58, see :mod:`.score`).  There
is no labelled data with dates, countries or identifiers to fit them on, so they are set by
reasoning, not tuning: an effect grows with how unlikely the agreement or disagreement would
be between two different people (a shared birth day is rarer than a shared birth year, a
shared gender tells almost nothing), and disagreements are discounted for how often lists and
forms get the value wrong (approximate years, dual nationals, several passports).
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from watchkeeper.countries import country_code
from watchkeeper.model import DateSpec, Entity, Identifier, IdType, Query, Schema
from watchkeeper.text.tokens import NameStyle, TokenKind, tokenize_name


@dataclass(frozen=True, slots=True)
class Evidence:
    """What one piece of evidence adds to (positive) or takes from (negative) the name score."""

    feature: str
    effect: float
    detail: str

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready explanation item."""
        return {"feature": self.feature, "effect": round(self.effect, 4), "detail": self.detail}


# --- birth dates -------------------------------------------------------------------------

BIRTH_DATE_MATCH_EFFECTS: tuple[tuple[int, str, float], ...] = (
    (1, "day", 0.10),
    (31, "month", 0.07),
    (366, "year", 0.05),
)
"""(widest span in days, precision, effect) of agreeing birth dates.  The precision of an
agreement is that of the vaguer date: "1971" agrees with "1971-07-28" only to the year.
Two different people share a birth day about once in 20,000 pairs of a generation, a month
once in 700, a year once in 60; the effects fall accordingly, but gently, because the name
already did most of the work and lists get days wrong (1 January stands for "unknown")."""
BIRTH_DATE_RANGE_EFFECT = 0.02
"""Agreement within a span of several years (a listed range or a "circa" year): weak."""
BIRTH_DATE_MISMATCH_EFFECT = -0.15
"""Birth dates further apart than :data:`BIRTH_DATE_TOLERANCE_DAYS`: a clear sign of another
person with the same name, the most common false alert.  As large as an identical identifier
is strong, so that it pushes a borderline name below the threshold."""
BIRTH_DATE_TOLERANCE_DAYS = 366
"""Dates at most a year apart neither agree nor disagree: lists carry years off by one
(Hijri conversion, "age 45 in 2016") and day and month swapped."""
CIRCA_YEARS = 2
"""A "circa" date stands for this many years either side."""


@cache
def _date_bound(text: str, last: bool, shift_years: int) -> int | None:
    """First (or ``last``) day of an ISO (partial) date, as an ordinal; None if unreadable."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text.strip())
    if match is None:
        return None
    year = int(match[1]) + shift_years
    month = int(match[2] or (12 if last else 1))
    if not (1 <= year <= 9999 and 1 <= month <= 12):
        return None
    month_days = calendar.monthrange(year, month)[1]
    day = min(int(match[3] or (month_days if last else 1)), month_days)
    return datetime.date(year, month, max(day, 1)).toordinal()


def date_span(date: DateSpec) -> tuple[int, int] | None:
    """The days a date can stand for, as a (first, last) pair of ordinals; None if unreadable.

    ``1971`` stands for the whole year, a range for all its years, ``circa 1970`` for
    1970 ± :data:`CIRCA_YEARS` years.
    """
    widen = CIRCA_YEARS if date.circa else 0
    first = _date_bound(date.start, last=False, shift_years=-widen)
    last = _date_bound(date.end or date.start, last=True, shift_years=widen)
    if first is None or last is None:
        return None
    return first, last


def compare_birth_dates(query_date: DateSpec, listed_date: DateSpec) -> Evidence | None:
    """How one query birth date and one listed birth date agree; None if either is unreadable."""
    query_span, listed_span = date_span(query_date), date_span(listed_date)
    if query_span is None or listed_span is None:
        return None
    (query_first, query_last), (listed_first, listed_last) = query_span, listed_span
    shown = f"birth date {query_date} {{}} listed {listed_date}{{}}"
    gap = max(query_first, listed_first) - min(query_last, listed_last)
    if gap > BIRTH_DATE_TOLERANCE_DAYS:
        detail = shown.format("differs from", "")
        return Evidence("birth_date", BIRTH_DATE_MISMATCH_EFFECT, detail)
    if gap > 0:
        return Evidence("birth_date", 0.0, shown.format("is within a year of", ""))
    widest = max(query_last - query_first, listed_last - listed_first) + 1
    for span_days, precision, effect in BIRTH_DATE_MATCH_EFFECTS:
        if widest <= span_days:
            to_the = "" if precision == "day" else f" to the {precision}"
            return Evidence("birth_date", effect, shown.format("matches", to_the))
    circa = query_date.circa or listed_date.circa
    detail = shown.format("overlaps", f" (circa: ±{CIRCA_YEARS} years)" if circa else "")
    return Evidence("birth_date", BIRTH_DATE_RANGE_EFFECT, detail)


def birth_date_evidence(query: Query, entity: Entity) -> list[Evidence]:
    """The best agreement of any query birth date with any listed one (people are listed
    with several possible dates; one of them is the true one)."""
    compared = [
        evidence
        for query_date in query.birth_dates
        for listed_date in entity.birth_dates
        if (evidence := compare_birth_dates(query_date, listed_date)) is not None
    ]
    return [max(compared, key=lambda evidence: evidence.effect)] if compared else []


# --- nationality and country -----------------------------------------------------------

NATIONALITY_MATCH_EFFECT = 0.04
"""A shared nationality: common among the people a name search brings up, so small."""
NATIONALITY_MISMATCH_EFFECT = -0.08
"""No nationality in common: dual nationals and lists that record one of several keep this
moderate, yet enough to push a borderline name below the threshold."""
COUNTRY_MATCH_EFFECT = 0.03
"""A query country found among the entity's countries, nationalities or address countries."""
COUNTRY_MISMATCH_EFFECT = -0.04
"""None found: people move and companies operate abroad, so a mild sign only."""


def _country_key(value: str) -> tuple[str, bool]:
    """The ISO code for a country value and True, or its folded text and False."""
    code = country_code(value)
    return (code, True) if code else (" ".join(value.casefold().split()), False)


def _compare_countries(
    feature: str,
    query_values: list[str],
    listed_values: list[str],
    effects: tuple[float, float],
) -> list[Evidence]:
    """Evidence from two sets of countries: ``effects`` is (match, mismatch).

    Values are compared by ISO code where they resolve, else by text; a disagreement is
    claimed only when every value on both sides resolved, since an unknown spelling may
    well name the same country.
    """
    if not query_values or not listed_values:
        return []
    query_keys = dict(_country_key(value) for value in query_values)
    listed_keys = dict(_country_key(value) for value in listed_values)
    listed_text = ", ".join(dict.fromkeys(listed_values))
    shared = [key for key in query_keys if key in listed_keys]
    if shared:
        detail = f"{feature} {shared[0]} matches listed {listed_text}"
        return [Evidence(feature, effects[0], detail)]
    if all(query_keys.values()) and all(listed_keys.values()):
        query_text = ", ".join(dict.fromkeys(query_values))
        detail = f"{feature} {query_text} differs from listed {listed_text}"
        return [Evidence(feature, effects[1], detail)]
    return []


def nationality_evidence(query: Query, entity: Entity) -> list[Evidence]:
    """Query nationalities against the entity's nationalities."""
    effects = (NATIONALITY_MATCH_EFFECT, NATIONALITY_MISMATCH_EFFECT)
    return _compare_countries("nationality", query.nationalities, entity.nationalities, effects)


def entity_countries(entity: Entity) -> list[str]:
    """Every country linked to an entity: countries, nationalities, address countries."""
    addresses = [address.country for address in entity.addresses if address.country]
    return list(dict.fromkeys([*entity.countries, *entity.nationalities, *addresses]))


def country_evidence(query: Query, entity: Entity) -> list[Evidence]:
    """Query countries against every country linked to the entity."""
    effects = (COUNTRY_MATCH_EFFECT, COUNTRY_MISMATCH_EFFECT)
    return _compare_countries("country", query.countries, entity_countries(entity), effects)


# --- gender ------------------------------------------------------------------------------

GENDER_MATCH_EFFECT = 0.02
"""Half of all people share a gender: next to no evidence."""
GENDER_MISMATCH_EFFECT = -0.10
"""Lists and forms rarely get gender wrong, so a difference says "another person"."""


def gender_evidence(query: Query, entity: Entity) -> list[Evidence]:
    """Query gender against the listed gender."""
    if query.gender is None or entity.gender is None:
        return []
    if query.gender is entity.gender:
        detail = f"gender {query.gender} matches listed {entity.gender}"
        return [Evidence("gender", GENDER_MATCH_EFFECT, detail)]
    detail = f"gender {query.gender} differs from listed {entity.gender}"
    return [Evidence("gender", GENDER_MISMATCH_EFFECT, detail)]


# --- identifiers -------------------------------------------------------------------------

IDENTIFIER_MATCH_EFFECT = 0.15
"""An identical identifier: the strongest evidence there is, and all the supporting evidence
:data:`watchkeeper.match.score.MAX_LIFT` lets count, so that it lifts a borderline name over
the threshold but never a clearly different one."""
DOCUMENT_MISMATCH_EFFECT = -0.05
"""A passport or national id of the same type and country that differs: people hold several
(renewals, diplomatic and service passports), so only a mild sign."""
UNIQUE_ID_MISMATCH_EFFECT = -0.15
"""An IMO number or LEI that differs: a ship keeps one IMO number for life and a legal entity
has one LEI, so a different one means a different ship or company."""
MIN_IDENTIFIER_LENGTH = 4
"""Identifiers shorter than this (after normalisation) are too likely to coincide to count."""

DOCUMENT_TYPES = frozenset(
    {
        IdType.PASSPORT,
        IdType.NATIONAL_ID,
        IdType.TAX_ID,
        IdType.REGISTRATION,
        IdType.LEI,
        IdType.OTHER,
    }
)
"""Types compared with each other: lists and forms file the same number under different
labels ("idNumber", "Cedula No.", "Registration ID")."""
PER_COUNTRY_TYPES = frozenset({IdType.PASSPORT, IdType.NATIONAL_ID})
"""Types whose differing numbers count against a match when issued by the same country."""
UNIQUE_TYPES = frozenset({IdType.IMO, IdType.LEI})
"""Types of which a holder has exactly one, so any difference counts against a match."""

_LABEL_WORD = re.compile(r"[^\W\d]{4,}|[^\W\d]+[.:]")
"""A word of a label around a number ("Afghan passport number", "No."); a value without
digits ("UEKQ", a call sign) keeps all its words."""
_HEX_ADDRESS = re.compile(r"0x[0-9a-f]+", re.IGNORECASE)
_BECH32_ADDRESS = re.compile(r"[a-z]{1,83}1[02-9ac-hj-np-z]{6,}")


def _document_key(value: str) -> str:
    """A document number without labels, spacing, punctuation, case or leading zeros.

    ``A 123-456.7`` and ``a1234567`` both give ``A1234567``; the UN's ``Afghan passport number
    SE 012820`` gives ``SE012820``.  Leading zeros go because spreadsheets and some systems
    drop them; zeros after a letter are kept.
    """
    text = re.sub(r"\([^)]*\)", " ", value)
    words = text.split()
    if any(character.isdigit() for character in text):  # else the words are the identifier
        words = [word for word in words if not _LABEL_WORD.fullmatch(word)]
    return re.sub(r"[\W_]", "", "".join(words)).upper().lstrip("0")


def _crypto_key(value: str) -> str:
    """A crypto address as compared: hex (``0x...``) and bech32 (``bc1...``) addresses are
    case-insensitive and lower-cased, base58 addresses are case-sensitive and kept exact."""
    address = "".join(value.split())
    single_case = address in (address.lower(), address.upper())
    is_bech32 = single_case and _BECH32_ADDRESS.fullmatch(address.lower()) is not None
    return address.lower() if is_bech32 or _HEX_ADDRESS.fullmatch(address) else address


def _bic_key(value: str) -> str:
    """The institution code of a BIC: its first 8 characters (``DEUTDEFF`` stands for the
    same bank as ``DEUTDEFFXXX`` and every branch ``DEUTDEFF500``)."""
    code = re.sub(r"[\W_]", "", value).upper()
    return code[:8] if len(code) in (8, 11) else code


_KEYS: dict[IdType, Callable[[str], str]] = {
    IdType.IMO: lambda value: re.sub(r"\D", "", value),
    IdType.BIC: _bic_key,
    IdType.CRYPTO: _crypto_key,
}


@cache
def identifier_key(id_type: IdType, value: str) -> str | None:
    """The normalised form two identifiers of a type are compared by; None if too short."""
    key = _KEYS.get(id_type, _document_key)(value)
    return key if len(key) >= MIN_IDENTIFIER_LENGTH else None


def _comparable(first: IdType, second: IdType) -> bool:
    return first is second or (first in DOCUMENT_TYPES and second in DOCUMENT_TYPES)


def _issuers(identifier: Identifier, holder_nationalities: list[str]) -> set[str]:
    """Where a passport or national id comes from: its own country, else the holder's
    nationalities (they are issued to nationals)."""
    countries = [identifier.country] if identifier.country else holder_nationalities
    return {_country_key(country)[0] for country in countries}


def _issued_apart(first: Identifier, second: Identifier) -> bool:
    """Both identifiers name their country, and the countries differ."""
    if not (first.country and second.country):
        return False
    return _country_key(first.country)[0] != _country_key(second.country)[0]


def _describe(identifier: Identifier) -> str:
    country = f" ({identifier.country})" if identifier.country else ""
    return f"{identifier.type.value.replace('_', ' ')} {identifier.value}{country}"


def _identifier_match(query: Query, entity: Entity) -> Evidence | None:
    """An identical identifier, unless issued by different (known) countries."""
    for mine in query.identifiers:
        key = identifier_key(mine.type, mine.value)
        if key is None:
            continue
        for listed in entity.identifiers:
            if (
                _comparable(mine.type, listed.type)
                and key == identifier_key(listed.type, listed.value)
                and not _issued_apart(mine, listed)
            ):
                detail = f"{_describe(mine)} matches listed {_describe(listed)}"
                return Evidence("identifier", IDENTIFIER_MATCH_EFFECT, detail)
    return None


def _conflict_effect(query: Query, mine: Identifier, entity: Entity, listed: Identifier) -> float:
    """How much two different identifiers count against a match: only those a holder has
    one of (per issuing country) count at all."""
    if mine.type is not listed.type or None in (
        identifier_key(mine.type, mine.value),
        identifier_key(listed.type, listed.value),
    ):
        return 0.0
    if mine.type in UNIQUE_TYPES:
        return UNIQUE_ID_MISMATCH_EFFECT
    if mine.type in PER_COUNTRY_TYPES and (
        _issuers(mine, query.nationalities) & _issuers(listed, entity.nationalities)
    ):
        return DOCUMENT_MISMATCH_EFFECT
    return 0.0


def _identifier_conflicts(query: Query, entity: Entity) -> Iterable[Evidence]:
    for mine in query.identifiers:
        for listed in entity.identifiers:
            effect = _conflict_effect(query, mine, entity, listed)
            if effect:
                detail = f"{_describe(mine)} differs from listed {_describe(listed)}"
                yield Evidence("identifier", effect, detail)


def identifier_evidence(query: Query, entity: Entity) -> list[Evidence]:
    """An identical identifier (strong), else the strongest conflicting one (see the
    ``*_MISMATCH_EFFECT`` constants), else nothing: most differing numbers say nothing,
    since people and companies hold many."""
    if not query.identifiers or not entity.identifiers:
        return []
    match = _identifier_match(query, entity)
    if match is not None:
        return [match]
    conflicts = list(_identifier_conflicts(query, entity))
    return [min(conflicts, key=lambda evidence: evidence.effect)] if conflicts else []


# --- schema ------------------------------------------------------------------------------

PERSON_SCHEMA_MISMATCH_EFFECT = -0.30
"""A person queried against an organisation, vessel or aircraft (or the other way round): a
person is never one of those, so this is the strongest negative evidence, though still not
enough to hide an exact name (the query's schema may be a form-filling error)."""
THING_SCHEMA_MISMATCH_EFFECT = -0.10
"""An organisation against a vessel or aircraft, or the two against each other: ships and
aircraft often carry the name of the company that owns or runs them, so a mild sign only."""


def schema_evidence(query: Query, entity: Entity) -> list[Evidence]:
    """Whether the query can be the listed kind of thing; LegalEntity or an unknown schema
    on either side fits everything, except that a query whose every name has a legal form
    is an organisation's (:func:`named_as_company`)."""
    unknown = (None, Schema.LEGAL_ENTITY)
    schema = query.schema
    detail = f"query is a {schema}"
    if schema in unknown and named_as_company(tuple(query.names)):
        schema = Schema.ORGANIZATION
        detail = "query names a company (a legal form)"
    if schema in (*unknown, entity.schema) or entity.schema in unknown:
        return []
    person = Schema.PERSON in (schema, entity.schema)
    effect = PERSON_SCHEMA_MISMATCH_EFFECT if person else THING_SCHEMA_MISMATCH_EFFECT
    return [Evidence("schema", effect, f"{detail}, listed entity a {entity.schema}")]


@lru_cache(maxsize=4096)
def named_as_company(names: tuple[str, ...]) -> bool:
    """Whether each of these names is a company's (:func:`_company_name`)."""
    return bool(names) and all(map(_company_name, names))


def _company_name(name: str) -> bool:
    """Whether a name starts or ends with a legal form that no person's name has, next to
    another word: one found even when the name is read as a person's ("Corporation",
    "Limited", "GmbH", "OOO"; not "AG", "SA" or "Pao", which are also parts of persons'
    names: "Iyad Ag Ghaly", "PAO Yu Liang")."""
    tokens = tokenize_name(name, NameStyle.PERSON)
    return len(tokens) > 1 and any(
        token.kind is TokenKind.LEGAL_FORM for token in (tokens[0], tokens[-1])
    )


# --- all features ------------------------------------------------------------------------

Feature = Callable[[Query, Entity], list[Evidence]]
FEATURES: tuple[Feature, ...] = (
    schema_evidence,
    birth_date_evidence,
    nationality_evidence,
    country_evidence,
    gender_evidence,
    identifier_evidence,
)
"""Every feature, in the order their evidence is explained."""


def collect_evidence(query: Query, entity: Entity) -> list[Evidence]:
    """The evidence of every feature for one query and one listed entity."""
    return [evidence for feature in FEATURES for evidence in feature(query, entity)]


def most_support(query: Query) -> float:
    """The most the evidence of ``query`` can add to any listed entity's score (before
    :data:`~watchkeeper.match.score.MAX_LIFT` caps the sum): the strongest agreement of
    each feature the query gives something to compare for; the schema only takes away."""
    given = (
        (query.birth_dates, max(effect for _, _, effect in BIRTH_DATE_MATCH_EFFECTS)),
        (query.nationalities, NATIONALITY_MATCH_EFFECT),
        (query.countries, COUNTRY_MATCH_EFFECT),
        (query.gender, GENDER_MATCH_EFFECT),
        (query.identifiers, IDENTIFIER_MATCH_EFFECT),
    )
    return sum(effect for values, effect in given if values)
