"""The final score of a query against a listed entity, in 0..1, and its explanation.

Three parts make the score (the constants below say why each value):

1. the name score of the best pair of query name and listed name
   (:func:`~watchkeeper.match.names.compare_names`), times the factor for the listed name's
   kind (:data:`NAME_KIND_FACTORS`: weak aliases, and a person's one-word names, count
   less);
2. the supporting evidence of :mod:`~watchkeeper.match.features` (positive effects), added
   up to at most :data:`MAX_LIFT`;
3. the contrary evidence (negative effects), subtracted down to at most :data:`MAX_DROP`;

and the sum is kept within 0..1.  A pair matches at :data:`DEFAULT_THRESHOLD`, the name
threshold itself: with nothing but names known the score *is* the name score, so the
threshold fitted on name pairs keeps its meaning.  The features shift the score rather than
the threshold; in effect the name score a match needs falls to ``DEFAULT_THRESHOLD -
MAX_LIFT`` (0.43) when everything else agrees and rises to ``DEFAULT_THRESHOLD + MAX_DROP``
(0.93) when everything else disagrees.

There is no labelled data with birth dates, countries or identifiers here, so the evidence
constants are set by reasoning (documented on each), not fitted; in particular none is tuned
to a test or a fixture.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from watchkeeper.match import names
from watchkeeper.match.features import Evidence, collect_evidence
from watchkeeper.match.names import (
    NameComparison,
    PreparedName,
    compare_names,
    prepare_name,
    prepare_query_name,
)
from watchkeeper.match.weights import TokenWeights
from watchkeeper.model import Entity, NameKind, Query
from watchkeeper.text.compounds import one_compound
from watchkeeper.text.tokens import NameStyle, TokenKind

DEFAULT_THRESHOLD = names.DEFAULT_THRESHOLD
"""Score at and above which a query and a listed entity are taken to match."""

NAME_KIND_FACTORS: dict[NameKind, float] = {
    NameKind.PRIMARY: 1.0,
    NameKind.ALIAS: 1.0,
    NameKind.ORIGINAL_SCRIPT: 1.0,
    NameKind.FORMER: 1.0,
    NameKind.WEAK_ALIAS: 0.8,
}
"""Share of the name score a name of each kind keeps.  Good-quality aliases, names in the
original script and former names identify as well as the primary name (many listed people
are known by an alias).  Weak aliases (nicknames, "low quality" aliases, often one common
word such as "Abu Rahmah") keep 0.8: an exact weak-alias match still alerts (0.8 >= 0.58),
but one that is also inexact (name score below 0.58 / 0.8 = 0.725) needs other evidence.

A person's name of a single word ("MIKE", "SANTOS", "Issa"), particles and titles aside (the
kunya "Abu Bakr", which millions bear), or of one compound given name ("Abdul Baqi",
"Sadruddin", however written), is as weak, whatever its kind: it names nobody in
particular, and a longer query sharing it ("Mike Wedding", "Abou Bakr El Baghdadi" against
the alias "Abu Bakr" of other listed men, "Sadriddin Menshikov" against "Sadruddin")
otherwise scores 0.6 to 0.8.  So is a name of one compound given name of an entity of
unknown kind (a LegalEntity of OFAC's alias file alone: "RAUF, Abdul"), which names no
organisation."""

MAX_LIFT = 0.15
"""Most that supporting evidence adds, whatever it is: one identical identifier uses all of
it.  It lifts a borderline name (0.43 up to the threshold) over the threshold, but no name
scoring below ``DEFAULT_THRESHOLD - MAX_LIFT`` = 0.43, which keeps a clearly different name
(0.4 and below) from matching on identifiers, dates and countries alone."""

MAX_DROP = 0.35
"""Most that contrary evidence takes away.  Enough that a strong birth-date mismatch
(-0.15) or a person queried against a company (-0.30) pushes a borderline name below the
threshold, while an exact name never drops below it (1 - 0.35 = 0.65): records and forms
get dates, nationalities and schemas wrong, so an exact name always goes to review."""

_KIND_WORDS = {
    NameKind.PRIMARY: "the primary name",
    NameKind.ALIAS: "an alias",
    NameKind.WEAK_ALIAS: "a weak alias",
    NameKind.ORIGINAL_SCRIPT: "the name in its own script",
    NameKind.FORMER: "a former name",
}


@dataclass(frozen=True, slots=True)
class MatchScore:
    """The final score of a query against a listed entity, and what it is made of."""

    score: float
    match: bool
    name: NameComparison
    """The best pair of query name and listed name."""
    name_kind: NameKind
    """The kind of the listed name of that pair."""
    evidence: tuple[Evidence, ...]

    @property
    def name_score(self) -> float:
        """The name score after the name-kind factor."""
        return kind_adjusted_score(self.name, self.name_kind)

    def explanation(self) -> list[dict[str, Any]]:
        """JSON-ready items whose ``effect`` values add up to the score: the name pair and
        its aligned tokens, the name-kind adjustment, each piece of evidence, and the bounds
        if they cut anything off."""
        name_item = {"feature": "name", "effect": round(self.name.score, 4)}
        name_item.update((k, v) for k, v in self.name.to_dict().items() if k != "score")
        factor = name_factor(self.name, self.name_kind)
        detail = f"listed name is {_KIND_WORDS[self.name_kind]}"
        if _one_word_person(self.name.candidate):
            detail += ", one word or one compound given name"
        kind_item = {
            "feature": "name_kind",
            "effect": round(self.name_score - self.name.score, 4),
            "detail": detail + (f": name score x {factor}" if factor != 1.0 else ""),
        }
        items = [name_item, kind_item, *(evidence.to_dict() for evidence in self.evidence)]
        cut = self.score - self.name_score - sum(evidence.effect for evidence in self.evidence)
        if round(cut, 4):
            detail = f"supporting evidence counts up to +{MAX_LIFT}, contrary evidence down to "
            detail += f"-{MAX_DROP}, the score lies within 0..1"
            items.append({"feature": "bounds", "effect": round(cut, 4), "detail": detail})
        return items


def kind_adjusted_score(comparison: NameComparison, kind: NameKind) -> float:
    """A name score after the factor for the listed name's kind."""
    return comparison.score * name_factor(comparison, kind)


def name_factor(comparison: NameComparison, kind: NameKind) -> float:
    """The share of its score the listed name of a comparison keeps, by its kind (a
    person's one-word name, or one compound given name, counts as a weak alias)."""
    if _one_word_person(comparison.candidate):
        return min(NAME_KIND_FACTORS[kind], NAME_KIND_FACTORS[NameKind.WEAK_ALIAS])
    return NAME_KIND_FACTORS[kind]


_BESIDE_THE_WORD = frozenset({TokenKind.WORD, TokenKind.PARTICLE, TokenKind.TITLE})


def _one_word_person(name: PreparedName) -> bool:
    """Whether a person's name has one word, particles and titles aside ("Issa", "Abu
    Bakr", "Dr. Santos"), or a person's name or one of an entity of unknown kind is one
    compound given name ("Abdul Baqi", "Sadruddin": no organisation's name)."""
    kinds = [token.kind for token in name.tokens]
    if name.style is NameStyle.ORGANIZATION or not _BESIDE_THE_WORD.issuperset(kinds):
        return False
    if kinds.count(TokenKind.WORD) == 1:
        return name.style is NameStyle.PERSON
    named = itertools.dropwhile(
        lambda token: token.kind is not TokenKind.WORD,
        (token for token in name.tokens if token.kind is not TokenKind.TITLE),
    )
    return one_compound([token.text for token in named])


def combine(
    comparison: NameComparison,
    kind: NameKind,
    evidence: Sequence[Evidence],
    threshold: float = DEFAULT_THRESHOLD,
) -> MatchScore:
    """The final score of a name pair (of a listed name of ``kind``) with its evidence."""
    score = min(1.0, max(0.0, kind_adjusted_score(comparison, kind) + evidence_effect(evidence)))
    return MatchScore(score, score >= threshold, comparison, kind, tuple(evidence))


def evidence_effect(evidence: Sequence[Evidence]) -> float:
    """What evidence adds to a name score: its supporting effects up to :data:`MAX_LIFT`,
    its contrary ones down to :data:`MAX_DROP`."""
    lift = min(sum(e.effect for e in evidence if e.effect > 0), MAX_LIFT)
    drop = max(sum(e.effect for e in evidence if e.effect < 0), -MAX_DROP)
    return lift + drop


def best_name_pair(
    pairs: Iterable[tuple[NameComparison, NameKind]],
) -> tuple[NameComparison, NameKind] | None:
    """The pair with the highest kind-adjusted score (the first of equals); None if none."""
    return max(pairs, key=lambda pair: kind_adjusted_score(*pair), default=None)


def score_entity(
    query: Query,
    entity: Entity,
    weights: TokenWeights | None = None,
    threshold: float = DEFAULT_THRESHOLD,
) -> MatchScore | None:
    """Score a query against one listed entity: every query name against every listed name,
    the best pair with all the evidence.  None if either side has no name.

    This prepares every name on each call; a screening loop should prepare names once and
    call :func:`best_name_pair`, :func:`~watchkeeper.match.features.collect_evidence` and
    :func:`combine` itself.
    """
    listed_schema = entity.schema.value
    query_schema = query.schema.value if query.schema else listed_schema
    query_names = [
        prepare_query_name(text, query_schema, weights, cut=query.names_cut or None)
        for text in query.names
    ]
    listed_names = [
        (prepare_name(name.full, listed_schema, weights), name.kind) for name in entity.names
    ]
    best = best_name_pair(
        (compare_names(query_name, listed_name), kind)
        for query_name in query_names
        for listed_name, kind in listed_names
    )
    if best is None:
        return None
    return combine(*best, collect_evidence(query, entity), threshold)
