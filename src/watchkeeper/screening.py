"""Screening: a query in, the listed entities that match it out, best first, explained.

The current version of every list in the store is compiled once into a candidate index
(``<home>/index/<key>.idx``, the key naming the list versions it holds) and loaded from there
on later runs.  A query's names find candidates in the index and are scored against their
listed names (:mod:`watchkeeper.match.names`); the best name pair is combined with the other
evidence (:mod:`watchkeeper.match.features`) into the final score
(:mod:`watchkeeper.match.score`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from watchkeeper.match.engine import Matcher, Ranking
from watchkeeper.match.features import Evidence, collect_evidence, most_support
from watchkeeper.match.index import CandidateIndex, versions_key
from watchkeeper.match.indexfile import IndexFormatError
from watchkeeper.match.names import PreparedName
from watchkeeper.match.score import (
    DEFAULT_THRESHOLD,
    MAX_LIFT,
    MatchScore,
    combine,
    evidence_effect,
)
from watchkeeper.model import Entity, Query
from watchkeeper.store import Store

DEFAULT_LIMIT = 10
RANKED_DIGITS = 9
"""Decimals of a score that rank hits: the digits beyond depend on the order its parts were
added in, and would rank two entities of the same score apart (ties go by entity id)."""
INDEX_SUFFIX = ".idx"


@dataclass(frozen=True, slots=True)
class Hit:
    """A listed entity that matched a query, with its score and explanation."""

    entity: Entity
    result: MatchScore

    @property
    def score(self) -> float:
        return self.result.score

    def to_dict(self) -> dict[str, Any]:
        """The result JSON item of DESIGN.md."""
        return {
            "id": self.entity.id,
            "score": round(self.result.score, 4),
            "match": self.result.match,
            "list": self.entity.list_name,
            "schema": str(self.entity.schema),
            "caption": self.entity.caption,
            "matched_name": self.result.name.candidate.text,
            "query_name": self.result.name.query.text,
            "explanation": self.result.explanation(),
        }


def open_index(store: Store, on_build: Callable[[], None] | None = None) -> CandidateIndex:
    """The candidate index of the store's current list versions, built and saved if needed."""
    path = index_path(store)
    if path.exists():
        try:
            return CandidateIndex.load(path)
        except IndexFormatError:
            pass  # written by another version of watchkeeper: build it again
    if on_build is not None:
        on_build()
    versions = store.current_versions()
    entities = [entity for version in versions for entity in store.entities(version.id)]
    index = CandidateIndex.build(entities, versions_key(versions))
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    index.save(partial)
    partial.replace(path)
    for stale in folder.glob(f"*{INDEX_SUFFIX}"):
        if stale != path:
            stale.unlink(missing_ok=True)
    return index


class Screener:
    """Screens queries against one candidate index."""

    def __init__(self, index: CandidateIndex, threshold: float = DEFAULT_THRESHOLD) -> None:
        self.index = index
        self.threshold = threshold
        self._matcher = Matcher(index)

    @property
    def entity_count(self) -> int:
        return len(self.index)

    def screen(self, query: Query, limit: int = DEFAULT_LIMIT) -> list[Hit]:
        """The entities scoring at or above the threshold for ``query``, best first."""
        return self._screen_prepared(query, self._prepare(query), limit)

    def screen_many(self, queries: Sequence[Query], limit: int = DEFAULT_LIMIT) -> list[list[Hit]]:
        """:meth:`screen` of each query, their names' keys looked up together (about a
        fifth less time a query than one query at a time)."""
        prepared = [self._prepare(query) for query in queries]
        self.index.prefetch(name for names in prepared for name in names)
        return [
            self._screen_prepared(query, names, limit)
            for query, names in zip(queries, prepared, strict=True)
        ]

    def _prepare(self, query: Query) -> list[PreparedName]:
        """The names of ``query`` prepared (``names_cut`` False is "not known")."""
        return self._matcher.prepare(query.names, query.schema, query.names_cut or None)

    def _screen_prepared(
        self, query: Query, names: Sequence[PreparedName], limit: int
    ) -> list[Hit]:
        """:meth:`screen` of a query whose names are prepared."""
        evidence_of: dict[int, list[Evidence]] = {}

        def evidence(position: int) -> list[Evidence]:
            """The evidence of the entity at ``position`` (worked out once)."""
            found = evidence_of.get(position)
            if found is None:
                found = collect_evidence(query, self.index.entity(position))
                evidence_of[position] = found
            return found

        def effect(position: int) -> float:
            """What the evidence adds to the score of the entity at ``position``."""
            return evidence_effect(evidence(position))

        ranking = Ranking(effect=effect, lift=min(MAX_LIFT, most_support(query)))
        name_hits = self._matcher.match_prepared(names, self.threshold, limit, ranking)
        hits = [
            Hit(
                self.index.entity(name_hit.entity),
                combine(
                    name_hit.comparison,
                    name_hit.listed.kind,
                    evidence(name_hit.entity),
                    self.threshold,
                ),
            )
            for name_hit in name_hits
        ]
        hits.sort(key=lambda hit: (-round(hit.score, RANKED_DIGITS), hit.entity.id))
        return hits


def result_line(query_id: str, hits: Sequence[Hit]) -> dict[str, Any]:
    """One line of ``screen --output``: the query id and its hits."""
    return {"id": query_id, "results": [hit.to_dict() for hit in hits]}


def index_path(store: Store) -> Path:
    """Where the index of the store's current versions is (or would be) kept."""
    return store.home / "index" / f"{versions_key(store.current_versions())}{INDEX_SUFFIX}"
