"""Building a candidate index: every listed name cut into tokens and units
(:mod:`~watchkeeper.match.blocking`), on every core, then filed into the columns
:class:`~watchkeeper.match.index.CandidateIndex` reads.

Each build process cuts its share of the distinct names (a name as written, for one style
of reading) and numbers what it meets in tables of its own: tokens, units (with the hashes
of their keys) and entity documents; the parent merges the tables, weighs the words of all
names together, and files each listed name under the entries its units are.
"""

from __future__ import annotations

import marshal
import multiprocessing
import os
from array import array
from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from watchkeeper.match.blocking import (
    SPELLED,
    TALLIED,
    Meets,
    far_length,
    letter_mask,
    reaches_far,
    units,
)
from watchkeeper.match.bounds import profile
from watchkeeper.match.hashing import KeySpec, variant_hashes
from watchkeeper.match.names import NameParams, joined_spans, token_weight
from watchkeeper.match.postings import (
    Blobs,
    Ints,
    KeyTable,
    NamePostings,
    filed_keys,
    scaled_mass,
)
from watchkeeper.match.search import SCRIPTS, Floats, skeleton_leads
from watchkeeper.match.weights import TokenWeights
from watchkeeper.model import Entity, NameKind, Schema
from watchkeeper.text.annotated import without_note
from watchkeeper.text.parenthesised import (
    Held,
    separate_names,
    split_parenthesis,
    without_parentheses,
)
from watchkeeper.text.scripts import Script
from watchkeeper.text.tokens import NameStyle, Token, TokenKind, merge_tokens, tokenize_name

STYLES = tuple(NameStyle)
NAME_KINDS = tuple(NameKind)
SCHEMAS = tuple(Schema)
TOKEN_KINDS = tuple(TokenKind)

_WORKERS = 2
"""Processes a build cuts names in (at most: the cores there are)."""
_MANY_NAMES = 20_000
"""Names a build needs before it forks processes to cut them."""
_LONGEST = (1 << 16) - 1
"""Letters an entry's length is counted up to."""


_TokenFields = tuple[str, str, str, str, str, str, str, bool]


def token_fields(token: Token) -> _TokenFields:
    """A token as plain values (see :func:`token_from_fields`)."""
    fields = (token.text, token.original, token.script.value, token.kind.value)
    return (*fields, token.canon, token.key, token.skeleton, token.vowelless)


def token_from_fields(fields: _TokenFields) -> Token:
    """The token :func:`token_fields` gave."""
    text, original, script, kind, canon, key, skeleton, vowelless = fields
    return Token(text, original, Script(script), TokenKind(kind), canon, key, skeleton, vowelless)


def token_from_row(row: bytes) -> Token:
    """A token saved in the index (:func:`token_fields` in ``marshal`` form)."""
    fields: _TokenFields = marshal.loads(row)
    return token_from_fields(fields)


class SavedToken(NamedTuple):
    """A token as saved in the index (:func:`token_fields`), read back without making a
    :class:`Token` (cheaper, for a pass over every token): ``script`` and ``kind`` are the
    enums' values."""

    text: str
    original: str
    script: str
    kind: str
    canon: str
    key: str
    skeleton: str
    vowelless: bool


def saved_token(row: bytes) -> SavedToken:
    """A token saved in the index, as saved."""
    return SavedToken._make(marshal.loads(row))


class Filed(NamedTuple):
    """Everything a build files: the word weights, and the columns of the index."""

    weights: TokenWeights
    columns: dict[str, Any]


class _Listing(NamedTuple):
    """One listed name on its way into the index."""

    entity: int
    name: int
    kind: NameKind
    schema: Schema
    text: str
    style: NameStyle


_HELD_KINDS = {
    Held.ACRONYM: NameKind.WEAK_ALIAS,
    Held.ALIAS: NameKind.ALIAS,
    Held.FORMER: NameKind.FORMER,
}
"""The kind of a name held in another's parentheses."""


def _listings(entities: Sequence[Entity]) -> Iterator[_Listing]:
    """Every name of the entities, and the other texts each is also filed by
    (:func:`_name_texts`)."""
    for position, entity in enumerate(entities):
        style = NameStyle.for_schema(entity.schema.value)
        for name_position, name in enumerate(entity.names):
            texts = _name_texts(name.kind, name.full, style is NameStyle.PERSON)
            for kind, text in dict.fromkeys(texts):
                yield _Listing(position, name_position, kind, entity.schema, text, style)


def _name_texts(kind: NameKind, text: str, person: bool) -> Iterator[tuple[NameKind, str]]:
    """A listed name, and (:mod:`~watchkeeper.text.parenthesised`) each name it holds
    separated by semicolons; a person's name that carries a note of the list also without
    it (:func:`~watchkeeper.text.annotated.without_note`), and without what it holds in
    parentheses; a name that holds another in parentheses also without it, and the other
    name on its own: an acronym as a weak alias (short acronyms stand for many
    organisations), a name "also known as" as an alias, one "formerly known as" as a former
    name."""
    yield kind, text
    for written in separate_names(text) or [text]:
        yield kind, written
        bare = without_note(written) if person else None
        if bare is not None:
            yield kind, bare
        plain = without_parentheses(bare or written) if person else None
        if plain is not None:
            yield kind, plain
        within = split_parenthesis(bare or written, not person)
        if within is not None:
            yield kind, within.name
            for other in separate_names(within.other) or [within.other]:
                yield _HELD_KINDS[within.held], other


# --- cutting names (in the build processes) ----------------------------------------------


class _Form(NamedTuple):
    """A name as written, cut: its tokens and joined runs, by number, and its units."""

    tokens: tuple[int, ...]
    joined: tuple[int, ...]
    """The tokens merged along :func:`joined_spans`."""
    units: tuple[tuple[int, int, int], ...]
    """(unit number, first position, end) of each unit."""


_UnitId = tuple[Meets, int | tuple[KeySpec, ...]]
"""How a unit meets others, and its token (by number) or its keys."""


class _Cut(NamedTuple):
    """What one build process cut, numbered in its own tables."""

    forms: list[_Form]
    tokens: list[Token]
    units: list[_UnitId]
    keys: bytes
    """The keys of the units, as :func:`~watchkeeper.match.postings.filed_keys` gives them
    (64-bit integers) ..."""
    owners: bytes
    """... and the unit of each (32-bit integers)."""
    documents: list[str]
    """The canonical JSON of its share of the entities."""


def _span(mask: int) -> tuple[int, int]:
    """(first, end) of the adjacent positions of ``mask``."""
    return (mask & -mask).bit_length() - 1, mask.bit_length()


_WORK: list[Any] = []
"""The names and entities of a build, for the processes it forks (see :func:`_cut_all`)."""


def _cut(share: tuple[int, int, int, int]) -> bytes:
    """Cut the names ``forms[start:end]`` of the build; and give the documents of its
    ``entities[first:last]`` (a :class:`_Cut` in ``marshal`` form: the quickest to send
    back, its tokens as rows)."""
    forms, entities = _WORK
    start, end, first, last = share
    tokens: dict[Token, int] = {}
    units_met: dict[_UnitId, int] = {}
    specs: list[KeySpec] = []
    owners: list[int] = []
    merged: dict[tuple[Token, ...], Token] = {}
    cut = []
    for text, style in forms[start:end]:
        found = tuple(tokenize_name(text, style))
        joined = []
        for begin, finish in joined_spans(found):
            part = found[begin:finish]
            if part not in merged:
                merged[part] = merge_tokens(part)
            joined.append(merged[part])
        numbered = []
        for unit in units(found, [0.0] * len(found), joined, listed=True):
            spelled = unit.meets in SPELLED
            own = tokens.setdefault(unit.token, len(tokens)) if spelled else unit.keys
            number = units_met.get((unit.meets, own), len(units_met))
            if number == len(units_met):
                units_met[(unit.meets, own)] = number
                specs.extend(unit.keys)
                owners.extend([number] * len(unit.keys))
            numbered.append((number, *_span(unit.mask)))
        cut.append(
            _Form(
                tuple(tokens.setdefault(token, len(tokens)) for token in found),
                tuple(tokens.setdefault(token, len(tokens)) for token in joined),
                tuple(numbered),
            )
        )
    documents = [entity.canonical_json() for entity in entities[first:last]]
    rows = [token_fields(token) for token in tokens]
    plain_units = [(int(meets), unit) for meets, unit in units_met]
    hashed = variant_hashes(specs)
    keys = filed_keys(hashed.hashes, hashed.deleted).tobytes()
    key_owners = np.array(owners, dtype=np.int32)[hashed.specs].tobytes()
    cut_forms = [tuple(form) for form in cut]
    return marshal.dumps((cut_forms, rows, plain_units, keys, key_owners, documents))


def _uncut(data: bytes) -> _Cut:
    forms, rows, units_met, keys, owners, documents = marshal.loads(data)
    return _Cut(
        [_Form(*form) for form in forms],
        [token_from_fields(row) for row in rows],
        [(Meets(meets), unit) for meets, unit in units_met],
        keys,
        owners,
        documents,
    )


def _cut_all(
    forms: list[tuple[str, NameStyle]], entities: Sequence[Entity], workers: int | None
) -> list[_Cut]:
    """:func:`_cut` every name and document in ``workers`` processes (None: on every core,
    up to :data:`_WORKERS`, when there are many names)."""
    if workers is None:
        workers = min(os.cpu_count() or 1, _WORKERS) if len(forms) >= _MANY_NAMES else 1
    _WORK[:] = [forms, entities]
    try:
        shares = [
            (
                len(forms) * number // workers,
                len(forms) * (number + 1) // workers,
                len(entities) * number // workers,
                len(entities) * (number + 1) // workers,
            )
            for number in range(workers)
        ]
        if workers == 1:
            return [_uncut(_cut(shares[0]))]
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return [_uncut(data) for data in pool.map(_cut, shares)]
    finally:
        _WORK.clear()


# --- filing (in the parent) --------------------------------------------------------------


class _Vocabulary:
    """Every distinct listed token (and joined run) once."""

    def __init__(self) -> None:
        self.ids: dict[Token, int] = {}

    def add(self, token: Token) -> int:
        return self.ids.setdefault(token, len(self.ids))

    def columns(self, weights: TokenWeights, params: NameParams) -> dict[str, Any]:
        tokens = list(self.ids)
        return {
            "rows": Blobs.build(marshal.dumps(token_fields(t)) for t in tokens).columns,
            "weights": array("d", [token_weight(t, weights, params) for t in tokens]).tobytes(),
            "kinds": bytes(TOKEN_KINDS.index(token.kind) for token in tokens),
            "leads": array("I", [ord(token.text[:1] or " ") for token in tokens]).tobytes(),
        }


class _Entries:
    """The entries of the index: what units of listed names are, and their keys."""

    def __init__(self, params: NameParams) -> None:
        self.far = far_length(params.similarity, params.floor)
        self.ids: dict[_UnitId, int] = {}
        self.meets = bytearray()
        self.tokens = array("i")
        self.lengths = array("H")
        self.leads = bytearray()
        self.kinds = bytearray()
        self.scripts = bytearray()
        self.texts: list[str] = []
        """The text of each entry's token ("" for keys) and its :func:`~watchkeeper.match.
        blocking.letter_mask`, for :func:`~watchkeeper.match.blocking.spelled_likeness`."""
        self.letters = array("Q")
        self.reaching_far = bytearray()
        """Whether each entry :func:`~watchkeeper.match.blocking.reaches_far`."""
        self.filed: list[Ints] = []
        self.owners: list[Ints] = []

    def add(self, meets: Meets, unit: int | tuple[KeySpec, ...], token: Token | None) -> int:
        """The entry of a unit that meets others this way: a listed token (by number) or
        its keys."""
        entry = self.ids.get((meets, unit))
        if entry is None:
            entry = self.ids[(meets, unit)] = len(self.ids)
            self.meets.append(meets)
            self.tokens.append(unit if isinstance(unit, int) else -1)
            self.lengths.append(min(len(token.text), _LONGEST) if token else 0)
            self.leads.extend(skeleton_leads(token.skeleton) if token else (0, 0))
            self.kinds.append(TOKEN_KINDS.index(token.kind) if token else 0)
            self.scripts.append(SCRIPTS.index(token.script) if token else 0)
            self.reaching_far.append(reaches_far(meets, token, self.far))
            self.texts.append(token.text if token else "")
            self.letters.append(letter_mask(token.text) if token else 0)
        return entry

    def file(self, cut: _Cut, entries: list[int]) -> None:
        """File the keys of a cut's units, each unit being the entry beside it."""
        self.filed.append(np.frombuffer(cut.keys, dtype=np.int64))
        owners = np.frombuffer(cut.owners, dtype=np.int32)
        self.owners.append(np.array(entries, dtype=np.int64)[owners])

    def joined_texts(self) -> bytes:
        """The texts of the entries, a line each (a token's text holds no line break: the
        tokeniser cuts at spaces)."""
        joined = "\n".join(self.texts)
        if joined.count("\n") != max(len(self.texts) - 1, 0):
            raise ValueError("an entry's text holds a line break")
        return joined.encode()

    def keys(self) -> KeyTable:
        far = np.frombuffer(self.reaching_far, dtype=np.bool_)
        return KeyTable.build(np.concatenate(self.filed), np.concatenate(self.owners), far)


class _Name(NamedTuple):
    """A name as written, filed: its tokens and runs (vocabulary ids) and its units."""

    tokens: list[int]
    joined: list[int]
    entries: list[int]
    """The entry of each of its units."""
    firsts: list[int]
    """The first position of each of its units."""
    ends: list[int]


def file_names(entities: Sequence[Entity], params: NameParams, workers: int | None) -> Filed:
    """Cut every name of ``entities`` (in ``workers`` processes, see :func:`_cut_all`) and
    file it: the index's columns, but its key."""
    forms = list(dict.fromkeys((listing.text, listing.style) for listing in _listings(entities)))
    vocabulary = _Vocabulary()
    entries = _Entries(params)
    names: list[_Name] = []
    documents: list[str] = []
    for cut in _cut_all(forms, entities, workers):
        token_ids = [vocabulary.add(token) for token in cut.tokens]
        vocab = list(vocabulary.ids)
        unit_ids = [
            entries.add(meets, token_ids[unit], vocab[token_ids[unit]])
            if isinstance(unit, int)
            else entries.add(meets, unit, None)
            for meets, unit in cut.units
        ]
        entries.file(cut, unit_ids)
        names.extend(
            _Name(
                [token_ids[token] for token in form.tokens],
                [token_ids[token] for token in form.joined],
                [unit_ids[unit] for unit, _, _ in form.units],
                [first for _, first, _ in form.units],
                [end for _, _, end in form.units],
            )
            for form in cut.forms
        )
        documents.extend(cut.documents)
    name_of = dict(zip(forms, names, strict=True))
    listings = [listing for listing in _listings(entities) if name_of[listing[4:]].tokens]
    tokens = list(vocabulary.ids)
    weights = TokenWeights.from_tokenized(
        [tokens[token] for token in name_of[listing[4:]].tokens] for listing in listings
    )
    records = _Records(weights, params, tokens)
    for listing in listings:
        records.add(listing, name_of[listing[4:]])
    tallied = np.array([Meets(meets) in TALLIED for meets in entries.meets], dtype=bool)
    entry_weights, postings = records.file(tallied)
    columns = {
        "entities": Blobs.build(document.encode() for document in documents).columns,
        "records": records.column_bytes(),
        "vocabulary": vocabulary.columns(weights, params),
        "entries": {
            "meets": bytes(entries.meets),
            "tokens": entries.tokens.tobytes(),
            "weights": entry_weights.tobytes(),
            "lengths": entries.lengths.tobytes(),
            "texts": entries.joined_texts(),
            "letters": entries.letters.tobytes(),
            "leads": bytes(entries.leads),
            "kinds": bytes(entries.kinds),
            "scripts": bytes(entries.scripts),
        },
        "keys": entries.keys().columns,
        "postings": postings.columns,
    }
    return Filed(weights, columns)


class _Records:
    """Columns of the listed names, one row each, and of the units their bounds count;
    and (:meth:`file`) the postings of the entries, and the weight of each."""

    def __init__(self, weights: TokenWeights, params: NameParams, tokens: list[Token]) -> None:
        self.weights = weights
        self.params = params
        self.tokens = tokens
        self.token_weights: dict[int, float] = {}
        self.columns: dict[str, Any] = {}
        self.parts = bytearray()
        self.entities = array("i")
        self.names = array("i")
        self.kinds = bytearray()
        self.schemas = bytearray()
        self.styles = bytearray()
        self.texts: list[bytes] = []
        self.token_starts = array("i", [0])
        self.token_ids = array("i")
        self.weighed = array("d")
        """The weight of each token of each name."""
        self.joined_starts = array("i", [0])
        self.joined = array("i")
        self.unit_counts = array("i")
        self.unit_entries = array("i")
        self.unit_firsts = array("i")
        self.unit_ends = array("i")
        self.lefts = array("d")
        self.masses = array("i")

    def _weight(self, token: int) -> float:
        found = self.token_weights.get(token)
        if found is None:
            found = token_weight(self.tokens[token], self.weights, self.params)
            self.token_weights[token] = found
        return found

    def add(self, listing: _Listing, name: _Name) -> None:
        self.entities.append(listing.entity)
        self.names.append(listing.name)
        self.kinds.append(NAME_KINDS.index(listing.kind))
        self.schemas.append(SCHEMAS.index(listing.schema))
        self.styles.append(STYLES.index(listing.style))
        self.parts.append(listing.style is NameStyle.ORGANIZATION)
        self.texts.append(listing.text.encode())
        self.token_ids.extend(name.tokens)
        self.token_starts.append(len(self.token_ids))
        self.joined.extend(name.joined)
        self.joined_starts.append(len(self.joined))
        self.unit_counts.append(len(name.entries))
        self.unit_entries.extend(name.entries)
        self.unit_firsts.extend(name.firsts)
        self.unit_ends.extend(name.ends)
        weights = [self._weight(token) for token in name.tokens]
        self.weighed.extend(weights)
        tokens = [self.tokens[token] for token in name.tokens]
        left = profile(tokens, weights, listing.style, self.params).left
        self.lefts.extend(left)
        self.masses.append(scaled_mass(sum(left)))

    def file(self, tallied: npt.NDArray[np.bool_]) -> tuple[Floats, NamePostings]:
        """The weight of each entry (of its heaviest unit) and the postings of the entries
        (``tallied``: the entries the bounds count), once every name is added."""
        records = np.repeat(np.arange(len(self.unit_counts)), self.unit_counts)
        entries = np.frombuffer(self.unit_entries, dtype=np.int32)
        firsts = np.frombuffer(self.unit_firsts, dtype=np.int32)
        ends = np.frombuffer(self.unit_ends, dtype=np.int32)
        offsets = np.frombuffer(self.token_starts, dtype=np.int32)[records]
        summed = np.concatenate(([0.0], np.cumsum(np.frombuffer(self.weighed))))
        unit_weights = summed[offsets + ends] - summed[offsets + firsts]
        entry_weights = np.zeros(len(tallied))
        np.maximum.at(entry_weights, entries, unit_weights)
        kept = tallied[entries]
        counts = np.bincount(records[kept], minlength=len(self.unit_counts))
        self.columns = {
            "unit_starts": np.concatenate(([0], np.cumsum(counts))).astype(np.int32).tobytes(),
            "unit_entries": entries[kept].tobytes(),
            "unit_firsts": firsts[kept].tobytes(),
            "unit_ends": ends[kept].tobytes(),
        }
        parts = np.frombuffer(self.parts, dtype=np.uint8)
        masses = np.frombuffer(self.masses, dtype=np.int32)
        return entry_weights, NamePostings.build(entries, records, len(tallied), parts, masses)

    def column_bytes(self) -> dict[str, Any]:
        return {
            "entities": self.entities.tobytes(),
            "names": self.names.tobytes(),
            "kinds": bytes(self.kinds),
            "schemas": bytes(self.schemas),
            "styles": bytes(self.styles),
            "texts": Blobs.build(self.texts).columns,
            "token_starts": self.token_starts.tobytes(),
            "tokens": self.token_ids.tobytes(),
            "joined_starts": self.joined_starts.tobytes(),
            "joined": self.joined.tobytes(),
            "lefts": self.lefts.tobytes(),
            "masses": self.masses.tobytes(),
            **self.columns,
        }
