"""Flat tables of the candidate index: blocking keys to entries, entries to the listed names
filed under them, and blobs (texts); each a few byte strings, read back as they are (as
numpy arrays over them) and shared by processes forked after loading.

An *entry* is what a unit of a query name meets in the index: a listed word, a joined run
of listed words, or an exact key (initials, a class of particles ...).  Keys are found by a
stable 61-bit hash in a sorted array, each entry with the characters deleted to make the
key it is filed under, in :class:`Band` order so that a lookup reads only the entries it
may be alike to; keys whose hashes collide share their entries, which only adds entries to
check.  The names filed under an entry come in :data:`PARTS` parts,
each lightest first (by their *mass*, the weight they leave over when nothing of them
matches), so that a query can read only those light enough to reach the threshold.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import IntEnum
from typing import Any

import numpy as np
import numpy.typing as npt

from watchkeeper.match.hashing import HASH_BITS

Ints = npt.NDArray[np.int64]
"""Positions, ids and the like, as numpy computes with them."""
Columns = Mapping[str, bytes | memoryview]
"""A table's byte strings by name (views of the file when loaded)."""

PARTS = 2
"""Parts of a posting: the names of persons (and of either) first, then of organisations."""
MASS_SCALE = 1 << 12
"""Masses are kept as integers in units of ``1 / MASS_SCALE``, rounded down."""


def filed_keys(hashes: Ints, deleted: npt.NDArray[np.uint8]) -> Ints:
    """How units file keys (:mod:`~watchkeeper.match.hashing`) made by deleting these
    numbers of characters (at most 3): the hash above, the deletions in the two lowest
    bits."""
    filed: Ints = hashes << 2 | deleted.astype(np.int64)
    return filed


def scaled_mass(mass: float) -> int:
    """A mass in the units of the postings, rounded down (so that a name never seems
    heavier than it is)."""
    return int(mass * MASS_SCALE)


def spread(
    starts: npt.NDArray[np.integer[Any]], ends: npt.NDArray[np.integer[Any]]
) -> tuple[Ints, Ints]:
    """The positions of the slices ``starts[i]:ends[i]`` one after the other, and for each
    position the ``i`` of its slice."""
    lengths = ends.astype(np.int64) - starts
    owners = np.repeat(np.arange(len(lengths)), lengths)
    shifts = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
    return np.arange(len(owners)) + shifts, owners


class Band(IntEnum):
    """The entries filed under one key come in three bands, in this order, so that a
    lookup can read a slice of them (:class:`Reads`)."""

    NEAR = 0
    """Entries that reach only what is near (see :func:`~watchkeeper.match.blocking.
    reaches_far`), filed by at most one deleted character."""
    FAR = 1
    """Entries that reach far, however filed."""
    NEAR_BY_TWO = 2
    """Entries that reach only what is near, filed by two deleted characters."""


class Reads(IntEnum):
    """The bands of its key a lookup reads."""

    ALL = 0
    NOT_BY_TWO = 1
    """:attr:`Band.NEAR` and :attr:`Band.FAR`."""
    FAR = 2
    """:attr:`Band.FAR` only."""


class KeyTable:
    """Blocking keys to the entries filed under them: the distinct hashes, sorted, and after
    each the entries filed under it in their :class:`Band` order, with the characters each
    deleted to make the key.  A hash is found in its *bucket* (the hashes that share its
    highest bits: about one), which a table of where each bucket starts gives in one
    look."""

    def __init__(self, columns: Columns) -> None:
        self.columns = columns
        self._hashes = np.frombuffer(columns["hashes"], dtype=np.int64)
        self._starts = np.frombuffer(columns["starts"], dtype=np.int32)
        self._bands = np.frombuffer(columns["bands"], dtype=np.int32).reshape(-1, 2)
        """Where the :attr:`Band.FAR` and :attr:`Band.NEAR_BY_TWO` entries of each hash
        start."""
        self._entries = np.frombuffer(columns["entries"], dtype=np.int32)
        self._deleted = np.frombuffer(columns["deleted"], dtype=np.uint8)
        self._buckets = np.frombuffer(columns["buckets"], dtype=np.int32)
        self._shift = HASH_BITS - (len(self._buckets) - 1).bit_length() + 1

    @classmethod
    def build(cls, filed: Ints, entries: Ints, far: npt.NDArray[np.bool_]) -> KeyTable:
        """The table of entries filed under these keys (:func:`filed_keys`, one key each;
        an entry filed twice under a key keeps the fewest deletions); ``far`` tells of each
        entry whether it reaches far (its :class:`Band`)."""
        order = np.lexsort((filed & 3, entries, filed >> 2))
        filed, flat = filed[order], entries[order].astype(np.int32)
        hashes, deleted = filed >> 2, (filed & 3).astype(np.uint8)
        first = np.ones(len(hashes), dtype=bool)
        first[1:] = (hashes[1:] != hashes[:-1]) | (flat[1:] != flat[:-1])
        hashes, flat, deleted = hashes[first], flat[first], deleted[first]
        bands = np.where(far[flat], Band.FAR, np.where(deleted == 2, Band.NEAR_BY_TWO, Band.NEAR))
        order = np.lexsort((bands, hashes))
        hashes, flat, deleted, bands = hashes[order], flat[order], deleted[order], bands[order]
        starts = np.flatnonzero(np.diff(hashes, prepend=hashes[:1] - 1)).astype(np.int32)
        distinct = hashes[starts]
        places = np.repeat(np.arange(len(starts)), np.diff(starts, append=len(flat)))
        banded = places * len(Band) + bands
        band_starts = np.searchsorted(banded, np.arange(len(starts) * len(Band)))
        bits = max(1, len(distinct).bit_length())
        bucket_starts = np.arange((1 << bits) + 1, dtype=np.int64) << (HASH_BITS - bits)
        columns = {
            "hashes": distinct.tobytes(),
            "starts": np.append(starts, np.int32(len(flat))).tobytes(),
            "bands": band_starts.reshape(-1, len(Band))[:, 1:].astype(np.int32).tobytes(),
            "entries": flat.tobytes(),
            "deleted": deleted.tobytes(),
            "buckets": np.searchsorted(distinct, bucket_starts).astype(np.int32).tobytes(),
        }
        return cls(columns)

    def _places(self, hashes: Ints) -> Ints:
        """The place of each hash among the distinct ones (-1: unknown), looked for in its
        bucket one place after the other."""
        found = np.full(len(hashes), -1, dtype=np.int64)
        buckets = hashes >> self._shift
        places = self._buckets[buckets].astype(np.int64)
        ends = self._buckets[buckets + 1]
        waiting = np.flatnonzero(places < ends)
        while len(waiting):
            hit = self._hashes[places[waiting]] == hashes[waiting]
            found[waiting[hit]] = places[waiting[hit]]
            waiting = waiting[~hit]
            places[waiting] += 1
            waiting = waiting[places[waiting] < ends[waiting]]
        return found

    def find(
        self, hashes: Ints, reads: npt.NDArray[np.uint8]
    ) -> tuple[Ints, Ints, npt.NDArray[np.uint8]]:
        """The entries filed under keys of these hashes in the bands each :class:`Reads`,
        for each the position of its key in ``hashes``, and the characters it deleted to
        make it."""
        places = self._places(hashes)
        known = np.flatnonzero(places >= 0)
        places, reads = places[known], reads[known]
        far, by_two = self._bands[places].T
        starts = np.where(reads == Reads.FAR, far, self._starts[places])
        ends = np.where(reads == Reads.ALL, self._starts[places + 1], by_two)
        positions, owners = spread(starts, ends)
        return self._entries[positions].astype(np.int64), known[owners], self._deleted[positions]


class NamePostings:
    """Entries to the ids of the listed names filed under them: each posting in
    :data:`PARTS` parts (the names of each part lightest first)."""

    def __init__(self, columns: Columns) -> None:
        self.columns = columns
        self._starts = np.frombuffer(columns["starts"], dtype=np.int32)
        self._names = np.frombuffer(columns["names"], dtype=np.int32)
        self._masses = np.frombuffer(columns["masses"], dtype=np.int32)

    @classmethod
    def build(
        cls,
        entries: npt.NDArray[np.integer[Any]],
        names: npt.NDArray[np.integer[Any]],
        count: int,
        parts: npt.NDArray[np.uint8],
        masses: npt.NDArray[np.int32],
    ) -> NamePostings:
        """The postings of ``count`` entries, name ``names[i]`` filed under ``entries[i]``:
        by the part of each name, then by its scaled mass."""
        filed = np.unique(entries.astype(np.int64) * len(parts) + names)
        entries, names = filed // len(parts), filed % len(parts)
        order = np.lexsort((names, masses[names], parts[names], entries))
        entries, names = entries[order], names[order]
        slots = entries * PARTS + parts[names]
        starts = np.searchsorted(slots, np.arange(count * PARTS + 1)).astype(np.int32)
        columns = {
            "starts": starts.tobytes(),
            "names": names.astype(np.int32).tobytes(),
            "masses": masses[names].tobytes(),
        }
        return cls(columns)

    def names(
        self, entries: Ints, parts: npt.NDArray[np.integer[Any]]
    ) -> tuple[Ints, npt.NDArray[np.int32], Ints]:
        """The names filed under ``entries`` in these parts of their postings: their ids,
        scaled masses, and for each the position of its entry in ``entries``."""
        slots = PARTS * entries + parts
        positions, owners = spread(self._starts[slots], self._starts[slots + 1])
        return self._names[positions].astype(np.int64), self._masses[positions], owners


class Blobs:
    """Byte strings in one, each read back when asked for."""

    def __init__(self, columns: Columns) -> None:
        self.columns = columns
        self._data = columns["data"]
        self._offsets = memoryview(columns["offsets"]).cast("q")

    @classmethod
    def build(cls, blobs: Iterable[bytes]) -> Blobs:
        parts = list(blobs)
        offsets = np.zeros(len(parts) + 1, dtype=np.int64)
        np.cumsum([len(blob) for blob in parts], out=offsets[1:])
        return cls({"data": b"".join(parts), "offsets": offsets.tobytes()})

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __getitem__(self, position: int) -> bytes:
        return bytes(self._data[self._offsets[position] : self._offsets[position + 1]])
