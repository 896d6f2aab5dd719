"""Screening units of payment and traveller messages: hits per field, and a decision.

Every party of a unit is screened as a query (its names with what the message says about
it: birth date, nationality, countries, identifiers) and by its BIC, which finds a listed bank
whatever name the message gives it, or none; every free-text field is scanned for
listed names (:mod:`watchkeeper.match.freetext`); every country the unit is connected with
is checked against the embargoed jurisdictions.  Each hit names the field it was found in
and the text that was screened, and carries its own decision; the unit's decision is the
most severe of its hits' (pass when there is none).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property, partial
from typing import Any, Generic, TypeVar

from watchkeeper.match.engine import Matcher
from watchkeeper.match.features import identifier_key
from watchkeeper.match.freetext import TextHit, TextScanner
from watchkeeper.match.index import CandidateIndex
from watchkeeper.match.names import NameComparison
from watchkeeper.match.score import DEFAULT_THRESHOLD
from watchkeeper.messages.units import MessageFormatError, ScreeningUnit
from watchkeeper.model import IdType, Query
from watchkeeper.screening import Hit, Screener

Remembered = TypeVar("Remembered")


class Decision(StrEnum):
    """What happens to a unit, least to most severe."""

    PASS = "pass"
    REVIEW = "review"
    BLOCK = "block"

    @property
    def severity(self) -> int:
        return _SEVERITY[self]


_SEVERITY = {Decision.PASS: 0, Decision.REVIEW: 1, Decision.BLOCK: 2}

DEFAULT_BLOCK_AT = 0.9
"""Score at and above which a hit blocks its unit outright.  A name needs to be all but
identical (or a near-identical name backed by a date, nationality or identifier) to get
there; anything between the matching threshold and this goes to an analyst."""

RECENT = 4096
"""Parties and free texts whose hits a screener remembers (then it starts afresh): the
parties of a group header or of a bulk payment's debtor, and their addresses, recur in
every transaction."""

DEFAULT_EMBARGOED = frozenset({"CU", "IR", "KP", "SY"})
"""Countries under comprehensive embargo by default: Cuba, Iran, North Korea, Syria.
Programmes change (the US and EU eased Syria's in 2025); set the policy for your
jurisdiction (``screen-message --embargo``)."""


@dataclass(frozen=True, slots=True)
class DecisionPolicy:
    """When a hit holds a unit for review or blocks it."""

    review_at: float = DEFAULT_THRESHOLD
    """Score at and above which a name hit is reported (and holds its unit for review)."""
    block_at: float = DEFAULT_BLOCK_AT
    embargoed: frozenset[str] = DEFAULT_EMBARGOED
    """ISO 3166 alpha-2 codes of embargoed jurisdictions."""
    embargo_decision: Decision = Decision.REVIEW
    """What a connection with an embargoed jurisdiction does on its own."""
    hits_per_field: int = 5

    def __post_init__(self) -> None:
        if not 0 < self.review_at <= self.block_at <= 1:
            raise ValueError(
                f"thresholds must satisfy 0 < review ({self.review_at}) <= block "
                f"({self.block_at}) <= 1"
            )

    def name_decision(self, score: float) -> Decision:
        """The decision a name hit of this score calls for."""
        if score >= self.block_at:
            return Decision.BLOCK
        return Decision.REVIEW if score >= self.review_at else Decision.PASS


class HitKind(StrEnum):
    PARTY = "party"
    """A party's name (with its other details) matched a listed entity."""
    TEXT = "text"
    """A listed name was found inside free text."""
    IDENTIFIER = "identifier"
    """A party's BIC is the BIC of a listed entity (a bank known by its BIC only, say)."""
    JURISDICTION = "jurisdiction"
    """The unit is connected with an embargoed country."""


@dataclass(frozen=True, slots=True)
class FieldHit:
    """Something in one field of a unit that calls for review or blocking."""

    field: str
    """Path of the field in the message."""
    text: str
    """What was screened: the party's name, the matching words of a free text, a country."""
    kind: HitKind
    decision: Decision
    score: float
    id: str | None = None
    """The listed entity (None for a jurisdiction hit)."""
    list_name: str | None = None
    caption: str | None = None
    matched_name: str | None = None
    explanation: list[dict[str, Any]] = dataclasses.field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """A ``hits`` item of the message screening result (DESIGN.md)."""
        return {
            "field": self.field,
            "text": self.text,
            "kind": str(self.kind),
            "decision": str(self.decision),
            "id": self.id,
            "score": round(self.score, 4),
            "list": self.list_name,
            "caption": self.caption,
            "matched_name": self.matched_name,
            "explanation": self.explanation,
        }


@dataclass(frozen=True, slots=True)
class UnitResult:
    """The decision on one screening unit and the hits behind it."""

    unit: ScreeningUnit
    decision: Decision
    hits: list[FieldHit]

    def to_dict(self) -> dict[str, Any]:
        """One line of ``screen-message`` output (DESIGN.md)."""
        return {
            "source": self.unit.source,
            "format": self.unit.format,
            "unit": self.unit.unit,
            "decision": str(self.decision),
            "hits": [hit.to_dict() for hit in self.hits],
            "error": None,
        }


def error_line(error: MessageFormatError, format_name: str | None) -> dict[str, Any]:
    """The output line of a message that could not be read."""
    return {
        "source": error.source,
        "format": format_name,
        "unit": None,
        "decision": None,
        "hits": [],
        "error": str(error),
    }


class _Recent(Generic[Remembered]):
    """Results remembered by key, up to ``size`` of them (then it starts afresh)."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._results: dict[str, Remembered] = {}

    def __contains__(self, key: str) -> bool:
        return key in self._results

    def get(self, key: str, compute: Callable[[], Remembered]) -> Remembered:
        """The result for ``key``, computed when it is not remembered."""
        result = self._results.get(key)
        if result is None:
            result = compute()
            self.put(key, result)
        return result

    def put(self, key: str, result: Remembered) -> None:
        """Remember ``result`` for ``key``."""
        if len(self._results) >= self._size:
            self._results.clear()
        self._results[key] = result


class MessageScreener:
    """Screens the units of messages against one candidate index under one policy."""

    def __init__(self, index: CandidateIndex, policy: DecisionPolicy | None = None) -> None:
        self.policy = policy or DecisionPolicy()
        self._screener = Screener(index, self.policy.review_at)
        self.index = index
        self._party_hits_by_query: _Recent[list[Hit]] = _Recent(RECENT)
        self._text_hits_by_text: _Recent[list[TextHit]] = _Recent(RECENT)

    def screen_unit(self, unit: ScreeningUnit) -> UnitResult:
        """Every party, free text and country of ``unit`` screened; its decision."""
        hits = [
            *self._party_hits(unit),
            *self._bic_hits(unit),
            *self._text_hits(unit),
            *self._jurisdiction_hits(unit),
        ]
        return UnitResult(unit, most_severe([hit.decision for hit in hits]), hits)

    def screen_units(self, units: Sequence[ScreeningUnit]) -> list[UnitResult]:
        """:meth:`screen_unit` of each unit, the parties of all of them screened together
        (:meth:`Screener.screen_many`: less time a party than one at a time)."""
        remembered = self._party_hits_by_query
        parties = {
            key: query
            for key, query in (
                _remembered_as(party.query)
                for unit in units
                for party in unit.parties
                if party.query.names
            )
            if key not in remembered
        }
        found = self._screener.screen_many(list(parties.values()), self.policy.hits_per_field)
        for key, hits in zip(parties, found, strict=True):
            remembered.put(key, hits)
        return [self.screen_unit(unit) for unit in units]

    def _party_hits(self, unit: ScreeningUnit) -> list[FieldHit]:
        hits = []
        for party in unit.parties:
            if not party.query.names:
                continue
            for hit in self._screened(party.query):
                hits.append(self._name_hit(party.path, hit.result.name.query.text, hit))
        return hits

    def _screened(self, query: Query) -> list[Hit]:
        """The hits of a party's query (remembered)."""
        key, anonymous = _remembered_as(query)
        return self._party_hits_by_query.get(
            key, partial(self._screener.screen, anonymous, self.policy.hits_per_field)
        )

    @cached_property
    def _scanner(self) -> TextScanner:
        """The free-text scanner, its table of listed words built on first use (a manifest
        without free text never needs it)."""
        return TextScanner(Matcher(self.index))

    @cached_property
    def _listed_bics(self) -> dict[str, list[int]]:
        """Positions of the listed entities by the institution code of their BICs (read
        from the index on first use)."""
        table: dict[str, list[int]] = defaultdict(list)
        for position, entity in self.index.entities_with(IdType.BIC):
            for identifier in entity.identifiers:
                if identifier.type is IdType.BIC:
                    key = identifier_key(IdType.BIC, identifier.value)
                    if key:
                        table[key].append(position)
        return dict(table)

    def _bic_hits(self, unit: ScreeningUnit) -> list[FieldHit]:
        """Listed entities with the BIC of a party (whatever name, if any, the party has)."""
        hits = []
        for party in unit.parties:
            for identifier in party.query.identifiers:
                key = identifier_key(IdType.BIC, identifier.value)
                if identifier.type is not IdType.BIC or not key:
                    continue
                for position in self._listed_bics.get(key, ()):
                    entity = self.index.entity(position)
                    hits.append(
                        FieldHit(
                            field=party.path,
                            text=identifier.value,
                            kind=HitKind.IDENTIFIER,
                            decision=self.policy.name_decision(1.0),
                            score=1.0,
                            id=entity.id,
                            list_name=entity.list_name,
                            caption=entity.caption,
                            explanation=[
                                {
                                    "feature": "identifier",
                                    "detail": f"BIC {identifier.value} is listed for {entity.id}",
                                }
                            ],
                        )
                    )
        return hits

    def _name_hit(self, path: str, text: str, hit: Hit) -> FieldHit:
        return FieldHit(
            field=path,
            text=text,
            kind=HitKind.PARTY,
            decision=self.policy.name_decision(hit.score),
            score=hit.score,
            id=hit.entity.id,
            list_name=hit.entity.list_name,
            caption=hit.entity.caption,
            matched_name=hit.result.name.candidate.text,
            explanation=hit.result.explanation(),
        )

    def _text_hits(self, unit: ScreeningUnit) -> list[FieldHit]:
        hits = []
        for text in unit.texts:
            found_names = self._text_hits_by_text.get(
                text.text, partial(self._scanner.scan, text.text, self.policy.hits_per_field)
            )
            for found in found_names:
                entity = self.index.entity(found.hit.entity)
                score = found.hit.score
                hits.append(
                    FieldHit(
                        field=text.path,
                        text=found.window,
                        kind=HitKind.TEXT,
                        decision=self.policy.name_decision(score),
                        score=score,
                        id=entity.id,
                        list_name=entity.list_name,
                        caption=entity.caption,
                        matched_name=found.hit.comparison.candidate.text,
                        explanation=[_name_item(found.hit.comparison)],
                    )
                )
        return hits

    def _jurisdiction_hits(self, unit: ScreeningUnit) -> list[FieldHit]:
        return [
            FieldHit(
                field=ref.path,
                text=ref.country,
                kind=HitKind.JURISDICTION,
                decision=self.policy.embargo_decision,
                score=1.0,
                explanation=[
                    {
                        "feature": "jurisdiction",
                        "detail": f"{ref.role} in embargoed jurisdiction {ref.country}",
                    }
                ],
            )
            for ref in unit.countries
            if ref.country in self.policy.embargoed
        ]


def _name_item(comparison: NameComparison) -> dict[str, Any]:
    """The explanation item of a name comparison, shaped like the name item of a party hit."""
    details = {k: v for k, v in comparison.to_dict().items() if k != "score"}
    return {"feature": "name", "effect": round(comparison.score, 4), **details}


def most_severe(decisions: Sequence[Decision]) -> Decision:
    """The most severe of ``decisions`` (pass when there are none)."""
    return max(decisions, key=lambda d: d.severity, default=Decision.PASS)


def _remembered_as(query: Query) -> tuple[str, Query]:
    """A party's query without its id, and the key its hits are remembered by."""
    anonymous = dataclasses.replace(query, id="")
    return repr(anonymous), anonymous
