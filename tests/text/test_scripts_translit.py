"""Script detection and romanisation."""

from __future__ import annotations

import pytest

from watchkeeper.text.scripts import Script, char_script, dominant_script
from watchkeeper.text.translit import romanize_word


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("Putin", Script.LATIN),
        ("Путин", Script.CYRILLIC),
        ("محمد", Script.ARABIC),
        ("پزشکیان", Script.ARABIC),
        ("Μητσοτάκης", Script.GREEK),
        ("习近平", Script.HAN),
        ("김정은", Script.HANGUL),
        ("バラク", Script.KANA),
        ("高市早苗さん", Script.KANA),
        ("2004", Script.COMMON),
    ],
)
def test_dominant_script(text: str, script: Script) -> None:
    assert dominant_script(text) is script


def test_digits_and_punctuation_are_common() -> None:
    assert char_script("7") is Script.COMMON
    assert char_script("-") is Script.COMMON


def _latin(word: str) -> list[str]:
    return [latin for latin, _ in romanize_word(word)]


def test_arabic_keeps_long_vowels_and_splits_the_article() -> None:
    assert _latin("السيسي") == ["al", "sisi"]
    assert _latin("مروان") == ["mruan"]
    assert _latin("يوسف") == ["yusf"]


def test_persian_letters() -> None:
    assert _latin("پزشکیان") == ["pzshkian"]


def test_chinese_and_korean_names_split_into_surname_and_given_name() -> None:
    assert _latin("习近平") == ["xi", "jinping"]
    assert _latin("김정은") == ["kim", "jeongeun"]


@pytest.mark.parametrize(
    ("word", "latin"),
    [("Путин", "putin"), ("Μητσοτάκης", "mitsotakis"), ("オバマ", "obama"), ("Erdoğan", "erdogan")],
)
def test_other_scripts_through_anyascii(word: str, latin: str) -> None:
    assert _latin(word) == [latin]


def test_original_script_is_kept_with_each_part() -> None:
    assert romanize_word("الأسد") == [("al", "ال"), ("asd", "أسد")]
