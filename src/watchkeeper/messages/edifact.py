"""UN/EDIFACT syntax (ISO 9735): service string advice, segments and envelopes.

Reads interchanges the way passenger-data feeds really send them: a UNA announcing other
separators or the defaults without one, the release character, a whole interchange on one
line or one segment a line, segments wrapped over several physical lines in the middle of a
value (line breaks inside a segment are not data and are dropped), stray spaces and line
breaks between segments, text after UNZ, several interchanges, groups (UNG/UNE) and messages
(UNH/UNT) in one file, and multi-part messages (a UNH status of transfer such as ``01:C``).
Repetition separators are not split: no PAXLST or PNRGOV element repeats.

Nothing here knows what a message means; :mod:`.paxlst` and :mod:`.pnrgov` do, through
:func:`read_units`.  Problems are :class:`MessageFormatError` naming the segment (its number
in the file, line and byte offset) and, where it matters, the element and component.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import BinaryIO

from watchkeeper.messages.units import MessageFormatError, MessageWarning, ScreeningUnit


@dataclass(frozen=True, slots=True)
class Separators:
    """The service characters of an interchange (ISO 9735 level A defaults)."""

    component: str = ":"
    element: str = "+"
    release: str | None = "?"
    """None: the interchange has no release character."""
    terminator: str = "'"


LEVEL_A = Separators()
LEVEL_B = Separators(component="\x1f", element="\x1d", release=None, terminator="\x1c")
"""Syntax level B defaults (information separators IS1, IS3, IS4), used without a UNA when
UNB is followed by IS3."""

MAX_SEGMENT_BYTES = 20_000
"""Longest segment read.  Passenger-message segments are well under 1 KB; anything this long
is a broken file (often a wrong segment terminator), refused before it is decoded."""

_WHITESPACE = b" \t\r\n"
_BOM = b"\xef\xbb\xbf"
_TAG = re.compile(r"[A-Z][A-Z0-9]{2}")
_CURLY_APOSTROPHE = "\u2019".encode()
_CHARSETS = {
    "UNOC": "iso8859-1",
    "UNOD": "iso8859-2",
    "UNOE": "iso8859-5",
    "UNOF": "iso8859-7",
    "UNOG": "iso8859-3",
    "UNOH": "iso8859-4",
    "UNOI": "iso8859-6",
    "UNOJ": "iso8859-8",
    "UNOK": "iso8859-9",
}
"""Syntax identifiers naming a single-byte character set.  Every other one (UNOA and UNOB,
subsets of ASCII; UNOW and UNOY, ISO 10646; IATA) is read as UTF-8, which ASCII is part of:
feeds that declare level A but send UTF-8 names are read, anything else is refused."""


@dataclass(frozen=True, slots=True)
class Segment:
    """One segment: its tag, its data elements (each a tuple of components) and where it
    stands in the file."""

    tag: str
    elements: tuple[tuple[str, ...], ...]
    """The data elements after the tag; ``elements[0]`` is the standard's element 1."""
    number: int
    """Position in the file, counting from 1 (a UNA is not a segment)."""
    line: int
    offset: int
    """Byte offset of the segment's first character."""
    problem: str | None = None
    """Why the segment's content could not be read (then ``elements`` is empty)."""

    def component(self, element: int, component: int = 1) -> str:
        """Component ``component`` of element ``element``, both counted from 1 as in the
        segment layouts of the standard; "" where the segment has none."""
        if element > len(self.elements):
            return ""
        components = self.elements[element - 1]
        return components[component - 1] if component <= len(components) else ""

    def where(self) -> str:
        """The segment's place, for error messages."""
        return f"segment {self.number} ({self.tag or '?'}) at line {self.line}, byte {self.offset}"


@dataclass(slots=True)
class Message:
    """The segments of one UNH ... UNT message and what its envelope says."""

    number: int
    """Position among the file's messages, counting from 1."""
    header: Segment
    prepared: date | None
    """The date the interchange was prepared (UNB), for reading two-digit years."""
    segments: list[Segment] = field(default_factory=list)
    """The segments between UNH and UNT."""
    problems: list[MessageFormatError] = field(default_factory=list)
    """What is wrong with the message's envelope: a missing UNT, a UNT that disagrees."""

    @property
    def type(self) -> str:
        """The message type, e.g. ``PAXLST``."""
        return self.header.component(2, 1).strip()

    @property
    def name(self) -> str:
        """The message in paths and errors: ``UNH[2]``."""
        return f"UNH[{self.number}]"

    def describe(self) -> str:
        """The message's place for errors: number, reference, part and segment position."""
        reference = self.header.component(1).strip()
        part = (
            ":".join(c for c in self.header.elements[3] if c)
            if len(self.header.elements) > 3
            else ""
        )
        details = f"reference {reference!r}" + (f", part {part}" if part else "")
        return f"message {self.name} ({details}) at line {self.header.line}"

    def paths(self) -> dict[int, str]:
        """Each segment's path, by segment number: ``UNH[1]/NAD[3]`` is the message's third
        NAD segment."""
        seen: dict[str, int] = {}
        paths = {}
        for segment in self.segments:
            seen[segment.tag] = seen.get(segment.tag, 0) + 1
            paths[segment.number] = f"{self.name}/{segment.tag}[{seen[segment.tag]}]"
        return paths


class EnvelopeMismatch(MessageWarning):
    """A message or interchange that was read whole, but whose trailer (UNT, UNE, UNZ)
    disagrees with what was read: a wrong segment or message count, a different reference.
    The units of the message are still produced; this reports the disagreement."""


def read_messages(data: bytes, source: str) -> Iterator[Message | MessageFormatError]:
    """Every message of every interchange in ``data``, and the problems met on the way: a
    broken message is reported and reading goes on with the next one."""
    position = _skip_space(data, 0)
    if position == len(data):
        yield MessageFormatError(source, "", "the file holds no EDIFACT data")
        return
    count = _Counter()
    while position < len(data):
        try:
            separators, position = _service_string_advice(data, position, source)
        except MessageFormatError as error:
            yield error
            return
        segments = _SegmentReader(data, position, separators, count)
        interchange = _Interchange(source, segments, count)
        yield from interchange.read()
        if interchange.restart is not None:
            position = interchange.restart
            continue
        if not interchange.closed:
            return
        position = _skip_space(data, segments.end)
        if position < len(data) and not data.startswith((b"UNA", b"UNB"), position):
            first = next(iter(_SegmentReader(data, position, separators, count)), None)
            if first is not None:  # text that no terminator closes (a date stamp) is no data
                yield MessageFormatError(
                    source, first.where(), "segments after UNZ, outside any interchange"
                )
            return


def _service_string_advice(data: bytes, position: int, source: str) -> tuple[Separators, int]:
    """The separators of the interchange starting at ``position`` (from its UNA, else the
    defaults) and where its UNB starts."""
    if data.startswith(b"UNA", position):
        advice = data[position + 3 : position + 9]
        where = f"UNA at byte {position}"
        if len(advice) < 6:
            raise MessageFormatError(source, where, "the file ends inside the UNA segment")
        chars = advice.decode("latin-1")
        separators = Separators(
            component=chars[0],
            element=chars[1],
            release=None if chars[3] == " " else chars[3],
            terminator=chars[5],
        )
        _check_advice(separators, chars, source, where)
        start = _skip_space(data, position + 9)
        _check_unb(data, start, separators, source, "the separators the UNA announces")
        return separators, start
    if not data.startswith(b"UNB", position):
        snippet = data[position : position + 20].decode("latin-1")
        raise MessageFormatError(
            source,
            f"byte {position}",
            f"not an EDIFACT interchange: it starts with {snippet!r}, not UNA or UNB",
        )
    separators = LEVEL_B if data[position + 3 : position + 4] == b"\x1d" else LEVEL_A
    _check_unb(data, position, separators, source, "the default separators (there is no UNA)")
    return separators, position


def _check_advice(separators: Separators, chars: str, source: str, where: str) -> None:
    used = [separators.component, separators.element, separators.terminator]
    if separators.release:
        used.append(separators.release)
    bad = [c for c in used if c.isalnum() or c.isspace() or not c.isprintable() or ord(c) > 126]
    if bad:
        raise MessageFormatError(
            source, where, f"{chars!r} declares {bad[0]!r} as a separator: not usable as one"
        )
    if len(set(used)) < len(used):
        raise MessageFormatError(
            source, where, f"{chars!r} declares the same character for two separators"
        )


def _check_unb(data: bytes, position: int, separators: Separators, source: str, what: str) -> None:
    if not data.startswith(b"UNB", position):
        snippet = data[position : position + 20].decode("latin-1")
        raise MessageFormatError(
            source, f"byte {position}", f"expected the UNB segment, found {snippet!r}"
        )
    follows = data[position + 3 : position + 4].decode("latin-1")
    if not follows:
        raise MessageFormatError(source, f"UNB at byte {position}", "the file ends after UNB")
    if follows != separators.element and not follows.isspace():
        raise MessageFormatError(
            source,
            f"UNB at byte {position}",
            f"wrong separators: UNB is followed by {follows!r}, but {what} make "
            f"{separators.element!r} the element separator (component {separators.component!r},"
            f" segment terminator {separators.terminator!r})",
        )


def _skip_space(data: bytes, position: int) -> int:
    if data.startswith(_BOM, position):
        position += len(_BOM)
    while position < len(data) and data[position] in _WHITESPACE:
        position += 1
    return position


@dataclass(slots=True)
class _Counter:
    """Segment and message numbers across the interchanges of one file."""

    segments: int = 0
    messages: int = 0


class _SegmentReader:
    """Splits bytes into segments with one set of separators.  ``encoding`` is set from the
    UNB by the envelope reader and applies to the segments read after it."""

    def __init__(self, data: bytes, start: int, separators: Separators, count: _Counter) -> None:
        self.data = data
        self.end = start
        """Where the last segment read ended (after its terminator)."""
        self.separators = separators
        self.encoding = "ascii"
        self.charset = "ASCII (UNB is read before its syntax identifier)"
        """The character set in words, for errors."""
        self.count = count
        self.leftover: tuple[int, int] | None = None
        """Offset and line of data at the end that no terminator closes (truncation)."""
        terminator = re.escape(separators.terminator.encode("latin-1"))
        if separators.terminator == "'":  # a word processor's apostrophe at a line end
            terminator += b"|" + re.escape(_CURLY_APOSTROPHE) + b"(?=[\r\n])"
        self._terminator = re.compile(terminator)
        self._release = separators.release.encode("latin-1") if separators.release else None
        excluded = "".join(
            re.escape(c) for c in (separators.component, separators.element, separators.terminator)
        )
        self._invalid = re.compile(f"(?![{excluded}])[\x00-\x08\x0b-\x1f\x7f-\x9f]")
        self._line = 1 + data.count(b"\n", 0, start)
        self._line_at = start

    def __iter__(self) -> Iterator[Segment]:
        data, position = self.data, self.end
        while True:
            start = _skip_space(data, position)
            if start >= len(data):
                self.end = len(data)
                return
            found = self._find_terminator(start)
            if found is None:
                self.leftover = (start, self._line_of(start))
                self.end = len(data)
                return
            stop, after = found
            position = after
            self.end = after
            if stop == start:  # an empty segment between two terminators holds nothing
                continue
            self.count.segments += 1
            yield self._segment(start, stop)

    def _find_terminator(self, start: int) -> tuple[int, int] | None:
        position = start
        while True:
            found = self._terminator.search(self.data, position)
            if found is None:
                return None
            if not self._released(start, found.start()):
                return found.start(), found.end()
            position = found.end()

    def _released(self, start: int, at: int) -> bool:
        """Whether the character at ``at`` follows an odd run of release characters."""
        if self._release is None:
            return False
        run = 0
        while at - run - 1 >= start and self.data[at - run - 1] == self._release[0]:
            run += 1
        return run % 2 == 1

    def _line_of(self, offset: int) -> int:
        self._line += self.data.count(b"\n", self._line_at, offset)
        self._line_at = offset
        return self._line

    def _segment(self, start: int, stop: int) -> Segment:
        number, line = self.count.segments, self._line_of(start)
        raw = self.data[start:stop]
        if b"\r" in raw or b"\n" in raw:
            raw = raw.replace(b"\r", b"").replace(b"\n", b"")
        head = raw[:3].decode("latin-1")
        if len(raw) > MAX_SEGMENT_BYTES:
            problem = (
                f"the segment is {len(raw):,} bytes long (limit {MAX_SEGMENT_BYTES:,}): "
                f"a missing segment terminator {self.separators.terminator!r}?"
            )
            return Segment(head, (), number, line, start, problem)
        try:
            text = raw.decode(self.encoding)
        except UnicodeDecodeError as error:
            place = self._locate(raw[: error.start].decode("latin-1"))
            offset = self._original_offset(start, stop, error.start)
            problem = (
                f"byte 0x{raw[error.start]:02X} at byte offset {offset} ({place}) is not valid "
                f"in {self.charset}"
            )
            return Segment(head, (), number, line, start, problem)
        invalid = self._invalid.search(text)
        if invalid:
            problem = (
                f"invalid character U+{ord(invalid.group()):04X} "
                f"({self._locate(text[: invalid.start()])})"
            )
            return Segment(head, (), number, line, start, problem)
        parts = self._split(text)
        tag = parts[0][0].strip()
        if not _TAG.fullmatch(tag):
            problem = (
                f"{tag[:30]!r} is not a segment tag: wrong separators? (element "
                f"{self.separators.element!r}, component {self.separators.component!r}, segment "
                f"terminator {self.separators.terminator!r})"
            )
            return Segment(tag[:3], (), number, line, start, problem)
        return Segment(tag, tuple(tuple(p) for p in parts[1:]), number, line, start)

    def _split(self, text: str) -> list[list[str]]:
        component, element, release = (
            self.separators.component,
            self.separators.element,
            self.separators.release,
        )
        if release is None or release not in text:
            return [part.split(component) for part in text.split(element)]
        elements: list[list[str]] = []
        components: list[str] = []
        chars: list[str] = []
        escaped = False
        for char in text:
            if escaped:
                chars.append(char)
                escaped = False
            elif char == release:
                escaped = True
            elif char == component:
                components.append("".join(chars))
                chars = []
            elif char == element:
                components.append("".join(chars))
                elements.append(components)
                components, chars = [], []
            else:
                chars.append(char)
        components.append("".join(chars))
        elements.append(components)
        return elements

    def _locate(self, prefix: str) -> str:
        """Element and component of the character that follows ``prefix``."""
        parts = self._split(prefix)
        if len(parts) == 1:
            return "in the segment tag"
        return f"element {len(parts) - 1}, component {len(parts[-1])}"

    def _original_offset(self, start: int, stop: int, index: int) -> int:
        """The file offset of byte ``index`` of the segment once line breaks are dropped."""
        kept = 0
        for offset in range(start, stop):
            if self.data[offset] in b"\r\n":
                continue
            if kept == index:
                return offset
            kept += 1
        return stop


class _Interchange:
    """Groups one interchange's segments into messages and checks its envelope."""

    def __init__(self, source: str, segments: _SegmentReader, count: _Counter) -> None:
        self.source = source
        self.segments = segments
        self.count = count
        self.closed = False
        self.restart: int | None = None
        """Where a new interchange starts that came before this one's UNZ."""
        self.prepared: date | None = None
        self.message: Message | None = None
        self.outside: list[Segment] = []
        self.messages = 0
        self.groups = 0
        self.group: tuple[Segment, int] | None = None

    def read(self) -> Iterator[Message | MessageFormatError]:
        iterator = iter(self.segments)
        header = next(iterator, None)
        if header is None:
            start = self.segments.leftover or (self.segments.end, 0)
            terminator = self.segments.separators.terminator
            yield MessageFormatError(
                self.source,
                f"UNB at line {start[1]}, byte {start[0]}",
                f"no segment terminator {terminator!r} after the UNB: wrong separators, or the "
                "file is truncated",
            )
            return
        if header.tag != "UNB" or header.problem:
            problem = header.problem or f"expected UNB (interchange header), found {header.tag}"
            yield MessageFormatError(self.source, header.where(), problem)
            return
        syntax = header.component(1).strip().upper()
        self.segments.encoding = _CHARSETS.get(syntax, "utf-8")
        self.segments.charset = f"{self.segments.encoding} (UNB syntax identifier {syntax!r})"
        self.prepared = _prepared(header.component(4))
        for segment in iterator:
            if segment.tag in ("UNA", "UNB"):
                yield from self._interrupted(segment)
                return
            yield from self._take(segment, header)
            if self.closed:
                return
        yield from self._end_of_data()

    def _take(self, segment: Segment, header: Segment) -> Iterator[Message | MessageFormatError]:
        tag = segment.tag
        if tag == "UNH":
            yield from self._close_message(f"no UNT before the next UNH ({segment.where()})")
            yield from self._flush_outside()
            self.count.messages += 1
            self.messages += 1
            if self.group:
                self.group = (self.group[0], self.group[1] + 1)
            self.message = Message(self.count.messages, segment, self.prepared)
        elif tag == "UNT" and self.message is not None:
            yield self._finish(self.message, segment)
            self.message = None
        elif tag in ("UNG", "UNE", "UNZ"):
            yield from self._close_message(f"no UNT before {tag} ({segment.where()})")
            yield from self._flush_outside()
            yield from self._service(segment, header)
        elif self.message is not None:
            self.message.segments.append(segment)
        else:
            self.outside.append(segment)

    def _service(self, segment: Segment, header: Segment) -> Iterator[MessageFormatError]:
        if segment.tag == "UNG":
            self.groups += 1
            self.group = (segment, 0)
        elif segment.tag == "UNE":
            if self.group is None:
                yield MessageFormatError(self.source, segment.where(), "UNE without UNG")
                return
            opening, messages = self.group
            self.group = None
            yield from self._trailer(segment, messages, opening.component(5), "messages", "UNG")
        else:
            self.closed = True
            counted = self.groups or self.messages
            what = "groups" if self.groups else "messages"
            yield from self._trailer(segment, counted, header.component(5), what, "UNB")

    def _trailer(
        self, segment: Segment, counted: int, reference: str, what: str, opener: str
    ) -> Iterator[MessageFormatError]:
        disagreements = _disagreements(segment, counted, reference, what, opener)
        if disagreements:
            yield EnvelopeMismatch(self.source, segment.where(), "; ".join(disagreements))

    def _finish(self, message: Message, trailer: Segment) -> Message:
        counted = len(message.segments) + 2
        disagreements = _disagreements(
            trailer, counted, message.header.component(1), "segments", "UNH"
        )
        if disagreements:
            message.problems.append(
                EnvelopeMismatch(
                    self.source,
                    f"{message.describe()}, {trailer.where()}",
                    "; ".join(disagreements),
                )
            )
        return message

    def _close_message(self, why: str) -> Iterator[Message]:
        if self.message is not None:
            message, self.message = self.message, None
            message.problems.append(
                MessageFormatError(
                    self.source, message.describe(), f"the message is incomplete: {why}"
                )
            )
            yield message

    def _flush_outside(self) -> Iterator[MessageFormatError]:
        if self.outside:
            first, tags = self.outside[0], ", ".join(s.tag for s in self.outside[:5])
            more = ", ..." if len(self.outside) > 5 else ""
            yield MessageFormatError(
                self.source,
                first.where(),
                f"{len(self.outside)} segment(s) ({tags}{more}) outside any message: no UNH "
                "before them",
            )
            self.outside = []

    def _interrupted(self, segment: Segment) -> Iterator[Message | MessageFormatError]:
        why = f"the interchange has no UNZ: a new one starts at {segment.where()}"
        if self.message is not None:
            yield from self._close_message(why)
        else:
            yield MessageFormatError(self.source, segment.where(), why)
        yield from self._flush_outside()
        self.count.segments -= 1  # the next interchange counts it again
        self.restart = segment.offset

    def _end_of_data(self) -> Iterator[Message | MessageFormatError]:
        leftover = self.segments.leftover
        if leftover is not None:
            offset, line = leftover
            snippet = self.segments.data[offset : offset + 30].decode("latin-1")
            why = (
                f"the file is truncated: it ends inside a segment at line {line}, byte {offset} "
                f"({snippet!r}) with no segment terminator and no UNZ"
            )
        else:
            why = "the file ends without UNZ (truncated interchange)"
        if self.message is not None:
            yield from self._close_message(why)
        else:
            yield MessageFormatError(self.source, "end of file", why)
        yield from self._flush_outside()


def _disagreements(
    trailer: Segment, counted: int, reference: str, what: str, opener: str
) -> list[str]:
    found = []
    declared = trailer.component(1).strip()
    if not declared.isdigit():
        found.append(f"{trailer.tag} gives no count of {what} ({declared!r})")
    elif int(declared) != counted:
        found.append(f"{trailer.tag} counts {int(declared)} {what}, the file has {counted}")
    given = trailer.component(2).strip()
    if given != reference.strip():
        shown = repr(given) if given else "no reference"
        found.append(f"{trailer.tag} gives {shown}, {opener} gives {reference.strip()!r}")
    return found


def _prepared(text: str) -> date | None:
    """The UNB preparation date: ``YYMMDD`` (syntax versions 1 to 3) or ``CCYYMMDD`` (4)."""
    digits = text.strip()
    try:
        if len(digits) == 6 and digits.isdigit():
            return date(2000 + int(digits[:2]), int(digits[2:4]), int(digits[4:]))
        if len(digits) == 8 and digits.isdigit():
            return date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None
    return None


def sniff(head: bytes, formats: Mapping[str, str]) -> str | None:
    """The format name (a value of ``formats``, keyed by EDIFACT message type) of the first
    message in ``head``, if ``head`` starts an EDIFACT interchange; None otherwise.  When the
    head cannot be split into segments (wrong separators), the first message type named in it
    decides, so that the reader gets to say what is wrong."""
    start = _skip_space(head, 0)
    if not head.startswith((b"UNA", b"UNB"), start):
        return None
    try:
        separators, position = _service_string_advice(head, start, "")
    except MessageFormatError:
        separators, position = LEVEL_A, start
    for segment in _SegmentReader(head, position, separators, _Counter()):
        if segment.tag == "UNH" and not segment.problem:
            return formats.get(segment.component(2).strip().upper())
    found = [(head.find(key.encode()), name) for key, name in formats.items()]
    found = [(at, name) for at, name in found if at >= 0]
    return min(found)[1] if found else None


UnitBuilder = Callable[[Message, str], Iterator[ScreeningUnit | MessageFormatError]]
"""Turns one message into screening units (and errors for the parts it cannot read)."""


def read_units(
    stream: BinaryIO,
    source: str,
    expected: str | None,
    format_name: str,
    message_type: str,
    build: UnitBuilder,
) -> Iterator[ScreeningUnit | MessageFormatError]:
    """The units of every ``message_type`` message of the file, built by ``build``; an error
    for each message of another type, for each broken message and for envelope problems."""
    if expected is not None and expected != format_name:
        raise MessageFormatError(
            source, "", f"expected {expected}, but this reader reads {format_name}"
        )
    read_any = False
    for item in read_messages(stream.read(), source):
        if isinstance(item, MessageFormatError):
            if expected and not read_any and not isinstance(item, EnvelopeMismatch):
                problem = f"expected {expected} (an EDIFACT {message_type} message): {item.problem}"
                item = MessageFormatError(source, item.where, problem)
            yield item
            continue
        read_any = True
        if item.header.problem:
            yield MessageFormatError(source, item.header.where(), item.header.problem)
        elif item.type.upper() != message_type:
            wanted = f"{expected} (as asked)" if expected else format_name
            yield MessageFormatError(
                source,
                item.describe(),
                f"expected a {message_type} message for {wanted}, found {item.type or 'none'!r}",
            )
        else:
            yield from build(item, source)
        yield from item.problems
