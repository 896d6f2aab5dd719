"""Notes the lists write after a person's name, as they write them."""

from __future__ import annotations

import pytest

from watchkeeper.text.annotated import without_note


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Safia Farkash Mohammed Al-Hadad, born 1 Jan. 1953 (Oman passport no.03825239, "
            "date of issue 4 May 2014, expiry 3 May 2024.)",
            "Safia Farkash Mohammed Al-Hadad",
        ),
        (
            "Khirullah Said Wali Khairkhwa, born in Kandahar on 01 Jan.1967",
            "Khirullah Said Wali Khairkhwa",
        ),
        (
            "Abdel Ilah Sabri (false identity related to fraudulent South African "
            "identification number 6910275240086",
            "Abdel Ilah Sabri",
        ),
        ("Akhter Mohmad son of Noor Mohmad", "Akhter Mohmad"),
        ("Abdul Haq s/o M. Anwar Khan", "Abdul Haq"),
    ],
)
def test_the_name_before_a_note(text: str, name: str) -> None:
    assert without_note(text) == name


@pytest.mark.parametrize(
    "text",
    [
        "Ali Hassan (the doctor)",
        "Hassan Ali Son",
        "Johnson of Wales",
        "OSAMA MOHAMMED AWAD BIN LADEN",
        "(born 1960)",
    ],
)
def test_names_without_a_note(text: str) -> None:
    assert without_note(text) is None
