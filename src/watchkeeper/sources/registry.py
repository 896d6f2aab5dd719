"""The list formats watchkeeper reads, and how a set of files is told apart by content."""

from __future__ import annotations

import gzip
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from pathlib import Path

from watchkeeper.sources.base import ListFormat, ListFormatError, Location

_PARSER_MODULES = (
    "un",
    "ofac_csv",
    "ofac_xml",
    "uk",
    "eu",
    "canada",
    "us_csl",
    "us_dpl",
    "ftm",
)
"""Modules under ``watchkeeper.sources`` that define ``FORMATS``; order matters for sniffing."""

SNIFF_BYTES = 65536


@cache
def all_formats() -> tuple[ListFormat, ...]:
    """Every known list format, in sniffing order."""
    formats: list[ListFormat] = []
    for module_name in _PARSER_MODULES:
        formats.extend(import_module(f"watchkeeper.sources.{module_name}").FORMATS)
    return tuple(formats)


def format_by_name(name: str) -> ListFormat:
    """The format called ``name``; KeyError lists the known names."""
    for list_format in all_formats():
        if list_format.name == name:
            return list_format
    known = ", ".join(f.name for f in all_formats())
    raise KeyError(f"unknown list format {name!r} (known: {known})")


def read_head(path: Path) -> bytes:
    """The first bytes of a file, decompressed if it is gzip."""
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
    if head[:2] == b"\x1f\x8b":
        with gzip.open(path, "rb") as handle:
            try:
                head = handle.read(SNIFF_BYTES)
            except (OSError, EOFError) as error:
                raise ListFormatError(Location(str(path)), f"broken gzip file: {error}") from error
    return head


def detect_format(path: Path) -> ListFormat:
    """The format of ``path``, judged by its content (and name where content is ambiguous)."""
    head = read_head(path)
    if not head.strip():
        raise ListFormatError(Location(str(path)), "the file is empty")
    for list_format in all_formats():
        if list_format.sniff(path, head):
            return list_format
    raise ListFormatError(Location(str(path)), "not a list format watchkeeper knows")


@dataclass(frozen=True, slots=True)
class FileSet:
    """The file(s) of one list version and the format that reads them."""

    format: ListFormat
    files: tuple[Path, ...]


def group_files(
    paths: Iterable[Path], forced_format: ListFormat | None = None
) -> tuple[list[FileSet], list[ListFormatError]]:
    """Group input files into list versions, each with its format.

    Folders are searched recursively.  A file that belongs to a set (OFAC ``alt.csv`` beside
    ``sdn.csv``) is read once, with its set.  Files that cannot be identified come back as
    errors; the others are grouped all the same.
    """
    sets: list[FileSet] = []
    problems: list[ListFormatError] = []
    seen: set[Path] = set()
    for path in _expand_all(paths, problems):
        if path in seen:
            continue
        try:
            list_format = forced_format or detect_format(path)
        except ListFormatError as error:
            problems.append(error)
            continue
        files = list_format.companions(path) if list_format.companions else [path]
        seen.update(files)
        sets.append(FileSet(list_format, tuple(files)))
    return sets, problems


def _expand_all(paths: Iterable[Path], problems: list[ListFormatError]) -> list[Path]:
    expanded: set[Path] = set()
    for path in paths:
        if path.is_dir():
            expanded.update(
                p.resolve() for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")
            )
        elif path.is_file():
            expanded.add(path.resolve())
        else:
            problems.append(ListFormatError(Location(str(path)), "no such file"))
    return sorted(expanded)
