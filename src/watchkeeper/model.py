"""One entity model for every watchlist.

Every parser in :mod:`watchkeeper.sources` turns its list format into :class:`Entity`
records; the store, the matcher and the CLI only ever see these.  Values are kept as the
list gives them (after whitespace clean-up); countries are ISO 3166-1 alpha-2 codes in
lower case where the list's text could be resolved, otherwise the list's own text.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class Schema(StrEnum):
    """What kind of thing a listed entry is (FollowTheMoney schema names)."""

    PERSON = "Person"
    ORGANIZATION = "Organization"
    VESSEL = "Vessel"
    AIRCRAFT = "Aircraft"
    LEGAL_ENTITY = "LegalEntity"
    """A body the list does not say more about (person or organisation unknown)."""


class NameKind(StrEnum):
    """How the list qualifies a name."""

    PRIMARY = "primary"
    ALIAS = "alias"
    WEAK_ALIAS = "weak_alias"
    """Low-quality alias (UN/UK "Low", OFAC "weak" or a quoted nickname)."""
    ORIGINAL_SCRIPT = "original_script"
    """The name written in its own (usually non-Latin) script."""
    FORMER = "former"
    """A previous name ("formerly known as")."""


class Gender(StrEnum):
    MALE = "male"
    FEMALE = "female"


class IdType(StrEnum):
    """Kinds of identifying numbers a list can give."""

    PASSPORT = "passport"
    NATIONAL_ID = "national_id"
    TAX_ID = "tax_id"
    REGISTRATION = "registration"
    IMO = "imo"
    MMSI = "mmsi"
    CALL_SIGN = "call_sign"
    BIC = "bic"
    LEI = "lei"
    CRYPTO = "crypto"
    AIRCRAFT_SERIAL = "aircraft_serial"
    AIRCRAFT_TAIL = "aircraft_tail"
    OTHER = "other"


@dataclass(slots=True)
class Name:
    """One name of an entity.

    ``given`` / ``family`` / ``middle`` / ``patronymic`` / ``title`` are filled only where the
    list itself splits the name into parts; ``full`` is always the whole name.
    """

    full: str
    kind: NameKind = NameKind.PRIMARY
    given: str | None = None
    middle: str | None = None
    family: str | None = None
    patronymic: str | None = None
    title: str | None = None
    lang: str | None = None
    """Language or script the list gives for the name (e.g. ``ara``), if any."""


@dataclass(slots=True)
class DateSpec:
    """A date as a list gives it: exact, partial (``1971``, ``1971-07``) or a range.

    ``start`` and ``end`` are ISO 8601 dates, possibly partial; ``end`` is set only for
    ranges (``BETWEEN 1970 AND 1975``).  ``circa`` marks approximate dates.
    """

    start: str
    end: str | None = None
    circa: bool = False

    def __str__(self) -> str:
        text = f"{self.start}..{self.end}" if self.end else self.start
        return f"circa {text}" if self.circa else text


@dataclass(slots=True)
class Identifier:
    """An identifying number: passport, national id, IMO number, crypto address ..."""

    type: IdType
    value: str
    country: str | None = None
    note: str | None = None
    """The list's own label or comment (``Cedula No.``, ``issued 2010``, ``XBT``)."""


@dataclass(slots=True)
class Address:
    """A postal address; ``full`` is the whole address as one line."""

    full: str
    street: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None


@dataclass(slots=True)
class Entity:
    """A listed person, organisation, vessel or aircraft.

    ``id`` is ``<list>:<the list's own stable reference>`` (``un:QDi.299``).
    ``properties`` holds everything else the list says that has no field of its own
    (position, title, vessel type, flag, tonnage, ...), keyed by a short snake_case name.
    """

    id: str
    schema: Schema
    names: list[Name] = field(default_factory=list)
    birth_dates: list[DateSpec] = field(default_factory=list)
    birth_places: list[str] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    """Countries of residence, registration, citizenship or operation (not nationality)."""
    gender: Gender | None = None
    identifiers: list[Identifier] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)
    programs: list[str] = field(default_factory=list)
    listed_on: str | None = None
    remarks: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    """Names or ids of related listed entries ("Linked To", "associated with")."""
    properties: dict[str, list[str]] = field(default_factory=dict)

    @property
    def list_name(self) -> str:
        """The list this entity comes from: the part of ``id`` before the first colon."""
        return self.id.split(":", 1)[0]

    @property
    def caption(self) -> str:
        """The name to show for this entity: its first primary name."""
        for name in self.names:
            if name.kind is NameKind.PRIMARY:
                return name.full
        return self.names[0].full if self.names else self.id

    def add_property(self, key: str, value: str | None) -> None:
        """Append ``value`` to ``properties[key]`` unless it is empty or already there."""
        if value:
            values = self.properties.setdefault(key, [])
            if value not in values:
                values.append(value)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with empty fields left out."""
        data = asdict(self)
        return {
            key: _drop_empty(value) for key, value in data.items() if value not in (None, [], {})
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        """Rebuild an entity from :meth:`to_dict` output."""
        return cls(
            id=data["id"],
            schema=Schema(data["schema"]),
            names=[_name_from_dict(n) for n in data.get("names", [])],
            birth_dates=[DateSpec(**d) for d in data.get("birth_dates", [])],
            birth_places=list(data.get("birth_places", [])),
            nationalities=list(data.get("nationalities", [])),
            countries=list(data.get("countries", [])),
            gender=Gender(data["gender"]) if data.get("gender") else None,
            identifiers=[
                Identifier(**{**i, "type": IdType(i["type"])}) for i in data.get("identifiers", [])
            ],
            addresses=[Address(**a) for a in data.get("addresses", [])],
            programs=list(data.get("programs", [])),
            listed_on=data.get("listed_on"),
            remarks=list(data.get("remarks", [])),
            links=list(data.get("links", [])),
            properties={k: list(v) for k, v in data.get("properties", {}).items()},
        )

    def canonical_json(self) -> str:
        """Stable JSON text: equal entities give equal text, whatever the field order."""
        return json.dumps(self.to_dict(), sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _name_from_dict(data: dict[str, Any]) -> Name:
    return Name(**{**data, "kind": NameKind(data.get("kind", NameKind.PRIMARY))})


def _drop_empty(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_empty(v) for k, v in value.items() if v not in (None, [], {}, False)}
    if isinstance(value, list):
        return [_drop_empty(v) for v in value]
    return value


@dataclass(slots=True)
class Query:
    """Something to screen: a name (or several) and what else is known about it.

    The shape follows the yente / OpenSanctions ``/match`` API (see DESIGN.md); a value that
    is not given is unknown, and unknown evidence is neutral.
    """

    id: str
    names: list[str]
    schema: Schema | None = None
    """None: the query could be a person or an organisation."""
    birth_dates: list[DateSpec] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    gender: Gender | None = None
    identifiers: list[Identifier] = field(default_factory=list)
    names_cut: bool = False
    """The names filled the field that held them (a full MRZ name field) and may have been
    cut short there, whatever their length (:mod:`watchkeeper.match.truncation`).  False
    is "not known": a name exactly as long as a common field is still read as possibly cut."""
