"""Japanese and Chinese names in Latin letters, as Russian writes them.

Russian transliterates Japanese by the Polivanov system ("Chakichi" / "Тякити", "Hanazawa" /
"Ханадзава") and Chinese by the Palladius system ("Qinghua" / "Цинхуа", "Ronghuan" /
"Жунхуань"), not from the English spelling.  A word is read that way only when it is made of
Hepburn or pinyin syllables.
"""

from __future__ import annotations

import re

from watchkeeper.text.spelling import Respelling

_JAPANESE_VOWEL = "[aeiouāīūēōâîûêô]"
_JAPANESE_WORD = re.compile(
    "^(?:"
    + "|".join(
        (
            f"[kgbpmnr]y?{_JAPANESE_VOWEL}",
            "h[aieoāīēōâîêô]|hy[auoāūōâûô]",
            "[sz][aueoāūēōâûêô]",
            "[td][aeoāēōâêô]",
            f"(?:sh|ch|j){_JAPANESE_VOWEL}",
            "(?:ts|f)[uūû]",
            "y[auoāūōâûô]",
            "w[aoāōâô]",
            _JAPANESE_VOWEL,
            "n(?![aeiouy])",
            "([kstpgbd])(?=\\1)|t(?=ch)|m(?=[bpm])",
        )
    )
    + ")+$"
)
"""A word made of Japanese syllables in Hepburn romanisation ("Kashiwazaki", "Chōichi")."""
_POLIVANOV = Respelling((("ch", "t"), ("j", "dz"), ("w", "v"), ("n(?=[bpm])", "m")))
"""Hepburn "chi", "ji", "wa", "np" as Russian writes them: "ти", "дзи", "ва", "мп"."""

_PINYIN_FINALS: dict[str, str] = {
    "a": "- b p m f d t n l g k h zh ch sh z c s y w",
    "o": "- b p m f y w",
    "e": "- m d t n l g k h zh ch sh r z c s y",
    "ai": "- b p m d t n l g k h zh ch sh z c s w",
    "ei": "- b p m f d n l g h zh sh z w",
    "ao": "- b p m d t n l g k h zh ch sh r z c s y",
    "ou": "- p m f d t n l g k h zh ch sh r z c s y",
    "an": "- b p m f d t n l g k h zh ch sh r z c s y w",
    "en": "- b p m f d n g k h zh ch sh r z c s w",
    "ang": "- b p m f d t n l g k h zh ch sh r z c s y w",
    "eng": "- b p m f d t n l g k h zh ch sh r z c s w",
    "ong": "d t n l g k h zh ch r z c s y",
    "er": "-",
    "i": "y b p m d t n l j q x zh ch sh r z c s",
    "ia": "d l j q x",
    "ie": "b p m d t n l j q x",
    "iao": "b p m d t n l j q x",
    "iu": "m d n l j q x",
    "ian": "b p m d t n l j q x",
    "in": "y b p m n l j q x",
    "iang": "n l j q x",
    "ing": "y b p m d t n l j q x",
    "iong": "j q x",
    "u": "w b p m f d t n l g k h zh ch sh r z c s y j q x",
    "ua": "g k h zh ch sh",
    "uo": "d t n l g k h zh ch sh r z c s",
    "uai": "g k h zh ch sh",
    "ui": "d t g k h zh ch sh r z c s",
    "uan": "y d t n l g k h zh ch sh r z c s j q x",
    "un": "d t l g k h zh ch sh r z c s y j q x",
    "uang": "g k h zh ch sh",
    "ue": "y n l j q x",
}
"""Pinyin finals and the initials they take ("-": none; "y", "w" stand in front of finals
written without their i or u: "ya", "wei")."""
_PINYIN_SYLLABLES = sorted(
    {
        ("" if initial == "-" else initial) + final
        for final, initials in _PINYIN_FINALS.items()
        for initial in initials.split()
    },
    key=len,
    reverse=True,
)
_PINYIN_ANY = "|".join(_PINYIN_SYLLABLES)
_PINYIN_LATER = "|".join(syllable for syllable in _PINYIN_SYLLABLES if syllable[0] not in "aoe")
_PINYIN_WORD = re.compile(f"^({_PINYIN_ANY})({_PINYIN_LATER})?({_PINYIN_LATER})?$")
"""A word of one to three pinyin syllables ("Qinghua", "Ronghuan"); one starting with a, o
or e comes first only (pinyin writes "Xi'an" apart)."""
_PINYIN_INITIAL = re.compile("^(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])")
_PALLADIUS = {"q": "ts", "j": "ts", "x": "s", "c": "ts", "z": "ts", "r": "zh", "w": "v"}
"""Pinyin initials as Russian writes them ("q" as ц, "r" as ж); a final "ng" it writes н."""


def japanese_reading(word: str) -> str | None:
    """A word of Hepburn syllables respelled as Russian writes it, else ``None``."""
    return _POLIVANOV(word) if _JAPANESE_WORD.match(word) else None


def pinyin_reading(word: str) -> str | None:
    """A word of pinyin syllables respelled as Russian writes it ("qinghua" -> "tsinhua"),
    else ``None``."""
    match = _PINYIN_WORD.match(word)
    if match is None:
        return None
    out = []
    for syllable in filter(None, match.groups()):
        initial = _PINYIN_INITIAL.match(syllable)
        start = initial.group() if initial else ""
        final = syllable[len(start) :]
        out.append(_PALLADIUS.get(start, start) + final.removesuffix("g"))
    return "".join(out)
