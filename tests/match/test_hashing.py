"""Hashes of blocking keys and of their variants with characters deleted."""

from __future__ import annotations

import itertools
import math

from watchkeeper.match.hashing import KeySpec, variant_hashes

_BASE = 0x9E3779B97F4A7C15
_WORD = 1 << 64


def polynomial(key: str) -> int:
    """The hash a key should have, computed one character at a time and mixed as
    SplitMix64 does."""
    found = 0
    for char in key:
        found = (found * _BASE + ord(char)) % _WORD
    found = (found ^ found >> 30) * 0xBF58476D1CE4E5B9 % _WORD
    found = (found ^ found >> 27) * 0x94D049BB133111EB % _WORD
    return (found ^ found >> 31) >> 3


def variants(text: str, most: int) -> list[tuple[str, int]]:
    """``text`` with up to ``most`` characters deleted, each way of deleting once."""
    return [
        ("".join(c for i, c in enumerate(text) if i not in deleted), count)
        for count in range(most + 1)
        for deleted in itertools.combinations(range(len(text)), count)
    ]


SPECS: list[KeySpec] = [
    ("t", "mohammed", 2),
    ("k", "MAHAMAT", 1),
    ("o", "володимирович", 2),
    ("o", "عبدالرحمن", 1),
    ("s", "", 1),
    ("a", "pla", 0),
    ("t", "x", 2),
    *(("t", "ab" * length, 2) for length in range(12)),
]


def test_every_variant_gets_the_hash_of_its_text() -> None:
    hashed = variant_hashes(SPECS)
    columns = (hashed.specs.tolist(), hashed.deleted.tolist(), hashed.hashes.tolist())
    found = sorted(zip(*columns, strict=True))
    expected = sorted(
        (position, count, polynomial(prefix + variant))
        for position, (prefix, text, most) in enumerate(SPECS)
        for variant, count in variants(text, most)
    )
    assert found == expected


def test_keys_one_letter_apart_get_different_hashes() -> None:
    """A polynomial alone gives the last letters the lowest weights: without mixing, keys
    that end in letters a few code points apart shared their top bits."""
    letters = "ABDFHJKLMNRSTVY"
    keys: list[KeySpec] = [
        ("k", first + second + third, 0)
        for first in letters
        for second in letters
        for third in letters
    ]
    hashes = variant_hashes(keys).hashes
    assert len(set(hashes.tolist())) == len(keys)


def test_large_batches_give_the_same_hashes() -> None:
    many = [("t", f"name{number}{'x' * (number % 9)}", number % 3) for number in range(5000)]
    hashed = variant_hashes(many)
    alone = variant_hashes(many[4321:4322])
    mine = sorted(hashed.hashes[hashed.specs == 4321].tolist())
    assert mine == sorted(alone.hashes.tolist())
    assert len(hashed.hashes) == sum(
        sum(math.comb(len(text), count) for count in range(most + 1)) for _, text, most in many
    )
