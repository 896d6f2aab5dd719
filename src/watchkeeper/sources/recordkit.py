"""Building blocks shared by the record-by-record list parsers (Canada, CSL, DPL, FtM, custom).

Reading a text file whatever its compression and encoding, CSV rows with the line they start
on, snapshot bookkeeping (ids taken twice, errors, warnings), birth dates kept as text when
they cannot be read, and names told apart by script.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import re
import unicodedata
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from watchkeeper.dates import parse_date
from watchkeeper.model import Entity, Gender, Name, NameKind
from watchkeeper.sources.base import ListFormatError, ListSnapshot, Location, RecordProblem
from watchkeeper.sources.cleaning import clean

GZIP_MAGIC = b"\x1f\x8b"
_QUOTES = "\"'“”«»„‘’"
_DATE_ALTERNATIVES = re.compile(r"\s+or\s+|\s*;\s*", re.IGNORECASE)
_GENDERS = {
    "m": Gender.MALE,
    "male": Gender.MALE,
    "man": Gender.MALE,
    "f": Gender.FEMALE,
    "female": Gender.FEMALE,
    "woman": Gender.FEMALE,
}


def read_bytes(path: Path) -> bytes:
    """The content of ``path``, gunzipped if it is gzip; unreadable or empty files raise."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ListFormatError(Location(str(path)), f"cannot read the file: {error}") from error
    if data[:2] == GZIP_MAGIC:
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as error:
            raise ListFormatError(Location(str(path)), f"broken gzip file: {error}") from error
    if not data.strip():
        raise ListFormatError(Location(str(path)), "the file is empty")
    return data


def decode_text(data: bytes, label: str) -> str:
    """Text of a list file: UTF-8 (BOM or not), UTF-16 with a BOM, else Windows-1252/Latin-1."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise ListFormatError(Location(label), f"broken UTF-16 text: {error}") from error
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise ListFormatError(Location(label, line=line), "NUL byte: binary data, not a text list")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def header_columns(head: bytes, delimiter: str) -> set[str]:
    """The column names in the first line of a delimited text file's first bytes."""
    first_line = head.split(b"\n", 1)[0].decode("utf-8", "replace").lstrip("\ufeff")
    return {column.strip().strip('"') for column in first_line.split(delimiter)}


class SnapshotBuilder:
    """Fills a :class:`ListSnapshot`, refusing a second entity under an id already taken.

    A record repeated word for word is read once with a warning, unless ``repeats_are_errors``
    (a firm's own list, where a repeated id is a mistake to fix).
    """

    def __init__(self, snapshot: ListSnapshot, *, repeats_are_errors: bool = False) -> None:
        self.snapshot = snapshot
        self._repeats_are_errors = repeats_are_errors
        self._taken: dict[str, tuple[Entity, Location]] = {}

    def error(self, location: Location, message: str) -> None:
        """Report a record that could not become an entity."""
        self.snapshot.errors.append(RecordProblem(location, message))

    def warn(self, location: Location, message: str) -> None:
        """Report a value kept only as text, or a record read with a caveat."""
        self.snapshot.warnings.append(RecordProblem(location, message))

    def add(self, entity: Entity, location: Location) -> None:
        """Add ``entity`` read at ``location`` unless its id is taken."""
        taken = self._taken.get(entity.id)
        if taken is None:
            self._taken[entity.id] = (entity, location)
            self.snapshot.entities.append(entity)
        elif taken[0] == entity and not self._repeats_are_errors:
            self.warn(location, f"repeats {entity.id} of {taken[1]} word for word; read once")
        else:
            self.error(location, f"id {entity.id} is already taken by {taken[1]}")


@dataclass(frozen=True, slots=True)
class CsvRow:
    """One data row of a CSV file, keyed by header name, and the line it starts on."""

    line: int
    values: dict[str, str]


def iter_csv(
    text: str, label: str, builder: SnapshotBuilder, *, delimiter: str, required: Sequence[str]
) -> Iterator[CsvRow]:
    """The data rows of a CSV text whose header names all ``required`` columns.

    A row with the wrong number of fields is reported to ``builder`` and skipped; a short last
    row with no line end (a cut-off file), bad quoting or a missing column raise.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    cut_off_line = None if text.endswith(("\n", "\r")) else text.count("\n") + 1
    try:
        header = [column.strip().strip("\ufeff") for column in next(reader, [])]
        _check_header(header, required, label)
        end_of_last_row = reader.line_num
        for fields in reader:
            line, end_of_last_row = end_of_last_row + 1, reader.line_num
            if not any(field.strip() for field in fields):
                continue
            if len(fields) == len(header):
                yield CsvRow(line, dict(zip(header, fields, strict=True)))
            elif len(fields) < len(header) and reader.line_num == cut_off_line:
                raise ListFormatError(Location(label, line=line), "the file is cut off mid-row")
            else:
                message = f"{len(fields)} fields where the header has {len(header)}"
                builder.error(Location(label, line=line), message)
    except csv.Error as error:
        raise ListFormatError(Location(label, line=reader.line_num), str(error)) from error


def _check_header(header: list[str], required: Sequence[str], label: str) -> None:
    missing = [column for column in required if column not in header]
    if missing:
        found = ", ".join(header[:8]) or "nothing"
        raise ListFormatError(
            Location(label, line=1), f"missing column(s) {', '.join(missing)} (header: {found})"
        )


def is_latin(text: str) -> bool:
    """True unless most letters of ``text`` are outside the Latin script."""
    letters = [char for char in text if char.isalpha()]
    foreign = sum(1 for char in letters if not unicodedata.name(char, "").startswith("LATIN"))
    return foreign * 2 <= len(letters)


def add_name(
    entity: Entity, text: str | None, kind: NameKind = NameKind.ALIAS, lang: str | None = None
) -> None:
    """Add a name unless already there.

    An alias wrapped in quotes is a nickname (weak alias, quotes removed); a primary name or
    alias written mostly in a non-Latin script is an original-script name.
    """
    full = clean(text)
    if not full:
        return
    if kind is NameKind.ALIAS and len(full) > 2 and full[0] in _QUOTES and full[-1] in _QUOTES:
        full, kind = clean(full[1:-1]) or full, NameKind.WEAK_ALIAS
    if kind in (NameKind.PRIMARY, NameKind.ALIAS) and not is_latin(full):
        kind = NameKind.ORIGINAL_SCRIPT
    if all(name.full != full for name in entity.names):
        entity.names.append(Name(full, kind, lang=lang))


def add_birth_dates(
    entity: Entity, text: str | None, location: Location, builder: SnapshotBuilder
) -> None:
    """Add the birth date(s) in ``text`` (alternatives split on ``or`` / ``;``).

    A part that is no date is kept as text in ``properties["birth_date"]`` and warned about.
    """
    for part in _DATE_ALTERNATIVES.split(text or ""):
        value = clean(part)
        if not value:
            continue
        date = parse_date(value)
        if date is None:
            entity.add_property("birth_date", value)
            builder.warn(location, f"birth date {value!r} is not a date; kept as text")
        elif date not in entity.birth_dates:
            entity.birth_dates.append(date)


def parse_gender(text: str | None) -> Gender | None:
    """``male`` / ``female`` from the usual spellings (``M``, ``Female``, ...), else None."""
    return _GENDERS.get((clean(text) or "").lower())


def append_new(values: list[str], value: str | None) -> None:
    """Append ``value`` to ``values`` unless it is empty or already there."""
    if value and value not in values:
        values.append(value)


def slug(text: str) -> str:
    """Lower-case ASCII words joined by ``-``: ``AL-NASER  AIRLINES`` -> ``al-naser-airlines``."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", folded))
