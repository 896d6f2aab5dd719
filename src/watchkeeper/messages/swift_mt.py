"""SWIFT MT payment messages (MT101, MT103, MT202, MT202COV) and RJE batches of them, read
into screening units.

Units: one per MT103, MT202 and MT202COV message (``msg[2]``), one per transaction of an
MT101 (``msg[1]/B[3]``: sequence B number 3), messages numbered in file order with RJE
acknowledgements (ACK / NAK service messages) left out of the count and out of the units.
Paths name the message, block, sequence, field and part: ``msg[2]/B4/59F/1`` (the ``1/``
name lines of 59F), ``msg[1]/B4/50K/name``, ``msg[1]/B4/72/line[3]`` (the narrative item
starting on line 3 of 72), ``msg[1]/B2`` (the address in the application header).  MT202COV
and MT101 fields carry their sequence: ``msg[1]/B4/A/58A``, ``msg[1]/B4/B/50F/1`` (the
underlying customer transfer of a cover payment), ``msg[1]/B4/B[2]/59/name``.  A field
repeated within a sequence gets its occurrence: ``23E[2]``.

Every unit holds the sender and receiver of the headers (banks known by their BIC), the
sanctions screening note of block 3 (``{433:}``, as free text), and every party and
narrative field of its message; an MT101 transaction also holds the parties of sequence A.
What each field gives is described in :mod:`.mt_parties` and :mod:`.mt_narrative`, the
block syntax in :mod:`.mt_blocks`, the reading of the file in :mod:`.mt_stream`.

A message that breaks the syntax, lacks a mandatory party (50a and 59a of an MT103 or of
the cover part of an MT202COV, 58a of an MT202, 59a of an MT101 transaction) or is of
another type gives a :class:`MessageFormatError` naming the message, block, field and line;
the next message is read all the same.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import BinaryIO

from watchkeeper.messages.bank_codes import is_bic
from watchkeeper.messages.mt_blocks import SERVICE_ACK, Field, MtError, MtMessage, parse_message
from watchkeeper.messages.mt_content import FieldContent, bic_party
from watchkeeper.messages.mt_narrative import NARRATIVE_TAGS, read_narrative
from watchkeeper.messages.mt_parties import read_party
from watchkeeper.messages.mt_stream import MessageText, UnreadableText, message_texts
from watchkeeper.messages.units import MessageFormatError, ScreeningUnit

FORMATS: tuple[str, ...] = ("mt101", "mt103", "mt202", "mt202cov")

_TYPES = {"101": "mt101", "103": "mt103", "202": "mt202"}
_KNOWN = "MT101, MT103, MT202 or MT202COV"
_ACK_START = re.compile(r"\s*\{1:[FAL]" + SERVICE_ACK)
_SNIFF_TYPE = re.compile(rb"\{2:[IO](\d{3})")
_SNIFF_SKIP = b"\xef\xbb\xbf \t\r\n$"

_ROLES = {
    "50": "ordering_customer",
    "51": "sending_institution",
    "52": "ordering_institution",
    "53": "senders_correspondent",
    "54": "receivers_correspondent",
    "55": "third_reimbursement_institution",
    "56": "intermediary_institution",
    "57": "account_with_institution",
    "58": "beneficiary_institution",
    "59": "beneficiary",
}
_MT101_ROLES = {
    "50C": "instructing_party",
    "50L": "instructing_party",
    "52A": "account_servicing_institution",
    "52C": "account_servicing_institution",
}
_CUSTOMER_FIELDS = frozenset({"50", "59"})
_MANDATORY = {"50": "ordering customer", "58": "beneficiary institution", "59": "beneficiary"}


def sniff(head: bytes) -> str | None:
    """The format of a file whose first bytes are ``head``: it starts with a basic header
    ``{1:`` and its first application header names an MT101, MT103 or MT202 (with
    ``{119:COV}`` in block 3, an MT202COV)."""
    if not head.lstrip(_SNIFF_SKIP).startswith(b"{1:"):
        return None
    match = _SNIFF_TYPE.search(head)
    name = _TYPES.get(match[1].decode()) if match else None
    if match is None or name is None:
        return None
    text_block = head.find(b"{4:", match.end())
    headers = head[match.end() : text_block if text_block >= 0 else len(head)]
    return "mt202cov" if name == "mt202" and b"{119:COV}" in headers else name


def read_units(
    stream: BinaryIO, source: str, expected: str | None = None
) -> Iterator[ScreeningUnit | MessageFormatError]:
    """Every screening unit of the MT messages in ``stream``, in order; a message that cannot
    be read gives a :class:`MessageFormatError` and reading goes on with the next one.
    ``expected``: the format the user asked for; a message of another type is an error."""
    if expected is not None and expected not in FORMATS:
        raise MessageFormatError(source, "", f"{expected} is not one of {', '.join(FORMATS)}")
    number = 0
    anything = False
    for item in message_texts(stream):
        anything = True
        if isinstance(item, MessageText) and _ACK_START.match(item.text):
            yield from _check_acknowledgement(item, source)
            continue
        number += 1
        label = f"msg[{number}]"
        if isinstance(item, UnreadableText):
            yield MessageFormatError(source, f"{label}, {item.where}", item.problem)
            continue
        try:
            yield from _message_units(item, source, label, expected)
        except MtError as error:
            where = f"{label}, {error.where}" if error.where else label
            yield MessageFormatError(source, where, _problem(item, error, expected))
    if not anything:
        yield MessageFormatError(source, "", "no SWIFT MT message in the file")


def _problem(item: MessageText, error: MtError, expected: str | None) -> str:
    if item.text.lstrip().startswith("{"):
        return error.problem
    wanted = expected or _KNOWN
    return f"not a SWIFT MT message (expected {wanted}): {error.problem}"


def _check_acknowledgement(item: MessageText, source: str) -> Iterator[MessageFormatError]:
    """An ACK / NAK is no screening unit, but a broken one may hide a message: report it."""
    try:
        parse_message(item)
    except MtError as error:
        where = f"acknowledgement at line {item.line}, {error.where}"
        yield MessageFormatError(source, where, error.problem)


def _message_units(
    item: MessageText, source: str, label: str, expected: str | None
) -> list[ScreeningUnit]:
    message = parse_message(item)
    found = _format(message)
    if expected is not None and found != expected:
        raise MtError(f"expected {expected}, found {found}", message.line, "2")
    header = _header_content(message, label)
    fields = message.fields
    if found == "mt101":
        return _mt101_units(source, label, header, fields)
    if found == "mt202cov":
        cover_start = next((i for i, f in enumerate(fields) if f.number == "50"), len(fields))
        general, cover = fields[:cover_start], fields[cover_start:]
        _require(general, ("58",), "MT202COV sequence A")
        _require(cover, ("50", "59"), "MT202COV sequence B (underlying customer credit transfer)")
        content = _sequence_content(general, f"{label}/B4/A")
        content.extend(_sequence_content(cover, f"{label}/B4/B"))
    else:
        _require(fields, ("50", "59") if found == "mt103" else ("58",), found.upper())
        content = _sequence_content(fields, f"{label}/B4")
    return [_unit(source, found, label, header, content)]


def _format(message: MtMessage) -> str:
    name = _TYPES.get(message.type or "")
    if name is None:
        raise MtError(
            f"message type MT{message.type} is not read here (only {_KNOWN})", message.line, "2"
        )
    return "mt202cov" if name == "mt202" and message.user_header.get("119") == "COV" else name


def _header_content(message: MtMessage, label: str) -> FieldContent:
    content = FieldContent()
    for address, block, role in (
        (message.sender, message.sender_block, "sender"),
        (message.receiver, message.receiver_block, "receiver"),
    ):
        if address is None:
            continue
        bic = address[:8] + address[9:]
        if not is_bic(bic):
            raise MtError(f"address {address!r} is not a BIC with a terminal code", None, block)
        bic_party(f"{label}/B{block}", role, bic, content)
    screening_note = message.user_header.get("433")
    if screening_note:
        content.add_text(f"{label}/B3/433", re.sub(r"^/[A-Z]{3}/", "", screening_note))
    return content


def _mt101_units(
    source: str, label: str, header: FieldContent, fields: list[Field]
) -> list[ScreeningUnit]:
    starts = [index for index, field in enumerate(fields) if field.tag == "21"]
    if not starts:
        raise MtError("MT101 without a transaction (sequence B starting with field 21)", None, "4")
    general = fields[: starts[0]]
    common = _sequence_content(general, f"{label}/B4/A", _MT101_ROLES)
    ordering_in_general = _has_ordering_customer(general)
    units = []
    ends = [*starts[1:], len(fields)]
    for number, (start, end) in enumerate(zip(starts, ends, strict=True), start=1):
        transaction = fields[start:end]
        where = f"MT101 sequence B[{number}]"
        _require(transaction, ("59",), where)
        if not (ordering_in_general or _has_ordering_customer(transaction)):
            raise MtError(f"{where}: no ordering customer (50F, 50G or 50H) in it or in sequence A")
        content = _sequence_content(transaction, f"{label}/B4/B[{number}]", _MT101_ROLES)
        units.append(_unit(source, "mt101", f"{label}/B[{number}]", header, common, content))
    return units


def _has_ordering_customer(fields: Sequence[Field]) -> bool:
    return any(field.tag in ("50F", "50G", "50H") for field in fields)


def _require(fields: Sequence[Field], numbers: tuple[str, ...], where: str) -> None:
    present = {field.number for field in fields}
    for number in numbers:
        if number not in present:
            raise MtError(f"{where} has no field {number}a ({_MANDATORY[number]})", None, "4")


def _sequence_content(
    fields: Sequence[Field], prefix: str, roles: dict[str, str] | None = None
) -> FieldContent:
    content = FieldContent()
    seen: Counter[str] = Counter()
    for field in fields:
        seen[field.tag] += 1
        path = f"{prefix}/{field.tag}" + (f"[{seen[field.tag]}]" if seen[field.tag] > 1 else "")
        if field.number in _ROLES:
            role = (roles or {}).get(field.tag) or _ROLES[field.number]
            institution = field.number not in _CUSTOMER_FIELDS
            content.extend(read_party(field, path, role, institution))
        elif field.tag in NARRATIVE_TAGS:
            content.extend(read_narrative(field, path))
    return content


def _unit(source: str, format_name: str, unit: str, *contents: FieldContent) -> ScreeningUnit:
    merged = FieldContent()
    for content in contents:
        merged.extend(content)
    return ScreeningUnit(
        source=source,
        format=format_name,
        unit=unit,
        parties=merged.parties,
        texts=merged.texts,
        countries=merged.countries,
    )
