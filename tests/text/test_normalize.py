"""Normalisation of name strings before tokenisation."""

from __future__ import annotations

import pytest

from watchkeeper.text.normalize import normalize_name, reorder_surname_first


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Recep   Tayyip ERDOĞAN ", "recep tayyip erdoğan"),
        ("AlisherUsmanov", "alisher usmanov"),
        ("A.B.C. Company", "abc company"),
        ("Sp. z o.o.", "sp z oo"),
        ("Al-Qa'ida", "al qaida"),
        ("Deutsche Bank's AG", "deutsche bank ag"),
        ("AT&T Inc.", "at and t inc"),
        ("Zia-ur-Rahman", "zia al rahman"),
        ("Volkswagen GmbH", "volkswagen gmbh"),
        ("پزشک\u200cفر", "پزشکفر"),
        ("JARACOS.A.", "jaraco sa"),
        ("Playa MarS.A. de C.V.", "playa mar sa de cv"),
        ("IRASCOS.R.L.", "irasco srl"),
        ("MASTERS.X.", "masters x"),
        ("Hizb an-Nusra", "hizb al nusra"),
        # the article attached by a hyphen, misspelt: its "l" lost, a letter slipped in
        ("A-QAIDA IN IRAQ", "al qaida in iraq"),
        ("Abdelmajid ALn-GAOUD", "abdelmajid al gaoud"),
        ("Sayf arl-Adl", "sayf al adl"),
        # ... but not a connective, a given name or an "an" before another letter
        ("Vaqar-A-Jaffery", "vaqar a jaffery"),
        ("Ali-Reza Ann-Marie", "ali reza ann marie"),
        ("Kim An-Sook", "kim an sook"),
        ("All-Russia Institute", "all russia institute"),
    ],
)
def test_normalize_name(raw: str, expected: str) -> None:
    assert normalize_name(raw) == expected


def test_all_caps_words_are_not_cut_as_camel_case() -> None:
    assert normalize_name("GAZPROM NEFT") == "gazprom neft"


def test_surname_first_comma_form_is_turned_around() -> None:
    assert reorder_surname_first("NURISTANI, Abdul Aziz") == "Abdul Aziz NURISTANI"
    assert reorder_surname_first("Apple, Inc., Cupertino") == "Apple, Inc., Cupertino"
