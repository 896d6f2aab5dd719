"""Names inside names (acronyms, "also known as", notes, semicolons), as the lists write them."""

from __future__ import annotations

import pytest

from watchkeeper.text.parenthesised import (
    Held,
    Within,
    separate_names,
    split_parenthesis,
    without_parentheses,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "AL-QAIDA IN THE ARABIAN PENINSULA (AQAP)",
            Within("AL-QAIDA IN THE ARABIAN PENINSULA", "AQAP", Held.ACRONYM),
        ),
        ("JAMAAT-UL-AHRAR (JuA)", Within("JAMAAT-UL-AHRAR", "JuA", Held.ACRONYM)),
        (
            "JUND AL-KHILAFAH IN ALGERIA (JAK-A)",
            Within("JUND AL-KHILAFAH IN ALGERIA", "JAK-A", Held.ACRONYM),
        ),
        (
            "NAFTIRAN INTERTRADE CO. (NICO) LIMITED",
            Within("NAFTIRAN INTERTRADE CO. LIMITED", "NICO", Held.ACRONYM),
        ),
        (
            "Всероссийская государственная телевизионная и радиовещательная компания (ВГТРК)",
            Within(
                "Всероссийская государственная телевизионная и радиовещательная компания",
                "ВГТРК",
                Held.ACRONYM,
            ),
        ),
    ],
)
def test_an_acronym_is_split_from_the_name(text: str, expected: Within) -> None:
    assert split_parenthesis(text, acronyms=True) == expected
    assert split_parenthesis(text, acronyms=False) is None


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
    assert split_parenthesis(text, acronyms=True) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ulyanovsk Cartridge Works JSC (also known as Aktsionernoe Obshchestvo Ulyanovskii "
            "Patronnyi Zavod)",
            Within(
                "Ulyanovsk Cartridge Works JSC",
                "Aktsionernoe Obshchestvo Ulyanovskii Patronnyi Zavod",
                Held.ALIAS,
            ),
        ),
        (
            "Gazprom Sotsinvest, OOO (f.k.a., Gazprominvestarena OOO)",
            Within("Gazprom Sotsinvest, OOO", "Gazprominvestarena OOO", Held.FORMER),
        ),
        (  # cut short by the list, closing parenthesis and all
            "Machine-Building Plant AGAT Gavrilov- Yam JSC (also known as Joint Stock Company "
            "Gavrilov Yam Machine Building Plant Agat",
            Within(
                "Machine-Building Plant AGAT Gavrilov- Yam JSC",
                "Joint Stock Company Gavrilov Yam Machine Building Plant Agat",
                Held.ALIAS,
            ),
        ),
        ("Ahmed Ali (a.k.a. Abu Omar)", Within("Ahmed Ali", "Abu Omar", Held.ALIAS)),
    ],
)
def test_a_name_also_known_as_is_split_from_the_name(text: str, expected: Within) -> None:
    assert split_parenthesis(text, acronyms=True) == expected
    assert split_parenthesis(text, acronyms=False) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("EL PARA (COMBAT NAME)", "EL PARA"),
        ("(Sheikh) Musa Hilal", "Musa Hilal"),
        ("Lom-ali Butayev (Butaev)", "Lom-ali Butayev"),
        ("Musa Hilal", None),
        ("(COMBAT NAME)", None),
        ("Ahmed (Abu Omar", None),
    ],
)
def test_a_persons_name_without_its_parentheses(text: str, expected: str | None) -> None:
    assert without_parentheses(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "COMPAGNIE AERIENNE DES GRANDS LACS (CAGL) ; GREAT LAKES BUSINESS COMPANY (GLBC)",
            ["COMPAGNIE AERIENNE DES GRANDS LACS (CAGL)", "GREAT LAKES BUSINESS COMPANY (GLBC)"],
        ),
        (
            "MOSTOTREST; OPEN JOINT STOCK COMPANY 'MOSTOTREST'",
            ["MOSTOTREST", "OPEN JOINT STOCK COMPANY 'MOSTOTREST'"],
        ),
        ("General Intelligence Directorate;", []),
        ("Mexpar International, Inc. (a.k.a. Pasadena Aerospace; Aviation Logistics)", []),
    ],
)
def test_names_separated_by_semicolons(text: str, expected: list[str]) -> None:
    """Not a semicolon inside parentheses: it separates the names held there."""
    assert separate_names(text) == expected
