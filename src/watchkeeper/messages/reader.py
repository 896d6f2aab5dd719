"""Reading a message file of any supported format: detection, size limit, dispatch.

Each format module (:mod:`.iso20022`, :mod:`.swift_mt`, :mod:`.paxlst`, :mod:`.pnrgov`,
:mod:`.mrz`) names the formats it reads, recognises them from the start of a file and turns
a file into screening units.  The format is taken from the content, never from the file
name; ``--format`` forces one, and the module then says if the content is something else.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import BinaryIO, Protocol, cast

from watchkeeper.messages import iso20022, mrz, paxlst, pnrgov, swift_mt
from watchkeeper.messages.units import MessageFormatError, ScreeningUnit

AUTO = "auto"
SNIFF_BYTES = 64 * 1024
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
"""Largest file read by default (64 MiB): bulk payment files of tens of megabytes are read
as a stream, anything larger is refused before it is opened."""


class MessageReader(Protocol):
    """What a format module provides."""

    FORMATS: tuple[str, ...]

    def sniff(self, head: bytes) -> str | None: ...

    def read_units(
        self, stream: BinaryIO, source: str, expected: str | None = None
    ) -> Iterator[ScreeningUnit | MessageFormatError]: ...


def _reader(module: ModuleType) -> MessageReader:
    return cast(MessageReader, module)


READERS: tuple[MessageReader, ...] = tuple(
    _reader(module) for module in (iso20022, swift_mt, paxlst, pnrgov, mrz)
)
FORMAT_NAMES: tuple[str, ...] = tuple(name for reader in READERS for name in reader.FORMATS)


def detect_format(head: bytes) -> tuple[str, MessageReader] | None:
    """The format of a file starting with ``head``, and its reader; None if unknown."""
    for reader in READERS:
        found = reader.sniff(head)
        if found is not None:
            return found, reader
    return None


def read_message_file(
    path: Path, format_name: str = AUTO, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[ScreeningUnit | MessageFormatError]:
    """Every screening unit of the file at ``path``, or the errors that stopped it being
    read (a batch of messages reports a bad message and goes on with the next)."""
    source = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield MessageFormatError(
                source, "", f"file is {size:,} bytes, more than the limit of {max_bytes:,}"
            )
            return
        with path.open("rb") as stream:
            head = stream.read(SNIFF_BYTES)
            stream.seek(0)
            chosen = _choose_reader(head, format_name, source)
            expected = None if format_name == AUTO else format_name
            yield from chosen.read_units(stream, source, expected)
    except MessageFormatError as error:
        yield error
    except OSError as error:
        yield MessageFormatError(source, "", f"cannot read the file: {error.strerror or error}")


def _choose_reader(head: bytes, format_name: str, source: str) -> MessageReader:
    if format_name != AUTO:
        for reader in READERS:
            if format_name in reader.FORMATS:
                return reader
        raise MessageFormatError(source, "", f"unknown format {format_name!r}")
    if not head.strip():
        raise MessageFormatError(source, "", "the file is empty")
    detected = detect_format(head)
    if detected is None:
        known = ", ".join(FORMAT_NAMES)
        raise MessageFormatError(
            source, "start of file", f"not a message of a known format ({known})"
        )
    return detected[1]
