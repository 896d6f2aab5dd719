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
from dataclasses import dataclass, replace

from watchkeeper.match.index import CandidateIndex, ListedName
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
        cut: bool | None = None,
    ) -> list[NameHit]:
        """Entities with a name scoring ``threshold`` or more against one of
        ``query_names``, best first (ties by entity position), at most ``limit``.

        ``schema`` is how to read the query names (a person's, an organisation's); entities
        of another schema are still compared (the schema is evidence for the final score,
        not a filter).  ``cut``: whether the names may have been cut short by their field
        (None: those as long as a field may, see :mod:`~watchkeeper.match.truncation`).
        """
        prepared = self.prepare(query_names, schema, cut)
        return self.match_prepared(prepared, threshold, limit)

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
        needed: Callable[[int], float] | None = None,
    ) -> list[NameHit]:
        """:meth:`match_names` of names already prepared; ``needed`` gives the name score
        an entity (by position) needs, if more than ``threshold`` (a candidate whose bound
        is below it is not compared)."""
        if any(name.cut is not None for name in prepared):
            return self._match_cut(prepared, threshold, limit, needed)
        caches: list[SimilarityCache] = [{} for _ in prepared]
        best: list[tuple[float, int, NameHit]] = []
        """A heap of the ``limit`` best hits so far, the worst on top."""
        for candidate in self.index.candidates(prepared, threshold=threshold):
            if len(best) == limit and candidate.bound < best[0][0]:
                break
            need = threshold if needed is None else max(threshold, needed(candidate.entity))
            if candidate.bound < need:
                continue
            hit = self._best_pair(candidate.entity, candidate.pairs, prepared, caches)
            if hit.score >= need:
                _keep(best, hit, limit)
        return _ranked(best)

    def _match_cut(
        self,
        prepared: Sequence[PreparedName],
        threshold: float,
        limit: int,
        needed: Callable[[int], float] | None,
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
        floor = min(threshold, SEARCH_FLOOR)
        for candidate in self.index.candidates(searched, threshold=floor):
            need = threshold if needed is None else max(threshold, needed(candidate.entity))
            hit = self._best_pair(candidate.entity, candidate.pairs, compared, caches)
            if hit.score >= need:
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
        entity: int,
        pairs: Sequence[tuple[int, int]],
        prepared: Sequence[PreparedName],
        caches: Sequence[SimilarityCache],
    ) -> NameHit:
        """The best of an entity's (query name position, listed name id) ``pairs``, after
        the factor for the listed name's kind
        (:func:`~watchkeeper.match.score.kind_adjusted_score`: an exact weak alias is not the
        best pair when the primary name is alike)."""
        found: NameHit | None = None
        best = 0.0
        for position, name_id in pairs:
            query = prepared[position]
            comparison = compare_names(
                query, self.index.prepared(name_id), self.index.params, caches[position]
            )
            listed = self.index.listed(name_id)
            score = kind_adjusted_score(comparison, listed.kind)
            if found is None or score > best:
                found, best = NameHit(entity, query.text, listed, comparison), score
        assert found is not None, "a candidate has at least one pair"
        return found


def _keep(best: list[tuple[float, int, NameHit]], hit: NameHit, limit: int) -> None:
    """Put ``hit`` on the heap ``best`` of the ``limit`` best hits (the worst on top)."""
    ranked = (hit.score, -hit.entity, hit)
    if len(best) < limit:
        heapq.heappush(best, ranked)
    elif ranked[:2] > best[0][:2]:
        heapq.heapreplace(best, ranked)


def _ranked(best: list[tuple[float, int, NameHit]]) -> list[NameHit]:
    """The hits of the heap ``best``, best first (ties by entity position)."""
    return [hit for _, _, hit in sorted(best, key=lambda item: item[:2], reverse=True)]
