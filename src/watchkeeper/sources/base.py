"""What every list parser returns, and the errors it raises."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from watchkeeper.model import Entity


@dataclass(frozen=True, slots=True)
class Location:
    """Where in an input file something is: any of line, element and field may be known."""

    file: str
    line: int | None = None
    element: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.element:
            parts.append(self.element)
        if self.field:
            parts.append(f"field {self.field}")
        return ", ".join(parts)


class ListFormatError(Exception):
    """A list file cannot be read at all (truncated, not the expected format, ...)."""

    def __init__(self, location: Location, message: str) -> None:
        super().__init__(f"{location}: {message}")
        self.location = location
        self.message = message


@dataclass(frozen=True, slots=True)
class RecordProblem:
    """A record that could not be read (error) or a value kept only as raw text (warning)."""

    location: Location
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


@dataclass(slots=True)
class ListSnapshot:
    """One parsed list file (or file set): its entities and what went wrong on the way.

    A snapshot with ``errors`` must not replace a good version: a list with a record
    missing is a list that lets a designated party through.
    """

    list_name: str
    format: str
    files: list[Path]
    published: str | None = None
    """Publication date or timestamp read from the file itself (ISO 8601), if it has one."""
    entities: list[Entity] = field(default_factory=list)
    errors: list[RecordProblem] = field(default_factory=list)
    warnings: list[RecordProblem] = field(default_factory=list)


Parser = Callable[[Sequence[Path]], ListSnapshot]
"""A parser takes the file(s) of one list version and returns its snapshot.

It raises :class:`ListFormatError` when the input is not readable as its format at all and
reports per-record problems in :attr:`ListSnapshot.errors` / ``warnings``.
"""


@dataclass(frozen=True, slots=True)
class ListFormat:
    """A list file format watchkeeper can read.

    ``sniff`` gets the file's path and its first bytes (already decompressed for ``.gz``) and
    says whether the file is in this format.  ``companions`` names the other files of a set
    (OFAC's ``add.csv`` beside ``sdn.csv``); the main file is the one ``sniff`` accepts.
    """

    name: str
    list_name: str
    description: str
    sniff: Callable[[Path, bytes], bool]
    parse: Parser
    companions: Callable[[Path], list[Path]] | None = None
