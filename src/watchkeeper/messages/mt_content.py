"""What MT fields yield (parties, free texts, countries) and the line handling every field
shares: size limits, and lines wrapped at 35 characters joined back.

A sender's system cuts a text that does not fit on a line after the 35th character, in the
middle of a word if need be (``AUG`` / ``UST``).  So a line filled to its width is joined to
the next one without a space, a shorter line with one; a name joined without a space is
also given with one, in case the full line happened to end with a whole word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from watchkeeper.messages.bank_codes import bic_country
from watchkeeper.messages.mt_blocks import Field
from watchkeeper.messages.units import CountryRef, CountryRole, FreeText, Party
from watchkeeper.model import Identifier, IdType, Query, Schema

LINE_WIDTH = 35
"""Characters on a line of the name, address and narrative fields."""

_LETTER = re.compile(r"[^\W\d_]")

Part = tuple[str, bool]
"""A line's text and whether the line was filled to its width."""


@dataclass(slots=True)
class FieldContent:
    """The parties, free texts and countries read from fields."""

    parties: list[Party] = field(default_factory=list)
    texts: list[FreeText] = field(default_factory=list)
    countries: list[CountryRef] = field(default_factory=list)

    def extend(self, other: FieldContent) -> None:
        self.parties.extend(other.parties)
        self.texts.extend(other.texts)
        self.countries.extend(other.countries)

    def add_text(self, path: str, text: str) -> None:
        """Keep ``text`` (whitespace collapsed) if it has a letter."""
        cleaned = " ".join(text.split())
        if _LETTER.search(cleaned):
            self.texts.append(FreeText(path, cleaned))


def bic_party(path: str, role: str, bic: str, content: FieldContent) -> None:
    """Add a party known by its BIC (and its BIC country) to ``content``."""
    country = bic_country(bic)
    query = Query(
        id=path,
        names=[],
        schema=Schema.ORGANIZATION,
        countries=[country.lower()] if country else [],
        identifiers=[Identifier(IdType.BIC, bic, country.lower() if country else None)],
    )
    content.parties.append(Party(path, role, query))
    if country:
        content.countries.append(CountryRef(path, country, CountryRole.BIC))


def check_size(checked: Field, max_lines: int, first_line_width: int = LINE_WIDTH) -> None:
    """Refuse a field with no line, more than ``max_lines`` lines or a line wider than
    :data:`LINE_WIDTH` (``first_line_width`` for a first line starting with ``/``)."""
    if not checked.lines:
        raise checked.error("the field is empty")
    if len(checked.lines) > max_lines:
        raise checked.error(f"{len(checked.lines):,} lines, more than the {max_lines} it may have")
    for index, line in enumerate(checked.lines):
        width = first_line_width if index == 0 and line.text.startswith("/") else LINE_WIDTH
        length = len(line.text.rstrip())
        if length > width:
            raise checked.error(f"a line of {length:,} characters, more than {width}", line.number)


def part(text: str, whole_line: str | None = None) -> Part:
    """``text`` with whether its line (``whole_line``, if the text is only part of it) is
    filled to the width."""
    line = text if whole_line is None else whole_line
    return text, len(line) >= LINE_WIDTH


def join_wrapped(parts: Sequence[Part]) -> str:
    """Lines joined back: directly after a line filled to its width, else with a space."""
    pieces: list[str] = []
    for index, (text, _) in enumerate(parts):
        if index and not parts[index - 1][1]:
            pieces.append(" ")
        pieces.append(text)
    return " ".join("".join(pieces).split())


def name_variants(parts: Sequence[Part]) -> list[str]:
    """The name the lines make, and the name with a space at every line break if that
    differs (a full line may also have ended with a whole word)."""
    joined = join_wrapped(parts)
    spaced = " ".join(" ".join(text for text, _ in parts).split())
    if not joined:
        return []
    return [joined] if spaced == joined else [joined, spaced]
