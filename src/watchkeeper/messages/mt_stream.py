"""A file of SWIFT MT messages cut into the text of each message, in bounded memory.

RJE batch files separate messages with ``$``; FIN files may also simply put one message after
another.  Both ``$`` and the braces are outside the SWIFT X character set, so a ``$`` always
separates and ``{1:`` always opens a message (a basic header block).  The file is read in
pieces and cut at every ``$``; a stretch between two separators longer than
:data:`MAX_MESSAGE_BYTES` is skipped with an error instead of being held in memory.

Text must be UTF-8 (the X character set is a subset of ASCII); undecodable bytes and control
characters other than CR, LF and tab are refused, naming the byte offset and line.  A UTF-8
byte-order mark at the start of the file is accepted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

READ_SIZE = 64 * 1024
MAX_MESSAGE_BYTES = 64 * 1024
"""Longest text between two ``$`` separators that is read: SWIFT allows 10,000 characters in
the text block of a FIN message, the rest is headers and RJE acknowledgements."""

_BOM = "\ufeff"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MESSAGE_START = re.compile(r"\{1:")


@dataclass(frozen=True, slots=True)
class MessageText:
    """The text of one message (from its ``{1:`` to the next one or the next ``$``)."""

    text: str
    line: int
    """Line of the file that ``text`` starts on (1-based)."""

    def line_at(self, index: int) -> int:
        """The file line of ``text[index]``."""
        return self.line + self.text.count("\n", 0, index)


@dataclass(frozen=True, slots=True)
class UnreadableText:
    """A stretch of the file that cannot be read as text."""

    where: str
    problem: str


@dataclass(slots=True)
class _Chunk:
    """The bytes between two ``$`` separators, kept only while within the size limit."""

    offset: int
    line: int
    data: bytearray = field(default_factory=bytearray)
    size: int = 0
    newlines: int = 0

    def add(self, piece: bytes) -> None:
        self.size += len(piece)
        self.newlines += piece.count(b"\n")
        if self.size <= MAX_MESSAGE_BYTES:
            self.data += piece
        else:
            self.data.clear()


def message_texts(stream: BinaryIO) -> Iterator[MessageText | UnreadableText]:
    """The text of every message in ``stream``, in file order, or what made a stretch of the
    file unreadable (reading goes on after the next ``$``)."""
    for chunk in _chunks(stream):
        yield from _chunk_messages(chunk)


def _chunks(stream: BinaryIO) -> Iterator[_Chunk]:
    chunk = _Chunk(offset=0, line=1)
    while block := stream.read(READ_SIZE):
        start = 0
        while (cut := block.find(b"$", start)) >= 0:
            chunk.add(block[start:cut])
            yield chunk
            chunk = _Chunk(offset=chunk.offset + chunk.size + 1, line=chunk.line + chunk.newlines)
            start = cut + 1
        chunk.add(block[start:])
    yield chunk


def _chunk_messages(chunk: _Chunk) -> Iterator[MessageText | UnreadableText]:
    if chunk.size > MAX_MESSAGE_BYTES:
        yield UnreadableText(
            f"byte {chunk.offset} (line {chunk.line})",
            f"{chunk.size:,} bytes without a '$' separator, more than the {MAX_MESSAGE_BYTES:,}"
            " a message may take; skipped up to the next '$'",
        )
        return
    data = bytes(chunk.data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = chunk.line + data.count(b"\n", 0, error.start)
        yield UnreadableText(
            f"byte {chunk.offset + error.start} (line {line})",
            f"not UTF-8: byte 0x{data[error.start]:02X} cannot be decoded",
        )
        return
    if chunk.offset == 0 and text.startswith(_BOM):
        text = text[1:]
    control = _CONTROL.search(text)
    if control:
        line = chunk.line + text.count("\n", 0, control.start())
        yield UnreadableText(
            f"line {line}", f"control character U+{ord(control[0]):04X} in the message text"
        )
        return
    yield from _split_messages(text, chunk.line)


def _split_messages(text: str, first_line: int) -> Iterator[MessageText]:
    starts = [match.start() for match in _MESSAGE_START.finditer(text)]
    if not starts or text[: starts[0]].strip():
        starts.insert(0, 0)
    line, counted = first_line, 0
    for start, end in zip(starts, [*starts[1:], len(text)], strict=True):
        line += text.count("\n", counted, start)
        counted = start
        if text[start:end].strip():
            yield MessageText(text[start:end], line)
