"""Candidate index: the listed names a query name may match, found without comparing it with
every listed name.

Every name of every entity is cut into tokens and prepared for
:func:`~watchkeeper.match.names.compare_names` once, when the index is built; word weights
come from all of them together.  The units of each name (:mod:`~watchkeeper.match.blocking`:
words, joined runs, acronyms, initials, classes of particles and legal forms) are *entries*
of the index, each filed under its blocking keys; each entry has the names it occurs in,
lightest first (:mod:`~watchkeeper.match.postings`).

A unit of a query name looks up the entries under its keys (hashed once per word and kept
for later queries) and keeps those that what met tells may be alike enough to align with
it in :func:`compare_names`.  From the best each unit met, :class:`~watchkeeper.match.bounds.
QueryBound` tells whether any listed name may reach the threshold at all (most names that
are not listed stop there), which units a listed name must have met to reach it, and how
heavy it can be: only the names of those units' entries light enough are read.  Each gets an
optimistic score from the units it met (:func:`~watchkeeper.match.bounds.bound`); those
below the threshold are dropped before any comparison, the others come best first.

The index is saved as one file, mapped into memory when it is loaded
(:mod:`~watchkeeper.match.indexfile`); :attr:`CandidateIndex.key` says which list versions
(or which entities) it was built from.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from watchkeeper.match.blocking import joined_tokens, units
from watchkeeper.match.bounds import Profile, left_over_weights
from watchkeeper.match.hashing import variant_hashes
from watchkeeper.match.indexfile import IndexFormatError, load_payload, save_payload
from watchkeeper.match.indexing import (
    NAME_KINDS,
    SCHEMAS,
    STYLES,
    TOKEN_KINDS,
    SavedToken,
    file_names,
    saved_token,
    token_from_row,
)
from watchkeeper.match.names import (
    DEFAULT_PARAMS,
    DEFAULT_THRESHOLD,
    NameParams,
    PreparedName,
    prepare_name,
    prepare_query_name,
    prepare_tokens,
)
from watchkeeper.match.postings import Blobs, KeyTable, NamePostings
from watchkeeper.match.search import Searcher, Tables
from watchkeeper.match.weights import TokenWeights
from watchkeeper.model import Entity, IdType, NameKind, Schema
from watchkeeper.store.sqlite import Version
from watchkeeper.text.tokens import NameStyle, Token, TokenKind

INDEX_FORMAT = 38
"""Changes whenever the file layout or the meaning of the keys changes."""

_LEAST_THRESHOLD = 1e-6
"""Names that share nothing with a query score 0: they are never candidates, whatever the
threshold."""
_CACHED = 1 << 16
"""Query units, listed names and entities a process remembers before it starts afresh."""


_MATCHABLE: dict[Schema, frozenset[Schema]] = {
    Schema.PERSON: frozenset({Schema.PERSON, Schema.LEGAL_ENTITY}),
    Schema.ORGANIZATION: frozenset({Schema.ORGANIZATION, Schema.LEGAL_ENTITY}),
    Schema.LEGAL_ENTITY: frozenset({Schema.PERSON, Schema.ORGANIZATION, Schema.LEGAL_ENTITY}),
    Schema.VESSEL: frozenset({Schema.VESSEL}),
    Schema.AIRCRAFT: frozenset({Schema.AIRCRAFT}),
}
"""Listed schemas a query of each schema can be (FollowTheMoney: a LegalEntity is either)."""


@dataclass(frozen=True, slots=True)
class ListedName:
    """Where a listed name comes from."""

    entity: int
    """Position of its entity in the index."""
    name: int
    """Position of the name in ``Entity.names``."""
    kind: NameKind


@dataclass(frozen=True, slots=True)
class Candidate:
    """A listed entity worth comparing with the query, and which names to compare."""

    entity: int
    pairs: tuple[tuple[int, int], ...]
    """(position of the query name, listed name id) pairs, most promising first."""
    bound: float
    """The highest score any of these pairs may reach (as far as the index tells)."""


def versions_key(versions: Iterable[Version]) -> str:
    """The key of an index built from these list versions (a store's current ones)."""
    parts = sorted(f"{v.list}:{v.id}:{v.sha256}" for v in versions)
    return _digest([INDEX_FORMAT, _FINGERPRINT, *parts])


def content_key(entities: Iterable[Entity]) -> str:
    """The key of an index of these entities, from their content."""
    return _content_key(entity.canonical_json() for entity in entities)


def _content_key(documents: Iterable[str]) -> str:
    return _digest([INDEX_FORMAT, _FINGERPRINT, *documents])


def _digest(parts: Iterable[object]) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(str(part).encode())
        digest.update(b"\0")
    return digest.hexdigest()[:32]


class _Records:
    """The listed names of a loaded index, column by column."""

    def __init__(self, columns: dict[str, Any]) -> None:
        self.entities = memoryview(columns["entities"]).cast("i")
        self.names = memoryview(columns["names"]).cast("i")
        self.kinds: Sequence[int] = columns["kinds"]
        self.schemas: Sequence[int] = columns["schemas"]
        self.styles: Sequence[int] = columns["styles"]
        self.texts = Blobs(columns["texts"])
        self.token_starts = memoryview(columns["token_starts"]).cast("i")
        self.tokens = memoryview(columns["tokens"]).cast("i")
        self.joined_starts = memoryview(columns["joined_starts"]).cast("i")
        self.joined = memoryview(columns["joined"]).cast("i")
        self.unit_starts = memoryview(columns["unit_starts"]).cast("i")
        self.unit_entries = memoryview(columns["unit_entries"]).cast("i")
        self.unit_firsts = memoryview(columns["unit_firsts"]).cast("i")
        self.unit_ends = memoryview(columns["unit_ends"]).cast("i")
        self.lefts = memoryview(columns["lefts"]).cast("d")

    def __len__(self) -> int:
        return len(self.entities)

    def listed(self, record: int) -> ListedName:
        kind = NAME_KINDS[self.kinds[record]]
        return ListedName(self.entities[record], self.names[record], kind)

    def token_ids(self, record: int) -> Sequence[int]:
        return self.tokens[self.token_starts[record] : self.token_starts[record + 1]]

    def joined_ids(self, record: int) -> Sequence[int]:
        return self.joined[self.joined_starts[record] : self.joined_starts[record + 1]]


_PROBES = (
    "Abu Bakr al-Baghdadi",
    "AbdulRahman bin Laden",
    "SMITH, John A.",
    "Мохаммед Ибрагимов",
    "محمد بن سلمان",
    "习近平",
    "김정은",
    "Αλέξης Τσίπρας",
    "OOO Rosneft Trading LLC",
    "Forty-Four Holdings II",
    "P.L.A. People's Liberation Army",
)
"""Names whose tokens and keys stand for the text processing an index is built with."""


def _text_processing_fingerprint() -> str:
    """Changes when tokenisation, keys or their hashes change, so that older indexes are
    not used."""
    parts: list[object] = []
    for text in _PROBES:
        for schema in ("Person", "Organization", None):
            name = prepare_name(text, schema)
            parts.extend(name.tokens)
            parts.extend(joined_tokens(name))
            filed = units(name.tokens, name.weights, joined_tokens(name), listed=True)
            specs = sorted(spec for unit in filed for spec in unit.keys)
            parts.extend(specs)
            parts.extend(sorted(variant_hashes(specs).hashes.tolist()))
    return _digest(parts)


_FINGERPRINT = _text_processing_fingerprint()


def _header() -> bytes:
    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    return f"watchkeeper-index {INDEX_FORMAT} {_FINGERPRINT} python{python}\n".encode()


def _plain_counts(weights: TokenWeights) -> tuple[dict[str, int], dict[str, int], int]:
    key_counts, skeleton_counts, names = weights.counts()
    return dict(key_counts), dict(skeleton_counts), names


def _remember(cache: dict[Any, Any]) -> None:
    """Make room in a cache that is full: start afresh."""
    if len(cache) >= _CACHED:
        cache.clear()


# --- the index ---------------------------------------------------------------------------


class CandidateIndex:
    """Every listed name of a set of entities, prepared and filed under blocking keys."""

    def __init__(self, payload: dict[str, Any], params: NameParams = DEFAULT_PARAMS) -> None:
        """Use :meth:`build` or :meth:`load`."""
        self._payload = payload
        self.key: str = payload["key"]
        """Which entities (list versions) the index was built from."""
        self.params = params
        self.weights = TokenWeights(*payload["weights"])
        self._documents = Blobs(payload["entities"])
        self._records = _Records(payload["records"])
        vocabulary = payload["vocabulary"]
        self._rows = Blobs(vocabulary["rows"])
        self._token_weights = memoryview(vocabulary["weights"]).cast("d")
        self._token_kinds: Sequence[int] = vocabulary["kinds"]
        self._token_leads = memoryview(vocabulary["leads"]).cast("I")
        entries = payload["entries"]
        records = payload["records"]
        self._searcher = Searcher(
            Tables(
                keys=KeyTable(payload["keys"]),
                postings=NamePostings(payload["postings"]),
                entry_meets=np.frombuffer(entries["meets"], dtype=np.uint8),
                entry_kinds=np.frombuffer(entries["kinds"], dtype=np.uint8),
                entry_lengths=np.frombuffer(entries["lengths"], dtype=np.uint16),
                entry_texts=np.array(str(entries["texts"], "utf-8").split("\n"), dtype=object),
                entry_letters=np.frombuffer(entries["letters"], dtype=np.uint64),
                entry_leads=np.frombuffer(entries["leads"], dtype=np.uint8).reshape(-1, 2),
                entry_scripts=np.frombuffer(entries["scripts"], dtype=np.uint8),
                entry_weights=np.frombuffer(entries["weights"], dtype=np.float64),
                schemas=np.frombuffer(records["schemas"], dtype=np.uint8),
                masses=np.frombuffer(records["masses"], dtype=np.int32),
                unit_starts=np.frombuffer(records["unit_starts"], dtype=np.int32),
                unit_entries=np.frombuffer(records["unit_entries"], dtype=np.int32),
                unit_firsts=np.frombuffer(records["unit_firsts"], dtype=np.int32),
                unit_ends=np.frombuffer(records["unit_ends"], dtype=np.int32),
                profile=self._profile,
                entry_tokens=np.frombuffer(entries["tokens"], dtype=np.int32),
                token=self._token,
                params=params,
            )
        )
        self._tokens: dict[int, Token] = {}
        self._entities: dict[int, Entity] = {}
        self._prepared: dict[int, PreparedName] = {}
        self._profiles: dict[int, Profile] = {}

    # -- building and files ---------------------------------------------------------------

    @classmethod
    def build(
        cls,
        entities: Sequence[Entity],
        key: str | None = None,
        params: NameParams = DEFAULT_PARAMS,
        workers: int | None = None,
    ) -> CandidateIndex:
        """Index every name of ``entities``; ``key`` defaults to :func:`content_key`.
        ``workers``: processes to cut the names in (None: both cores for many names)."""
        filed = file_names(entities, params, workers)
        documents = Blobs(filed.columns["entities"])
        payload = {
            "format": INDEX_FORMAT,
            "key": key or _content_key(documents[i].decode() for i in range(len(documents))),
            "params": _digest([params]),
            "weights": _plain_counts(filed.weights),
            **filed.columns,
        }
        return cls(payload, params)

    def save(self, path: Path) -> None:
        """Write the index to ``path`` (one file, replaced atomically)."""
        save_payload(path, _header(), self._payload)

    @classmethod
    def load(cls, path: Path, params: NameParams = DEFAULT_PARAMS) -> CandidateIndex:
        """Read an index written by :meth:`save`.

        Raises :class:`IndexFormatError` if another version of watchkeeper or Python wrote
        it, with other parameters, or if it is damaged: build it again then.
        """
        payload = load_payload(path, _header())
        if payload.get("format") != INDEX_FORMAT:
            raise IndexFormatError(f"{path}: not a watchkeeper index")
        if payload.get("params") != _digest([params]):
            raise IndexFormatError(f"{path}: built with other parameters, build it again")
        try:
            return cls(payload, params)
        except (KeyError, ValueError, TypeError) as error:
            raise IndexFormatError(f"{path}: damaged index ({error!r})") from error

    # -- contents -------------------------------------------------------------------------

    def __len__(self) -> int:
        """The number of entities."""
        return len(self._documents)

    @property
    def name_count(self) -> int:
        """The number of listed names indexed."""
        return len(self._records)

    def entity(self, position: int) -> Entity:
        """The entity at ``position`` (as given to :meth:`build`)."""
        entity = self._entities.get(position)
        if entity is None:
            entity = Entity.from_dict(json.loads(self._documents[position]))
            _remember(self._entities)
            self._entities[position] = entity
        return entity

    def entities_with(self, id_type: IdType) -> Iterator[tuple[int, Entity]]:
        """The positions and entities that carry an identifier of ``id_type``; only those
        are decoded, and none is kept."""
        marker = json.dumps(id_type.value).encode()
        for position in range(len(self._documents)):
            document = self._documents[position]
            if marker in document:
                entity = Entity.from_dict(json.loads(document))
                if any(identifier.type is id_type for identifier in entity.identifiers):
                    yield position, entity

    def listed(self, name_id: int) -> ListedName:
        """Where the listed name ``name_id`` comes from."""
        return self._records.listed(name_id)

    def prepared(self, name_id: int) -> PreparedName:
        """The listed name ``name_id``, prepared for :func:`compare_names`."""
        name = self._prepared.get(name_id)
        if name is None:
            records = self._records
            name = prepare_tokens(
                records.texts[name_id].decode(),
                STYLES[records.styles[name_id]],
                self.name_tokens(name_id),
                self.weights,
                self.params,
                tuple(map(self._token, records.joined_ids(name_id))),
            )
            _remember(self._prepared)
            self._prepared[name_id] = name
        return name

    def prepare_query(
        self, text: str, schema: Schema | None = None, cut: bool | None = None
    ) -> PreparedName:
        """A query name prepared with this index's word weights (:func:`prepare_query_name`)."""
        schema_name = schema.value if schema else None
        return prepare_query_name(text, schema_name, self.weights, self.params, cut)

    def prefetch(self, names: Iterable[PreparedName]) -> None:
        """Look up the keys of many prepared query names together (cheaper than one name
        at a time, as in a batch); their :meth:`candidates` then find them
        remembered."""
        self._searcher.prefetch(names)

    def name_tokens(self, name_id: int) -> tuple[Token, ...]:
        """The tokens of the listed name ``name_id`` (cheaper than :meth:`prepared` for a
        pass over every name)."""
        return tuple(map(self._token, self._records.token_ids(name_id)))

    def name_token_ids(self) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int32]]:
        """(starts, ids): the tokens of every listed name at once, by vocabulary id; those of
        name ``n`` are ``ids[starts[n] : starts[n + 1]]`` (see :meth:`saved_tokens`)."""
        records = self._records
        starts = np.frombuffer(records.token_starts, dtype=np.int32)
        return starts, np.frombuffer(records.tokens, dtype=np.int32)

    def name_entities(self) -> npt.NDArray[np.int32]:
        """The position of each listed name's entity, by listed name id."""
        return np.frombuffer(self._records.entities, dtype=np.int32)

    def saved_tokens(self, token_ids: Iterable[int]) -> list[SavedToken]:
        """The listed tokens ``token_ids`` of :meth:`name_token_ids` as saved (cheaper than
        :class:`Token` objects for a pass over every token)."""
        rows = self._rows
        return [saved_token(rows[token_id]) for token_id in token_ids]

    def _token(self, token_id: int) -> Token:
        token = self._tokens.get(token_id)
        if token is None:
            token = token_from_row(self._rows[token_id])
            _remember(self._tokens)
            self._tokens[token_id] = token
        return token

    def _profile(self, record: int) -> Profile:
        """What the bound of a listed name needs to know of it."""
        found = self._profiles.get(record)
        if found is None:
            records = self._records
            ids = records.token_ids(record)
            weights = tuple(self._token_weights[token] for token in ids)
            words = minor = initials = 0
            for position, token in enumerate(ids):
                kind = TOKEN_KINDS[self._token_kinds[token]]
                if kind is TokenKind.WORD:
                    words |= 1 << position
                elif kind is TokenKind.INITIAL:
                    initials |= 1 << position
                else:
                    minor |= 1 << position
            organization = STYLES[records.styles[record]] is NameStyle.ORGANIZATION
            start, end = records.token_starts[record], records.token_starts[record + 1]
            left = tuple(records.lefts[start:end])
            leads = "".join(chr(self._token_leads[token]) for token in ids)
            found = Profile(weights, left, words, minor, initials, leads, organization)
            _remember(self._profiles)
            self._profiles[record] = found
        return found

    # -- candidates -----------------------------------------------------------------------

    def candidates(
        self,
        names: Sequence[PreparedName],
        schema: Schema | None = None,
        limit: int | None = None,
        threshold: float = DEFAULT_THRESHOLD,
    ) -> list[Candidate]:
        """Entities one of whose names may score ``threshold`` or more against one of
        ``names`` (prepared by :meth:`prepare_query`), the most promising first, at most
        ``limit``.

        ``schema`` keeps only entities that a query of that schema can be (a LegalEntity can
        be a person or an organisation); None keeps all.
        """
        matchable = None
        if schema is not None:
            matchable = frozenset(SCHEMAS.index(s) for s in _MATCHABLE[schema])
        found: dict[int, list[tuple[float, int, int]]] = {}
        threshold = max(threshold, _LEAST_THRESHOLD)
        for position, name in enumerate(names):
            left_over = left_over_weights(name.tokens, name.weights, self.params)
            best = self._searcher.candidates(name, left_over, threshold, matchable)
            for record, score in best.items():
                entity = self._records.entities[record]
                found.setdefault(entity, []).append((-score, position, record))
        candidates = [
            Candidate(entity, tuple((p, r) for _, p, r in sorted(pairs)), -min(pairs)[0])
            for entity, pairs in found.items()
        ]
        candidates.sort(key=lambda candidate: (-candidate.bound, candidate.entity))
        return candidates[:limit]
