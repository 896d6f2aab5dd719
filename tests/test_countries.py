"""Country names, codes and adjectives as lists write them."""

from __future__ import annotations

import pytest

from watchkeeper.countries import country_code, country_or_text


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Iraq", "iq"),
        ("IRQ", "iq"),
        ("iq", "iq"),
        ("Iraqi", "iq"),
        ("Iran (Islamic Republic of)", "ir"),
        ("Iran, Islamic Republic of", "ir"),
        ("Korea, North", "kp"),
        ("Democratic People's Republic of Korea", "kp"),
        ("Burma", "mm"),
        ("Congo, Democratic Republic of the", "cd"),
        ("Democratic Republic of the Congo", "cd"),
        ("Syrian Arab Republic", "sy"),
        ("Russia", "ru"),
        ("Viet Nam", "vn"),
        ("Türkiye", "tr"),
        ("Cote d'Ivoire", "ci"),
        ("Kosovo", "xk"),
    ],
)
def test_country_spellings_resolve(text: str, code: str) -> None:
    assert country_code(text) == code


def test_unknown_country_text_is_kept_not_dropped() -> None:
    assert country_code("Atlantis") is None
    assert country_or_text("  Atlantis  Federation ") == "Atlantis Federation"
    assert country_or_text("") is None
