"""The index file: what is saved comes back, its byte strings mapped from the file, not
read; a file cut short or of another version is refused."""

from __future__ import annotations

import marshal
from pathlib import Path

import numpy as np
import pytest

from watchkeeper.match.indexfile import (
    ALIGNMENT,
    IndexFormatError,
    load_payload,
    save_payload,
)

HEADER = b"test-index 1\n"


def payload() -> dict[str, object]:
    return {
        "format": 7,
        "weights": ({"ABC": 3}, {"BC": 1}, 12),
        "empty": {},
        "keys": {
            "hashes": np.arange(5, dtype=np.int64).tobytes(),
            "odd": b"abc",
            "nothing": b"",
            "deeper": {"starts": np.array([3, 1, 2], dtype=np.int32).tobytes()},
        },
    }


def test_what_is_saved_comes_back(tmp_path: Path) -> None:
    path = tmp_path / "saved.idx"
    save_payload(path, HEADER, payload())
    loaded = load_payload(path, HEADER)
    assert loaded["format"] == 7
    assert loaded["weights"] == ({"ABC": 3}, {"BC": 1}, 12)
    assert loaded["empty"] == {}
    keys = loaded["keys"]
    assert bytes(keys["odd"]) == b"abc" and bytes(keys["nothing"]) == b""
    assert np.frombuffer(keys["hashes"], dtype=np.int64).tolist() == [0, 1, 2, 3, 4]
    assert np.frombuffer(keys["deeper"]["starts"], dtype=np.int32).tolist() == [3, 1, 2]


def test_byte_strings_are_aligned_read_only_views_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "saved.idx"
    save_payload(path, HEADER, payload())
    keys = load_payload(path, HEADER)["keys"]
    for blob in (keys["hashes"], keys["odd"], keys["deeper"]["starts"]):
        assert isinstance(blob, memoryview) and blob.readonly
        assert np.frombuffer(blob, dtype=np.uint8).ctypes.data % ALIGNMENT == 0
    saved = path.read_bytes()
    start = saved.index(b"abc")
    assert start % ALIGNMENT == 0
    assert saved[start : start + 3] == bytes(keys["odd"])


def test_a_file_of_another_version_cut_short_or_damaged_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "saved.idx"
    save_payload(path, HEADER, payload())
    whole = path.read_bytes()
    with pytest.raises(IndexFormatError, match="another version"):
        load_payload(path, b"test-index 2\n")
    for cut in (len(HEADER) + 4, len(HEADER) + 20, len(whole) - 1):
        path.write_bytes(whole[:cut])
        with pytest.raises(IndexFormatError, match="damaged"):
            load_payload(path, HEADER)
    unreadable = HEADER + (3).to_bytes(8, "little") + b"\xff\xff\xff"
    path.write_bytes(unreadable + whole[len(unreadable) :])
    with pytest.raises(IndexFormatError, match="damaged"):
        load_payload(path, HEADER)
    path.write_bytes(HEADER + (1 << 62).to_bytes(8, "little") + whole[len(HEADER) + 8 :])
    with pytest.raises(IndexFormatError, match="damaged"):
        load_payload(path, HEADER)
    for layout in ({"values": {"format": 7}, "spans": {}}, {"values": {}, "spans": {("a",): 3}}):
        written = marshal.dumps(layout)
        path.write_bytes(HEADER + len(written).to_bytes(8, "little") + written)
        with pytest.raises(IndexFormatError, match="damaged"):
            load_payload(path, HEADER)


def test_saving_again_replaces_the_file_a_loaded_payload_still_reads(tmp_path: Path) -> None:
    path = tmp_path / "saved.idx"
    save_payload(path, HEADER, payload())
    loaded = load_payload(path, HEADER)
    other = payload()
    other["keys"]["odd"] = b"xyz"  # type: ignore[index]
    save_payload(path, HEADER, other)
    assert bytes(loaded["keys"]["odd"]) == b"abc"
    assert bytes(load_payload(path, HEADER)["keys"]["odd"]) == b"xyz"
    assert not path.with_name(path.name + ".partial").exists()
