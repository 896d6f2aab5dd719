"""Evidence besides the name: each case asserts an ordering or a decision, not a number."""

from __future__ import annotations

from typing import Any

import pytest

from watchkeeper.match.features import (
    Evidence,
    birth_date_evidence,
    collect_evidence,
    country_evidence,
    gender_evidence,
    identifier_evidence,
    identifier_key,
    nationality_evidence,
    schema_evidence,
)
from watchkeeper.model import (
    DateSpec,
    Entity,
    Gender,
    Identifier,
    IdType,
    Name,
    Query,
    Schema,
)


def query(**known: Any) -> Query:
    """A query named "Someone" that knows only ``known``."""
    return Query("q", ["Someone"], **known)


def effect(evidence: list[Evidence]) -> float:
    """The total effect of a feature's evidence (0.0 when it gives none)."""
    return sum(item.effect for item in evidence)


def date_effect(entity: Entity, *dates: DateSpec) -> float:
    return effect(birth_date_evidence(query(birth_dates=list(dates)), entity))


def listed(**known: Any) -> Entity:
    """A hand-built listed person that knows only ``known``."""
    return Entity("test:1", Schema.PERSON, [Name("Someone")], **known)


# --- birth dates -------------------------------------------------------------------------


def test_birth_date_precision_orders_the_evidence(un_entities: dict[str, Entity]) -> None:
    hamdi = un_entities["un:QDi.068"]  # born 1970-07-14
    assert hamdi.birth_dates == [DateSpec("1970-07-14")]
    full = date_effect(hamdi, DateSpec("1970-07-14"))
    month = date_effect(hamdi, DateSpec("1970-07"))
    year = date_effect(hamdi, DateSpec("1970"))
    near = date_effect(hamdi, DateSpec("1970-09-02"))
    far = date_effect(hamdi, DateSpec("1980-07-14"))
    assert full > month > year > near == 0.0 > far


def test_birth_date_evidence_explains_which_dates_met(un_entities: dict[str, Entity]) -> None:
    hamdi = un_entities["un:QDi.068"]
    (same,) = birth_date_evidence(query(birth_dates=[DateSpec("1970-07-14")]), hamdi)
    assert same.detail == "birth date 1970-07-14 matches listed 1970-07-14"
    (other,) = birth_date_evidence(query(birth_dates=[DateSpec("1951")]), hamdi)
    assert other.detail == "birth date 1951 differs from listed 1970-07-14"


def test_listed_year_only(un_entities: dict[str, Entity]) -> None:
    mazhari = un_entities["un:TAi.135"]  # born 1970
    inside = date_effect(mazhari, DateSpec("1970-03-02"))
    next_year = date_effect(mazhari, DateSpec("1971-06-01"))
    far = date_effect(mazhari, DateSpec("1975-06-01"))
    assert inside > next_year == 0.0 > far
    assert inside < date_effect(un_entities["un:QDi.068"], DateSpec("1970-07-14"))


def test_circa_ranges(un_entities: dict[str, Entity]) -> None:
    akhund = un_entities["un:TAi.002"]  # circa 1955-1958, circa 1945-1950
    in_range = date_effect(akhund, DateSpec("1957-05-01"))
    around_range = date_effect(akhund, DateSpec("1953"))  # within circa's two years
    in_other_range = date_effect(akhund, DateSpec("1947"))  # the best listed date counts
    outside = date_effect(akhund, DateSpec("1970"))
    assert in_range > 0 and around_range > 0 and in_other_range > 0
    assert outside < 0
    # A range agrees less precisely than a single year.
    assert in_range < date_effect(un_entities["un:TAi.135"], DateSpec("1970"))


def test_circa_query_date() -> None:
    person = listed(birth_dates=[DateSpec("1970-07-14")])
    assert date_effect(person, DateSpec("1968", circa=True)) > 0
    assert date_effect(person, DateSpec("1968")) < 0  # the same year without "circa"
    assert date_effect(person, DateSpec("1969")) == 0.0  # within a year: neutral
    assert date_effect(person, DateSpec("1960", circa=True)) < 0


def test_query_range_against_listed_date() -> None:
    person = listed(birth_dates=[DateSpec("1970-07-14")])
    assert date_effect(person, DateSpec("1968", "1972")) > 0
    assert date_effect(person, DateSpec("1975", "1980")) < 0


def test_several_listed_dates_best_one_counts(un_entities: dict[str, Entity]) -> None:
    kim = un_entities["un:KPi.030"]  # 1968-03-26 and 1970-10-15
    assert len(kim.birth_dates) == 2
    single = listed(birth_dates=[DateSpec("1970-10-15")])
    assert date_effect(kim, DateSpec("1970-10-15")) == date_effect(single, DateSpec("1970-10-15"))
    assert date_effect(kim, DateSpec("1990")) < 0


def test_unknown_or_unreadable_birth_dates_are_neutral(un_entities: dict[str, Entity]) -> None:
    hamdi = un_entities["un:QDi.068"]
    assert birth_date_evidence(query(), hamdi) == []
    assert birth_date_evidence(query(birth_dates=[DateSpec("1970")]), listed()) == []
    assert birth_date_evidence(query(birth_dates=[DateSpec("unknown")]), hamdi) == []


# --- nationality and country -----------------------------------------------------------


def test_nationality_match_beats_unknown_beats_mismatch(un_entities: dict[str, Entity]) -> None:
    hamdi = un_entities["un:QDi.068"]  # nationality tn
    same = nationality_evidence(query(nationalities=["tn"]), hamdi)
    unknown = nationality_evidence(query(), hamdi)
    other = nationality_evidence(query(nationalities=["sy"]), hamdi)
    assert effect(same) > effect(unknown) == 0.0 > effect(other)
    assert unknown == []
    assert other[0].detail == "nationality sy differs from listed tn"


def test_country_names_and_codes_meet(un_entities: dict[str, Entity]) -> None:
    hamdi = un_entities["un:QDi.068"]
    assert effect(nationality_evidence(query(nationalities=["Tunisia"]), hamdi)) > 0
    assert effect(nationality_evidence(query(nationalities=["TUN"]), hamdi)) > 0


def test_unresolved_country_text_is_no_mismatch(un_entities: dict[str, Entity]) -> None:
    hamdi = un_entities["un:QDi.068"]
    assert nationality_evidence(query(nationalities=["Atlantis"]), hamdi) == []
    same_text = nationality_evidence(
        query(nationalities=["atlantis"]), listed(nationalities=["Atlantis"])
    )
    assert effect(same_text) > 0


def test_query_country_meets_any_country_of_the_entity(un_entities: dict[str, Entity]) -> None:
    tarkhan = un_entities["un:QDi.345"]  # nationality ge, lives in sy
    baghdadi = un_entities["un:LYi.001"]  # no nationality; country and address tn
    assert effect(country_evidence(query(countries=["ge"]), tarkhan)) > 0
    assert effect(country_evidence(query(countries=["sy"]), tarkhan)) > 0
    assert effect(country_evidence(query(countries=["tn"]), baghdadi)) > 0
    assert effect(country_evidence(query(countries=["fr"]), tarkhan)) < 0
    assert nationality_evidence(query(nationalities=["tn"]), baghdadi) == []


# --- gender ------------------------------------------------------------------------------


def test_gender(un_entities: dict[str, Entity]) -> None:
    badege = un_entities["un:CDi.001"]
    assert badege.gender is Gender.MALE
    same = effect(gender_evidence(query(gender=Gender.MALE), badege))
    other = effect(gender_evidence(query(gender=Gender.FEMALE), badege))
    assert same > 0 > other
    assert abs(other) > same  # a shared gender tells less than a different one
    assert gender_evidence(query(gender=Gender.MALE), listed()) == []


# --- identifiers -------------------------------------------------------------------------


def ids(*identifiers: Identifier, **known: Any) -> Query:
    return query(identifiers=list(identifiers), **known)


def test_passport_written_differently_is_recognised() -> None:
    person = listed(identifiers=[Identifier(IdType.PASSPORT, "A 123-456.7")])
    (found,) = identifier_evidence(ids(Identifier(IdType.PASSPORT, "a1234567")), person)
    assert found.effect > 0
    assert "a1234567" in found.detail and "A 123-456.7" in found.detail


def test_identical_identifier_outweighs_other_positive_evidence() -> None:
    person = listed(
        identifiers=[Identifier(IdType.PASSPORT, "A1234567")],
        birth_dates=[DateSpec("1970-07-14")],
    )
    passport = effect(identifier_evidence(ids(Identifier(IdType.PASSPORT, "A1234567")), person))
    birth = date_effect(person, DateSpec("1970-07-14"))
    assert passport > birth > 0


def test_document_numbers_in_list_prose(un_entities: dict[str, Entity]) -> None:
    mazhari = un_entities["un:TAi.135"]  # "Afghan passport number SE 012820"
    kanabi = un_entities["un:QDi.203"]  # German travel document ("Reiseausweis") A 0139243
    assert effect(identifier_evidence(ids(Identifier(IdType.PASSPORT, "SE012820")), mazhari)) > 0
    assert effect(identifier_evidence(ids(Identifier(IdType.PASSPORT, "A0139243")), kanabi)) > 0


def test_identifiers_without_digits_keep_their_letters() -> None:
    assert identifier_key(IdType.CALL_SIGN, "UEKQ") == identifier_key(IdType.CALL_SIGN, "uekq")
    assert identifier_key(IdType.CALL_SIGN, "UEKQ") != identifier_key(IdType.CALL_SIGN, "UBDP")


def test_leading_zeros_are_ignored() -> None:
    assert identifier_key(IdType.NATIONAL_ID, "0012345") == identifier_key(
        IdType.NATIONAL_ID, "12345"
    )
    assert identifier_key(IdType.PASSPORT, "A012345") != identifier_key(IdType.PASSPORT, "A12345")


def test_same_number_under_another_document_label() -> None:
    person = listed(identifiers=[Identifier(IdType.TAX_ID, "7706107510")])
    query_id = Identifier(IdType.NATIONAL_ID, "7706107510")
    assert effect(identifier_evidence(ids(query_id), person)) > 0


def test_same_number_from_another_country_is_not_the_same_document() -> None:
    person = listed(identifiers=[Identifier(IdType.PASSPORT, "A1234567", country="iq")])
    query_id = Identifier(IdType.PASSPORT, "A1234567", country="fr")
    assert effect(identifier_evidence(ids(query_id), person)) <= 0


def test_imo_bic_and_crypto_forms() -> None:
    assert identifier_key(IdType.IMO, "IMO 9123456") == identifier_key(IdType.IMO, "9123456")
    assert identifier_key(IdType.BIC, "DEUTDEFF") == identifier_key(IdType.BIC, "deutdeffxxx")
    assert identifier_key(IdType.BIC, "DEUTDEFF500") == identifier_key(IdType.BIC, "DEUTDEFF")
    assert identifier_key(IdType.BIC, "DEUTDEFF") != identifier_key(IdType.BIC, "COBADEFF")
    ether = "0x7Db418b5D567A4e0E8c59Ad71BE1FcE48f3E6107"
    assert identifier_key(IdType.CRYPTO, ether) == identifier_key(IdType.CRYPTO, ether.lower())
    bech32 = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"
    assert identifier_key(IdType.CRYPTO, bech32) == identifier_key(IdType.CRYPTO, bech32.upper())
    base58 = "1P3ZfGFLezzYGg9k5SVzQmnjyh7nrUmF2y"
    assert identifier_key(IdType.CRYPTO, base58) != identifier_key(IdType.CRYPTO, base58.lower())
    assert identifier_key(IdType.CRYPTO, f" {base58} ") == identifier_key(IdType.CRYPTO, base58)


def test_imo_numbers_meet_and_a_different_one_counts_against() -> None:
    vessel = Entity(
        "test:v",
        Schema.VESSEL,
        [Name("Ocean Star")],
        identifiers=[Identifier(IdType.IMO, "9123456")],
    )
    same = effect(identifier_evidence(ids(Identifier(IdType.IMO, "IMO 9123456")), vessel))
    other = effect(identifier_evidence(ids(Identifier(IdType.IMO, "IMO 9876543")), vessel))
    assert same > 0 > other


def test_differing_passport_of_the_same_country_is_mild(un_entities: dict[str, Entity]) -> None:
    tarkhan = un_entities["un:QDi.345"]  # passport 09AL14455 issued by ge
    same_country = ids(Identifier(IdType.PASSPORT, "12AB34567", country="ge"))
    by_nationality = ids(Identifier(IdType.PASSPORT, "12AB34567"), nationalities=["ge"])
    other_country = ids(Identifier(IdType.PASSPORT, "12AB34567", country="tr"))
    unknown_country = ids(Identifier(IdType.PASSPORT, "12AB34567"))
    mild = effect(identifier_evidence(same_country, tarkhan))
    assert mild < 0
    assert effect(identifier_evidence(by_nationality, tarkhan)) == mild
    assert identifier_evidence(other_country, tarkhan) == []
    assert identifier_evidence(unknown_country, tarkhan) == []
    # People hold several passports: weaker than a birth date that differs.
    assert mild > date_effect(tarkhan, DateSpec("1950"))


def test_differing_identifiers_of_other_kinds_say_nothing() -> None:
    bank = Entity(
        "test:b",
        Schema.ORGANIZATION,
        [Name("Bank")],
        identifiers=[Identifier(IdType.BIC, "EIHBIRTH"), Identifier(IdType.TAX_ID, "7706107510")],
    )
    query_ids = ids(Identifier(IdType.BIC, "COBADEFF"), Identifier(IdType.TAX_ID, "7700000001"))
    assert identifier_evidence(query_ids, bank) == []


def test_too_short_identifiers_do_not_count() -> None:
    aircraft = Entity(
        "test:a",
        Schema.AIRCRAFT,
        [Name("Plane")],
        identifiers=[Identifier(IdType.AIRCRAFT_SERIAL, "133")],
    )
    query_id = Identifier(IdType.AIRCRAFT_SERIAL, "133")
    assert identifier_evidence(ids(query_id), aircraft) == []


# --- schema ------------------------------------------------------------------------------


@pytest.mark.parametrize("neutral", [None, Schema.LEGAL_ENTITY, Schema.ORGANIZATION])
def test_schema_neutral(un_entities: dict[str, Entity], neutral: Schema | None) -> None:
    al_qaida = un_entities["un:QDe.004"]
    assert schema_evidence(query(schema=neutral), al_qaida) == []


def test_person_against_organization_is_strong_negative(un_entities: dict[str, Entity]) -> None:
    al_qaida = un_entities["un:QDe.004"]
    person = effect(schema_evidence(query(schema=Schema.PERSON), al_qaida))
    vessel = Entity("test:v", Schema.VESSEL, [Name("Ocean Star")])
    company_vs_vessel = effect(schema_evidence(query(schema=Schema.ORGANIZATION), vessel))
    assert person < company_vs_vessel < 0
    legal = Entity("test:l", Schema.LEGAL_ENTITY, [Name("Someone")])
    assert schema_evidence(query(schema=Schema.PERSON), legal) == []


# --- all together ------------------------------------------------------------------------


def test_a_query_with_nothing_but_names_gives_no_evidence(un_entities: dict[str, Entity]) -> None:
    for entity in un_entities.values():
        assert collect_evidence(query(), entity) == []


def test_collected_evidence_names_each_feature(un_entities: dict[str, Entity]) -> None:
    full = query(
        schema=Schema.PERSON,
        birth_dates=[DateSpec("1986-01-11")],
        nationalities=["ge"],
        countries=["sy"],
        identifiers=[Identifier(IdType.NATIONAL_ID, "08001007864")],
    )
    found = collect_evidence(full, un_entities["un:QDi.345"])
    assert [item.feature for item in found] == [
        "birth_date",
        "nationality",
        "country",
        "identifier",
    ]
    assert all(item.effect > 0 for item in found)


@pytest.mark.parametrize(
    "name", ["Corporation Aa", "Azzouz Trading Limited", "Siemens GmbH", "ООО Ромашка"]
)
def test_a_query_of_no_schema_named_with_a_legal_form_is_a_company(
    un_entities: dict[str, Entity], name: str
) -> None:
    person = un_entities["un:QDi.371"]
    as_company = effect(schema_evidence(Query("q", [name]), person))
    assert as_company == effect(schema_evidence(query(schema=Schema.ORGANIZATION), person)) < 0
    assert schema_evidence(Query("q", [name]), un_entities["un:QDe.004"]) == []


@pytest.mark.parametrize(
    "names",
    [
        ["Iyad Ag Ghaly"],  # "Ag" (son of), also the German AG
        ["Maria SA"],
        ["Lee Doo Hwan"],  # "Doo" is a Korean syllable and the Serbian d.o.o.
        ["Limited"],  # a legal form alone names nothing
        ["Acme Limited", "Abd al-Baset Azzouz"],  # not every name a company's
    ],
)
def test_a_legal_form_a_person_may_bear_does_not_make_a_company(
    un_entities: dict[str, Entity], names: list[str]
) -> None:
    assert schema_evidence(Query("q", names), un_entities["un:QDi.371"]) == []
