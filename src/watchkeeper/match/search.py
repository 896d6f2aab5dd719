"""Candidate search: the listed names one query name may reach the threshold with, found
with a few array operations rather than by comparing it with them.

1. Each unit of the query name (:func:`~watchkeeper.match.blocking.units`) looks up its
   keys; each entry met is kept if :func:`~watchkeeper.match.names.compare_names` may
   align it with the unit, with the most of the pair that may count as matched (from
   what the keys tell, :func:`~watchkeeper.match.blocking.likeness`, and for two Latin
   words from their letters, :func:`~watchkeeper.match.blocking.spelled_likeness`).
2. For the listed names of each part of the postings (persons, organisations), each pair
   gets its *value* and *room* (:class:`~watchkeeper.match.bounds.QueryBound`): a listed
   name reaches the threshold only if the values of its pairs add up to what the query
   leaves over, and it is no heavier than their rooms allow.  If the best pairs of all
   units cannot, no name can (most names that are not listed stop there).
3. The names of the pairs of positive value are read: a name met at one position of the
   query must reach the threshold with that pair alone; one met at several, with the best
   pair at each (spread over the positions of runs), no heavier than their rooms allow.
4. Each name left gets an optimistic score from the units it met
   (:func:`~watchkeeper.match.bounds.bound`); those below the threshold are dropped.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import OSA
from rapidfuzz.process import cpdist

from watchkeeper.match.blocking import (
    SPELLED,
    TALLIED,
    LikenessTable,
    Meets,
    Space,
    Unit,
    far_length,
    fewest_edits,
    joined_tokens,
    letter_mask,
    likeness_kinds,
    query_keys,
    reaches_far,
    run_likeness,
    spelled_likeness,
    units,
)
from watchkeeper.match.bounds import Met, Profile, QueryBound, Reach, bound, profile
from watchkeeper.match.hashing import KeySpec, variant_hashes
from watchkeeper.match.names import NameParams, PreparedName
from watchkeeper.match.postings import (
    MASS_SCALE,
    PARTS,
    Ints,
    KeyTable,
    NamePostings,
    Reads,
    scaled_mass,
    spread,
)
from watchkeeper.match.tokensim import MAX_EDITS, token_similarity
from watchkeeper.match.truncation import SHORTEST_PREFIX, cut_similarity
from watchkeeper.text.scripts import Script
from watchkeeper.text.tokens import NameStyle, Token, TokenKind

Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]

_WORD = list(TokenKind).index(TokenKind.WORD)
SCRIPTS = tuple(Script)
_LATIN = frozenset({Script.LATIN, Script.COMMON})
"""Scripts whose words compare by their letters, sounds or skeletons, not as written."""
_TALLIED = np.isin(np.arange(len(Meets)), list(TALLIED))
"""Whether each kind of unit is in :data:`~watchkeeper.match.blocking.TALLIED`."""
_ORGANIZATIONS = 1
"""The part of the postings that holds the names of organisations."""
_MARKED = 63
"""Query tokens up to which :meth:`Searcher._several` marks positions (as bits)."""
_POSITIONS = 1 << 16
"""More than a query name has tokens."""
_REMEMBERED = 1 << 22
"""Pairs of query units and entries met a process remembers before it starts afresh."""


@dataclass(frozen=True, slots=True)
class Tables:
    """What the search reads of a loaded index (see :mod:`watchkeeper.match.index`)."""

    keys: KeyTable
    postings: NamePostings
    entry_meets: npt.NDArray[np.uint8]
    entry_kinds: npt.NDArray[np.uint8]
    entry_lengths: npt.NDArray[np.uint16]
    entry_texts: npt.NDArray[np.object_]
    """The text of each entry's token ("" for keys) ..."""
    entry_letters: npt.NDArray[np.uint64]
    """... and its :func:`~watchkeeper.match.blocking.letter_mask`."""
    entry_leads: npt.NDArray[np.uint8]
    """The first two letters of the skeleton of each entry's token (:func:`skeleton_leads`),
    one row each."""
    entry_scripts: npt.NDArray[np.uint8]
    """The script of each entry's token (its place in ``tuple(Script)``)."""
    entry_weights: Floats
    schemas: npt.NDArray[np.uint8]
    """The schema of each listed name's entity."""
    masses: npt.NDArray[np.int32]
    """The scaled mass of each listed name."""
    unit_starts: npt.NDArray[np.int32]
    """Where each listed name's own units start in the next three."""
    unit_entries: npt.NDArray[np.int32]
    unit_firsts: npt.NDArray[np.int32]
    unit_ends: npt.NDArray[np.int32]
    profile: Callable[[int], Profile]
    """The profile of a listed name (for its bound)."""
    entry_tokens: npt.NDArray[np.int32]
    """The listed token of each entry of a token (its vocabulary id; -1 for keys)."""
    token: Callable[[int], Token]
    """The listed token of a vocabulary id."""
    params: NameParams


class _Lookup(NamedTuple):
    """The keys some query units look up, by hash: the unit of each, its :class:`~watchkeeper.
    match.blocking.Space`, the characters deleted to make it, and the bands of its entries
    it reads."""

    hashes: Ints
    units: Ints
    spaces: npt.NDArray[np.uint8]
    deleted: npt.NDArray[np.uint8]
    reads: npt.NDArray[np.uint8]


_Identity = tuple[Meets, Token | tuple[KeySpec, ...]]
"""What makes the entries a unit meets: how it meets, and its token (words and runs) or
key."""


def _identity(unit: Unit) -> _Identity:
    return unit.meets, unit.token if unit.meets in SPELLED else unit.keys


def _hash_lookups(units: Sequence[Unit], far: int) -> _Lookup:
    """The keys of these units, hashed together.  A unit that reaches only what is near
    (shorter than ``far`` letters, see :func:`~watchkeeper.match.blocking.reaches_far`)
    reads only the entries that reach far under the keys that tell as much as
    :attr:`~watchkeeper.match.blocking.Likeness.TWO`, and not the entries filed by two
    deletions under the others."""
    specs: list[KeySpec] = []
    spaces: list[Space] = []
    owners: list[int] = []
    for number, unit in enumerate(units):
        if unit.meets in SPELLED:
            keys, key_spaces = query_keys(unit.token, unit.meets is Meets.RUN)
        else:
            keys, key_spaces = unit.keys, (Space.EXACT,) * len(unit.keys)
        specs.extend(keys)
        spaces.extend(key_spaces)
        owners.extend([number] * len(keys))
    hashed = variant_hashes(specs)
    owned = np.array(owners, dtype=np.int64)[hashed.specs]
    spaced = np.array(spaces, dtype=np.uint8)[hashed.specs]
    far_reaching = np.array([reaches_far(u.meets, u.token, far) for u in units], dtype=bool)
    two = (hashed.deleted == 2) | (spaced == Space.START)
    reads = np.where(far_reaching[owned], Reads.ALL, np.where(two, Reads.FAR, Reads.NOT_BY_TWO))
    return _Lookup(hashed.hashes, owned, spaced, hashed.deleted, reads.astype(np.uint8))


class _Met(NamedTuple):
    """The entries one query unit met that :func:`compare_names` may align with it, in
    order (kept as 32-bit integers), and the most of each pair that may count as
    matched."""

    entries: npt.NDArray[np.int32]
    shares: Floats


def _token_columns(found: Sequence[Unit]) -> Ints:
    """Of each unit's token: its length, the first two letters of its skeleton (see
    :func:`skeleton_leads`), its script (its place in :data:`SCRIPTS`, -1 for Latin: only
    words of one other script compare as written), and whether it is an ordinary word."""
    tokens = [
        (
            len(unit.token.text),
            *skeleton_leads(unit.token.skeleton),
            -1 if unit.token.script in _LATIN else SCRIPTS.index(unit.token.script),
            unit.token.kind is TokenKind.WORD,
        )
        for unit in found
    ]
    return np.array(tokens, dtype=np.int64).reshape(len(found), 5)


class _Units(NamedTuple):
    """The units of a query name that met entries, one column each."""

    units: list[Unit]
    meets: Ints
    firsts: Ints
    ends: Ints
    weights: Floats
    left_over: Floats
    """What the tokens of each unit weigh when left over."""
    letters: Floats
    """Initials of acronym and initial units (0 for the others)."""


class _Pairs(NamedTuple):
    """Each entry a query unit met, ordered by unit: the most of the pair that may count
    as matched, and the weight of the listed unit."""

    units: Ints
    entries: Ints
    shares: Floats
    listed: Floats
    present: Ints
    """The units that met entries."""
    starts: Ints
    """Where the pairs of each of them start."""


class _Plan(NamedTuple):
    """What the pairs of a query name tell of the names of one part of the postings."""

    heaviest: int
    """The scaled mass of the heaviest name that may reach the threshold."""
    weak: list[float]
    """At each position of the query, the most room a pair of no value may leave."""


class Searcher:
    """Finds candidates in the tables of one index (remembering the entries each query unit
    met)."""

    def __init__(self, tables: Tables) -> None:
        self.tables = tables
        self._remembered: dict[_Identity, _Met] = {}
        self._remembered_pairs = 0
        self._likeness = LikenessTable(tables.params.similarity)
        self._far = far_length(tables.params.similarity, tables.params.floor)
        latin = np.isin(tables.entry_scripts, [SCRIPTS.index(script) for script in _LATIN])
        self._latin_words = (
            (tables.entry_meets == Meets.SPELLING) & (tables.entry_kinds == _WORD) & latin
        )
        """Whether each entry is a Latin word, met by its spelling (see :meth:`_spelled`)."""
        self._marks = np.zeros(len(tables.masses), dtype=np.uint64)
        """Scratch: the query positions each listed name met (see :meth:`_several`)."""

    def candidates(
        self,
        name: PreparedName,
        left_over: Sequence[float],
        threshold: float,
        matchable: frozenset[int] | None,
    ) -> dict[int, float]:
        """Listed name ids whose optimistic score against ``name`` reaches ``threshold``
        (of schemas ``matchable``, None for all), with that score; ``left_over`` is what
        each token of the name weighs when left over.  If the name may have been cut short
        (:mod:`~watchkeeper.match.truncation`), the listed words it leaves over may be what
        it lost, and count as :attr:`~watchkeeper.match.names.NameParams.cut_weight` of
        their weight."""
        found = units(name.tokens, name.weights, joined_tokens(name), listed=False)
        met = self._units(found, left_over)
        pairs = self._pairs(met)
        if not len(pairs.entries):
            return {}
        lost = 1.0 if name.cut is None else self.tables.params.cut_weight
        records = self._records(name, float(sum(left_over)), met, pairs, threshold, lost)
        if matchable is not None and len(records):
            schemas = np.fromiter(matchable, dtype=np.uint8)
            records = records[np.isin(self.tables.schemas[records], schemas)]
        return self._bounded(name, records.tolist(), met, pairs, threshold, lost)

    # -- the entries met ----------------------------------------------------------------

    def _units(self, found: list[Unit], left_over: Sequence[float]) -> _Units:
        firsts = [(unit.mask & -unit.mask).bit_length() - 1 for unit in found]
        ends = [unit.mask.bit_length() for unit in found]
        letters = [
            len(unit.keys[0][1]) if unit.meets in (Meets.ACRONYM, Meets.INITIAL) else 0
            for unit in found
        ]
        return _Units(
            found,
            np.array([unit.meets for unit in found], dtype=np.int64),
            np.array(firsts, dtype=np.int64),
            np.array(ends, dtype=np.int64),
            np.array([unit.weight for unit in found]),
            np.array([sum(left_over[f:e]) for f, e in zip(firsts, ends, strict=True)]),
            np.array(letters, dtype=np.float64),
        )

    def prefetch(self, names: Iterable[PreparedName]) -> None:
        """Look up the units of many query names together, which costs less than one name
        at a time (the array work is done once); their searches then find what the units
        met remembered."""
        self._met_by_unit(
            [
                unit
                for name in names
                for unit in units(name.tokens, name.weights, joined_tokens(name), listed=False)
            ]
        )

    def _met_by_unit(self, found: Sequence[Unit]) -> list[_Met]:
        """The entries each unit met that :func:`compare_names` may align with it:
        remembered, or found together."""
        identities = [_identity(unit) for unit in found]
        remembered = self._remembered
        known = {
            identity: remembered[identity] for identity in identities if identity in remembered
        }
        missing = {
            identity: unit
            for identity, unit in zip(identities, found, strict=True)
            if identity not in known
        }
        if missing:
            new = dict(zip(missing, self._meet(list(missing.values())), strict=True))
            known.update(new)
            self._remember(new)
        return [known[identity] for identity in identities]

    def _pairs(self, met: _Units) -> _Pairs:
        """The entries each unit met that :func:`compare_names` may align with it, in one
        row each."""
        each = self._met_by_unit(met.units)
        sizes = np.array([len(unit.entries) for unit in each], dtype=np.int64)
        entries = np.concatenate([unit.entries for unit in each], dtype=np.int64)
        present = np.flatnonzero(sizes)
        starts = (np.cumsum(sizes) - sizes)[present]
        return _Pairs(
            np.repeat(np.arange(len(each)), sizes),
            entries,
            np.concatenate([unit.shares for unit in each]),
            self.tables.entry_weights[entries],
            present,
            starts,
        )

    def _remember(self, new: dict[_Identity, _Met]) -> None:
        """Keep what these units met, starting afresh when too much is kept."""
        pairs = sum(len(met.entries) for met in new.values())
        if self._remembered_pairs + pairs > _REMEMBERED:
            self._remembered.clear()
            self._remembered_pairs = 0
        self._remembered.update(new)
        self._remembered_pairs += pairs

    def _meet(self, found: list[Unit]) -> list[_Met]:
        """The entries each of these units met that :func:`compare_names` may align with it."""
        tables = self.tables
        lookup = _hash_lookups(found, self._far)
        entries, keys, listed_deleted = tables.keys.find(lookup.hashes, lookup.reads)
        units = lookup.units[keys]
        spaces, deleted = lookup.spaces[keys], lookup.deleted[keys]
        kinds = likeness_kinds(spaces, deleted, listed_deleted)
        same_key = (spaces == Space.KEY) & (deleted == 0) & (listed_deleted == 0)
        lengths, leads, seconds, scripts, words = _token_columns(found)[units].T
        own_script = tables.entry_scripts[entries] == scripts
        words = words.astype(bool)
        meets = np.array([unit.meets for unit in found], dtype=np.int64)[units]
        listed_meets = tables.entry_meets[entries]
        listed_words = tables.entry_kinds[entries] == _WORD
        listed_lengths = tables.entry_lengths[entries].astype(np.int64)
        apart = np.abs(listed_lengths - lengths)
        listed_leads, listed_seconds = tables.entry_leads[entries].T
        close = _share_a_lead(leads, seconds, listed_leads, listed_seconds)
        spelling = meets == Meets.SPELLING
        run = meets == Meets.RUN
        fits = ~(spelling | run) & (listed_meets == meets)
        fits |= spelling & (listed_meets == Meets.SPELLING)
        merged = (apart <= 2) | (apart <= lengths // 5)
        fits |= spelling & words & (listed_meets == Meets.RUN) & close & merged
        merged = (apart <= 2) | (apart <= listed_lengths // 5)
        fits |= run & (listed_meets == Meets.SPELLING) & listed_words & close & merged
        params = tables.params
        alike = self._likeness(kinds, lengths, listed_lengths)
        joined = run | (listed_meets == Meets.RUN)
        alike[joined] = run_likeness(
            alike[joined], lengths[joined], listed_lengths[joined], params.similarity
        )
        alike = np.where(listed_words & words & ~own_script, alike, 1.0)
        keep = np.flatnonzero(fits & (alike > params.floor))
        pairs = units[keep] * len(tables.entry_meets) + entries[keep]
        order = np.argsort(pairs)
        pairs, alike = pairs[order], alike[keep][order]
        mixed = ((words != listed_words) & (spelling | run))[keep][order]
        same_key = same_key[keep][order]
        starts = _starts(pairs[1:] != pairs[:-1]) if len(pairs) else pairs
        alike = np.maximum.reduceat(alike, starts)
        same_key = np.logical_or.reduceat(same_key, starts)
        units, entries = np.divmod(pairs[starts], len(tables.entry_meets))
        mixed = np.flatnonzero(mixed[starts])
        alike[mixed] = self._mixed_likeness(found, units[mixed], entries[mixed])
        latin = np.array([_latin_word(unit) for unit in found], dtype=bool)
        spelled = np.flatnonzero(latin[units] & self._latin_words[entries] & ~same_key)
        alike[spelled] = np.minimum(
            alike[spelled], self._spelled(found, units[spelled], entries[spelled])
        )
        exact = alike > params.floor
        units, entries, alike = units[exact], entries[exact], alike[exact]
        share = np.clip((alike - params.floor) / (1 - params.floor), 0.0, 1.0) ** params.leniency
        bounds = np.searchsorted(units, np.arange(len(found) + 1)).tolist()
        kept = entries.astype(np.int32)
        return [
            _Met(kept[start:end], share[start:end]) for start, end in itertools.pairwise(bounds)
        ]

    def _spelled(self, found: list[Unit], units: Ints, entries: Ints) -> Floats:
        """:func:`~watchkeeper.match.blocking.spelled_likeness` of pairs of Latin words (a
        unit and a listed word, both met by their spelling) whose phonetic keys differ: how
        many letters apart they are bounds them closer than the keys they met under (most of
        the words a word's keys meet are far from it).  The edits are counted only for the
        pairs that :func:`~watchkeeper.match.blocking.fewest_edits` leaves near enough.

        A query word that starts its listed word may be the last word of a name cut short by
        its field, which scores :func:`~watchkeeper.match.truncation.cut_similarity` against
        it: such a pair keeps at least that."""
        tables = self.tables
        params = tables.params
        words = [unit.token.text for unit in found]
        texts = np.array(words, dtype=object)[units]
        letters = np.array([letter_mask(word) for word in words], dtype=np.uint64)[units]
        listed_letters = tables.entry_letters[entries]
        lengths = np.array([len(word) for word in words], dtype=np.int64)[units]
        listed_lengths = tables.entry_lengths[entries].astype(np.int64)
        longest = np.maximum(np.maximum(lengths, listed_lengths), 1)
        fewest = fewest_edits(letters, listed_letters, lengths, listed_lengths)
        alike = spelled_likeness(np.minimum(fewest, MAX_EDITS + 1), longest, params.similarity)
        near = np.flatnonzero(alike > params.floor)
        listed = tables.entry_texts[entries[near]]
        edits = cpdist(texts[near], listed, scorer=OSA.distance, score_cutoff=MAX_EDITS, workers=1)
        alike[near] = spelled_likeness(edits, longest[near], params.similarity)
        may_start = (lengths >= SHORTEST_PREFIX) & (listed_lengths > lengths)
        may_start &= (letters & ~listed_letters) == 0
        for row in np.flatnonzero(may_start).tolist():
            if tables.entry_texts[entries[row]].startswith(texts[row]):
                alike[row] = max(alike[row], cut_similarity(lengths[row]))
        return alike

    def _mixed_likeness(self, found: list[Unit], units: Ints, entries: Ints) -> Floats:
        """The similarity of each pair of a word and a token of another kind (a legal form,
        a particle ...): their keys tell nothing of it (a word meets "co" when both lose a
        letter of their keys), and there are few such pairs, so each is compared."""
        tables = self.tables
        similarity = tables.params.similarity
        return np.array(
            [
                token_similarity(found[unit].token, tables.token(token), similarity)[0]
                for unit, token in zip(
                    units.tolist(), tables.entry_tokens[entries].tolist(), strict=True
                )
            ],
            dtype=np.float64,
        )

    # -- the parts of the postings ---------------------------------------------------------

    def _values(self, queries: list[QueryBound], met: _Units, pairs: _Pairs) -> Floats:
        """The value of each pair for each part of the postings, one row each (see
        :class:`~watchkeeper.match.bounds.QueryBound`)."""
        scales = np.array([query.scales() for query in queries])
        ratio, conflict = scales[:, :1], scales[:, 1:]
        units = pairs.units
        weight, left_over = met.weights[units], met.left_over[units]
        share, listed = pairs.shares, pairs.listed
        both = weight + listed
        value = ratio * share * both - (1 - share) * (both + conflict * np.minimum(weight, listed))
        letters = met.letters[units]
        initial_weight = self.tables.params.kind_weights[TokenKind.INITIAL]
        initials = 2 * ratio * letters * initial_weight - np.maximum(0.0, weight - listed)
        values: Floats = np.where(letters > 0, initials, value) + left_over
        return values

    def _records(
        self,
        name: PreparedName,
        whole: float,
        met: _Units,
        pairs: _Pairs,
        threshold: float,
        lost: float,
    ) -> Ints:
        """The names that may reach the threshold, their words left over counting ``lost``
        of their weight.

        For each part of the postings (persons, organisations), the pairs tell whether any
        name can reach the threshold, and how heavy it may be at most (:class:`~watchkeeper.
        match.bounds.QueryBound`).  The names of the pairs of positive value are read: a
        name's pairs add up to at most the best value each of the query's positions met it
        with (a run's spread over its positions), and it weighs at most what the best rooms
        allow, a pair of no value counting as met at each position where one may be.

        When what a listed name leaves over counts only ``lost`` of its weight, it reaches the
        threshold if its values add up to ``lost`` times what it leaves over, so values and
        ``whole`` are divided by ``lost``: the rooms then allow for it."""
        whole /= lost
        size = len(name.tokens)
        params = self.tables.params
        queries = [
            QueryBound(
                size,
                whole,
                part == _ORGANIZATIONS or name.style is NameStyle.ORGANIZATION,
                threshold,
                params,
            )
            for part in range(PARTS)
        ]
        values = self._values(queries, met, pairs) / lost
        rooms = pairs.listed + values
        best_values = np.maximum.reduceat(values, pairs.starts, axis=1).tolist()
        best_rooms = np.maximum.reduceat(rooms, pairs.starts, axis=1).tolist()
        weak_rooms = np.maximum.reduceat(np.where(values > 0, 0.0, rooms), pairs.starts, axis=1)
        firsts, ends = met.firsts[pairs.present].tolist(), met.ends[pairs.present].tolist()
        spans = list(zip(firsts, ends, strict=True))
        plans = [
            _plan(query, spans, value, room, weak_room)
            for query, value, room, weak_room in zip(
                queries, best_values, best_rooms, weak_rooms.tolist(), strict=True
            )
        ]
        parts = [part for part, plan in enumerate(plans) if plan]
        if not parts:
            return np.zeros(0, dtype=np.int64)
        heaviest = np.array([plan.heaviest if plan else -1 for plan in plans])
        weak = np.array([plan.weak if plan else [0.0] * size for plan in plans])
        positive = [np.flatnonzero(values[part] > 0) for part in parts]
        rows = np.concatenate(positive)
        read = np.repeat(parts, [len(each) for each in positive])
        names, masses, owners = self.tables.postings.names(pairs.entries[rows], read)
        rows, read = rows[owners], read[owners]
        keep = np.flatnonzero(masses <= heaviest[read])
        names, masses, rows, read = names[keep], masses[keep], rows[keep], read[keep]
        if not len(names):
            return names
        units = pairs.units[rows]
        several = self._several(names, units, met, size)
        value = values[read, rows]
        lone = np.flatnonzero(~several & (value >= whole))
        spare = np.concatenate((np.zeros((PARTS, 1)), np.cumsum(weak, axis=1)), axis=1)
        lone_read, lone_units = read[lone], units[lone]
        others = spare[lone_read, -1] - spare[lone_read, met.ends[lone_units]]
        others += spare[lone_read, met.firsts[lone_units]]
        room = rooms[lone_read, rows[lone]]
        alone: Ints = names[lone[masses[lone] <= np.floor((room + others - whole) * MASS_SCALE)]]
        names, value, read, units = names[several], value[several], read[several], units[several]
        room = rooms[read, rows[several]]
        if not len(names):
            return alone
        positions, owners = spread(met.firsts[units], met.ends[units])
        names, value, room, read, units = (
            names[owners],
            value[owners],
            room[owners],
            read[owners],
            units[owners],
        )
        order = np.argsort(names * _POSITIONS + positions, kind="stable")
        names, value, room, read = names[order], value[order], room[order], read[order]
        units, positions = units[order], positions[order]
        spans_of = met.ends[units] - met.firsts[units]
        starts = _starts((names[1:] != names[:-1]) | (positions[1:] != positions[:-1]))
        value = np.maximum.reduceat(value / spans_of, starts)
        room = np.maximum.reduceat(room / spans_of, starts)
        names, read, positions = names[starts], read[starts], positions[starts]
        room = np.maximum(room - weak[read, positions], 0)
        starts = _starts(names[1:] != names[:-1])
        names, read = names[starts], read[starts]
        value = np.add.reduceat(value, starts)
        room = np.add.reduceat(room, starts) + weak.sum(axis=1)[read]
        masses = self.tables.masses[names]
        fits = (value >= whole) & (masses <= np.floor((room - whole) * MASS_SCALE))
        found: Ints = np.concatenate((alone, names[fits]))
        return found

    def _several(self, names: Ints, units: Ints, met: _Units, size: int) -> npt.NDArray[np.bool_]:
        """Whether the name of each item (met by the unit beside it) was met at more than
        one of the ``size`` positions of the query."""
        if size > _MARKED:
            return np.ones(len(names), dtype=bool)
        marks = self._marks
        bits = (np.left_shift(1, met.ends) - np.left_shift(1, met.firsts)).astype(np.uint64)
        for start, end in _runs(units):
            marks[names[start:end]] |= bits[units[start]]
        marked = marks[names]
        marks[names] = 0
        several: npt.NDArray[np.bool_] = (marked & (marked - np.uint64(1))) != 0
        return several

    # -- one listed name at a time ------------------------------------------------------

    def _bounded(
        self,
        name: PreparedName,
        records: list[int],
        met: _Units,
        pairs: _Pairs,
        threshold: float,
        lost: float,
    ) -> dict[int, float]:
        """The optimistic score of each listed name, if it reaches the threshold (what it
        leaves over counting ``lost`` of its weight)."""
        if not records:
            return {}
        tables = self.tables
        listed, owners = spread(
            tables.unit_starts[records], tables.unit_starts[np.array(records) + 1]
        )
        rows = np.flatnonzero(_TALLIED[met.meets[pairs.units]])
        rows = rows[np.argsort(pairs.entries[rows], kind="stable")]
        entries = pairs.entries[rows]
        wanted = tables.unit_entries[listed]
        found_rows, found = spread(
            np.searchsorted(entries, wanted, "left"), np.searchsorted(entries, wanted, "right")
        )
        tallies = [Met() for _ in records]
        acronyms = (met.meets == Meets.ACRONYM).tolist()
        masks = [unit.mask for unit in met.units]
        rows, listed = rows[found_rows], listed[found]
        for unit, share, first, end, owner in zip(
            pairs.units[rows].tolist(),
            pairs.shares[rows].tolist(),
            tables.unit_firsts[listed].tolist(),
            tables.unit_ends[listed].tolist(),
            owners[found].tolist(),
            strict=True,
        ):
            listed_mask = (1 << end) - (1 << first)
            tally = tallies[owner]
            if acronyms[unit]:
                tally.query_initials |= masks[unit]
                tally.listed_initials |= listed_mask
            else:
                tally.meet(masks[unit], listed_mask, share)
        params = tables.params
        query = profile(name.tokens, name.weights, name.style, params)
        scores = {}
        for record, tally in zip(records, tallies, strict=True):
            score = bound(query, tables.profile(record), tally, params, lost)
            if score >= threshold:
                scores[record] = score
        return scores


def _latin_word(unit: Unit) -> bool:
    """Whether a unit is a Latin word met by its spelling (see :meth:`Searcher._spelled`)."""
    token = unit.token
    return unit.meets is Meets.SPELLING and token.kind is TokenKind.WORD and token.script in _LATIN


def _runs(items: Ints) -> list[tuple[int, int]]:
    """(start, end) of the runs of equal items of an array."""
    starts = _starts(items[1:] != items[:-1]).tolist()
    return list(zip(starts, [*starts[1:], len(items)], strict=True))


def _starts(changes: npt.NDArray[np.bool_]) -> Ints:
    """Where the runs of equal items of a sorted array start, given where it changes
    (``array[1:] != array[:-1]``)."""
    return np.flatnonzero(np.concatenate(([True], changes)))


def _plan(
    query: QueryBound,
    spans: list[tuple[int, int]],
    values: list[float],
    rooms: list[float],
    weak_rooms: list[float],
) -> _Plan | None:
    """What the best value, room and room of no value of the units that met entries (at
    these ``spans`` of positions) tell of the names of one part of the postings, or None if
    none of them can reach the threshold.

    A position's weak room is the largest of those of the units over it, each spread
    evenly over its positions: the sum over the positions is at least that over any units
    at disjoint positions."""
    reaches = [
        Reach(first, end, value, room)
        for (first, end), value, room in zip(spans, values, rooms, strict=True)
    ]
    if not query.reachable(reaches):
        return None
    weak = [0.0] * query.size
    for (first, end), room in zip(spans, weak_rooms, strict=True):
        share = max(room, 0.0) / (end - first)
        for position in range(first, end):
            weak[position] = max(weak[position], share)
    return _Plan(scaled_mass(query.heaviest(reaches)), weak)


def skeleton_leads(skeleton: str) -> tuple[int, int]:
    """The first two letters of a skeleton as bytes (0: none, 255: not ASCII)."""
    return _byte(skeleton[:1]), _byte(skeleton[1:2])


def _byte(letter: str) -> int:
    if not letter:
        return 0
    return ord(letter) if letter.isascii() else 255


def _share_a_lead(first: Ints, second: Ints, listed_first: Ints, listed_second: Ints) -> Bools:
    """Whether a query word and a listed run (or the other way round) share a lead of
    :func:`~watchkeeper.match.names.compare_names`: its first skeleton letter (0 for
    none) or its second (if any), given as :func:`skeleton_leads`."""
    close: Bools = first == listed_first
    close |= (listed_second != 0) & ((listed_second == first) | (listed_second == second))
    close |= (second != 0) & (second == listed_first)
    return close
