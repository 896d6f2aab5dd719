"""Dates as lists and messages write them, read into ISO 8601 (possibly partial) dates.

Handles ``1971-07-28``, ``1971-07``, ``1971``, ``28 Jul 1971``, ``Jul 1971``, ``28/07/1971``,
``00/00/1971`` (UK: unknown day and month), ``circa 1970``, ``approximately 1970``,
``1970 to 1975``, ``1970-1975``, ``between 1970 and 1975`` and ``28.07.1971``.
"""

from __future__ import annotations

import re

from watchkeeper.model import DateSpec

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}

_CIRCA = re.compile(r"^(?:circa|ca\.?|c\.|approx(?:imately|\.)?|about|around)\s+", re.IGNORECASE)
_RANGE = re.compile(
    r"^(?:between\s+|from\s+)?(?P<a>.+?)\s*(?:\bto\b|\band\b|–|—|\s-\s|-(?=\d{4}$))\s*(?P<b>.+)$",
    re.IGNORECASE,
)


def iso_date(year: int | str, month: int | str | None = None, day: int | str | None = None) -> str:
    """``1971``, ``1971-07`` or ``1971-07-28`` from parts; a zero/empty part ends the date."""
    text = f"{int(year):04d}"
    if month and int(month):
        text += f"-{int(month):02d}"
        if day and int(day):
            text += f"-{int(day):02d}"
    return text


def _valid(year: int, month: int = 1, day: int = 1) -> bool:
    return 1800 <= year <= 2100 and 0 <= month <= 12 and 0 <= day <= 31


def parse_single_date(text: str) -> str | None:
    """One date in any supported layout as an ISO (partial) date, or None."""
    value = text.strip().strip(".,;").strip()
    if not value:
        return None
    match = re.fullmatch(r"(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?(?:T.*)?", value)
    if match:
        year, month, day = int(match[1]), int(match[2] or 0), int(match[3] or 0)
        return iso_date(year, month, day) if _valid(year, month, day) else None
    match = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", value)
    if match:  # day first: 28/07/1971, 00/00/1971, 28.07.1971
        day, month, year = int(match[1]), int(match[2]), int(match[3])
        return iso_date(year, month, day) if _valid(year, month, day) else None
    match = re.fullmatch(r"(?:(\d{1,2})\s+)?([A-Za-z]{3,9})\.?,?\s+(\d{4})", value)
    if match and match[2].lower() in _MONTHS:  # 28 Jul 1971, Jul 1971
        day, month, year = int(match[1] or 0), _MONTHS[match[2].lower()], int(match[3])
        return iso_date(year, month, day) if _valid(year, month, day) else None
    match = re.fullmatch(r"([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})", value)
    if match and match[1].lower() in _MONTHS:  # July 28, 1971
        month, day, year = _MONTHS[match[1].lower()], int(match[2]), int(match[3])
        return iso_date(year, month, day) if _valid(year, month, day) else None
    return None


def parse_date(text: str | None) -> DateSpec | None:
    """A date, a ``circa`` date or a range as a :class:`DateSpec`; None if not a date."""
    if not text:
        return None
    value = " ".join(text.split())
    circa = False
    circa_match = _CIRCA.match(value)
    if circa_match:
        circa, value = True, value[circa_match.end() :]
    single = parse_single_date(value)
    if single:
        return DateSpec(single, circa=circa)
    range_match = _RANGE.match(value)
    if range_match:
        start = parse_single_date(_CIRCA.sub("", range_match["a"]))
        end = parse_single_date(_CIRCA.sub("", range_match["b"]))
        if start and end:
            return DateSpec(min(start, end), max(start, end), circa=circa)
    return None
