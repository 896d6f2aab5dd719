"""What a message parser hands to screening: screening units made of parties, free text and
country references, each standing at a field path of its message.

A *screening unit* is what gets one decision: a transaction of a payment message, a
passenger or crew member of a manifest.  Parsers know nothing of matching; they only say
what stands where.  Paths are written the way an analyst finds the value in the message:
ISO 20022 element paths (``CdtTrfTxInf[1]/Cdtr/Nm``), SWIFT MT tags (``B4/59F/1``), EDIFACT
segments (``NAD[3]+FL``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from watchkeeper.model import Query


class CountryRole(StrEnum):
    """Why a country is named in a message (the jurisdiction check reports it)."""

    ADDRESS = "address"
    BIC = "bic"
    IBAN = "iban"
    NATIONALITY = "nationality"
    BIRTH_PLACE = "birth_place"
    RESIDENCE = "residence"
    DOCUMENT = "document"
    """The country that issued a travel document."""
    ROUTE = "route"
    """A port or airport of a flight's route."""


@dataclass(frozen=True, slots=True)
class Party:
    """Someone named in a message: a person, a company, a bank."""

    path: str
    """Where the party's name stands, e.g. ``CdtTrfTxInf[1]/Cdtr/Nm`` or ``B4/59F/1``."""
    role: str
    """What the party is to the message: debtor, creditor, debtor_agent, ordering_customer,
    beneficiary, passenger, crew ... (lower case, underscores)."""
    query: Query
    """The names and what else the message says about the party (schema, birth date,
    nationality, countries, identifiers such as BIC, LEI, passport), ready to screen.
    ``query.id`` is the path."""


@dataclass(frozen=True, slots=True)
class FreeText:
    """Unstructured text that may name someone: remittance information, MT 70 / 72, an
    address line, instructions for agents."""

    path: str
    text: str


@dataclass(frozen=True, slots=True)
class CountryRef:
    """A country a message connects a unit with (ISO 3166 alpha-2, upper case)."""

    path: str
    country: str
    role: CountryRole


@dataclass(slots=True)
class ScreeningUnit:
    """One transaction, passenger or crew member: everything screened for one decision."""

    source: str
    """The file (and message within it) the unit came from."""
    format: str
    """The message type as read from its content: ``pacs.008``, ``mt103``, ``paxlst`` ..."""
    unit: str
    """Which unit of the message: ``CdtTrfTxInf[1]``, ``PmtInf[2]/CdtTrfTxInf[3]``, ``NAD[4]``."""
    parties: list[Party] = field(default_factory=list)
    texts: list[FreeText] = field(default_factory=list)
    countries: list[CountryRef] = field(default_factory=list)


class MessageFormatError(ValueError):
    """A message that cannot be read; the text says what is wrong and where (file, line,
    element or segment, field)."""

    def __init__(self, source: str, where: str, problem: str) -> None:
        self.source = source
        self.where = where
        self.problem = problem
        place = f"{source}, {where}" if where else source
        super().__init__(f"{place}: {problem}")


class MessageWarning(MessageFormatError):
    """A problem that did not stop a message being read: its units are all there (an
    envelope whose segment count disagrees with the segments read, say)."""
