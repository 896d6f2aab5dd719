"""Name screening against the current version of every stored list.

This is the first, plain screening step: every listed name is normalised (case, accents,
punctuation, spacing) and compared with the query by an order-free fuzzy token score.  The
matching engine of issue 3 (transliteration, frequency-aware token alignment, dates,
countries and identifiers, a candidate index) replaces the scoring here.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from watchkeeper.model import Entity, Name
from watchkeeper.store import Store

DEFAULT_THRESHOLD = 0.85


def normalise(name: str) -> str:
    """Lower case, accents removed, punctuation as spaces, words single-spaced."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    letters = "".join(c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c))
    return " ".join(letters.split())


@dataclass(frozen=True, slots=True)
class Hit:
    """A listed entity whose name met the query name."""

    entity: Entity
    matched_name: Name
    score: float


class Screener:
    """Holds every listed name of the store's current list versions, ready to compare."""

    def __init__(self, entities: list[Entity]) -> None:
        self._names: list[str] = []
        self._owners: list[tuple[Entity, Name]] = []
        for entity in entities:
            for name in entity.names:
                key = normalise(name.full)
                if key:
                    self._names.append(key)
                    self._owners.append((entity, name))

    @classmethod
    def from_store(cls, store: Store) -> Screener:
        """A screener over the current version of every list in ``store``."""
        entities = [
            entity for version in store.current_versions() for entity in store.entities(version.id)
        ]
        return cls(entities)

    @property
    def name_count(self) -> int:
        return len(self._names)

    def screen(self, name: str, threshold: float = DEFAULT_THRESHOLD, limit: int = 10) -> list[Hit]:
        """The best-scoring entities for ``name``, one hit per entity, best first."""
        query = normalise(name)
        if not query:
            return []
        matches = process.extract(
            query,
            self._names,
            scorer=fuzz.token_sort_ratio,
            score_cutoff=threshold * 100,
            limit=limit * 5,
        )
        hits: dict[str, Hit] = {}
        for _text, score, index in matches:
            entity, listed_name = self._owners[index]
            if entity.id not in hits or hits[entity.id].score < score / 100:
                hits[entity.id] = Hit(entity, listed_name, score / 100)
        return sorted(hits.values(), key=lambda hit: (-hit.score, hit.entity.id))[:limit]
