"""Dates as lists write them."""

from __future__ import annotations

import pytest

from watchkeeper.dates import parse_date
from watchkeeper.model import DateSpec


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1971-07-28", DateSpec("1971-07-28")),
        ("1971", DateSpec("1971")),
        ("28 Jul 1971", DateSpec("1971-07-28")),
        ("Jul 1971", DateSpec("1971-07")),
        ("July 28, 1971", DateSpec("1971-07-28")),
        ("28/07/1971", DateSpec("1971-07-28")),
        ("00/00/1971", DateSpec("1971")),
        ("00/07/1971", DateSpec("1971-07")),
        ("28.07.1971", DateSpec("1971-07-28")),
        ("circa 1970", DateSpec("1970", circa=True)),
        ("approximately 1958", DateSpec("1958", circa=True)),
        ("1970 to 1975", DateSpec("1970", "1975")),
        ("1970-1975", DateSpec("1970", "1975")),
        ("between 1975 and 1970", DateSpec("1970", "1975")),
        ("12 Jan 1965 to 15 Feb 1966", DateSpec("1965-01-12", "1966-02-15")),
        ("1971-07-28T00:00:00", DateSpec("1971-07-28")),
    ],
)
def test_dates_are_read(text: str, expected: DateSpec) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["", "unknown", "13/13/1971", "1971-13-01", "32 Jul 1971", "0199"])
def test_non_dates_are_not_guessed(text: str) -> None:
    assert parse_date(text) is None
