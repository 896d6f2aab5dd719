"""The decision layer: parties, free text and countries of a unit against the UN list."""

from __future__ import annotations

from pathlib import Path

import pytest

from watchkeeper.dates import parse_date
from watchkeeper.match.index import CandidateIndex
from watchkeeper.message_screening import (
    Decision,
    DecisionPolicy,
    HitKind,
    MessageScreener,
    error_line,
)
from watchkeeper.messages.units import (
    CountryRef,
    CountryRole,
    FreeText,
    MessageFormatError,
    Party,
    ScreeningUnit,
)
from watchkeeper.model import DateSpec, Entity, Identifier, IdType, Query, Schema
from watchkeeper.sources import ofac_csv


def unit_with(
    parties: list[Party] | None = None,
    texts: list[FreeText] | None = None,
    countries: list[CountryRef] | None = None,
) -> ScreeningUnit:
    return ScreeningUnit(
        source="test.xml",
        format="pacs.008",
        unit="CdtTrfTxInf[1]",
        parties=parties or [],
        texts=texts or [],
        countries=countries or [],
    )


def party(
    path: str, name: str, schema: Schema | None = None, birth_dates: list[DateSpec] | None = None
) -> Party:
    query = Query(id=path, names=[name], schema=schema, birth_dates=birth_dates or [])
    return Party(path, "creditor", query)


def test_an_ordinary_payment_passes(un_message_screener: MessageScreener) -> None:
    result = un_message_screener.screen_unit(
        unit_with(
            [party("CdtTrfTxInf[1]/Dbtr/Nm", "Maria Fernanda Lopez", Schema.PERSON)],
            [FreeText("CdtTrfTxInf[1]/RmtInf/Ustrd", "INVOICE 2231 OFFICE SUPPLIES MARCH")],
            [CountryRef("CdtTrfTxInf[1]/Dbtr/PstlAdr/Ctry", "FI", CountryRole.ADDRESS)],
        )
    )
    assert result.decision is Decision.PASS
    assert result.hits == []


def test_a_listed_creditor_spelled_otherwise_is_held_naming_its_field(
    un_message_screener: MessageScreener,
) -> None:
    path = "CdtTrfTxInf[1]/Cdtr/Nm"
    # un:QDi.263 HAFIZ MUHAMMAD SAEED, here in another transliteration and order
    result = un_message_screener.screen_unit(
        unit_with([party(path, "Saeed, Hafez Mohammad", Schema.PERSON)])
    )
    assert result.decision in (Decision.REVIEW, Decision.BLOCK)
    hit = result.hits[0]
    assert (hit.field, hit.kind, hit.id) == (path, HitKind.PARTY, "un:QDi.263")
    assert hit.text == "Saeed, Hafez Mohammad"
    assert hit.explanation[0]["feature"] == "name"


def test_an_exact_name_with_its_birth_date_blocks_while_a_variant_goes_to_review(
    un_message_screener: MessageScreener,
) -> None:
    path = "CdtTrfTxInf[1]/Cdtr/Nm"
    birth = parse_date("1950-06-05")
    assert birth is not None
    exact = un_message_screener.screen_unit(
        unit_with([party(path, "Hafiz Muhammad Saeed", Schema.PERSON, birth_dates=[birth])])
    )
    variant = un_message_screener.screen_unit(
        unit_with([party(path, "Hafis Muhamad Said", Schema.PERSON)])
    )
    assert exact.decision is Decision.BLOCK
    assert variant.decision is Decision.REVIEW
    assert exact.hits[0].score > variant.hits[0].score


def test_thresholds_decide_between_review_and_block(un_message_screener: MessageScreener) -> None:
    unit = unit_with([party("Cdtr/Nm", "Hafez Mohamad Sayed", Schema.PERSON)])
    score = un_message_screener.screen_unit(unit).hits[0].score
    strict = MessageScreener(
        un_message_screener.index, DecisionPolicy(review_at=score / 2, block_at=score)
    )
    lenient = MessageScreener(
        un_message_screener.index, DecisionPolicy(review_at=min(1.0, score + 0.01), block_at=1.0)
    )
    assert strict.screen_unit(unit).decision is Decision.BLOCK
    assert lenient.screen_unit(unit).decision is Decision.PASS


def test_a_listed_name_in_remittance_text_is_found(un_message_screener: MessageScreener) -> None:
    path = "CdtTrfTxInf[1]/RmtInf/Ustrd"
    # un:QDe.015 WAFA HUMANITARIAN ORGANIZATION
    result = un_message_screener.screen_unit(
        unit_with(texts=[FreeText(path, "DONATION TO WAFA HUMANITARIAN ORGANISATION REF 2231")])
    )
    assert result.decision in (Decision.REVIEW, Decision.BLOCK)
    hit = result.hits[0]
    assert (hit.field, hit.kind, hit.id) == (path, HitKind.TEXT, "un:QDe.015")
    assert "WAFA" in hit.text


def test_the_free_text_table_is_built_only_for_a_unit_with_free_text(
    un_message_screener: MessageScreener,
) -> None:
    """Building the table of listed words takes a third of a second on every list: a
    manifest of passengers, which has no free text, does without it."""
    screener = MessageScreener(un_message_screener.index)
    passenger = unit_with([party("NAD[1]", "Maria Fernanda Lopez", Schema.PERSON)])
    assert screener.screen_units([passenger])[0].decision is Decision.PASS
    assert "_scanner" not in vars(screener)
    text = FreeText("CdtTrfTxInf[1]/RmtInf/Ustrd", "DONATION TO WAFA HUMANITARIAN ORGANISATION")
    assert screener.screen_unit(unit_with(texts=[text])).decision is not Decision.PASS
    assert "_scanner" in vars(screener)


@pytest.mark.parametrize("role", list(CountryRole))
def test_an_embargoed_country_holds_the_unit_whatever_ties_it(
    un_message_screener: MessageScreener, role: CountryRole
) -> None:
    ref = CountryRef("CdtTrfTxInf[1]/CdtrAgt/FinInstnId/BICFI", "IR", role)
    result = un_message_screener.screen_unit(unit_with(countries=[ref]))
    assert result.decision is Decision.REVIEW
    assert [(hit.kind, hit.field, hit.text) for hit in result.hits] == [
        (HitKind.JURISDICTION, ref.path, "IR")
    ]


def test_the_embargo_list_and_its_decision_are_configurable(
    un_message_screener: MessageScreener,
) -> None:
    unit = unit_with(countries=[CountryRef("Cdtr/PstlAdr/Ctry", "RU", CountryRole.ADDRESS)])
    assert un_message_screener.screen_unit(unit).decision is Decision.PASS
    policy = DecisionPolicy(embargoed=frozenset({"RU"}), embargo_decision=Decision.BLOCK)
    assert MessageScreener(un_message_screener.index, policy).screen_unit(unit).decision is (
        Decision.BLOCK
    )


def test_thresholds_out_of_order_are_refused() -> None:
    with pytest.raises(ValueError, match="thresholds"):
        DecisionPolicy(review_at=0.9, block_at=0.6)


def test_result_and_error_lines_have_the_documented_shape(
    un_message_screener: MessageScreener,
) -> None:
    line = un_message_screener.screen_unit(
        unit_with([party("Cdtr/Nm", "Hafiz Muhammad Saeed", Schema.PERSON)])
    ).to_dict()
    assert set(line) == {"source", "format", "unit", "decision", "hits", "error"}
    assert line["error"] is None
    assert {"field", "text", "id", "score", "explanation"} <= set(line["hits"][0])
    error = error_line(MessageFormatError("bad.xml", "line 3", "not well-formed"), None)
    assert error["decision"] is None
    assert error["error"] == "bad.xml, line 3: not well-formed"


@pytest.fixture(scope="module")
def ofac_banks_screener(lists_dir: Path) -> MessageScreener:
    """A screener over the OFAC SDN entities of 2024-05-03 that carry a BIC."""
    path = lists_dir / "ofac_sdn_2024" / "sdn_2024-05-03.csv"
    entities = ofac_csv.FORMATS[0].parse([path]).entities
    banks = [e for e in entities if any(i.type is IdType.BIC for i in e.identifiers)]
    return MessageScreener(CandidateIndex.build(banks))


def test_a_bank_known_only_by_its_listed_bic_is_blocked(
    ofac_banks_screener: MessageScreener,
) -> None:
    # ofac:12312 KOREA DAESONG BANK, SWIFT/BIC KDBKKPPY; the branch code does not matter
    path = "CdtTrfTxInf[1]/IntrmyAgt1/FinInstnId/BICFI"
    agent = Party(
        path,
        "intermediary_agent_1",
        Query(id=path, names=[], identifiers=[Identifier(IdType.BIC, "KDBKKPPYXXX")]),
    )
    result = ofac_banks_screener.screen_unit(unit_with([agent]))
    assert result.decision is Decision.BLOCK
    assert [(hit.kind, hit.field, hit.id) for hit in result.hits] == [
        (HitKind.IDENTIFIER, path, "ofac:12312")
    ]
    other = Query(id=path, names=[], identifiers=[Identifier(IdType.BIC, "DEUTDEFFXXX")])
    clean = ofac_banks_screener.screen_unit(unit_with([Party(path, "agent", other)]))
    assert clean.decision is Decision.PASS


def test_a_party_recurring_in_every_transaction_is_reported_at_each_own_path(
    un_message_screener: MessageScreener,
) -> None:
    # a bulk payment's debtor stands in every transaction; each hit names its own field
    paths = [f"PmtInf[1]/CdtTrfTxInf[{n}]/Dbtr/Nm" for n in (1, 2, 3)]
    results = [
        un_message_screener.screen_unit(unit_with([party(path, "Hafiz Saeed", Schema.PERSON)]))
        for path in paths
    ]
    assert [[hit.field for hit in result.hits] for result in results] == [[p] for p in paths]
    assert len({(r.hits[0].id, r.hits[0].score) for r in results}) == 1


def test_units_screened_together_get_what_each_gets_alone(
    un_message_screener: MessageScreener, un_entities: dict[str, Entity]
) -> None:
    """A batch's parties are looked up together (by a screener that has seen none of them);
    each unit's result is the one it gets on its own."""
    names = [
        ("Dbtr/Nm", "Hafez Saeed", Schema.PERSON),
        ("Cdtr/Nm", "Maria Fernanda Lopez", Schema.PERSON),
        ("Dbtr/Nm", "Aboubakr el Baghdadi", None),
        ("Cdtr/Nm", "Hafez Saeed", Schema.PERSON),
        ("Dbtr/Nm", "Al Qaida in the Islamic Maghreb", Schema.ORGANIZATION),
        ("Cdtr/Nm", "Nordic Timber Oy", Schema.ORGANIZATION),
    ]
    units = [
        unit_with([party(f"CdtTrfTxInf[{n // 2 + 1}]/{path}", name, schema)])
        for n, (path, name, schema) in enumerate(names)
    ]
    batch = MessageScreener(CandidateIndex.build(list(un_entities.values())))
    together = [result.to_dict() for result in batch.screen_units(units)]
    alone = [un_message_screener.screen_unit(unit).to_dict() for unit in units]
    assert together == alone
    assert [line["decision"] for line in alone].count("pass") == 2
