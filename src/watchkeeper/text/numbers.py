"""Numbers written as digits, words, ordinals or Roman numerals ("44", "forty-four", "1st")."""

from __future__ import annotations

import re

_UNITS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
)  # fmt: skip
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_ORDINAL_UNITS = (
    "zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
    "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
    "sixteenth", "seventeenth", "eighteenth", "nineteenth",
)  # fmt: skip
_ORDINAL_TENS = (
    "twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth",
    "ninetieth",
)  # fmt: skip

UNIT_WORDS: dict[str, int] = {word: value for value, word in enumerate(_UNITS)} | {
    word: value for value, word in enumerate(_ORDINAL_UNITS)
}
TENS_WORDS: dict[str, int] = (
    {word: 20 + 10 * index for index, word in enumerate(_TENS)}
    | {word: 20 + 10 * index for index, word in enumerate(_ORDINAL_TENS)}
    | {"fourty": 40}
)
_DIGITS_ORDINAL = re.compile(r"^(\d+)(?:st|nd|rd|th)?$")
_ROMAN = re.compile(r"^(x{0,3})(ix|iv|v?i{0,3})$")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10}


def number_value(word: str, roman: bool = False) -> int | None:
    """The value of one word that is a number, else ``None``.

    ``roman`` also reads Roman numerals up to 39 (only sensible outside person names, where
    "Xi" and "Vi" are names).
    """
    match = _DIGITS_ORDINAL.match(word)
    if match:
        return int(match.group(1))
    value = UNIT_WORDS.get(word, TENS_WORDS.get(word))
    if value is not None:
        return value
    if roman and word and _ROMAN.match(word):
        return _roman_value(word)
    return None


def _roman_value(word: str) -> int:
    values = [_ROMAN_VALUES[char] for char in word]
    total = 0
    for index, value in enumerate(values):
        later = values[index + 1] if index + 1 < len(values) else 0
        total += -value if value < later else value
    return total
