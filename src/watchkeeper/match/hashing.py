"""Stable 61-bit hashes of blocking keys, and of every variant of a key with up to two of its
characters deleted, many keys at once.

A key is a one-character prefix (what it is made of) and a text.  Its hash is the
polynomial ``sum(c_j * B ** (n - j))`` over its characters ``c_0`` (the prefix) to
``c_n``, modulo 2**64, mixed by the finaliser of SplitMix64 (so that keys that differ in
their last characters differ in every bit) and shifted right by three bits.  Deleting
characters changes only the powers of the characters before them, so the polynomials of all
the variants of a text come from its prefix sums (``B`` is odd, so it has an inverse modulo
2**64), as a few array operations for a whole batch of keys.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

_BASE = 0x9E3779B97F4A7C15
_INVERSE = pow(_BASE, -1, 1 << 64)
_MASK = (1 << 64) - 1
HASH_BITS = 61
_SHIFT = 64 - HASH_BITS
_LONGEST = 256
"""Characters of the longest text hashed (longer texts are cut: a key that long is one)."""
_CHUNK = 4096
"""Keys hashed together at most (the larger batches are cut by length)."""
_POWERS = np.array([pow(_BASE, k, 1 << 64) for k in range(_LONGEST + 2)], dtype=np.uint64)
"""``B ** k`` for each ``k`` (modulo 2**64)."""

Ints = npt.NDArray[np.int64]
Words = npt.NDArray[np.uint64]

KeySpec = tuple[str, str, int]
"""A prefix, a text, and how many of its characters (0 to 2) its variants may delete."""


class Hashes(NamedTuple):
    """The hashes of the variants of a batch of :data:`KeySpec`."""

    hashes: Ints
    specs: Ints
    """The position of the spec each hash comes from."""
    deleted: npt.NDArray[np.uint8]
    """The characters deleted to make it."""


def variant_hashes(specs: Sequence[KeySpec]) -> Hashes:
    """The hashes of each key of ``specs`` and of its variants (a variant that two ways of
    deleting make comes twice), in chunks of keys of about one length."""
    if len(specs) <= _CHUNK:
        return _variant_hashes(specs)
    order = sorted(range(len(specs)), key=lambda position: len(specs[position][1]))
    found = []
    for start in range(0, len(order), _CHUNK):
        chunk = order[start : start + _CHUNK]
        hashed = _variant_hashes([specs[position] for position in chunk])
        found.append(hashed._replace(specs=np.array(chunk, dtype=np.int64)[hashed.specs]))
    return Hashes(*(np.concatenate(column) for column in zip(*found, strict=True)))


def _variant_hashes(specs: Sequence[KeySpec]) -> Hashes:
    if not specs:
        empty = np.zeros(0, dtype=np.int64)
        return Hashes(empty, empty, np.zeros(0, dtype=np.uint8))
    texts = [text[:_LONGEST] for _, text, _ in specs]
    lengths = np.array([len(text) for text in texts], dtype=np.int64)
    most = np.array([deletions for _, _, deletions in specs], dtype=np.int64)
    width = max(1, int(lengths.max()))
    codes = np.zeros((len(specs), width), dtype=np.uint64)
    flat = np.frombuffer("".join(texts).encode("utf-32-le"), dtype=np.uint32)
    rows = np.repeat(np.arange(len(specs)), lengths)
    columns = np.arange(len(flat)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    codes[rows, columns] = flat
    places = np.arange(width)
    exponents = np.maximum(lengths[:, None] - 1 - places, 0)
    weighted = codes * _POWERS[exponents]
    prefixes = np.array([ord(prefix) for prefix, _, _ in specs], dtype=np.uint64)
    head = prefixes * _POWERS[lengths]
    before = np.cumsum(weighted, axis=1, dtype=np.uint64) - weighted
    total = head + weighted.sum(axis=1, dtype=np.uint64)
    after = total[:, None] - head[:, None] - before - weighted
    shifted = (head[:, None] + before) * np.uint64(_INVERSE)
    parts: list[tuple[Words, Ints, int]] = [(total, np.arange(len(specs)), 0)]
    ones = (places < lengths[:, None]) & (most[:, None] >= 1)
    one_rows, one_places = np.nonzero(ones)
    parts.append((shifted[one_rows, one_places] + after[one_rows, one_places], one_rows, 1))
    two = np.flatnonzero((most >= 2) & (lengths >= 2))
    if len(two):
        rows2, first, second = _pairs(two, lengths[two])
        twice = (head[rows2] + before[rows2, first]) * np.uint64(_INVERSE * _INVERSE & _MASK)
        between = before[rows2, second] - before[rows2, first] - weighted[rows2, first]
        hashed = twice + between * np.uint64(_INVERSE) + after[rows2, second]
        parts.append((hashed, rows2, 2))
    hashes = _mixed(np.concatenate([hashed for hashed, _, _ in parts])) >> np.uint64(_SHIFT)
    owners = np.concatenate([owned for _, owned, _ in parts])
    deleted = np.concatenate(
        [np.full(len(owned), count, dtype=np.uint8) for _, owned, count in parts]
    )
    return Hashes(hashes.astype(np.int64), owners, deleted)


def _mixed(values: Words) -> Words:
    """The SplitMix64 finaliser: a bijection of 64-bit values that spreads every bit."""
    values = (values ^ (values >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    values = (values ^ (values >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    mixed: Words = values ^ (values >> np.uint64(31))
    return mixed


def _pairs(rows: Ints, lengths: Ints) -> tuple[Ints, Ints, Ints]:
    """For each of ``rows`` (texts of ``lengths``), every pair of its positions ``i < k``:
    the row, ``i`` and ``k``."""
    first, second = _position_pairs(int(lengths.max()))
    which, pair = np.nonzero(second[None, :] < lengths[:, None])
    return rows[which], first[pair], second[pair]


@lru_cache(maxsize=_LONGEST)
def _position_pairs(width: int) -> tuple[Ints, Ints]:
    """Every pair of positions ``i < k`` below ``width``: the ``i`` and the ``k``."""
    first, second = np.triu_indices(width, 1)
    return first.astype(np.int64), second.astype(np.int64)
