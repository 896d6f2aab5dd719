"""Flat tables of the candidate index: blocking keys to entries, entries to the listed names
filed under them, and blobs (texts); each a few byte strings, read back as they are (as
numpy arrays over them) and shared by processes forked after loading.

An *entry* is what a unit of a query name meets in the index: a listed word, a joined run
of listed words, or an exact key (initials, a class of particles ...).  Keys are found by a
stable 63-bit hash in a sorted array; keys whose hashes collide share their entries, which
only adds entries to check.  The names filed under an entry come in :data:`PARTS` parts,
each lightest first (by their *mass*, the weight they leave over when nothing of them
matches), so that a query can read only those light enough to reach the threshold.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from typing import Any

import numpy as np
import numpy.typing as npt

Ints = npt.NDArray[np.int64]
"""Positions, ids and the like, as numpy computes with them."""

PARTS = 2
"""Parts of a posting: the names of persons (and of either) first, then of organisations."""
MASS_SCALE = 1 << 12
"""Masses are kept as integers in units of ``1 / MASS_SCALE``, rounded down."""


def key_hash(key: str) -> int:
    """A stable, non-negative 63-bit hash of a blocking key (Adler-32 above CRC-32)."""
    data = key.encode()
    return zlib.adler32(data) << 31 ^ zlib.crc32(data)


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
    offsets = np.cumsum(lengths) - lengths
    positions = np.arange(int(lengths.sum())) - offsets[owners] + starts[owners]
    return positions, owners


class KeyTable:
    """Blocking keys to the entries filed under them.

    The distinct hashes are sorted, with their entries; an open-addressing table (linear
    probing, at most a third full) gives the place of a hash from its low bits in one or
    two probes."""

    def __init__(self, columns: dict[str, bytes]) -> None:
        self.columns = columns
        self._hashes = np.frombuffer(columns["hashes"], dtype=np.int64)
        self._starts = np.frombuffer(columns["starts"], dtype=np.int32)
        self._entries = np.frombuffer(columns["entries"], dtype=np.int32)
        self._slots = np.frombuffer(columns["slots"], dtype=np.int32)
        self._mask = int(np.frombuffer(columns["mask"], dtype=np.int64)[0])

    @classmethod
    def build(cls, hashes: Ints, entries: Ints) -> KeyTable:
        """The table of entries filed under keys of these hashes (one key each)."""
        order = np.argsort(hashes, kind="stable")
        hashes, flat = hashes[order], entries[order].astype(np.int32)
        starts = np.flatnonzero(np.diff(hashes, prepend=hashes[:1] - 1)).astype(np.int32)
        distinct = hashes[starts]
        size = 1 << max(4, (3 * len(distinct)).bit_length())
        homes = distinct & (size - 1)
        by_home = np.argsort(homes, kind="stable")
        ranks = np.arange(len(distinct))
        places = np.maximum.accumulate(homes[by_home] - ranks) + ranks
        slots = np.full(max(size, int(places[-1]) + 1 if len(places) else 0) + 1, -1, np.int32)
        slots[places] = by_home
        columns = {
            "hashes": distinct.tobytes(),
            "starts": np.append(starts, np.int32(len(flat))).tobytes(),
            "entries": flat.tobytes(),
            "slots": slots.tobytes(),
            "mask": np.array([size - 1], dtype=np.int64).tobytes(),
        }
        return cls(columns)

    def _places(self, hashes: Ints) -> Ints:
        """The place of each hash among the distinct ones (-1: unknown)."""
        found = np.full(len(hashes), -1, dtype=np.int64)
        probes = hashes & self._mask
        waiting = np.arange(len(hashes) if len(self._hashes) else 0)
        while len(waiting):
            slots = self._slots[probes[waiting]]
            filled = slots >= 0
            hit = filled & (self._hashes[np.maximum(slots, 0)] == hashes[waiting])
            found[waiting[hit]] = slots[hit]
            waiting = waiting[filled & ~hit]
            probes[waiting] += 1
        return found

    def find(self, hashes: Ints) -> tuple[Ints, Ints]:
        """The entries filed under keys of these hashes, and for each the position of its
        key in ``hashes``."""
        places = self._places(hashes)
        known = np.flatnonzero(places >= 0)
        positions, owners = spread(self._starts[places[known]], self._starts[places[known] + 1])
        return self._entries[positions].astype(np.int64), known[owners]


class NamePostings:
    """Entries to the ids of the listed names filed under them: each posting in
    :data:`PARTS` parts (the names of each part lightest first)."""

    def __init__(self, columns: dict[str, bytes]) -> None:
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

    def sizes(self, entries: Ints) -> Ints:
        """How many names are filed under each of ``entries``."""
        return self._starts[PARTS * entries + PARTS] - self._starts[PARTS * entries]

    def names(self, entries: Ints) -> tuple[Ints, npt.NDArray[np.int32], Ints, Ints]:
        """The names filed under ``entries``: their ids, scaled masses, for each the
        position of its entry in ``entries``, and the part of the posting it is in."""
        first = PARTS * entries
        positions, owners = spread(self._starts[first], self._starts[first + PARTS])
        parts = np.zeros(len(positions), dtype=np.int64)
        for part in range(1, PARTS):
            parts += positions >= self._starts[first + part][owners]
        return self._names[positions].astype(np.int64), self._masses[positions], owners, parts


class Blobs:
    """Byte strings in one, each read back when asked for."""

    def __init__(self, columns: dict[str, bytes]) -> None:
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
        return self._data[self._offsets[position] : self._offsets[position + 1]]
