"""Acronyms in parentheses inside organisation names, on names as the lists write them."""

from __future__ import annotations

import pytest

from watchkeeper.text.acronyms import Acronym, split_acronym


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "AL-QAIDA IN THE ARABIAN PENINSULA (AQAP)",
            Acronym("AL-QAIDA IN THE ARABIAN PENINSULA", "AQAP"),
        ),
        ("JAMAAT-UL-AHRAR (JuA)", Acronym("JAMAAT-UL-AHRAR", "JuA")),
        (
            "JUND AL-KHILAFAH IN ALGERIA (JAK-A)",
            Acronym("JUND AL-KHILAFAH IN ALGERIA", "JAK-A"),
        ),
        (
            "NAFTIRAN INTERTRADE CO. (NICO) LIMITED",
            Acronym("NAFTIRAN INTERTRADE CO. LIMITED", "NICO"),
        ),
        (
            "Всероссийская государственная телевизионная и радиовещательная компания (ВГТРК)",
            Acronym(
                "Всероссийская государственная телевизионная и радиовещательная компания", "ВГТРК"
            ),
        ),
    ],
)
def test_an_acronym_is_split_from_the_name(text: str, expected: Acronym) -> None:
    assert split_acronym(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "VTB BANK (AUSTRIA) AG",  # a place
        "HONG PANG GEMS AND JEWELLERY (HK) CO. LIMITED",  # a place, not the name's letters
        "Public Joint Stock Company Transneft (PJSC)",  # a legal form
        "SECOND ACADEMY OF NATURAL SCIENCES (KPE.018)",  # a reference
        "EL PARA (COMBAT NAME)",  # a note
        "Organization of Defensive Innovation and Research (SPND)",  # letters out of order
        "Islamic State In Iraq And the Levant In South-East Asia (ISIL-SEA, ISIL-South East Asia)",
        "COMPAGNIE AERIENNE DES GRANDS LACS (CAGL) ; GREAT LAKES BUSINESS COMPANY (GLBC)",
        "Al-Qaida in Iraq",
    ],
)
def test_other_parentheses_are_not_acronyms(text: str) -> None:
    assert split_acronym(text) is None
