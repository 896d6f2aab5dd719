"""Phonetic keys and consonant skeletons meet romanisation variants, not other names."""

from __future__ import annotations

import pytest

from watchkeeper.text.phonetic import (
    arabic_script_key,
    consonant_skeleton,
    phonetic_key,
    vowel_slots,
)


@pytest.mark.parametrize(
    "variants",
    [
        ("mohammed", "muhammad", "mohamad", "mohamed"),
        ("qadhafi", "gaddafi", "kadafi", "qaddafi"),
        ("yusuf", "yousef", "youssef"),
        ("hussein", "husayn", "husein"),
        ("zelenskyy", "zelensky", "selenskyj", "zelenskiy"),
        ("vladimir", "wladimir"),
        ("rohani", "rouhani"),
        ("ahmadinejad", "ahmadinezhad"),
        ("jinping", "chinping"),
    ],
)
def test_romanisation_variants_share_a_key(variants: tuple[str, ...]) -> None:
    assert len({phonetic_key(variant) for variant in variants}) == 1


@pytest.mark.parametrize(("one", "other"), [("ahmed", "mohamed"), ("frank", "frederik")])
def test_different_names_keep_different_keys(one: str, other: str) -> None:
    assert phonetic_key(one) != phonetic_key(other)


@pytest.mark.parametrize(
    ("arabic", "latin"),
    [
        ("محمد", "muhammad"),
        ("يوسف", "yusuf"),
        ("عمر", "omar"),
        ("سيسي", "sisi"),
        ("بيريز", "perez"),
    ],
)
def test_arabic_script_and_latin_spelling_share_a_skeleton(arabic: str, latin: str) -> None:
    assert consonant_skeleton(arabic_script_key(arabic)) == consonant_skeleton(phonetic_key(latin))


def test_skeleton_drops_vowels_and_reads_a_final_d_as_t() -> None:
    assert consonant_skeleton(phonetic_key("mehmed")) == consonant_skeleton(phonetic_key("mehmet"))
    assert "A" not in consonant_skeleton(phonetic_key("abdullah"))


@pytest.mark.parametrize(
    ("word", "slots"),
    [
        ("baghdadi", 0b1101),  # b-gh-d-d: vowels after b and after both d
        ("shnak", 0b010),
        ("taha", 0b1),  # the final h is no consonant of the skeleton
    ],
)
def test_vowel_slots_mark_the_consonants_a_vowel_follows(word: str, slots: int) -> None:
    key = phonetic_key(word)
    assert vowel_slots(key, consonant_skeleton(key)) == slots
