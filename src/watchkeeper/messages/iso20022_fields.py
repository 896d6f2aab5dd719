"""What a part of an ISO 20022 payment message says about who is involved.

:func:`read_block` walks any block of a message (an application header, a group header, a
payment information block, one transaction) and reports, each at the element path where it
stands:

- every party (debtor, creditor, ultimate parties, initiating party, every agent, the parties
  of an underlying customer transfer or of a return) with its name, address countries, BIC,
  LEI, clearing-system member id, other ids, birth date and residence;
- the free text that could name someone: remittance information, instructions for agents,
  purpose, regulatory reporting, return reasons, addresses, and any other name (``Nm``) that
  is not a party's own (an account name, a contact person, a tax authority);
- the countries the block connects with: address, BIC and IBAN countries, residence, birth.

The walk is driven by element names, not by a message version, so the versions of pacs.008,
pacs.009, pacs.004 and pain.001 (and the head.001 header) read alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from lxml import etree

from watchkeeper.countries import country_code
from watchkeeper.dates import parse_date
from watchkeeper.messages.units import CountryRef, CountryRole, FreeText, Party
from watchkeeper.model import DateSpec, Identifier, IdType, Query, Schema

_ROLES: dict[str, str] = {
    "Dbtr": "debtor",
    "Cdtr": "creditor",
    "UltmtDbtr": "ultimate_debtor",
    "UltmtCdtr": "ultimate_creditor",
    "InitgPty": "initiating_party",
    "DbtrAgt": "debtor_agent",
    "CdtrAgt": "creditor_agent",
    "IntrmyAgt1": "intermediary_agent_1",
    "IntrmyAgt2": "intermediary_agent_2",
    "IntrmyAgt3": "intermediary_agent_3",
    "InstgAgt": "instructing_agent",
    "InstdAgt": "instructed_agent",
    "PrvsInstgAgt1": "previous_instructing_agent_1",
    "PrvsInstgAgt2": "previous_instructing_agent_2",
    "PrvsInstgAgt3": "previous_instructing_agent_3",
    "InstgRmbrsmntAgt": "instructing_reimbursement_agent",
    "InstdRmbrsmntAgt": "instructed_reimbursement_agent",
    "ThrdRmbrsmntAgt": "third_reimbursement_agent",
    "FwdgAgt": "forwarding_agent",
    "ChrgsAcctAgt": "charges_account_agent",
    "Invcr": "invoicer",
    "Invcee": "invoicee",
    "Grnshee": "garnishee",
    "GrnshmtAdmstr": "garnishment_administrator",
    "ChqFr": "cheque_from",
    "DlvrTo": "cheque_deliver_to",
}
"""Party elements and their roles.  Any other element holding a ``FinInstnId`` is read as
an agent too."""

_ROLES_BY_PARENT: dict[str, dict[str, str]] = {
    "Agt": {"ChrgsInf": "charges_agent"},
    "Orgtr": {"RtrRsnInf": "return_reason_originator"},
    "FIId": {"Fr": "sender", "To": "receiver"},
    "OrgId": {"Fr": "sender", "To": "receiver"},
}
"""Party elements whose name alone is ambiguous: their roles by parent element."""

_ROLE_PREFIXES = {
    "UndrlygCstmrCdtTrf": "underlying_",
    "OrgnlTxRef": "original_",
    "RtrChain": "return_chain_",
}
"""Blocks whose parties are those of another transfer: their roles say so."""

_TEXT_FIELDS = frozenset(
    {"Nm", "Ustrd", "AddtlRmtInf", "InstrInf", "InstrForDbtrAgt", "AddtlInf", "MemoFld"}
)
"""Leaf elements whose text is screened."""

_TEXT_FIELDS_BY_PARENT: dict[str, frozenset[str]] = {
    "Ref": frozenset({"CdtrRefInf"}),
    "Nb": frozenset({"RfrdDocInf"}),
    "Desc": frozenset({"LineDtls"}),
    "Prtry": frozenset({"Purp"}),
    "Inf": frozenset({"Dtls"}),
}
"""Leaf elements whose text is screened under these parents only."""

_ADDRESSES = frozenset({"PstlAdr", "Adr"})
_BIC_ELEMENTS = frozenset({"BICFI", "BIC", "AnyBIC", "BICOrBEI"})
_CHOICE_WRAPPERS = frozenset({"Pty", "Agt", "FinInstnId"})
"""Elements that only wrap the party they belong to (pacs.004 ``Dbtr/Pty``, ``Dbtr/Agt``)."""

_SCHEME_TYPES = {
    "CCPT": IdType.PASSPORT,
    "NIDN": IdType.NATIONAL_ID,
    "TXID": IdType.TAX_ID,
}
_BIC = re.compile(r"[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?")
_IBAN = re.compile(r"([A-Z]{2})[0-9]{2}[A-Z0-9]{11,30}")
_NO_SKIP: frozenset[str] = frozenset()


@dataclass(slots=True)
class Findings:
    """Parties, free text and countries read from one block of a message."""

    parties: list[Party] = field(default_factory=list)
    texts: list[FreeText] = field(default_factory=list)
    countries: list[CountryRef] = field(default_factory=list)


def read_block(block: etree._Element, path: str, skip: frozenset[str] = _NO_SKIP) -> Findings:
    """Everything the children of ``block`` (standing at ``path``) name, except the
    children called one of ``skip`` (read on their own, e.g. a payment block's
    transactions).  The tree is expected without comments and processing instructions
    (parse with ``remove_comments``, ``remove_pis``), so that an element's text is whole."""
    walker = _Walker()
    walker.walk(block, _tag_name(block.tag), path, "", skip)
    return walker.found


@dataclass(slots=True)
class _PartyDraft:
    """What has been read of one party so far."""

    path: str
    name: str | None = None
    name_path: str | None = None
    schema: Schema | None = None
    birth_dates: list[DateSpec] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    identifiers: list[Identifier] = field(default_factory=list)
    identifier_path: str | None = None

    def add_country(self, code: str) -> None:
        if code not in self.countries:
            self.countries.append(code)

    def add_identifier(self, identifier: Identifier, path: str) -> None:
        self.identifiers.append(identifier)
        if self.identifier_path is None:
            self.identifier_path = path

    def party(self, role: str) -> Party | None:
        """The party, if anything names or identifies it."""
        if self.name is None and not self.identifiers:
            return None
        path = self.name_path or self.identifier_path or self.path
        query = Query(
            id=path,
            names=[self.name] if self.name else [],
            schema=self.schema,
            birth_dates=self.birth_dates,
            countries=self.countries,
            identifiers=self.identifiers,
        )
        return Party(path, role, query)


class _Walker:
    """Collects the findings of a block, element by element.

    Paths are only built for the elements that are reported or descended into: most
    leaves (ids, codes, amounts) are passed over.
    """

    def __init__(self) -> None:
        self.found = Findings()

    def walk(
        self,
        parent: etree._Element,
        parent_name: str,
        path: str,
        prefix: str,
        skip: frozenset[str] = _NO_SKIP,
    ) -> None:
        for child, name, position in _named_children(parent):
            if name in skip:
                continue
            if len(child) == 0:
                self.leaf(child, name, parent_name, path, position)
            else:
                self.element(child, name, parent_name, _path(path, name, position), prefix)

    def leaf(
        self, element: etree._Element, name: str, parent_name: str, parent_path: str, position: int
    ) -> None:
        if name == "IBAN":
            self.iban(element, _path(parent_path, name, position))
        elif name in _TEXT_FIELDS or parent_name in _TEXT_FIELDS_BY_PARENT.get(name, ()):
            text = _text(element)
            if text:
                self.found.texts.append(FreeText(_path(parent_path, name, position), text))

    def element(
        self, element: etree._Element, name: str, parent_name: str, path: str, prefix: str
    ) -> None:
        """An element with children, standing at ``path``."""
        role = _ROLES.get(name) or _ROLES_BY_PARENT.get(name, {}).get(parent_name)
        if role is None and _child(element, "FinInstnId") is not None:
            role = _snake_case(name)
        if role is not None:
            draft = _PartyDraft(path)
            self.fill(draft, element, name, path, prefix)
            party = draft.party(prefix + role)
            if party is not None:
                self.found.parties.append(party)
        elif name in _ADDRESSES:
            self.address(element, path, None)
        else:
            self.walk(element, name, path, _ROLE_PREFIXES.get(name, prefix))

    def fill(
        self,
        draft: _PartyDraft,
        element: etree._Element,
        element_name: str,
        path: str,
        prefix: str,
    ) -> None:
        """Read the children of a party element (or of a wrapper within it) into ``draft``;
        what is not the party's own goes through the ordinary walk."""
        for child, name, position in _named_children(element):
            leaf = len(child) == 0
            if leaf and name not in _PARTY_LEAVES:
                self.leaf(child, name, element_name, path, position)
                continue
            child_path = _path(path, name, position)
            if leaf:
                self.party_leaf(draft, child, name, child_path)
            elif name in _CHOICE_WRAPPERS:
                if name == "FinInstnId":
                    draft.schema = Schema.ORGANIZATION
                self.fill(draft, child, name, child_path, prefix)
            elif name in _ADDRESSES:
                self.address(child, child_path, draft)
            elif name == "ClrSysMmbId":
                system = _code_or_proprietary(child, "ClrSysId")
                member = _child(child, "MmbId")
                if member is not None:
                    self.identifier(draft, IdType.OTHER, member, f"{child_path}/MmbId", system)
            elif name == "Othr" and element_name == "FinInstnId":
                self.other_identifier(draft, child, child_path)
            elif name == "Id":
                self.party_id(draft, child, child_path)
            else:
                self.element(child, name, element_name, child_path, prefix)

    def party_leaf(self, draft: _PartyDraft, element: etree._Element, name: str, path: str) -> None:
        """A name, BIC, LEI or country of residence of a party."""
        if name == "Nm":
            text = _text(element)
            if text and draft.name is None:
                draft.name, draft.name_path = text, path
            elif text:  # a second name element: screened all the same
                self.found.texts.append(FreeText(path, text))
        elif name in _BIC_ELEMENTS:
            self.bic(element, path, draft)
        elif name == "LEI":
            self.identifier(draft, IdType.LEI, element, path, None)
        else:
            self.country(draft, element, path, CountryRole.RESIDENCE)

    def party_id(self, draft: _PartyDraft, element: etree._Element, path: str) -> None:
        """``Id/OrgId`` (organisation) or ``Id/PrvtId`` (person)."""
        for kind, kind_name, kind_position in _named_children(element):
            if kind_name == "OrgId":
                draft.schema = Schema.ORGANIZATION
            elif kind_name == "PrvtId":
                draft.schema = Schema.PERSON
            else:
                continue
            kind_path = _path(path, kind_name, kind_position)
            for child, name, position in _named_children(kind):
                child_path = _path(kind_path, name, position)
                if name in _BIC_ELEMENTS:
                    self.bic(child, child_path, draft)
                elif name == "LEI":
                    self.identifier(draft, IdType.LEI, child, child_path, None)
                elif name == "Othr":
                    self.other_identifier(draft, child, child_path)
                elif name == "DtAndPlcOfBirth":
                    self.birth(draft, child, child_path)

    def birth(self, draft: _PartyDraft, element: etree._Element, path: str) -> None:
        for child, name, position in _named_children(element):
            if name == "BirthDt":
                date = parse_date(_text(child))
                if date is not None:
                    draft.birth_dates.append(date)
            elif name == "CtryOfBirth":
                self.country(None, child, _path(path, name, position), CountryRole.BIRTH_PLACE)

    def other_identifier(self, draft: _PartyDraft, element: etree._Element, path: str) -> None:
        """``Othr``: an id with its scheme (``CCPT`` passport, ``NIDN``, ``TXID`` ...)."""
        value = _child(element, "Id")
        if value is None:
            return
        scheme = _code_or_proprietary(element, "SchmeNm")
        id_type = _SCHEME_TYPES.get(scheme or "", IdType.OTHER)
        issuer = _child_text(element, "Issr")
        self.identifier(draft, id_type, value, f"{path}/Id", scheme, issuer)

    def identifier(
        self,
        draft: _PartyDraft,
        id_type: IdType,
        element: etree._Element,
        path: str,
        note: str | None,
        issuer: str | None = None,
    ) -> None:
        value = _text(element)
        if value:
            country = country_code(issuer) if issuer else None
            draft.add_identifier(Identifier(id_type, value, country=country, note=note), path)

    def bic(self, element: etree._Element, path: str, draft: _PartyDraft) -> None:
        """A BIC: an identifier, and the country in its letters 5-6."""
        value = (_text(element) or "").upper()
        if not value:
            return
        country = country_code(value[4:6]) if _BIC.fullmatch(value) else None
        draft.add_identifier(Identifier(IdType.BIC, value, country=country), path)
        if country is not None:
            draft.add_country(country)
            self.found.countries.append(CountryRef(path, country.upper(), CountryRole.BIC))

    def iban(self, element: etree._Element, path: str) -> None:
        """An account's IBAN: the country of its first two letters, when they name one."""
        value = "".join((_text(element) or "").split()).upper()
        match = _IBAN.fullmatch(value)
        country = country_code(match[1]) if match else None
        if country is not None:
            self.found.countries.append(CountryRef(path, country.upper(), CountryRole.IBAN))

    def address(self, element: etree._Element, path: str, draft: _PartyDraft | None) -> None:
        """A postal address: its text (structured fields and lines) is screened as one free
        text at ``path``; its country becomes a country reference."""
        parts: list[str] = []
        for child, name, position in _named_children(element):
            if name == "Ctry":
                self.country(draft, child, _path(path, name, position), CountryRole.ADDRESS)
            elif name != "AdrTp":
                text = _text(child)
                if text:
                    parts.append(text)
        if parts:
            self.found.texts.append(FreeText(path, ", ".join(parts)))

    def country(
        self,
        draft: _PartyDraft | None,
        element: etree._Element,
        path: str,
        role: CountryRole,
    ) -> None:
        code = country_code(_text(element))
        if code is None:
            return
        self.found.countries.append(CountryRef(path, code.upper(), role))
        if draft is not None:
            draft.add_country(code)


_PARTY_LEAVES = frozenset({"Nm", "LEI", "CtryOfRes", *_BIC_ELEMENTS})
"""Leaf children of a party (or of its ``FinInstnId``) read into the party itself."""


def _named_children(parent: etree._Element) -> list[tuple[etree._Element, str, int]]:
    """The children of ``parent`` with their local names and positions: 0 for a name that
    occurs once, 1, 2 ... for a repeated one (``AdrLine[2]``)."""
    named = [(child, _tag_name(child.tag)) for child in parent]
    names = [name for _child, name in named]
    if len(set(names)) == len(names):
        return [(child, name, 0) for child, name in named]
    seen: dict[str, int] = {}
    positioned = []
    for child, name in named:
        if names.count(name) > 1:
            seen[name] = seen.get(name, 0) + 1
            positioned.append((child, name, seen[name]))
        else:
            positioned.append((child, name, 0))
    return positioned


def _path(parent_path: str, name: str, position: int) -> str:
    return f"{parent_path}/{name}[{position}]" if position else f"{parent_path}/{name}"


@lru_cache(maxsize=4096)
def _tag_name(tag: object) -> str:
    """The local name of an element tag: ``{urn:iso:...}Nm`` -> ``Nm``."""
    return str(tag).rpartition("}")[2]


def _text(element: etree._Element) -> str | None:
    """The whitespace-collapsed text of ``element`` and its descendants, None if empty."""
    if len(element) == 0:
        text = element.text or ""
    else:
        text = "".join(part for part in element.itertext() if isinstance(part, str))
    return " ".join(text.split()) or None


def _child(element: etree._Element, name: str) -> etree._Element | None:
    """The first child of ``element`` with local name ``name``."""
    for child in element:
        if _tag_name(child.tag) == name:
            return child
    return None


def _child_text(element: etree._Element, name: str) -> str | None:
    child = _child(element, name)
    return _text(child) if child is not None else None


def _code_or_proprietary(element: etree._Element, choice: str) -> str | None:
    """``choice/Cd`` or ``choice/Prtry`` of ``element`` (a scheme or clearing system)."""
    chosen = _child(element, choice)
    if chosen is None:
        return None
    return _child_text(chosen, "Cd") or _child_text(chosen, "Prtry")


def _snake_case(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()
