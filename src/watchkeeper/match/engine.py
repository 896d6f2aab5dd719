"""Name matching against a candidate index: query names in, the best listed name per entity out.

Only names: dates, countries, identifiers and the final score are added on top by
:mod:`watchkeeper.match.score`.  For each query the :class:`Matcher` prepares the query names
once, asks the index for candidates (most promising first) and compares each with
:func:`~watchkeeper.match.names.compare_names`, keeping the word similarities it computes for
the rest of the query: the listed names of one query share most of their words.  Hits rank
by the score they are reported with: the name score after the factor for the listed name's
kind, plus what the caller's other evidence adds to the entity (:class:`Ranking`), so that
the ``limit`` kept are the best of the final ranking.  Once ``limit`` entities score above what
any remaining candidate may reach, it stops.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from watchkeeper.match.index import Candidate, CandidateIndex, ListedName
from watchkeeper.match.names import (
    DEFAULT_THRESHOLD,
    NameComparison,
    PreparedName,
    SimilarityCache,
    compare_names,
    prepare_tokens,
)
from watchkeeper.match.score import kind_adjusted_score
from watchkeeper.match.truncation import SEARCH_FLOOR, cut_position, without_last_word
from watchkeeper.model import Schema
from watchkeeper.text.tokens import tokenize_name

ROUNDING = 1e-9
"""What the order a score's parts are added in may change it by (a bound is not cut this
close)."""


@dataclass(frozen=True, slots=True)
class Ranking:
    """What hits rank by besides the name score of their best pair: by default its kind."""

    by_kind: bool = True
    """Whether the factor for the listed name's kind counts
    (:func:`~watchkeeper.match.score.kind_adjusted_score`; a text's windows go by the name
    score itself)."""
    effect: Callable[[int], float] | None = None
    """What the evidence besides the names adds to the score of the entity at a position."""
    lift: float = 0.0
    """The most ``effect`` adds."""

    def added(self, entity: int) -> float:
        """What ``effect`` adds to the entity at a position (0 without one)."""
        return 0.0 if self.effect is None else self.effect(entity)


@dataclass(frozen=True, slots=True)
class NameHit:
    """A listed entity whose name met a query name."""

    entity: int
    """Position of the entity in the index (:meth:`CandidateIndex.entity`)."""
    query_name: str
    listed: ListedName
    """Which name of the entity met it."""
    comparison: NameComparison
    """The best pair of query name and listed name, with its alignment."""

    ranked: float
    """What the hit ranked by (:class:`Ranking`; at most 1)."""

    @property
    def score(self) -> float:
        """The name score of the best pair."""
        return self.comparison.score


class Matcher:
    """Screens query names against every name of a candidate index."""

    def __init__(self, index: CandidateIndex) -> None:
        self.index = index

    def match_names(
        self,
        query_names: Sequence[str],
        schema: Schema | None = None,
        threshold: float = DEFAULT_THRESHOLD,
        limit: int = 10,
        cut: bool | None = None,
        ranking: Ranking = Ranking(),
    ) -> list[NameHit]:
        """Entities with a name scoring ``threshold`` or more (as ``ranking`` ranks them)
        against one of ``query_names``, best first (ties by entity position), at most
        ``limit``.

        ``schema`` is how to read the query names (a person's, an organisation's); entities
        of another schema are still compared (the schema is evidence for the final score,
        not a filter).  ``cut``: whether the names may have been cut short by their field
        (None: those as long as a field may, see :mod:`~watchkeeper.match.truncation`).
        """
        prepared = self.prepare(query_names, schema, cut)
        return self.match_prepared(prepared, threshold, limit, ranking)

    def prepare(
        self, query_names: Sequence[str], schema: Schema | None = None, cut: bool | None = None
    ) -> list[PreparedName]:
        """The query names prepared for :meth:`match_prepared` (those with no words left
        out); ``cut`` as for :meth:`match_names`."""
        prepared = [self.index.prepare_query(text, schema, cut) for text in query_names]
        return [name for name in prepared if name.tokens]

    def match_prepared(
        self,
        prepared: Sequence[PreparedName],
        threshold: float = DEFAULT_THRESHOLD,
        limit: int = 10,
        ranking: Ranking = Ranking(),
    ) -> list[NameHit]:
        """:meth:`match_names` of names already prepared (a candidate that cannot reach
        ``threshold`` with what ``ranking`` adds to it is not compared)."""
        if any(name.cut is not None for name in prepared):
            return self._match_cut(prepared, threshold, limit, ranking)
        caches: list[SimilarityCache] = [{} for _ in prepared]
        best: list[tuple[float, int, NameHit]] = []
        """A heap of the ``limit`` best hits so far, the worst on top."""
        for candidate in self.index.candidates(prepared, threshold=threshold - ranking.lift):
            if len(best) == limit and min(1.0, candidate.bound + ranking.lift) < best[0][0]:
                break
            added = ranking.added(candidate.entity)
            # Evidence against does not spare a comparison: a bound can fall short of the
            # score when a word of a person's name meets a legal form ("Co" / "CO., LIMITED").
            if candidate.bound + max(added, 0.0) < threshold - ROUNDING:
                continue
            hit = self._best_pair(candidate, prepared, caches, ranking.by_kind, added)
            if hit.ranked >= threshold:
                _keep(best, hit, limit)
        return _ranked(best)

    def _match_cut(
        self,
        prepared: Sequence[PreparedName],
        threshold: float,
        limit: int,
        ranking: Ranking,
    ) -> list[NameHit]:
        """:meth:`match_prepared` of query names some of which a field may have cut short
        (:mod:`~watchkeeper.match.truncation`): their candidates are searched from a lower
        floor, by the names and by those cut short without their last word, and every one
        is compared (the bounds of the search count the listed words left over as lost to
        the cut, but know nothing of a last word cut short)."""
        shorter = [
            (self._without_last_word(name), name) for name in prepared if name.cut is not None
        ]
        searched = [*prepared, *(name for name, _ in shorter)]
        compared = [*prepared, *(name for _, name in shorter)]
        """The query name compared at each position of ``searched``."""
        caches: list[SimilarityCache] = [{} for _ in compared]
        best: list[tuple[float, int, NameHit]] = []
        floor = min(threshold - ranking.lift, SEARCH_FLOOR)
        for candidate in self.index.candidates(searched, threshold=floor):
            added = ranking.added(candidate.entity)
            hit = self._best_pair(candidate, compared, caches, ranking.by_kind, added)
            if hit.ranked >= threshold:
                _keep(best, hit, limit)
        return _ranked(best)

    def _without_last_word(self, name: PreparedName) -> PreparedName:
        """A query name cut short without its last written word (itself if that is all it
        has), itself cut short there."""
        text = without_last_word(name.text)
        tokens = tuple(tokenize_name(text, name.style))
        if not tokens:
            return name
        shorter = prepare_tokens(text, name.style, tokens, self.index.weights, self.index.params)
        return replace(shorter, cut=cut_position(tokens, text))

    def _best_pair(
        self,
        candidate: Candidate,
        prepared: Sequence[PreparedName],
        caches: Sequence[SimilarityCache],
        by_kind: bool,
        added: float,
    ) -> NameHit:
        """The best of a candidate's (query name position, listed name id) pairs, after the
        factor for the listed name's kind (:func:`~watchkeeper.match.score.
        kind_adjusted_score`: an exact weak alias is not the best pair when the primary name
        is alike); of pairs that score alike, that of the name listed first, then of the
        query name given first.  Ranked with that factor or not (``by_kind``), and with
        ``added``."""
        best: tuple[float, int, int, ListedName, NameComparison] | None = None
        for position, name_id in candidate.pairs:
            comparison = compare_names(
                prepared[position],
                self.index.prepared(name_id),
                self.index.params,
                caches[position],
            )
            listed = self.index.listed(name_id)
            score = kind_adjusted_score(comparison, listed.kind)
            if best is None or (score, -name_id, -position) > best[:3]:
                best = (score, -name_id, -position, listed, comparison)
        assert best is not None, "a candidate has at least one pair"
        score, _, before, listed, comparison = best
        position = -before
        ranked = min(1.0, (score if by_kind else comparison.score) + added)
        return NameHit(candidate.entity, prepared[position].text, listed, comparison, ranked)


def _keep(best: list[tuple[float, int, NameHit]], hit: NameHit, limit: int) -> None:
    """Put ``hit`` on the heap ``best`` of the ``limit`` best hits (the worst on top)."""
    ranked = (hit.ranked, -hit.entity, hit)
    if len(best) < limit:
        heapq.heappush(best, ranked)
    elif ranked[:2] > best[0][:2]:
        heapq.heapreplace(best, ranked)


def _ranked(best: list[tuple[float, int, NameHit]]) -> list[NameHit]:
    """The hits of the heap ``best``, best first (ties by entity position)."""
    return [hit for _, _, hit in sorted(best, key=lambda item: item[:2], reverse=True)]
