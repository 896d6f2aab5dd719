"""The key table: entries filed under blocking keys, in bands a lookup reads a slice of."""

from __future__ import annotations

import numpy as np

from watchkeeper.match.blocking import Likeness, far_length, likeness
from watchkeeper.match.hashing import variant_hashes
from watchkeeper.match.names import NameParams
from watchkeeper.match.postings import KeyTable, Reads, filed_keys


def _table() -> tuple[KeyTable, int, int]:
    """Entries 0 to 5 filed under the keys of "mohammed" (as written and by its variants):
    0 and 1 reach only what is near and are filed by one deletion, 2 and 3 reach far
    (filed by one and by two deletions), 4 and 5 reach only what is near and are filed by
    two deletions; entry 6 is filed under another key.  Also the hash of the key and of
    the other."""
    hashed = variant_hashes([("t", "mohammed", 0), ("t", "other", 0)])
    key, other = hashed.hashes.tolist()
    filed = filed_keys(
        np.array([key] * 7 + [other], dtype=np.int64),
        np.array([2, 2, 2, 1, 1, 2, 1, 0], dtype=np.uint8),
    )
    entries = np.array([5, 0, 3, 1, 2, 4, 0, 6], dtype=np.int64)
    far = np.array([False, False, True, True, False, False, False])
    return KeyTable.build(filed, entries, far), key, other


def _found(table: KeyTable, hashes: list[int], reads: list[Reads]) -> set[tuple[int, int, int]]:
    entries, owners, deleted = table.find(
        np.array(hashes, dtype=np.int64), np.array(reads, dtype=np.uint8)
    )
    return set(zip(entries.tolist(), owners.tolist(), deleted.tolist(), strict=True))


def test_a_lookup_reads_the_bands_it_asks_for() -> None:
    table, key, _ = _table()
    every = {(0, 0, 1), (1, 0, 1), (2, 0, 1), (3, 0, 2), (4, 0, 2), (5, 0, 2)}
    assert _found(table, [key], [Reads.ALL]) == every
    assert _found(table, [key], [Reads.NOT_BY_TWO]) == {(0, 0, 1), (1, 0, 1), (2, 0, 1), (3, 0, 2)}
    assert _found(table, [key], [Reads.FAR]) == {(2, 0, 1), (3, 0, 2)}


def test_each_hash_of_a_lookup_reads_its_own_bands() -> None:
    table, key, other = _table()
    unknown = key ^ 1
    found = _found(table, [other, key, unknown], [Reads.FAR, Reads.FAR, Reads.ALL])
    assert found == {(2, 1, 1), (3, 1, 2)}
    assert _found(table, [other], [Reads.ALL]) == {(6, 0, 0)}


def test_an_entry_filed_twice_under_a_key_keeps_the_fewest_deletions() -> None:
    table, key, _ = _table()
    assert (0, 0, 1) in _found(table, [key], [Reads.NOT_BY_TWO])
    assert (0, 0, 2) not in _found(table, [key], [Reads.ALL])


def test_words_shorter_than_the_far_length_two_edits_apart_are_never_alike() -> None:
    """The bands leave out only pairs :func:`likeness` leaves out anyway."""
    params = NameParams()
    far = far_length(params.similarity, params.floor)
    lengths = np.arange(1, far + 2)
    kinds = np.full(len(lengths), Likeness.TWO, dtype=np.uint8)
    alike = likeness(kinds, lengths, lengths, params.similarity) > params.floor
    assert not alike[: far - 1].any()
    assert alike[far - 1 :].all()
    assert 3 < far < 20, "two edits apart, middling words are not alike; long ones may be"
