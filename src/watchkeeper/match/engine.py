"""Name matching against a candidate index: query names in, the best listed name per entity out.

Only names: dates, countries, identifiers and the final score are added on top by
:mod:`watchkeeper.match.score`.  For each query the :class:`Matcher` prepares the query names
once, asks the index for candidates (most promising first) and compares each with
:func:`~watchkeeper.match.names.compare_names`, keeping the word similarities it computes for
the rest of the query: the listed names of one query share most of their words.  Once
``limit`` entities score above what any remaining candidate may reach, it stops.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from watchkeeper.match.index import Candidate, CandidateIndex, ListedName
from watchkeeper.match.names import (
    DEFAULT_THRESHOLD,
    NameComparison,
    PreparedName,
    SimilarityCache,
    compare_names,
)
from watchkeeper.match.score import kind_adjusted_score
from watchkeeper.model import Schema


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
    ) -> list[NameHit]:
        """Entities with a name scoring ``threshold`` or more against one of
        ``query_names``, best first (ties by entity position), at most ``limit``.

        ``schema`` is how to read the query names (a person's, an organisation's); entities
        of another schema are still compared (the schema is evidence for the final score,
        not a filter).
        """
        return self.match_prepared(self.prepare(query_names, schema), threshold, limit)

    def prepare(
        self, query_names: Sequence[str], schema: Schema | None = None
    ) -> list[PreparedName]:
        """The query names prepared for :meth:`match_prepared` (those with no words left
        out)."""
        prepared = [self.index.prepare_query(text, schema) for text in query_names]
        return [name for name in prepared if name.tokens]

    def match_prepared(
        self,
        prepared: Sequence[PreparedName],
        threshold: float = DEFAULT_THRESHOLD,
        limit: int = 10,
        needed: Callable[[int], float] | None = None,
    ) -> list[NameHit]:
        """:meth:`match_names` of names already prepared; ``needed`` gives the name score
        an entity (by position) needs, if more than ``threshold`` (a candidate whose bound
        is below it is not compared)."""
        caches: list[SimilarityCache] = [{} for _ in prepared]
        best: list[tuple[float, int, NameHit]] = []
        """A heap of the ``limit`` best hits so far, the worst on top."""
        for candidate in self.index.candidates(prepared, threshold=threshold):
            if len(best) == limit and candidate.bound < best[0][0]:
                break
            need = threshold if needed is None else max(threshold, needed(candidate.entity))
            if candidate.bound < need:
                continue
            hit = self._best_pair(candidate, prepared, caches)
            if hit.score < need:
                continue
            ranked = (hit.score, -hit.entity, hit)
            if len(best) < limit:
                heapq.heappush(best, ranked)
            elif ranked[:2] > best[0][:2]:
                heapq.heapreplace(best, ranked)
        return [hit for _, _, hit in sorted(best, key=lambda item: item[:2], reverse=True)]

    def _best_pair(
        self,
        candidate: Candidate,
        prepared: Sequence[PreparedName],
        caches: Sequence[SimilarityCache],
    ) -> NameHit:
        """The best of a candidate's (query name, listed name) pairs, after the factor for
        the listed name's kind (:func:`~watchkeeper.match.score.kind_adjusted_score`: an
        exact weak alias is not the best pair when the primary name is alike)."""
        found: NameHit | None = None
        best = 0.0
        for position, name_id in candidate.pairs:
            query = prepared[position]
            comparison = compare_names(
                query, self.index.prepared(name_id), self.index.params, caches[position]
            )
            listed = self.index.listed(name_id)
            score = kind_adjusted_score(comparison, listed.kind)
            if found is None or score > best:
                found, best = NameHit(candidate.entity, query.text, listed, comparison), score
        assert found is not None, "a candidate has at least one pair"
        return found
