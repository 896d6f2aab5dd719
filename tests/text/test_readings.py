"""Readings: a name spelled by the rules of its language meets the way other scripts write it."""

from __future__ import annotations

import pytest

from watchkeeper.text.phonetic import consonant_frame
from watchkeeper.text.readings import Readings, readings
from watchkeeper.text.syllables import japanese_reading, pinyin_reading
from watchkeeper.text.tokens import tokenize_name


def _readings(word: str) -> Readings:
    token = tokenize_name(word)[0]
    return readings(token.text, token.original, token.key)


def _own_key(word: str) -> str:
    return tokenize_name(word)[0].key


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("Charles", "Шарль"),  # French: "ch" is sh, final "es" silent
        ("Heinrich", "Генрих"),  # German "ch" is kh; Russian writes h as г
        ("Wojciech", "Войцех"),  # Polish "w" is v, "j" is y, "c" is ts
        ("Bojović", "Бойович"),  # "ć" is ch
        ("Kovács", "Ковач"),  # Hungarian "cs" is ch
        ("Jorge", "Хорхе"),  # Spanish "j" and soft "g" are kh
        ("Giuseppe", "Джузеппе"),  # Italian "gi" is j
        ("Cengiz", "Дженгиз"),  # Turkish "c" is j
        ("Wheatley", "Уитли"),  # English "wh" is a vowel in Russian
        ("Theodor", "Фёдор"),  # Greek "th" is f in Russian
        ("Crassus", "Красс"),  # Latin names lose their ending
        ("Chakichi", "Тякити"),  # Japanese "chi" is ти
        ("Qinghua", "Цинхуа"),  # pinyin "q" is ц, a final "ng" н
        ("Marzano", "Марцано"),  # Italian "z" is ts
        ("Kohl", "Коль"),  # German: an h after a vowel only lengthens it
        ("Shinpachi", "Симпати"),  # Japanese "n" before "p" is м
    ],
)
def test_a_reading_meets_the_russian_transliteration(latin: str, cyrillic: str) -> None:
    assert _own_key(latin) != _own_key(cyrillic)
    assert _readings(latin).key_set & _readings(cyrillic).key_set


@pytest.mark.parametrize(
    ("latin", "arabic"),
    [
        ("Chadi", "شادي"),  # French spelling of an Arabic name: "ch" is sh
        ("Reza", "رضا"),  # Persian: ض is z
        ("Osman", "عثمان"),  # Turkish: ث is s
        ("Hayat", "حياة"),  # the ta marbuta read as t
        ("Salwa", "سلوى"),  # a waw before an alef is a consonant
    ],
)
def test_a_reading_meets_the_arabic_script_frame(latin: str, arabic: str) -> None:
    latin_token, arabic_token = (tokenize_name(word)[-1] for word in (latin, arabic))
    own_frames = (
        consonant_frame(token.key, token.skeleton) for token in (latin_token, arabic_token)
    )
    assert len(set(own_frames)) == 2
    assert _readings(latin).frames.keys() & _readings(arabic).frames.keys()


@pytest.mark.parametrize("word", ["Mohammed", "Chadi", "Генрих", "محمد", "Qinghua"])
def test_a_word_keeps_its_own_key_first(word: str) -> None:
    assert _readings(word).keys[0] == _own_key(word)


def test_a_word_cut_from_a_compound_is_read_from_its_romanisation() -> None:
    rahman = tokenize_name("Abdurrahman")[-1]
    assert rahman.original == "abdurrahman"
    found = readings(rahman.text, rahman.original, rahman.key)
    assert found.key_set == _readings("Rahman").key_set


def test_readings_only_for_words_of_japanese_or_pinyin_syllables() -> None:
    assert japanese_reading("kashiwazaki") is not None
    assert japanese_reading("charles") is None
    assert japanese_reading("chadi") is None  # "di" is no Hepburn syllable
    assert pinyin_reading("ronghuan") is not None
    assert pinyin_reading("marie") is None  # "ma-ri-e": pinyin would write "ma'rie"
    assert pinyin_reading("mohammed") is None
