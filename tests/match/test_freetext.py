"""Listed names inside free text, against the real UN consolidated list."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from watchkeeper.match.engine import Matcher
from watchkeeper.match.freetext import Role, TextHit, TextScanner, word_key
from watchkeeper.match.index import CandidateIndex
from watchkeeper.model import Entity, Schema
from watchkeeper.text.tokens import tokenize_name


@pytest.fixture(scope="module")
def scanner(un_entities: dict[str, Entity]) -> TextScanner:
    return TextScanner(Matcher(CandidateIndex.build(list(un_entities.values()))))


def found(scanner: TextScanner, text: str) -> list[tuple[str, str]]:
    """(entity id, window) of each hit."""
    return [(scanner.matcher.index.entity(hit.entity).id, hit.window) for hit in scanner.scan(text)]


@pytest.mark.parametrize(
    ("text", "listed", "window"),
    [
        ("INV 2231 SUPPLIES FOR AL-NUSRAH FRONT HQ", "un:QDe.137", "AL-NUSRAH FRONT"),
        ("DONATION FOR AL NUSRA FRONT /REF/ 77", "un:QDe.137", "AL NUSRA FRONT"),
        ("/BNF/PAYMENT TO ABU BAKR AL BAGHDADI FAMILY", "un:QDi.299", "ABU BAKR AL BAGHDADI"),
        ("/BNF/PAYMENT TO ABU BAKR AL BAGDHADI FAMILY", "un:QDi.299", "ABU BAKR AL BAGDHADI"),
        # particles dropped
        ("CONTRACT 7 JAMAL MUSTAFA ABDALLAH SULTAN TIKRITI", "un:IQi.022", "JAMAL MUSTAFA"
         " ABDALLAH SULTAN TIKRITI"),
        # surname first
        ("TRANSFER TO AL-BAGHDADI, ABU BAKR", "un:QDi.299", "AL-BAGHDADI, ABU BAKR"),
        # wrapped over the 35-character lines of an MT field 70
        ("/RFB/INV 4471\nPAYMENT TO ABU BAKR AL\nBAGHDADI", "un:QDi.299", "ABU BAKR AL\nBAGHDADI"),
        # an organisation known by one word
        ("DONATION TO AL-SHABAAB VIA AGENT", "un:SOe.001", "AL-SHABAAB"),
    ],
)  # fmt: skip
def test_listed_name_in_text_is_found_where_it_stands(
    scanner: TextScanner, text: str, listed: str, window: str
) -> None:
    hits = scanner.scan(text)
    assert hits, text
    best = hits[0]
    assert scanner.matcher.index.entity(best.entity).id == listed
    assert best.window == window
    assert (best.start, best.end) == (text.index(window), text.index(window) + len(window))
    assert text[best.start : best.end] == best.window


@pytest.mark.parametrize(
    "text",
    [
        "INV 2231 GENERAL TRADING SUPPLIES",
        "SALARY MARCH 2024 MOHAMMED ALI",
        "PAYMENT TO MOHAMMED",
        "SCHOOL FEES FOR MARIA LOPEZ GARCIA",
        "RENT APRIL FLAT 4 12 HIGH STREET LONDON",
        "SPARE PARTS FOR TRUCKS INV 2231 DD 12.03.2025",
        "/ROC/ORDER 5521 OFFICE FURNITURE FOR AL NOOR GENERAL TRADING LLC DUBAI",
        "CONSULTING FEES Q1 ABDUL RAHMAN HASSAN",
        "FAMILY SUPPORT FOR AHMED KHAN KARACHI",
    ],
)
def test_ordinary_payment_texts_stay_quiet(scanner: TextScanner, text: str) -> None:
    assert found(scanner, text) == []


def test_a_single_word_name_inside_another_name_is_no_text_hit(scanner: TextScanner) -> None:
    """ "AL-SHABAAB" alone names the listed organisation; next to other name words it is a
    part of another name."""
    assert found(scanner, "DONATION TO AL-SHABAAB") == [("un:SOe.001", "AL-SHABAAB")]
    assert found(scanner, "AUTO PARTS FROM SHABAAB MOTORS KISMAYO") == []


def test_a_common_given_name_alone_is_no_text_hit(scanner: TextScanner) -> None:
    """As a name field "Mohammed" meets listed (weak) aliases; inside a text it is no hit."""
    assert scanner.matcher.match_names(["Mohammed"], Schema.PERSON)
    assert scanner.scan("GIFT FOR MOHAMMED") == []


def test_free_texts_of_the_sample_messages_stay_quiet(
    scanner: TextScanner, shared_data: Path
) -> None:
    texts = list(_sample_free_texts(shared_data / "formats"))
    assert len(texts) > 20
    alerts = {text: found(scanner, text) for text in texts}
    assert {text: hits for text, hits in alerts.items() if hits} == {}


def _sample_free_texts(folder: Path) -> list[str]:
    """Remittance information, instructions and address lines of the ISO 20022 samples,
    fields 70 and 72 of the SWIFT MT samples."""
    xml = re.compile(r"<(?:\w+:)?(?:Ustrd|AdrLine|InstrInf|AddtlInf)>([^<]+)<")
    mt = re.compile(r"^:(?:70|72):(.*(?:\n(?!:|-\})[^\n]*)*)", re.MULTILINE)
    texts: list[str] = []
    for path in sorted(folder.rglob("*")):
        if path.suffix == ".xml":
            texts += xml.findall(path.read_text(encoding="utf-8"))
        elif path.suffix in (".fin", ".rje"):
            texts += mt.findall(path.read_text(encoding="utf-8", errors="replace"))
    return texts


def test_codes_and_numbers_are_no_part_of_a_name(scanner: TextScanner) -> None:
    words = scanner.words("/INV/2231 AL-NUSRAH 12.03.2025 FRONT DE89370400440532013000")
    assert [(word.text, word.role) for word in words] == [
        ("INV", Role.BREAK),
        ("2231", Role.BREAK),
        ("AL-NUSRAH", Role.NAME),
        ("12.03.2025", Role.BREAK),
        ("FRONT", Role.NAME),
        ("DE89370400440532013000", Role.BREAK),
    ]
    assert scanner.scan("AL-NUSRAH 2231 FRONT") == []


@pytest.mark.parametrize("typo", ["BAGHDAD", "BAGHADADI"])
def test_a_word_a_sound_off_a_listed_word_may_be_it(scanner: TextScanner, typo: str) -> None:
    """A word no listed name has is looked up by the keys one sound longer ("BAGHDAD") or
    shorter ("BAGHADADI") than its own: it may be a typo of the listed "BAGHDADI"."""
    listed = word_key(tokenize_name("BAGHDADI")[0])
    word = tokenize_name(typo)[0]
    may_be, as_spelled = scanner.listed.keys_of(word)
    assert not as_spelled
    assert listed in may_be
    assert all(abs(len(key) - len(word.key)) == 1 for key in may_be)
    assert scanner.listed.keys_of(word) == (may_be, as_spelled)


def test_ordinary_text_makes_no_matcher_query(scanner: TextScanner) -> None:
    """Windows are chosen by the listed names' words: an invoice line has none."""
    assert scanner.windows("INV 2231 OFFICE FURNITURE AND SPARE PARTS FOR NORDIC TIMBER AB") == []
    assert scanner.windows("PAYMENT TO ABU BAKR AL BAGHDADI") != []


def test_two_listed_names_in_one_text_are_both_found(scanner: TextScanner) -> None:
    text = "/BNF/AL-NUSRAH FRONT /INS/ABU BAKR AL-BAGHDADI"
    assert sorted(found(scanner, text)) == [
        ("un:QDe.137", "AL-NUSRAH FRONT"),
        ("un:QDi.299", "ABU BAKR AL-BAGHDADI"),
    ]


def test_a_hit_carries_what_the_result_needs(scanner: TextScanner) -> None:
    text = "INV 2231 SUPPLIES FOR AL-NUSRAH FRONT HQ"
    hit: TextHit = scanner.scan(text)[0]
    entity = scanner.matcher.index.entity(hit.entity)
    explanation = hit.hit.comparison.to_dict()
    assert entity.id == "un:QDe.137"
    assert explanation["query_name"] == "AL-NUSRAH FRONT"
    assert explanation["matched_name"] in [name.full for name in entity.names]
    assert hit.score == hit.hit.score == explanation["score"] >= scanner.threshold


def test_a_stricter_threshold_keeps_exact_names_only(scanner: TextScanner) -> None:
    strict = TextScanner(scanner.matcher, threshold=0.99)
    assert found(strict, "PAYMENT TO ABU BAKR AL BAGHDADI") == [
        ("un:QDi.299", "ABU BAKR AL BAGHDADI")
    ]
    assert found(strict, "PAYMENT TO ABU BAKR AL BAGDHADI") == []
    assert found(scanner, "PAYMENT TO ABU BAKR AL BAGDHADI") != []


def test_a_legal_form_of_several_words_may_open_a_window(scanner: TextScanner) -> None:
    """ "LIMITED LIABILITY COMPANY SBERBANK CAPITAL": its words of a legal form are no name
    words; the window takes them in before the name, as it takes "OOO" or "JSC"."""
    for word in ("LIABILITY", "OBSHCHESTVO", "AKTSIONERNOE"):
        assert [w.role for w in scanner.words(word)] == [Role.TAIL], word
    assert [w.role for w in scanner.words("STOCKHOLM")] == [Role.NAME]
    text = "DONATION LIMITED LIABILITY COMPANY NOVIN ENERGY REF 5521"
    assert "LIMITED LIABILITY COMPANY NOVIN ENERGY" in scanner.windows(text)
