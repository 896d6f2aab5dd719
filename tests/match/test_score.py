"""The final score: name, name kind and evidence together, as orderings and decisions."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from watchkeeper.match.features import Evidence
from watchkeeper.match.names import compare_names, prepare_name
from watchkeeper.match.score import (
    DEFAULT_THRESHOLD,
    MAX_LIFT,
    MatchScore,
    best_name_pair,
    combine,
    kind_adjusted_score,
    score_entity,
)
from watchkeeper.match.weights import TokenWeights
from watchkeeper.model import (
    DateSpec,
    Entity,
    Gender,
    Identifier,
    IdType,
    Name,
    NameKind,
    Query,
    Schema,
)

HAMDI = "un:QDi.068"
"""ADEL BEN AL-AZHAR BEN YOUSSEF HAMDI, born 1970-07-14, Tunisian, passport M408665 (tn),
weak alias "Zakariya"."""


Scorer = Callable[..., MatchScore]
"""``score(name, entity id or Entity, **other Query fields)``."""


@pytest.fixture
def score(listed_weights: TokenWeights, un_entities: dict[str, Entity]) -> Scorer:
    """Score a query (a name plus keyword fields of Query) against an entity (id or object)."""

    def run(name: str, entity: str | Entity, **known: Any) -> MatchScore:
        listed = un_entities[entity] if isinstance(entity, str) else entity
        query = Query("q", [name], **known)
        result = score_entity(query, listed, listed_weights)
        assert result is not None
        return result

    return run


# --- birth dates -------------------------------------------------------------------------


def test_same_birth_date_ranks_above_year_above_none_above_different(score: Scorer) -> None:
    name = "Adel Azhar Hamdi"  # a shortened spelling: room above and below
    full = score(name, HAMDI, birth_dates=[DateSpec("1970-07-14")]).score
    year = score(name, HAMDI, birth_dates=[DateSpec("1970")]).score
    unknown = score(name, HAMDI).score
    different = score(name, HAMDI, birth_dates=[DateSpec("1985-02-01")]).score
    assert full > year > unknown > different


def test_exact_name_with_different_birth_date_ranks_lower_but_still_alerts(score: Scorer) -> None:
    name = "Adel ben al-Azhar ben Youssef Hamdi"
    same = score(name, HAMDI, birth_dates=[DateSpec("1970-07-14")])
    different = score(name, HAMDI, birth_dates=[DateSpec("1985-02-01")])
    assert same.score > different.score
    assert different.match


def test_circa_and_range_dates_on_the_final_score(score: Scorer) -> None:
    name = "Mohammad Hasan Akhund"  # un:TAi.002, born circa 1955-1958 or circa 1945-1950
    inside = score(name, "un:TAi.002", birth_dates=[DateSpec("1956")]).score
    unknown = score(name, "un:TAi.002").score
    outside = score(name, "un:TAi.002", birth_dates=[DateSpec("1975")]).score
    assert inside > unknown > outside


def test_birth_date_mismatch_pushes_a_borderline_name_below(score: Scorer) -> None:
    name = "Adel ben Youssef"
    assert score(name, HAMDI).match
    assert not score(name, HAMDI, birth_dates=[DateSpec("1985-02-01")]).match


# --- nationality, gender, schema ---------------------------------------------------------


def test_nationality_match_above_unknown_above_mismatch(score: Scorer) -> None:
    name = "Adel ben Youssef"
    same = score(name, HAMDI, nationalities=["tn"])
    unknown = score(name, HAMDI)
    other = score(name, HAMDI, nationalities=["sy"])
    assert same.score > unknown.score > other.score
    assert unknown.match and not other.match


def test_unknown_evidence_leaves_the_name_score(score: Scorer) -> None:
    name = "Adel Azhar Hamdi"
    name_only = score(name, HAMDI)
    assert name_only.score == name_only.name.score
    assert name_only.evidence == ()
    # Hamdi's list entry gives no gender: a query's gender is unknown evidence there.
    with_gender = score(name, HAMDI, gender=Gender.FEMALE)
    assert with_gender.score == name_only.score


def test_person_query_against_an_organization_is_lowered(score: Scorer) -> None:
    unknown = score("Al Qaida", "un:QDe.004")
    as_company = score("Al Qaida", "un:QDe.004", schema=Schema.ORGANIZATION)
    as_person = score("Al Qaida", "un:QDe.004", schema=Schema.PERSON)
    assert as_person.score < unknown.score == as_company.score


# --- identifiers -------------------------------------------------------------------------


def test_identifier_lifts_a_borderline_name_over_the_threshold(score: Scorer) -> None:
    name_only = score("Adel Hamdi", HAMDI)
    assert DEFAULT_THRESHOLD - MAX_LIFT <= name_only.score < DEFAULT_THRESHOLD
    with_passport = score("Adel Hamdi", HAMDI, identifiers=[Identifier(IdType.PASSPORT, "m408665")])
    assert with_passport.match


def test_identifier_alone_does_not_make_a_different_name_match(score: Scorer) -> None:
    putin = Entity(
        "test:putin",
        Schema.PERSON,
        [Name("Vladimir Putin")],
        birth_dates=[DateSpec("1952-10-07")],
        nationalities=["ru"],
        gender=Gender.MALE,
        identifiers=[Identifier(IdType.PASSPORT, "RU1234567", country="ru")],
    )
    everything_agrees: dict[str, Any] = {
        "schema": Schema.PERSON,
        "birth_dates": [DateSpec("1952-10-07")],
        "nationalities": ["ru"],
        "countries": ["ru"],
        "gender": Gender.MALE,
        "identifiers": [Identifier(IdType.PASSPORT, "RU 123-4567")],
    }
    result = score("John Smith", putin, **everything_agrees)
    assert any(item.feature == "identifier" and item.effect > 0 for item in result.evidence)
    assert not result.match


def test_clearly_different_name_stays_below_with_all_evidence(score: Scorer) -> None:
    everything_agrees: dict[str, Any] = {
        "birth_dates": [DateSpec("1970-07-14")],
        "nationalities": ["tn"],
        "identifiers": [Identifier(IdType.PASSPORT, "M408665")],
    }
    name_only = score("Adel Hamdi Soltane", HAMDI)
    assert name_only.score < 0.4
    assert not score("Adel Hamdi Soltane", HAMDI, **everything_agrees).match


# --- name kinds --------------------------------------------------------------------------


def test_weak_alias_scores_below_the_same_text_as_primary(score: Scorer) -> None:
    name = "Zakariya Hamdan"
    as_primary = Entity("test:p", Schema.PERSON, [Name(name, NameKind.PRIMARY)])
    as_alias = Entity("test:a", Schema.PERSON, [Name(name, NameKind.ALIAS)])
    as_weak = Entity("test:w", Schema.PERSON, [Name(name, NameKind.WEAK_ALIAS)])
    assert score(name, as_weak).score < score(name, as_primary).score
    assert score(name, as_alias).score == score(name, as_primary).score
    # An exact weak alias still alerts; a misspelt one needs support.
    assert score(name, as_weak).match
    misspelt = "Zakaria Hamdane"
    assert score(misspelt, as_weak).score < score(misspelt, as_primary).score


def test_a_persons_one_word_name_is_as_weak_as_a_weak_alias(score: Scorer) -> None:
    mononym = Entity("test:m", Schema.PERSON, [Name("Santos", NameKind.PRIMARY)])
    assert score("Santos", mononym).match  # the word itself still alerts
    assert not score("Mike Santos", mononym).match
    assert score("Mike Santos", mononym).name_kind is NameKind.PRIMARY
    company = Entity("test:c", Schema.ORGANIZATION, [Name("Santos", NameKind.PRIMARY)])
    assert score("Santos", company).score > score("Santos", mononym).score


@pytest.mark.parametrize(
    ("listed", "longer"),
    [
        ("Sadruddin", "Sadriddin Menshikov"),  # sadr + al + din
        ("Sadr al-Din", "Sadruddin Smith"),
        ("BAQI, Abdul", "Abdulbaki Edla"),  # a list's surname and given name of one compound
        ("Abdelrahman", "Abdul Rahman Smith"),
    ],
)
def test_one_compound_given_name_is_a_one_word_name(
    score: Scorer, listed: str, longer: str
) -> None:
    """A compound given name alone, however written, names nobody in particular either: a
    longer query that holds it scores as against a weak alias; the compound itself alerts."""
    alias = Entity("test:a", Schema.PERSON, [Name(listed, NameKind.ALIAS)])
    weak = Entity("test:w", Schema.PERSON, [Name(listed, NameKind.WEAK_ALIAS)])
    assert score(listed, alias).match
    assert score(longer, alias).score == pytest.approx(score(longer, weak).score)
    assert score(longer, alias).score < score(longer, alias).name.score


@pytest.mark.parametrize("schema", [Schema.PERSON, Schema.LEGAL_ENTITY])
def test_a_compound_given_name_and_another_name_do_not_alert_on_the_compound(
    score: Scorer, schema: Schema
) -> None:
    """ "RAUF, Abdul" (a list's surname and given name of one compound) names nobody in
    particular, a person or an entity of unknown kind."""
    listed = Entity("test:r", schema, [Name("RAUF, Abdul", NameKind.ALIAS)])
    assert score("Abdul Rauf", listed).match
    assert not score("Abdurrauf Sora", listed).match


def test_a_given_name_and_a_nisba_are_two_words(score: Scorer) -> None:
    """ "Ahmad al-Masri" is a given name and a family name, not one compound."""
    alias = Entity("test:a", Schema.PERSON, [Name("Ahmad al-Masri", NameKind.ALIAS)])
    result = score("Ahmad al-Masri Smith", alias)
    assert result.score == result.name.score


def test_a_kunya_alone_is_a_one_word_name(score: Scorer) -> None:
    # EU entity 519 (Ahmed Khalfan Ghailani) has the alias "Bakr, Abu"
    ghailani = Entity(
        "test:g", Schema.PERSON, [Name("Ahmed Khalfan Ghailani"), Name("Bakr, Abu", NameKind.ALIAS)]
    )
    assert score("Abu Bakr", ghailani).match  # the kunya itself still alerts
    assert not score("Abou Bakr El Baghdadi", ghailani).match
    baghdadi = Entity("test:b", Schema.PERSON, [Name("Abu Bakr al-Baghdadi", NameKind.ALIAS)])
    assert score("Abou Bakr El Baghdadi", baghdadi).score == 1.0


def test_real_weak_alias_is_found_and_named(score: Scorer) -> None:
    result = score("Zakariya", HAMDI)
    assert result.name_kind is NameKind.WEAK_ALIAS
    assert result.score < result.name.score


def test_best_pair_is_chosen_after_the_kind_factor(listed_weights: TokenWeights) -> None:
    query = prepare_name("Omar Shishani", "Person", listed_weights)
    weak = compare_names(query, prepare_name("Omar Shishani", "Person", listed_weights))
    alias = compare_names(query, prepare_name("Umar Shishani", "Person", listed_weights))
    weak_adjusted = kind_adjusted_score(weak, NameKind.WEAK_ALIAS)
    assert weak.score > alias.score > weak_adjusted
    best = best_name_pair([(weak, NameKind.WEAK_ALIAS), (alias, NameKind.ALIAS)])
    assert best == (alias, NameKind.ALIAS)
    assert best_name_pair([]) is None


def test_alias_match_names_the_alias(score: Scorer) -> None:
    result = score("Kawa Hamawandi", "un:QDi.203")
    assert result.match
    assert result.name.candidate.text == "Kawa Hamawandi"
    assert result.name_kind is NameKind.ALIAS


# --- combining and explaining ------------------------------------------------------------


def test_supporting_evidence_is_bounded(listed_weights: TokenWeights) -> None:
    comparison = compare_names(
        prepare_name("Adel Hamdi", "Person", listed_weights),
        prepare_name("Adel ben Youssef Hamdi", "Person", listed_weights),
    )
    one = combine(comparison, NameKind.PRIMARY, [Evidence("identifier", MAX_LIFT, "same")])
    many = [Evidence("identifier", MAX_LIFT, "same"), Evidence("birth_date", 0.1, "same")]
    assert combine(comparison, NameKind.PRIMARY, many).score == one.score


def test_threshold_decides_the_match_flag(score: Scorer) -> None:
    result = score("Adel ben Youssef", HAMDI)
    strict = combine(result.name, result.name_kind, result.evidence, threshold=0.99)
    assert result.match and not strict.match
    assert strict.score == result.score


def test_explanation_is_json_and_adds_up_to_the_score(score: Scorer) -> None:
    result = score(
        "Adel Hamdi",
        HAMDI,
        birth_dates=[DateSpec("1970")],
        nationalities=["sy"],
        identifiers=[Identifier(IdType.PASSPORT, "M 408-665")],
    )
    explanation = json.loads(json.dumps(result.explanation()))
    features = [item["feature"] for item in explanation]
    assert features[:2] == ["name", "name_kind"]
    assert {"birth_date", "nationality", "identifier", "bounds"} <= set(features)
    name_item = explanation[0]
    assert name_item["query_name"] == "Adel Hamdi"
    assert name_item["matched_name"] == "ADEL BEN AL-AZHAR BEN YOUSSEF HAMDI"
    assert {"query": "hamdi", "candidate": "hamdi"} in [
        {key: pair[key] for key in ("query", "candidate")} for pair in name_item["pairs"]
    ]
    assert sum(item["effect"] for item in explanation) == pytest.approx(result.score, abs=1e-3)
    assert all(item.get("detail") for item in explanation[1:])


def test_score_stays_within_zero_and_one(score: Scorer) -> None:
    exact = score(
        "Adel ben al-Azhar ben Youssef Hamdi",
        HAMDI,
        birth_dates=[DateSpec("1970-07-14")],
        identifiers=[Identifier(IdType.PASSPORT, "M408665")],
    )
    assert exact.score == 1.0
    hopeless = score(
        "Adel Hamdi Soltane",
        HAMDI,
        schema=Schema.ORGANIZATION,
        birth_dates=[DateSpec("1990")],
        gender=Gender.FEMALE,
        nationalities=["fr"],
    )
    assert 0.0 <= hopeless.score < DEFAULT_THRESHOLD


def test_entity_without_names_gives_no_score(listed_weights: TokenWeights) -> None:
    nameless = Entity("test:n", Schema.PERSON)
    assert score_entity(Query("q", ["Someone"]), nameless, listed_weights) is None
