"""The block syntax of a SWIFT MT message: headers (blocks 1-3), text block 4 cut into fields,
trailers (block 5).

A message is a row of blocks ``{1:...}{2:...}{3:{108:...}}{4:<CR LF>:20:...<CR LF>-}{5:...}``.
Block 1 (basic header) names the logical terminal of the sender of an input message or of
the receiver of an output message; block 2 (application header) gives the message type and,
for an input message, the receiver's address, for an output message the sender's (inside
the message input reference).  Block 3 (user header) and block 5 (trailer) hold
``{tag:value}`` sub-blocks; block 4 holds ``:TAG:`` fields on lines of their own, ended by a
line ``-}``.  An RJE acknowledgement is a service message (``{1:F21...}``) whose block 4
holds sub-blocks.

Tolerated: whitespace between blocks, a basic header without its application and service id
(``{1:BANKBEBBAXXX0000000000}``), and a stray brace after the last block (``-}}``, ``-}{``)
as written by some exporters: none of these hides any text.  Everything else that breaks the
syntax raises :class:`MtError` naming the block, field and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from watchkeeper.messages.mt_stream import MessageText

SERVICE_ACK = "21"
"""Service id of RJE acknowledgements (ACK and NAK)."""

_BLOCK_ORDER = ("1", "2", "3", "4", "5", "S")
_BLOCK_START = re.compile(r"\{([0-9A-Z]{1,3}):")
_BRACE = re.compile(r"[{}]")
_SUB_BLOCK = re.compile(r"\s*\{([0-9A-Za-z]{1,8}):([^{}\r\n]*)\}")
_TEXT_BLOCK_END = re.compile(r"\r?\n-\}|[{}]")
_BASIC_HEADER = re.compile(r"(?:([FAL])(\d{2}))?([A-Z0-9]{12})(?:\d{4}(?:\d{6})?)?")
_INPUT_HEADER = re.compile(r"I(\d{3})([A-Z0-9]{12})[A-Z0-9]*")
_OUTPUT_HEADER = re.compile(r"O(\d{3})\d{4}\d{6}([A-Z0-9]{12})[A-Z0-9]*")
_FIELD_TAG = re.compile(r":(\d{2}[A-Z]?):")


class MtError(Exception):
    """A message that breaks the MT syntax or the rules of its type."""

    def __init__(
        self,
        problem: str,
        line: int | None = None,
        block: str | None = None,
        tag: str | None = None,
    ) -> None:
        self.problem = problem
        self.line = line
        self.block = block
        self.tag = tag
        super().__init__(f"{self.where}: {problem}")

    @property
    def where(self) -> str:
        """``block 4, field 50F, line 12`` (the parts that are known)."""
        parts = [
            f"block {self.block}" if self.block else "",
            f"field {self.tag}" if self.tag else "",
            f"line {self.line}" if self.line else "",
        ]
        return ", ".join(part for part in parts if part)


class FieldLine(NamedTuple):
    number: int
    """Line of the file."""
    text: str
    """The line without its end (and, on a field's first line, without the ``:TAG:``)."""


@dataclass(frozen=True, slots=True)
class Field:
    """One ``:TAG:`` field of block 4 with its lines."""

    tag: str
    lines: tuple[FieldLine, ...]
    line: int
    """File line of the tag."""

    @property
    def number(self) -> str:
        """The two digits of the tag: ``50`` of ``50F``."""
        return self.tag[:2]

    @property
    def option(self) -> str:
        """The letter option of the tag (``F`` of ``50F``), empty if none."""
        return self.tag[2:]

    def error(self, problem: str, line: int | None = None) -> MtError:
        """An error about this field, at ``line`` or at its tag."""
        return MtError(problem, line or self.line, "4", self.tag)


@dataclass(slots=True)
class MtMessage:
    """The parts of a message that screening needs."""

    service: str
    """Service id of block 1: ``01`` for a user message, ``21`` for an ACK / NAK."""
    line: int
    type: str | None = None
    """Message type of block 2 (``103``); None for a service message."""
    sender: str | None = None
    """Logical terminal address (12 characters: BIC8, terminal code, branch)."""
    sender_block: str | None = None
    receiver: str | None = None
    receiver_block: str | None = None
    user_header: dict[str, str] = field(default_factory=dict)
    fields: list[Field] = field(default_factory=list)
    text_block: bool = False
    """Whether block 4 was a text block of fields."""


def parse_message(message: MessageText) -> MtMessage:
    """The headers and fields of one message; :class:`MtError` if its syntax is broken."""
    blocks = _BlockReader(message).blocks()
    if not blocks or blocks[0].ident != "1":
        found = f"block {blocks[0].ident}" if blocks else "nothing"
        raise MtError(
            f"the message starts with {found}, not the basic header block 1", message.line
        )
    parsed = _basic_header(blocks[0].text, message.line)
    for block in blocks[1:]:
        line = message.line_at(block.start)
        if block.ident == "2":
            _application_header(parsed, block.text, line)
        elif block.ident == "3":
            parsed.user_header = dict(block.subs)
        elif block.ident == "4" and block.is_text_block:
            parsed.text_block = True
            parsed.fields = _fields(block.text, line)
    if parsed.service == SERVICE_ACK and parsed.text_block:
        raise MtError(
            "an acknowledgement (service 21) holding a text block of fields", message.line
        )
    if parsed.service != SERVICE_ACK:
        present = {block.ident for block in blocks}
        for ident, name in (("2", "application header"), ("4", "text")):
            if ident not in present:
                raise MtError(f"block {ident} ({name}) is missing", message.line)
        if not parsed.text_block:
            raise MtError("block 4 holds sub-blocks, not fields", message.line, "4")
    return parsed


class _Block(NamedTuple):
    ident: str
    start: int
    """Where the value starts in the message text."""
    text: str = ""
    """The value of blocks 1 and 2 and of a text block 4."""
    subs: tuple[tuple[str, str], ...] = ()
    """The ``{tag:value}`` sub-blocks of blocks 3, 5, S and of an acknowledgement's block 4."""
    is_text_block: bool = False


class _BlockReader:
    """Cuts a message text into its top-level blocks."""

    def __init__(self, message: MessageText) -> None:
        self.message = message
        self.text = message.text
        self.pos = 0
        self.block_start = 0

    def fail(self, problem: str, block: str | None = None, pos: int | None = None) -> MtError:
        return MtError(problem, self.message.line_at(self.pos if pos is None else pos), block)

    def blocks(self) -> list[_Block]:
        """Every block of the message, in order."""
        found: list[_Block] = []
        text = self.text
        while True:
            while self.pos < len(text) and text[self.pos].isspace():
                self.pos += 1
            if self.pos == len(text):
                return found
            if text[self.pos] == "}" and found:  # stray closing brace after a block
                self.pos += 1
                continue
            match = _BLOCK_START.match(text, self.pos)
            if match is None:
                if text[self.pos] == "{" and found and not text[self.pos + 1 :].strip():
                    return found  # a dangling opening brace at the end holds nothing
                raise self.fail(f"text outside a block: {text[self.pos : self.pos + 20]!r}")
            ident = match[1]
            self._check_order(ident, [block.ident for block in found])
            self.pos = self.block_start = match.end()
            found.append(self._block(ident))

    def _check_order(self, ident: str, before: list[str]) -> None:
        if ident not in _BLOCK_ORDER:
            raise self.fail(f"unknown block {{{ident}:}}")
        if before and _BLOCK_ORDER.index(ident) <= _BLOCK_ORDER.index(before[-1]):
            raise self.fail(f"block {ident} after block {before[-1]}", ident)

    def _block(self, ident: str) -> _Block:
        text, start = self.text, self.pos
        if ident == "4" and text[start : start + 1] in ("\r", "\n"):
            end = _TEXT_BLOCK_END.search(text, start)
            if end is None or end[0] in "{}":
                where = "the end of the message" if end is None else f"'{end[0]}'"
                raise self.fail(f"block 4 is not closed by a line '-}}' before {where}", "4")
            self.pos = end.end()
            return _Block(ident, start, text=text[start : end.start()], is_text_block=True)
        if ident in ("1", "2"):
            brace = _BRACE.search(text, start)
            self.pos = brace.start() if brace else len(text)
            self._close(ident)
            return _Block(ident, start, text=text[start : self.pos - 1])
        subs: list[tuple[str, str]] = []
        while sub := _SUB_BLOCK.match(text, self.pos):
            subs.append((sub[1], sub[2]))
            self.pos = sub.end()
        while self.pos < len(text) and text[self.pos].isspace():
            self.pos += 1
        self._close(ident)
        return _Block(ident, start, subs=tuple(subs))

    def _close(self, ident: str) -> None:
        if self.pos >= len(self.text):
            raise self.fail(f"block {ident} is not closed", ident, self.block_start)
        if self.text[self.pos] != "}":
            found = self.text[self.pos : self.pos + 20]
            raise self.fail(f"block {ident} is not closed before {found!r}", ident)
        self.pos += 1


def _basic_header(text: str, line: int) -> MtMessage:
    match = _BASIC_HEADER.fullmatch(text)
    if match is None:
        raise MtError(
            f"basic header {text[:40]!r} is not F01 + a 12-character address"
            " + session and sequence numbers",
            line,
            "1",
        )
    message = MtMessage(service=match[2] or "01", line=line)
    message.sender = match[3]
    message.sender_block = "1"
    return message


def _application_header(message: MtMessage, text: str, line: int) -> None:
    """Block 2 gives the type; an input message names its receiver there, an output message
    its sender, and then the address of block 1 is the receiver's."""
    if match := _INPUT_HEADER.fullmatch(text):
        message.type = match[1]
        message.receiver, message.receiver_block = match[2], "2"
    elif match := _OUTPUT_HEADER.fullmatch(text):
        message.type = match[1]
        message.receiver, message.receiver_block = message.sender, "1"
        message.sender, message.sender_block = match[2], "2"
    else:
        raise MtError(
            f"application header {text[:40]!r} is neither I<type><address>..."
            " nor O<type><time><date><address>...",
            line,
            "2",
        )


def _fields(value: str, first_line: int) -> list[Field]:
    fields: list[Field] = []
    tag: str | None = None
    tag_line = 0
    lines: list[FieldLine] = []
    for index, raw in enumerate(value.split("\n")):
        number = first_line + index
        text = raw.rstrip("\r")
        if not text.strip():
            continue
        if text.startswith(":"):
            match = _FIELD_TAG.match(text)
            if match is None:
                raise MtError(f"malformed field tag in {text[:20]!r}", number, "4")
            if tag is not None:
                fields.append(Field(tag, tuple(lines), tag_line))
            tag, tag_line = match[1], number
            rest = text[match.end() :]
            lines = [FieldLine(number, rest)] if rest.strip() else []
        elif tag is None:
            raise MtError(f"a field line outside a field: {text[:20]!r}", number, "4")
        else:
            lines.append(FieldLine(number, text))
    if tag is None:
        raise MtError("block 4 holds no fields", first_line, "4")
    fields.append(Field(tag, tuple(lines), tag_line))
    return fields
