"""Which writing system a character or a word is written in.

Only the scripts that matter for name matching are told apart; everything else is
``Script.OTHER``.  Digits, punctuation and marks are ``Script.COMMON`` and take the script of
the letters around them.
"""

from __future__ import annotations

from bisect import bisect_right
from enum import StrEnum


class Script(StrEnum):
    """A writing system."""

    LATIN = "latin"
    CYRILLIC = "cyrillic"
    GREEK = "greek"
    ARABIC = "arabic"
    HEBREW = "hebrew"
    ARMENIAN = "armenian"
    GEORGIAN = "georgian"
    HAN = "han"
    HANGUL = "hangul"
    KANA = "kana"
    INDIC = "indic"
    SOUTHEAST_ASIAN = "southeast_asian"
    ETHIOPIC = "ethiopic"
    OTHER = "other"
    COMMON = "common"


ABJADS = frozenset({Script.ARABIC, Script.HEBREW})
"""Scripts that usually leave short vowels unwritten."""

SYLLABIC = frozenset({Script.HAN, Script.HANGUL, Script.KANA})
"""Scripts in which one character is a whole syllable."""

_RANGES: tuple[tuple[int, int, Script], ...] = (
    (0x0030, 0x0039, Script.COMMON),
    (0x0041, 0x005A, Script.LATIN),
    (0x0061, 0x007A, Script.LATIN),
    (0x00C0, 0x024F, Script.LATIN),
    (0x0250, 0x02AF, Script.LATIN),
    (0x0300, 0x036F, Script.COMMON),
    (0x0370, 0x03FF, Script.GREEK),
    (0x0400, 0x052F, Script.CYRILLIC),
    (0x0530, 0x058F, Script.ARMENIAN),
    (0x0590, 0x05FF, Script.HEBREW),
    (0x0600, 0x06FF, Script.ARABIC),
    (0x0700, 0x074F, Script.OTHER),
    (0x0750, 0x077F, Script.ARABIC),
    (0x08A0, 0x08FF, Script.ARABIC),
    (0x0900, 0x0DFF, Script.INDIC),
    (0x0E00, 0x0EFF, Script.SOUTHEAST_ASIAN),
    (0x1000, 0x109F, Script.SOUTHEAST_ASIAN),
    (0x10A0, 0x10FF, Script.GEORGIAN),
    (0x1100, 0x11FF, Script.HANGUL),
    (0x1200, 0x139F, Script.ETHIOPIC),
    (0x1780, 0x17FF, Script.SOUTHEAST_ASIAN),
    (0x1C80, 0x1C8F, Script.CYRILLIC),
    (0x1C90, 0x1CBF, Script.GEORGIAN),
    (0x1E00, 0x1EFF, Script.LATIN),
    (0x1F00, 0x1FFF, Script.GREEK),
    (0x2D00, 0x2D2F, Script.GEORGIAN),
    (0x2DE0, 0x2DFF, Script.CYRILLIC),
    (0x3040, 0x30FF, Script.KANA),
    (0x3130, 0x318F, Script.HANGUL),
    (0x31F0, 0x31FF, Script.KANA),
    (0x3400, 0x4DBF, Script.HAN),
    (0x4E00, 0x9FFF, Script.HAN),
    (0xA640, 0xA69F, Script.CYRILLIC),
    (0xA960, 0xA97F, Script.HANGUL),
    (0xAC00, 0xD7AF, Script.HANGUL),
    (0xF900, 0xFAFF, Script.HAN),
    (0xFB1D, 0xFB4F, Script.HEBREW),
    (0xFB50, 0xFDFF, Script.ARABIC),
    (0xFE70, 0xFEFF, Script.ARABIC),
    (0xFF10, 0xFF19, Script.COMMON),
    (0xFF21, 0xFF3A, Script.LATIN),
    (0xFF41, 0xFF5A, Script.LATIN),
    (0xFF66, 0xFF9F, Script.KANA),
    (0x20000, 0x2FFFF, Script.HAN),
)
_STARTS = [start for start, _, _ in _RANGES]


def char_script(char: str) -> Script:
    """The script of one character (``COMMON`` for digits, marks and punctuation)."""
    code = ord(char)
    index = bisect_right(_STARTS, code) - 1
    if index >= 0:
        start, end, script = _RANGES[index]
        if start <= code <= end:
            return script
    return Script.COMMON if not char.isalpha() else Script.OTHER


def dominant_script(text: str) -> Script:
    """The script most letters of ``text`` are written in; ``COMMON`` if it has no letters.

    Kana wins over Han when both occur, since Japanese mixes them and Chinese never uses kana.
    """
    if text.isascii():
        return Script.LATIN if any(map(str.isalpha, text)) else Script.COMMON
    counts: dict[Script, int] = {}
    for char in text:
        script = char_script(char)
        if script is not Script.COMMON:
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return Script.COMMON
    if Script.KANA in counts and Script.HAN in counts:
        return Script.KANA
    return max(counts, key=lambda script: counts[script])
