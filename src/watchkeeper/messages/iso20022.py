"""ISO 20022 payment messages read into screening units: pacs.008, pacs.009, pacs.004, pain.001.

The message is recognised by its message element (``FIToFICstmrCdtTrf``, ``FICdtTrf``,
``PmtRtr``, ``CstmrCdtTrfInitn``), never by a version string: headers and namespaces of real
files disagree.  A business application header (``AppHdr``, head.001) before the
``Document``, an envelope around both, several documents in one envelope and namespace
prefixes are all read.

Every transaction is its own screening unit: ``CdtTrfTxInf[n]`` (pacs.008, pacs.009),
``TxInf[n]`` (pacs.004) and ``PmtInf[i]/CdtTrfTxInf[n]`` (pain.001).  The parties of the
header, of the group header and of a payment information block are copied into each unit
they apply to.  When a file holds several documents, the units and paths of the second and
later ones start with ``msg[n]/``.

Files are streamed: each transaction is read, handed over and dropped before the next one,
so bulk files of tens of megabytes are read in bounded memory.  Untrusted XML is parsed
without DTDs, entity expansion or network access; a file declaring a DTD is refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from lxml import etree

from watchkeeper.messages.iso20022_fields import Findings, read_block
from watchkeeper.messages.units import MessageFormatError, ScreeningUnit
from watchkeeper.sources.xmlsafe import local_name, source_line

FORMATS: tuple[str, ...] = ("pacs.008", "pacs.009", "pacs.004", "pain.001")

_MESSAGE_FORMATS = {
    "FIToFICstmrCdtTrf": "pacs.008",
    "FICdtTrf": "pacs.009",
    "PmtRtr": "pacs.004",
    "CstmrCdtTrfInitn": "pain.001",
}
_TRANSACTION = {"pacs.008": "CdtTrfTxInf", "pacs.009": "CdtTrfTxInf", "pacs.004": "TxInf"}
_PAYMENT_BLOCK = "PmtInf"
"""pain.001 groups its transactions (``CdtTrfTxInf``) in payment information blocks."""

_HEAD_BYTES = 64 * 1024
_CHUNK_BYTES = 64 * 1024
_SNIFF = re.compile(
    rb"<(?:[A-Za-z_][\w.\-]*:)?(" + "|".join(_MESSAGE_FORMATS).encode() + rb")[\s/>]"
)
_POSITION_SUFFIX = re.compile(r"(?:,? line \d+)+(?:, column \d+)?$")
"""libxml2 repeats the position at the end of its messages; the error names it once."""
_STREAMED = ("AppHdr", "Document", "GrpHdr", "PmtInf", "CdtTrfTxInf", "TxInf", *_MESSAGE_FORMATS)


def sniff(head: bytes) -> str | None:
    """The format of a file starting with ``head`` if it holds one of the payment messages
    read here, else None."""
    match = _SNIFF.search(head)
    return _MESSAGE_FORMATS[match[1].decode()] if match else None


def read_units(
    stream: BinaryIO, source: str, expected: str | None = None
) -> Iterator[ScreeningUnit | MessageFormatError]:
    """Every transaction of the file as a screening unit, in order.

    A document of another kind (or of another format than ``expected``) or without
    transactions gives a :class:`MessageFormatError` and the next document is read; XML
    that is not well-formed (truncated, not UTF-8 as declared, not XML at all) ends the
    file with an error naming line and column.
    """
    if expected is not None and expected not in FORMATS:
        yield MessageFormatError(source, "", f"{expected} is not one of {', '.join(FORMATS)}")
        return
    parser = etree.XMLPullParser(
        events=("start", "end"),
        tag=[f"{{*}}{name}" for name in _STREAMED],
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    reader = _MessageStream(source, expected)
    try:
        chunk = stream.read(_HEAD_BYTES)
        if sniff(chunk) is None:
            wanted = expected or " or ".join(FORMATS)
            raise MessageFormatError(
                source,
                "start of file",
                f"expected an ISO 20022 {wanted} message; none of the message elements "
                f"{', '.join(_MESSAGE_FORMATS)} stands in the first {_HEAD_BYTES:,} bytes",
            )
        while chunk:
            parser.feed(chunk)
            yield from reader.handle(parser.read_events())
            chunk = stream.read(_CHUNK_BYTES)
        parser.close()
        yield from reader.handle(parser.read_events())
        yield from reader.finish()
    except etree.XMLSyntaxError as error:
        yield _syntax_error(source, error)
    except MessageFormatError as error:
        yield error


def _syntax_error(source: str, error: etree.XMLSyntaxError) -> MessageFormatError:
    line, column = error.position if error.position else (0, 0)
    where = f"line {line}, column {column}" if line > 0 else "end of file"
    problem = _POSITION_SUFFIX.sub("", error.msg)
    return MessageFormatError(source, where, f"not well-formed XML: {problem}")


@dataclass(slots=True)
class _Message:
    """The message being read: its format, numbering and the parties common to its units."""

    element: etree._Element
    format: str
    prefix: str
    """``""`` for the first document of a file, ``msg[n]/`` for later ones."""
    header: Findings
    skipped: bool = False
    blocks: int = 0
    block: etree._Element | None = None
    block_findings: Findings | None = None
    transactions: int = 0
    """Transactions read so far in the message (pacs) or in the current block (pain.001)."""
    units: int = 0


@dataclass(slots=True)
class _MessageStream:
    """Turns the parser's start/end events into screening units and errors."""

    source: str
    expected: str | None
    documents: int = 0
    document_has_message: bool = False
    header: Findings = field(default_factory=Findings)
    message: _Message | None = None
    checked_doctype: bool = False

    def handle(
        self, events: Iterable[tuple[str, object]]
    ) -> Iterator[ScreeningUnit | MessageFormatError]:
        for event, element in events:
            if not isinstance(element, etree._Element):
                continue
            if not self.checked_doctype:
                self.refuse_doctype(element)
            name = local_name(element)
            if event == "start":
                yield from self.start(element, name)
            else:
                yield from self.end(element, name)

    def refuse_doctype(self, element: etree._Element) -> None:
        self.checked_doctype = True
        if element.getroottree().docinfo.internalDTD is not None:
            raise MessageFormatError(
                self.source,
                "DOCTYPE",
                "a document type declaration (DTD, entities) is not allowed in a payment message",
            )

    def start(self, element: etree._Element, name: str) -> Iterator[MessageFormatError]:
        message = self.message
        if message is not None:  # within a message only its payment blocks matter here
            if name == _PAYMENT_BLOCK and self.in_message(element):
                message.blocks += 1
                message.block = element
                message.block_findings = None
                message.transactions = 0
        elif name == "Document":
            self.documents += 1
            self.document_has_message = False
        elif name in _MESSAGE_FORMATS:
            yield from self.start_message(element, name)

    def start_message(self, element: etree._Element, name: str) -> Iterator[MessageFormatError]:
        parent = element.getparent()
        if parent is None or local_name(parent) != "Document":
            self.documents += 1  # a message element without its Document still counts
        self.document_has_message = True
        message = _Message(
            element,
            _MESSAGE_FORMATS[name],
            "" if self.documents == 1 else f"msg[{self.documents}]/",
            self.header,
        )
        self.header = Findings()
        self.message = message
        if self.expected is not None and message.format != self.expected:
            message.skipped = True
            yield self.error(element, f"expected {self.expected}, found {message.format} ({name})")

    def end(
        self, element: etree._Element, name: str
    ) -> Iterator[ScreeningUnit | MessageFormatError]:
        message = self.message
        if message is None:
            if name == "AppHdr":
                number = self.documents + 1
                path = "AppHdr" if number == 1 else f"msg[{number}]/AppHdr"
                self.header = read_block(element, path, skip=frozenset({"Rltd"}))
                _release(element)
            elif name == "Document":
                if not self.document_has_message:
                    yield self.error(element, f"{_content_name(element)} is not a payment message")
                self.header = Findings()
                _release(element)
        elif element is message.element:
            yield from self.end_message(message)
        elif name == "GrpHdr" and self.in_message(element):
            if not message.skipped:
                group = read_block(element, f"{message.prefix}GrpHdr")
                _extend(message.header, group)
            _release(element)
        elif name == _PAYMENT_BLOCK and self.in_message(element):
            if message.transactions == 0 and not message.skipped:
                path = f"{message.prefix}{_PAYMENT_BLOCK}[{message.blocks}]"
                yield self.error(element, f"{path} holds no CdtTrfTxInf")
            message.block = None
            _release(element)
        elif self.is_transaction(element, name):
            yield from self.transaction(message, element, name)
            _release(element)

    def finish(self) -> Iterator[MessageFormatError]:
        """After the last event: a file in which no payment message was found says so."""
        if self.documents == 0:
            yield MessageFormatError(
                self.source,
                "",
                f"no payment message element ({', '.join(_MESSAGE_FORMATS)}) in the document",
            )

    def end_message(self, message: _Message) -> Iterator[MessageFormatError]:
        blocks_reported = message.format == "pain.001" and message.blocks > 0
        if message.units == 0 and not message.skipped and not blocks_reported:
            wanted = _TRANSACTION.get(message.format, f"{_PAYMENT_BLOCK}/CdtTrfTxInf")
            element_name = local_name(message.element)
            yield self.error(message.element, f"{element_name} holds no {wanted}")
        self.message = None
        _release(message.element)

    def transaction(
        self, message: _Message, element: etree._Element, name: str
    ) -> Iterator[ScreeningUnit]:
        message.transactions += 1
        if message.skipped:
            return
        block_path = ""
        block = Findings()
        if message.block is not None:
            block_path = f"{_PAYMENT_BLOCK}[{message.blocks}]/"
            if message.block_findings is None:
                message.block_findings = read_block(
                    message.block,
                    f"{message.prefix}{_PAYMENT_BLOCK}[{message.blocks}]",
                    skip=frozenset({"CdtTrfTxInf"}),
                )
            block = message.block_findings
        unit_path = f"{message.prefix}{block_path}{name}[{message.transactions}]"
        found = read_block(element, unit_path)
        message.units += 1
        yield ScreeningUnit(
            source=self.source,
            format=message.format,
            unit=unit_path,
            parties=[*message.header.parties, *block.parties, *found.parties],
            texts=[*message.header.texts, *block.texts, *found.texts],
            countries=[*message.header.countries, *block.countries, *found.countries],
        )

    def in_message(self, element: etree._Element) -> bool:
        """Whether ``element`` is a direct child of the message element being read."""
        return self.message is not None and element.getparent() is self.message.element

    def is_transaction(self, element: etree._Element, name: str) -> bool:
        assert self.message is not None
        if self.message.format == "pain.001":
            block = self.message.block
            return name == "CdtTrfTxInf" and block is not None and element.getparent() is block
        return name == _TRANSACTION[self.message.format] and self.in_message(element)

    def error(self, element: etree._Element, problem: str) -> MessageFormatError:
        line = source_line(element)
        document = "" if self.documents <= 1 else f"msg[{self.documents}], "
        return MessageFormatError(self.source, f"{document}line {line}", problem)


def _content_name(document: etree._Element) -> str:
    """What a ``Document`` holds, for an error message."""
    for child in document:
        if isinstance(child.tag, str):
            return f"Document/{local_name(child)}"
    return "an empty Document"


def _extend(into: Findings, more: Findings) -> None:
    into.parties.extend(more.parties)
    into.texts.extend(more.texts)
    into.countries.extend(more.countries)


def _release(element: etree._Element) -> None:
    """Free a finished element and whatever came before it, so memory stays bounded."""
    element.clear()
    parent = element.getparent()
    if parent is None:
        return
    while element.getprevious() is not None:
        del parent[0]
