"""Candidate index: the listed names a query name may match, found without comparing it with
every listed name.

Every name of every entity is cut into tokens and prepared for
:func:`~watchkeeper.match.names.compare_names` once, when the index is built; word weights
come from all of them together.  Each *unit* of a name is filed under blocking keys; a unit is
a word, a run of two or three adjacent tokens joined into one word (split / merge: "Abdul
Rahman" / "Abdulrahman") or a run of two to four words read as initials (acronyms: "PLA").
The keys of a word are

- its romanised text and every text with one letter deleted: two words one typo apart always
  share one of them (symmetric deletion);
- its phonetic key (romanisation variants: Mohammed / Muhamad), and for long keys every key
  with one sound deleted;
- its consonant skeleton (and, from four consonants, every skeleton with one deleted), which
  is how words written without short vowels (Arabic, Hebrew) meet their Latin spellings.

Joined runs of listed names are filed under their exact forms only; those of a query name
look up all the forms of a word.  A query name looks up the keys of its units.  Keys that
more than :data:`FREQUENT` names share ("Mohammed", "Ali", "Trading", a deletion that turns
"Hassani" into "Hassan") do not list their names one by one: they only mark the names found
through rarer keys.  Three lookups make up for them, so that nothing that may reach the
threshold is lost: the pairs of frequent words a name shares with the query (each listed name
has a key for each pair of its frequent words), the listed names one unit of the query covers
whole, and, when even a single word met could bring a name to the threshold, that word's names
after all.

Every name found gets an optimistic score from the positions that met (:func:`_bound`: what
met counts as matched in full, particles and other minor tokens as matched too, the rest as
left over); names below the threshold are dropped before any comparison, the others come
best first.  The index is saved as one file (``marshal``; its postings an open-addressing
table of key hashes over flat arrays, so that loading reads them as they are); its
:attr:`CandidateIndex.key` says which list versions it was built from.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import marshal
import os
import sys
import zlib
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from watchkeeper.match.names import (
    DEFAULT_PARAMS,
    DEFAULT_THRESHOLD,
    NameParams,
    PreparedName,
    SimilarityCache,
    cached_similarity,
    joined_spans,
    matched_share,
    prepare_name,
    prepare_tokens,
    token_weight,
)
from watchkeeper.match.weights import TokenWeights
from watchkeeper.model import Entity, IdType, NameKind, Schema
from watchkeeper.store.sqlite import Version
from watchkeeper.text.scripts import Script
from watchkeeper.text.tokens import NameStyle, Token, TokenKind, tokenize_name

INDEX_FORMAT = 1
"""Changes whenever the file layout or the meaning of the keys changes."""

FREQUENT = 100
"""Names a key may file before it counts as frequent."""

_CACHED_KEYS = 1 << 18
"""Keys whose postings a process remembers (then it starts afresh)."""

_LISTED_WEIGHTS = (0.15, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0)
"""Weights a listed word or joined run met by a query unit may have, for bounds that do not
know the listed name yet: a word weighs at most 1, a run (mostly a particle or a short word
joined to a word) :data:`_RUN_WEIGHT` here."""
_RUN_WEIGHT = 1.5
_WHOLE_RUN_WEIGHT = 2.0
"""A run that covers its listed name whole: two words joined."""
_LONG_WORD = 20
"""Letters from which a word one typo away from another is more alike than two spellings
with one phonetic key."""

_TEXT = "t"
_KEY = "k"
_SKELETON = "s"
"""Skeletons of listed words written with vowels (looked up by words written without)."""
_VOWELLESS = "v"
"""Skeletons of listed words written without short vowels (looked up by the others)."""
_ACRONYM = "a"
"""Initials of runs of listed words (looked up by short query words)."""
_SHORT = "w"
"""Short listed words as written (looked up by the initials of runs of query words)."""
_PAIR = "p"
_BARE = "n"
"""Classes of the tokens of names without a single ordinary word ("44", "LLC")."""

_MIN_TEXT_DELETION = 3
"""Letters a word needs before its one-letter deletions are keys: a typo in a shorter word
leaves it below the similarity floor."""
_MIN_KEY_DELETION = 5
_MIN_SKELETON_DELETION = 4
_MAX_ACRONYM = 4

_SCRIPTS = tuple(Script)
_KINDS = tuple(TokenKind)
_STYLES = tuple(NameStyle)
_NAME_KINDS = tuple(NameKind)
_SCHEMAS = tuple(Schema)

_MATCHABLE: dict[Schema, frozenset[Schema]] = {
    Schema.PERSON: frozenset({Schema.PERSON, Schema.LEGAL_ENTITY}),
    Schema.ORGANIZATION: frozenset({Schema.ORGANIZATION, Schema.LEGAL_ENTITY}),
    Schema.LEGAL_ENTITY: frozenset({Schema.PERSON, Schema.ORGANIZATION, Schema.LEGAL_ENTITY}),
    Schema.VESSEL: frozenset({Schema.VESSEL}),
    Schema.AIRCRAFT: frozenset({Schema.AIRCRAFT}),
}
"""Listed schemas a query of each schema can be (FollowTheMoney: a LegalEntity is either)."""


class IndexFormatError(ValueError):
    """A saved index this version of watchkeeper cannot read: build it again."""


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
    """The highest score any of these pairs may reach (as far as the keys tell)."""


def versions_key(versions: Iterable[Version]) -> str:
    """The key of an index built from these list versions (a store's current ones)."""
    parts = sorted(f"{v.list}:{v.id}:{v.sha256}" for v in versions)
    return _digest([INDEX_FORMAT, _FINGERPRINT, *parts])


def content_key(entities: Iterable[Entity]) -> str:
    """The key of an index of these entities, from their content."""
    return _digest([INDEX_FORMAT, _FINGERPRINT, *(e.canonical_json() for e in entities)])


def _digest(parts: Iterable[object]) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(str(part).encode())
        digest.update(b"\0")
    return digest.hexdigest()[:32]


# --- blocking keys -----------------------------------------------------------------------


def _variants(text: str, min_length: int) -> set[str]:
    """``text`` and, from ``min_length`` characters, ``text`` with each one deleted."""
    found = {text}
    if len(text) >= min_length:
        found.update(text[:i] + text[i + 1 :] for i in range(len(text)))
    return found


def word_keys(token: Token, listed: bool, typos: bool = True) -> frozenset[str]:
    """Blocking keys of a word of a listed name (``listed``) or of a query name; without
    ``typos``, its text is taken as written only (its sounds still vary)."""
    return _word_keys(token.text, token.key, token.skeleton, token.vowelless, listed, typos)


@lru_cache(maxsize=1 << 16)
def _word_keys(
    text: str, key: str, skeleton: str, vowelless: bool, listed: bool, typos: bool
) -> frozenset[str]:
    shortest = _MIN_TEXT_DELETION if typos else len(text) + 1
    keys = {_TEXT + variant for variant in _variants(text, shortest)}
    if not vowelless:
        keys.update(_KEY + variant for variant in _variants(key, _MIN_KEY_DELETION))
    if skeleton:
        space = _VOWELLESS if vowelless == listed else _SKELETON
        keys.update(space + variant for variant in _variants(skeleton, _MIN_SKELETON_DELETION))
    return frozenset(keys)


def run_keys(token: Token) -> frozenset[str]:
    """Blocking keys of adjacent tokens of a listed name joined into one word: its exact
    forms (the query word it meets brings the variants)."""
    keys = {_TEXT + token.text}
    if not token.vowelless:
        keys.add(_KEY + token.key)
    if token.skeleton:
        keys.add((_VOWELLESS if token.vowelless else _SKELETON) + token.skeleton)
    return frozenset(keys)


@dataclass(frozen=True, slots=True)
class _Unit:
    """A word, a joined run or an acronym of a name, and its keys."""

    mask: int
    """Positions of its tokens."""
    keys: frozenset[str]
    weight: float
    token: Token
    acronym: bool = False
    """Meets the other name's words as their initials (or their initials meet it)."""


def _units(name: PreparedName, listed: bool) -> list[_Unit]:
    """The units of a name with their keys (a name without words: its tokens' classes)."""
    if not name.words:
        return [
            _Unit(1 << i, frozenset({_BARE + token.canon}), weight, token)
            for i, (token, weight) in enumerate(zip(name.tokens, name.weights, strict=True))
        ]
    units = [
        _Unit(1 << i, word_keys(token, listed), weight, token) for i, token, weight in name.words
    ]
    for run in itertools.chain.from_iterable(name.runs.values()):
        keys = run_keys(run.token) if listed else word_keys(run.token, listed, typos=False)
        units.append(_Unit(run.mask, keys, run.weight, run.token))
    units.extend(
        _Unit(1 << i, frozenset({(_SHORT if listed else _ACRONYM) + token.text}), w, token, True)
        for i, token, w in name.words
        if len(token.text) <= _MAX_ACRONYM
    )
    for initials, runs in name.acronyms.items():
        key = frozenset({(_ACRONYM if listed else _SHORT) + initials})
        units.extend(_Unit(run.mask, key, run.weight, run.token, True) for run in runs)
    return units


def _pair_key(first: str, second: str) -> str:
    return f"{_PAIR}{first} {second}"


def _pairable_words(name: PreparedName, pairable: frozenset[str]) -> dict[str, int]:
    """Phonetic keys of the words of ``name`` that are frequent, with their positions."""
    masks: dict[str, int] = {}
    for i, token, _ in name.words:
        if _KEY + token.key in pairable:
            masks[token.key] = masks.get(token.key, 0) | 1 << i
    return masks


# --- optimistic scores -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Profile:
    """What the optimistic score needs to know of a name."""

    words: tuple[tuple[int, float], ...]
    """(position, weight) of the ordinary words."""
    minor: tuple[float, ...]
    """Weights of the particles, legal forms, titles, numbers ..., heaviest first: they can
    only meet tokens of their own kind."""
    minor_left: float
    """Share of their weight that minor tokens left over count (less if one repeats)."""
    initials: int
    organization: bool


def _profile(
    tokens: Sequence[Token], weights: Sequence[float], style: NameStyle, params: NameParams
) -> _Profile:
    words = tuple(
        (i, weight)
        for i, (token, weight) in enumerate(zip(tokens, weights, strict=True))
        if token.kind is TokenKind.WORD
    )
    minor = [
        (token.canon, weight)
        for token, weight in zip(tokens, weights, strict=True)
        if token.kind not in (TokenKind.WORD, TokenKind.INITIAL)
    ]
    repeated = len({canon for canon, _ in minor}) < len(minor)
    return _Profile(
        words,
        tuple(sorted((weight for _, weight in minor), reverse=True)),
        params.duplicate_factor if repeated else 1.0,
        sum(1 for token in tokens if token.kind is TokenKind.INITIAL),
        style is NameStyle.ORGANIZATION,
    )


def _met_weight(profile: _Profile, mask: int) -> float:
    return sum(weight for i, weight in profile.words if mask >> i & 1)


def _unmatched(profile: _Profile, mask: int, spared: int) -> float:
    """Weight of the words outside ``mask``, but for the ``spared`` heaviest (which initials
    of the other name may stand for)."""
    left = sorted((weight for i, weight in profile.words if not mask >> i & 1), reverse=True)
    return sum(left[spared:])


def _score(
    matched: float, query_left: float, listed_left: float, organization: bool, params: NameParams
) -> float:
    """The score formula of :func:`~watchkeeper.match.names.compare_names` for matched and
    left-over weights."""
    extra = params.organization_extra_penalty if organization else params.extra_penalty
    penalty = extra * (query_left + listed_left) / 2
    penalty += params.conflict_penalty * min(query_left, listed_left)
    return matched / (matched + penalty) if matched > 0 else 0.0


@dataclass(slots=True)
class _Met:
    """The positions of a query name and a listed name whose units share keys."""

    query: int = 0
    listed: int = 0
    query_initials: int = 0
    """Positions met as initials (acronyms)."""
    listed_initials: int = 0


def _bound(
    query: _Profile, listed: _Profile, met: _Met, params: NameParams, share: float = 1.0
) -> float:
    """The most :func:`compare_names` can give two names whose units met only at these
    positions: the words met count as matched (``share`` of them, when they are a single
    pair of known similarity), acronyms as initials, the heaviest minor tokens of each name
    as meeting those of the other, initials as meeting anything; the rest is left over."""
    query_met = _met_weight(query, met.query)
    listed_met = _met_weight(listed, met.listed)
    pairs = min(len(query.minor), len(listed.minor))
    matched = share * (query_met + listed_met) / 2
    matched += (sum(query.minor[:pairs]) + sum(listed.minor[:pairs])) / 2
    letters = max(met.query_initials.bit_count(), met.listed_initials.bit_count())
    letters += query.initials + listed.initials
    matched += letters * params.kind_weights[TokenKind.INITIAL]
    query_left = _unmatched(query, met.query | met.query_initials, listed.initials)
    query_left += (1 - share) * query_met + sum(query.minor[pairs:]) * query.minor_left
    listed_left = _unmatched(listed, met.listed | met.listed_initials, query.initials)
    listed_left += (1 - share) * listed_met + sum(listed.minor[pairs:]) * listed.minor_left
    organization = query.organization or listed.organization
    return _score(matched, query_left, listed_left, organization, params)


# --- building ----------------------------------------------------------------------------


@dataclass(slots=True)
class _Listing:
    """One listed name on its way into the index."""

    entity: int
    name: int
    kind: NameKind
    schema: Schema
    text: str
    style: NameStyle


def _listings(entities: Sequence[Entity]) -> Iterator[_Listing]:
    for position, entity in enumerate(entities):
        style = NameStyle.for_schema(entity.schema.value)
        for name_position, name in enumerate(entity.names):
            yield _Listing(position, name_position, name.kind, entity.schema, name.full, style)


_WORD_WHOLE, _RUN_WHOLE, _PART = 0, 1, 2
"""How a listed name is filed under a key: by its only word, by a joined run (or acronym)
that covers all its words, by a part of it."""


class _PostingsBuilder:
    """Keys to the ids of the listed names filed under them, by how they are filed."""

    def __init__(self) -> None:
        self.postings: dict[str, tuple[set[int], set[int], set[int]]] = {}

    def add(self, keys: Iterable[str], record: int, how: int = _PART) -> None:
        for key in keys:
            filed = self.postings.get(key)
            if filed is None:
                filed = self.postings[key] = (set(), set(), set())
            filed[how].add(record)

    def add_name(self, record: int, name: PreparedName) -> None:
        whole = sum(1 << i for i, _, _ in name.words)
        for unit in _units(name, listed=True):
            how = _PART
            if whole and unit.mask & whole == whole:
                how = _WORD_WHOLE if unit.mask.bit_count() == 1 else _RUN_WHOLE
            self.add(unit.keys, record, how)

    def frequent_keys(self) -> frozenset[str]:
        """Phonetic keys (with their prefix) that file more than :data:`FREQUENT` names."""
        return frozenset(
            key
            for key, filed in self.postings.items()
            if key.startswith(_KEY) and len(set().union(*filed)) > FREQUENT
        )

    def add_pairs(self, record: int, name: PreparedName, pairable: frozenset[str]) -> None:
        """A key for each pair of frequent words of the name."""
        words = _pairable_words(name, pairable)
        for first, second in itertools.combinations(sorted(words), 2):
            self.add((_pair_key(first, second),), record)


def key_hash(key: str) -> int:
    """A stable, non-zero 63-bit hash of a blocking key (CRC-32 in the low bits, which
    choose the place in the table; Adler-32, never 0, above)."""
    data = key.encode()
    return zlib.adler32(data) << 31 ^ zlib.crc32(data)


class _Postings:
    """Listed name ids by key: an open-addressing table of key hashes (place ``i`` of the
    table holds a hash, ``slots[i]`` its posting), and all postings in one flat array, each
    the names filed by their only word first, then those filed by a run covering them,
    then the rest.  Keys whose hashes collide share a posting, which only adds candidates."""

    def __init__(self, columns: dict[str, bytes]) -> None:
        self.columns = columns
        self.hashes = memoryview(columns["hashes"]).cast("q")
        self.slots = memoryview(columns["slots"]).cast("i")
        self.bounds = memoryview(columns["bounds"]).cast("i")
        """Start, end of the names filed by their word, end of those filed by a run, for
        each posting in turn (the next posting starts where one ends)."""
        self.records = memoryview(columns["records"]).cast("i")
        self.mask = len(self.hashes) - 1
        self._slots: dict[str, int] = {}
        self._sets: dict[tuple[int, int, int], frozenset[int]] = {}

    @classmethod
    def pack(cls, postings: dict[str, tuple[set[int], set[int], set[int]]]) -> _Postings:
        merged: dict[int, tuple[set[int], set[int], set[int]]] = {}
        for key, filed in postings.items():
            parts = merged.setdefault(key_hash(key), (set(), set(), set()))
            for part, found in zip(parts, filed, strict=True):
                part.update(found)
        size = 1 << (2 * len(merged)).bit_length()
        hashes = array("q", bytes(8 * size))
        slots = array("i", bytes(4 * size))
        bounds = array("i")
        records = array("i")
        for slot, (hashed, (by_word, by_run, by_part)) in enumerate(merged.items()):
            place = hashed & (size - 1)
            while hashes[place]:
                place = (place + 1) & (size - 1)
            hashes[place] = hashed
            slots[place] = slot
            bounds.append(len(records))
            records.extend(sorted(by_word))
            bounds.append(len(records))
            records.extend(sorted(by_run - by_word))
            bounds.append(len(records))
            records.extend(sorted(by_part - by_word - by_run))
        bounds.append(len(records))
        columns = {
            "hashes": hashes.tobytes(),
            "slots": slots.tobytes(),
            "bounds": bounds.tobytes(),
            "records": records.tobytes(),
        }
        return cls(columns)

    def slot(self, key: str) -> int:
        """The posting of ``key``; -1 if nothing is filed under it."""
        slot = self._slots.get(key)
        if slot is None:
            slot = self._find(key)
            if len(self._slots) >= _CACHED_KEYS:
                self._slots.clear()
            self._slots[key] = slot
        return slot

    def _find(self, key: str) -> int:
        hashed = key_hash(key)
        place = hashed & self.mask
        while True:
            found = self.hashes[place]
            if found == hashed:
                return self.slots[place]
            if not found:
                return -1
            place = (place + 1) & self.mask

    def size(self, slot: int) -> int:
        return self.bounds[3 * slot + 3] - self.bounds[3 * slot]

    def names(self, slot: int, first: int = _WORD_WHOLE, last: int = _PART) -> frozenset[int]:
        """The listed name ids of a posting filed in these ways (kept for later queries)."""
        part = (slot, first, last)
        found = self._sets.get(part)
        if found is None:
            start = self.bounds[3 * slot + first]
            found = frozenset(self.records[start : self.bounds[3 * slot + last + 1]])
            self._sets[part] = found
        return found


class _TokenTable:
    """Every distinct token once, so that names share token objects (and similarities)."""

    def __init__(self) -> None:
        self.ids: dict[Token, int] = {}

    def add(self, tokens: Iterable[Token]) -> tuple[int, ...]:
        return tuple(self.ids.setdefault(token, len(self.ids)) for token in tokens)

    def rows(self) -> list[tuple[str, str, int, int, str, str, str, bool]]:
        return [
            (
                t.text,
                t.original,
                _SCRIPTS.index(t.script),
                _KINDS.index(t.kind),
                t.canon,
                t.key,
                t.skeleton,
                t.vowelless,
            )
            for t in self.ids
        ]


def _token_from_row(row: Sequence[Any]) -> Token:
    text, original, script, kind, canon, key, skeleton, vowelless = row
    return Token(text, original, _SCRIPTS[script], _KINDS[kind], canon, key, skeleton, vowelless)


def _joined(name: PreparedName) -> list[Token]:
    """The joined tokens of a prepared name, in :func:`joined_spans` order."""
    by_mask = {
        run.mask: run.token
        for runs in itertools.chain(name.runs.values(), name.acronyms.values())
        for run in runs
    }
    return [by_mask[(1 << end) - (1 << start)] for start, end in joined_spans(name.tokens)]


class _RecordsBuilder:
    """Columns of the listed names, one row each."""

    def __init__(self) -> None:
        self.entities = array("i")
        self.names = array("i")
        self.kinds = bytearray()
        self.schemas = bytearray()
        self.styles = bytearray()
        self.texts: list[str] = []
        self.tokens: list[tuple[int, ...]] = []
        self.joined: list[tuple[int, ...]] = []

    def add(self, listing: _Listing, name: PreparedName, table: _TokenTable) -> None:
        self.entities.append(listing.entity)
        self.names.append(listing.name)
        self.kinds.append(_NAME_KINDS.index(listing.kind))
        self.schemas.append(_SCHEMAS.index(listing.schema))
        self.styles.append(_STYLES.index(listing.style))
        self.texts.append(listing.text)
        self.tokens.append(table.add(name.tokens))
        self.joined.append(table.add(_joined(name)))

    def columns(self) -> dict[str, Any]:
        return {
            "entities": self.entities.tobytes(),
            "names": self.names.tobytes(),
            "kinds": bytes(self.kinds),
            "schemas": bytes(self.schemas),
            "styles": bytes(self.styles),
            "texts": self.texts,
            "tokens": self.tokens,
            "joined": self.joined,
        }


class _Records:
    """The listed names of a loaded index, column by column."""

    def __init__(self, columns: dict[str, Any]) -> None:
        self.columns = columns
        self.entities = memoryview(columns["entities"]).cast("i")
        self.names = memoryview(columns["names"]).cast("i")
        self.kinds: bytes = columns["kinds"]
        self.schemas: bytes = columns["schemas"]
        self.styles: bytes = columns["styles"]
        self.texts: list[str] = columns["texts"]
        self.tokens: list[tuple[int, ...]] = columns["tokens"]
        self.joined: list[tuple[int, ...]] = columns["joined"]

    def __len__(self) -> int:
        return len(self.texts)

    def listed(self, record: int) -> ListedName:
        kind = _NAME_KINDS[self.kinds[record]]
        return ListedName(self.entities[record], self.names[record], kind)


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
    """Changes when tokenisation or keys change, so that older indexes are not used."""
    parts: list[object] = []
    for text in _PROBES:
        for schema in ("Person", "Organization", None):
            name = prepare_name(text, schema)
            parts.extend(name.tokens)
            parts.extend(_joined(name))
            parts.extend(sorted(key for unit in _units(name, True) for key in unit.keys))
    return _digest(parts)


_FINGERPRINT = _text_processing_fingerprint()


def _header() -> bytes:
    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    return f"watchkeeper-index {INDEX_FORMAT} {_FINGERPRINT} python{python}\n".encode()


def _plain_counts(weights: TokenWeights) -> tuple[dict[str, int], dict[str, int], int]:
    key_counts, skeleton_counts, names = weights.counts()
    return dict(key_counts), dict(skeleton_counts), names


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
        self._entities: dict[int, Entity] = {}
        self._records = _Records(payload["records"])
        self._postings = _Postings(payload["postings"])
        self._pairable: frozenset[str] = frozenset(payload["pairable"])
        """Phonetic keys (with their prefix) of the words that count as frequent."""
        self._tokens: list[Token | None] = [None] * len(payload["tokens"])
        self._prepared: dict[int, PreparedName] = {}
        self._profiles: list[_Profile | None] = [None] * len(self._records)
        self._listed_units: dict[int, list[_Unit]] = {}

    # -- building and files ---------------------------------------------------------------

    @classmethod
    def build(
        cls,
        entities: Sequence[Entity],
        key: str | None = None,
        params: NameParams = DEFAULT_PARAMS,
    ) -> CandidateIndex:
        """Index every name of ``entities``; ``key`` defaults to :func:`content_key`."""
        tokenized: dict[tuple[str, NameStyle], tuple[Token, ...]] = {}
        for listing in _listings(entities):
            form = (listing.text, listing.style)
            if form not in tokenized:
                tokenized[form] = tuple(tokenize_name(*form))
        listings = [i for i in _listings(entities) if tokenized[(i.text, i.style)]]
        weights = TokenWeights.from_tokenized(tokenized[(i.text, i.style)] for i in listings)
        prepared = {
            form: prepare_tokens(form[0], form[1], tokens, weights, params)
            for form, tokens in tokenized.items()
            if tokens
        }
        table = _TokenTable()
        postings = _PostingsBuilder()
        records = _RecordsBuilder()
        for record, listing in enumerate(listings):
            name = prepared[(listing.text, listing.style)]
            postings.add_name(record, name)
            records.add(listing, name, table)
        pairable = postings.frequent_keys()
        for record, listing in enumerate(listings):
            postings.add_pairs(record, prepared[(listing.text, listing.style)], pairable)
        payload = {
            "format": INDEX_FORMAT,
            "key": key or content_key(entities),
            "weights": _plain_counts(weights),
            "pairable": sorted(pairable),
            "entities": [entity.canonical_json() for entity in entities],
            "records": records.columns(),
            "tokens": table.rows(),
            "postings": _Postings.pack(postings.postings).columns,
        }
        return cls(payload, params)

    def save(self, path: Path) -> None:
        """Write the index to ``path`` (one file, replaced atomically)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        with partial.open("wb") as handle:
            handle.write(_header())
            handle.write(marshal.dumps(self._payload))
        os.replace(partial, path)

    @classmethod
    def load(cls, path: Path, params: NameParams = DEFAULT_PARAMS) -> CandidateIndex:
        """Read an index written by :meth:`save`.

        Raises :class:`IndexFormatError` if another version of watchkeeper or Python wrote
        it, or if it is damaged: build it again then.
        """
        with path.open("rb") as handle:
            if handle.readline() != _header():
                raise IndexFormatError(f"{path}: written by another version, build it again")
            data = handle.read()
        try:
            payload = marshal.loads(data)
        except (EOFError, ValueError, TypeError) as error:
            raise IndexFormatError(f"{path}: damaged index ({error})") from error
        if not isinstance(payload, dict) or payload.get("format") != INDEX_FORMAT:
            raise IndexFormatError(f"{path}: not a watchkeeper index")
        return cls(payload, params)

    # -- contents -------------------------------------------------------------------------

    def __len__(self) -> int:
        """The number of entities."""
        return len(self._payload["entities"])

    @property
    def name_count(self) -> int:
        """The number of listed names indexed."""
        return len(self._records)

    def entity(self, position: int) -> Entity:
        """The entity at ``position`` (as given to :meth:`build`)."""
        entity = self._entities.get(position)
        if entity is None:
            entity = Entity.from_dict(json.loads(self._payload["entities"][position]))
            self._entities[position] = entity
        return entity

    def entities_with(self, id_type: IdType) -> Iterator[tuple[int, Entity]]:
        """The positions and entities that carry an identifier of ``id_type``; only those
        are decoded, and none is kept."""
        marker = json.dumps(id_type.value)
        for position, document in enumerate(self._payload["entities"]):
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
            name = prepare_tokens(
                self._records.texts[name_id],
                _STYLES[self._records.styles[name_id]],
                self.name_tokens(name_id),
                self.weights,
                self.params,
                tuple(map(self._token, self._records.joined[name_id])),
            )
            self._prepared[name_id] = name
        return name

    def prepare_query(self, text: str, schema: Schema | None = None) -> PreparedName:
        """A query name prepared with this index's word weights."""
        return prepare_name(text, schema.value if schema else None, self.weights, self.params)

    def _token(self, token_id: int) -> Token:
        token = self._tokens[token_id]
        if token is None:
            token = _token_from_row(self._payload["tokens"][token_id])
            self._tokens[token_id] = token
        return token

    def name_tokens(self, name_id: int) -> tuple[Token, ...]:
        """The tokens of the listed name ``name_id`` (not kept: cheaper than :meth:`prepared`
        for a pass over every name)."""
        return tuple(map(self._token, self._records.tokens[name_id]))

    def _units(self, name_id: int) -> list[_Unit]:
        """The units of a listed name, with the keys they are filed under."""
        units = self._listed_units.get(name_id)
        if units is None:
            units = self._listed_units[name_id] = _units(self.prepared(name_id), listed=True)
        return units

    def _profile(self, name_id: int) -> _Profile:
        profile = self._profiles[name_id]
        if profile is None:
            tokens = self.name_tokens(name_id)
            weights = [token_weight(token, self.weights, self.params) for token in tokens]
            style = _STYLES[self._records.styles[name_id]]
            profile = _profile(tokens, weights, style, self.params)
            self._profiles[name_id] = profile
        return profile

    # -- candidates -----------------------------------------------------------------------

    def candidates(
        self,
        names: Sequence[PreparedName],
        schema: Schema | None = None,
        limit: int | None = None,
        threshold: float = DEFAULT_THRESHOLD,
        caches: Sequence[SimilarityCache] | None = None,
    ) -> list[Candidate]:
        """Entities one of whose names may score ``threshold`` or more against one of
        ``names`` (prepared by :meth:`prepare_query`), the most promising first, at most
        ``limit``.

        ``schema`` keeps only entities that a query of that schema can be (a LegalEntity can
        be a person or an organisation); None keeps all.  ``caches`` (one per name) keep the
        word similarities computed on the way, for :func:`compare_names` to reuse.
        """
        found: dict[int, list[tuple[float, int, int]]] = {}
        for position, name in enumerate(names):
            cache = caches[position] if caches is not None else {}
            for record, bound in _Search(self, name, threshold, cache).candidates().items():
                entity = self._records.entities[record]
                found.setdefault(entity, []).append((-bound, position, record))
        if schema is not None:
            matchable = {_SCHEMAS.index(s) for s in _MATCHABLE[schema]}
            found = {
                entity: pairs
                for entity, pairs in found.items()
                if self._records.schemas[pairs[0][2]] in matchable
            }
        candidates = [
            Candidate(entity, tuple((p, r) for _, p, r in sorted(pairs)), -min(pairs)[0])
            for entity, pairs in found.items()
        ]
        candidates.sort(key=lambda candidate: (-candidate.bound, candidate.entity))
        return candidates[:limit]


# --- one query name ----------------------------------------------------------------------


class _Search:
    """The lookups of one query name in an index."""

    def __init__(
        self,
        index: CandidateIndex,
        name: PreparedName,
        threshold: float,
        cache: SimilarityCache,
    ) -> None:
        self.index = index
        self.postings = index._postings
        self.name = name
        self.threshold = threshold
        self.cache = cache
        self.profile = _profile(name.tokens, name.weights, name.style, index.params)
        self.units = _units(name, listed=False)
        self.word_keys: dict[str, int] = {}
        """Keys of the query's words and runs -> the positions of the units with them."""
        self.initial_keys: dict[str, int] = {}
        """The same for its acronyms (words that may be initials, and initials of words)."""
        for unit in self.units:
            masks = self.initial_keys if unit.acronym else self.word_keys
            for key in unit.keys:
                masks[key] = masks.get(key, 0) | unit.mask

    def candidates(self) -> dict[int, float]:
        """Listed name ids whose optimistic score reaches the threshold, with that score."""
        found = {}
        for record in self.names():
            bound = self._bound(record, self._met(record))
            if bound >= self.threshold:
                found[record] = bound
        return found

    def names(self) -> set[int]:
        """Listed names that may reach the threshold: those that two units of the query
        meet, that one unit covers whole, that share two frequent words with it, or that
        meet a unit which alone may bring a name to the threshold."""
        found: set[int] = set()
        met: list[tuple[_Unit, frozenset[int]]] = []
        frequent: list[tuple[_Unit, list[int]]] = []
        for unit in self.units:
            slots = {key: slot for key in unit.keys if (slot := self.postings.slot(key)) >= 0}
            spread = not unit.acronym and self._single_bound(unit) >= self.threshold
            rare = [s for s in slots.values() if spread or self.postings.size(s) <= FREQUENT]
            names = frozenset().union(*map(self.postings.names, rare))
            met.append((unit, names))
            if spread:
                found |= names
            elif len(rare) < len(slots):
                frequent.append((unit, [s for s in slots.values() if s not in rare]))
            found |= self._whole(unit, slots)
        for (first, first_names), (second, second_names) in itertools.combinations(met, 2):
            if not first.mask & second.mask:
                found |= first_names & second_names
        for unit, big in frequent:
            others = frozenset().union(*(n for other, n in met if not other.mask & unit.mask))
            for slot in big:
                found |= others & self.postings.names(slot)
        return found | self._pairs()

    def _whole(self, unit: _Unit, slots: dict[str, int]) -> frozenset[int]:
        """Listed names whose words this unit may cover whole: a word or a joined run."""
        postings = self.postings
        by_word = [slots[k] for k in self._whole_keys(unit, 1.0) if k in slots]
        by_run = [slots[k] for k in self._whole_keys(unit, _WHOLE_RUN_WEIGHT) if k in slots]
        return frozenset().union(
            *(postings.names(slot, _WORD_WHOLE, _WORD_WHOLE) for slot in by_word),
            *(postings.names(slot, _RUN_WHOLE, _RUN_WHOLE) for slot in by_run),
        )

    def _pairs(self) -> frozenset[int]:
        """Listed names that share two frequent words with the query."""
        words = _pairable_words(self.name, self.index._pairable)
        slots = [
            slot
            for first, second in itertools.combinations(sorted(words), 2)
            if (slot := self.postings.slot(_pair_key(first, second))) >= 0
        ]
        return frozenset().union(*map(self.postings.names, slots))

    def _single_bound(self, unit: _Unit) -> float:
        """The most a listed name can score that met the query in this unit alone, while a
        word on each side stays unmatched (names the unit covers whole are found apart)."""
        return self._lone_bound(unit, 1.0, self.index.weights.floor, _RUN_WEIGHT)

    def _lone_bound(
        self, unit: _Unit, similarity: float, listed_left: float, heaviest: float
    ) -> float:
        """The most a listed name can score that met the query in this unit alone, the two
        being ``similarity`` alike, its part met weighing up to ``heaviest`` and
        ``listed_left`` of its words left over (its minor tokens meet all the query's)."""
        others = [weight for i, _, weight in self.name.words if not unit.mask >> i & 1]
        if not others and not listed_left:
            return 1.0
        params = self.index.params
        share = matched_share(similarity, params)
        query_left = sum(others) + (1 - share) * unit.weight
        if self.profile.initials:
            listed_left = 0.0
        letters = self.profile.initials * params.kind_weights[TokenKind.INITIAL]
        heaviest = max(params.kind_weights.values())
        minor = (sum(self.profile.minor) + len(self.profile.minor) * heaviest) / 2
        return max(
            _score(
                share * (unit.weight + weight) / 2 + minor + letters,
                query_left,
                listed_left + (1 - share) * weight,
                self.profile.organization,
                params,
            )
            for weight in _LISTED_WEIGHTS
            if weight <= heaviest
        )

    def _whole_keys(self, unit: _Unit, heaviest: float) -> frozenset[str]:
        """The keys of a unit under which the names it may cover whole (their part met
        weighing up to ``heaviest``) are worth looking up: all, unless only an (almost)
        identical word can bring such a name to the threshold; then its text alone."""
        similar = self.index.params.similarity.phonetic_equal
        near = self._lone_bound(unit, similar, 0.0, heaviest)
        if near >= self.threshold or unit.acronym or len(unit.token.text) >= _LONG_WORD:
            return unit.keys
        return frozenset({_TEXT + unit.token.text})

    def _met(self, record: int) -> _Met:
        """The positions of the query and of a listed name whose units share keys."""
        met = _Met()
        for listed in self.index._units(record):
            masks = self.initial_keys if listed.acronym else self.word_keys
            common = masks.keys() & listed.keys
            if not common:
                continue
            query = 0
            for key in common:
                query |= masks[key]
            if listed.acronym:
                met.query_initials |= query
                met.listed_initials |= listed.mask
            else:
                met.query |= query
                met.listed |= listed.mask
        return met

    def _bound(self, record: int, met: _Met) -> float:
        """The optimistic score of a listed name (exact for a single pair of words)."""
        listed = self.index._profile(record)
        params = self.index.params
        if met.query.bit_count() != 1 or met.listed.bit_count() != 1 or met.query_initials:
            return _bound(self.profile, listed, met, params)
        query_token = self.name.tokens[met.query.bit_length() - 1]
        listed_token = self.index.name_tokens(record)[met.listed.bit_length() - 1]
        similarity, _ = cached_similarity(query_token, listed_token, params.similarity, self.cache)
        share = matched_share(similarity, params) if similarity > params.floor else 0.0
        return _bound(self.profile, listed, met, params, share)
