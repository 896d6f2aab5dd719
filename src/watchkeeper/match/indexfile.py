"""The file a candidate index is saved in, mapped into memory when it is loaded.

A header line (which version of watchkeeper wrote it), the length of the layout (8 bytes,
little-endian), the layout (``marshal``: the payload's small values, and where each of its
byte strings lies), then the byte strings, each starting at a multiple of
:data:`ALIGNMENT` bytes.  Loading reads the header and the layout and maps the rest: the
byte strings come back as read-only views of the file, read from the page cache only where
they are used and shared by every process that maps the file or is forked after loading.
So an index loads in milliseconds, whatever its size.  A file is only ever replaced whole
(``os.replace``), never rewritten in place: a process that has the old one mapped goes on
reading it.

A payload is a tree of dictionaries (string keys) whose leaves are byte strings or small
values (numbers, strings, tuples ...).
"""

from __future__ import annotations

import marshal
import mmap
import os
from pathlib import Path
from typing import Any

ALIGNMENT = 64
"""Byte strings start at multiples of this many bytes (numpy reads aligned arrays
fastest)."""
_LENGTH_BYTES = 8

Payload = dict[str, Any]
_Path = tuple[str, ...]
"""Where a leaf stands in a payload: the keys leading to it."""


class IndexFormatError(ValueError):
    """A saved index this version of watchkeeper cannot read: build it again."""


def save_payload(path: Path, header: bytes, payload: Payload) -> None:
    """Write ``payload`` to ``path`` after ``header`` (one line), replacing the file
    atomically."""
    values: dict[_Path, Any] = {}
    blobs: dict[_Path, bytes | memoryview] = {}
    _flatten(payload, (), values, blobs)
    spans: dict[_Path, tuple[int, int]] = {}
    offset = 0
    for where, blob in blobs.items():
        spans[where] = (offset, len(blob))
        offset = _aligned(offset + len(blob))
    layout = marshal.dumps({"values": values, "spans": spans})
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    with partial.open("wb") as handle:
        handle.write(header)
        handle.write(len(layout).to_bytes(_LENGTH_BYTES, "little"))
        handle.write(layout)
        start = _aligned(handle.tell())
        for where, blob in blobs.items():
            handle.write(bytes(start + spans[where][0] - handle.tell()))
            handle.write(blob)
    os.replace(partial, path)


def load_payload(path: Path, header: bytes) -> Payload:
    """The payload saved in ``path``, its byte strings as views of the mapped file.

    Raises :class:`IndexFormatError` if the file does not start with ``header`` or is
    damaged (cut short, or its layout unreadable)."""
    with path.open("rb") as handle:
        if handle.readline() != header:
            raise IndexFormatError(f"{path}: written by another version, build it again")
        size = os.fstat(handle.fileno()).st_size
        length = int.from_bytes(handle.read(_LENGTH_BYTES), "little")
        if length > size - handle.tell():
            raise IndexFormatError(f"{path}: damaged index (cut short in its layout)")
        try:
            layout = marshal.loads(handle.read(length))
            values, spans = layout["values"], layout["spans"]
        except (EOFError, ValueError, TypeError, KeyError) as error:
            raise IndexFormatError(f"{path}: damaged index ({error!r})") from error
        start = _aligned(handle.tell())
        if not _valid_layout(values, spans, size - start):
            raise IndexFormatError(f"{path}: damaged index (cut short or unreadable layout)")
        mapped = memoryview(mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ))
    leaves = dict(values)
    for where, (offset, count) in spans.items():
        leaves[where] = mapped[start + offset : start + offset + count]
    return _nested(leaves)


def _valid_layout(values: object, spans: object, room: int) -> bool:
    """Whether a layout read back holds values and (offset, length) spans by path, each
    span within ``room`` bytes."""
    if not isinstance(values, dict) or not isinstance(spans, dict):
        return False
    if not all(_is_path(where) for where in [*values, *spans]):
        return False
    for span in spans.values():
        if not isinstance(span, tuple) or len(span) != 2:
            return False
        offset, count = span
        if not (isinstance(offset, int) and isinstance(count, int)):
            return False
        if offset < 0 or count < 0 or offset + count > room:
            return False
    return True


def _is_path(where: object) -> bool:
    return isinstance(where, tuple) and bool(where) and all(isinstance(k, str) for k in where)


def _flatten(
    tree: Payload,
    where: _Path,
    values: dict[_Path, Any],
    blobs: dict[_Path, bytes | memoryview],
) -> None:
    """Sort the leaves of ``tree`` (at ``where``) into byte strings and other values."""
    for key, value in tree.items():
        path = (*where, key)
        if isinstance(value, dict) and value:
            _flatten(value, path, values, blobs)
        elif isinstance(value, bytes | memoryview):
            blobs[path] = value
        else:
            values[path] = value


def _nested(leaves: dict[_Path, Any]) -> Payload:
    """The tree of these leaves (by path)."""
    tree: Payload = {}
    for where, value in leaves.items():
        branch = tree
        for key in where[:-1]:
            branch = branch.setdefault(key, {})
        branch[where[-1]] = value
    return tree


def _aligned(offset: int) -> int:
    return -(-offset // ALIGNMENT) * ALIGNMENT
