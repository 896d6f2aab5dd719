"""Screening with evidence on the real UN list: what a Screener finds is what scoring every
listed entity finds, though it compares only the names that evidence may carry over the
threshold."""

from __future__ import annotations

from typing import Any

import pytest

from watchkeeper.match.features import collect_evidence, most_support
from watchkeeper.match.index import CandidateIndex
from watchkeeper.match.score import score_entity
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
from watchkeeper.screening import Screener

HAMDI = "un:QDi.068"
"""ADEL BEN AL-AZHAR BEN YOUSSEF HAMDI, born 1970-07-14, Tunisian, passport M408665 (tn)."""
BAGHDADI = "un:QDi.299"
"""Ibrahim Awwad Ibrahim Ali al-Badri al-Samarrai (Abu Bakr al-Baghdadi), born 1971, Iraqi."""


@pytest.fixture(scope="module")
def screener(un_entities: dict[str, Entity]) -> Screener:
    return Screener(CandidateIndex.build(list(un_entities.values())))


def _query(name: str, **known: Any) -> Query:
    return Query("q", [name], Schema.PERSON, **known)


QUERIES = [
    _query("Adel Hamdi"),
    _query("Adel Hamdi", birth_dates=[DateSpec("1970-07-14")], nationalities=["tn"]),
    _query("Adel Hamdi", identifiers=[Identifier(IdType.PASSPORT, "M 408665")]),
    _query("Adel Hamdi", birth_dates=[DateSpec("1991")], gender=Gender.FEMALE),
    _query("Ibrahim al Samarai", birth_dates=[DateSpec("1971")], countries=["iq"]),
    _query("Ibrahim al Samarai", birth_dates=[DateSpec("1950-02-02")], countries=["no"]),
    _query("Abdul Rahman", nationalities=["af"], gender=Gender.MALE),
    _query("Mohammed Ali", birth_dates=[DateSpec("1965", circa=True)]),
]


@pytest.mark.parametrize("query", QUERIES, ids=lambda query: repr(query)[:90])
def test_hits_are_what_scoring_every_entity_finds(
    screener: Screener, un_entities: dict[str, Entity], query: Query
) -> None:
    weights = screener.index.weights
    expected = {}
    for entity in un_entities.values():
        result = score_entity(query, entity, weights)
        if result is not None and result.match:
            expected[entity.id] = result.score
    hits = screener.screen(query, limit=len(un_entities))
    assert {hit.entity.id: hit.score for hit in hits} == pytest.approx(expected)


@pytest.mark.parametrize("limit", [1, 3])
@pytest.mark.parametrize(
    "query",
    [
        *QUERIES,
        _query("THOMAS"),
        _query("Omar"),
        _query("MAJID"),
        Query("q", ["Jihad"]),
        Query("q", ["Abdulrohman"], Schema.ORGANIZATION),
    ],
    ids=lambda query: repr(query)[:90],
)
def test_the_limit_keeps_the_first_hits_of_the_final_ranking(
    screener: Screener, query: Query, limit: int
) -> None:
    """Hits are cut to ``limit`` by their final score: an entity whose name alone ranks high
    but whose one-word or weak name, other schema or other evidence takes score away does
    not push out one that ends higher ("THOMAS" meets one-word aliases that end below the
    threshold, and one entity above it)."""
    everything = screener.screen(query, limit=1000)
    limited = screener.screen(query, limit=limit)
    assert [hit.entity.id for hit in limited] == [hit.entity.id for hit in everything[:limit]]


def test_evidence_decides_which_borderline_names_match(screener: Screener) -> None:
    def found(query: Query) -> set[str]:
        return {hit.entity.id for hit in screener.screen(query)}

    assert HAMDI not in found(QUERIES[0])
    assert HAMDI in found(QUERIES[1]) and HAMDI in found(QUERIES[2])
    assert BAGHDADI in found(QUERIES[4]) and BAGHDADI not in found(QUERIES[5])


def test_most_support_is_the_most_any_entity_gets(un_entities: dict[str, Entity]) -> None:
    """No entity's supporting evidence exceeds what the query's fields may bring, and a
    query whose fields agree with everything of an entity gets all of it."""
    hamdi = un_entities[HAMDI]
    agrees = _query(
        "x",
        birth_dates=list(hamdi.birth_dates),
        nationalities=list(hamdi.nationalities),
        countries=["tn"],
        gender=hamdi.gender,
        identifiers=list(hamdi.identifiers),
    )
    assert most_support(_query("x")) == 0
    for query in [*QUERIES, agrees]:
        bound = most_support(query)
        for entity in un_entities.values():
            support = sum(e.effect for e in collect_evidence(query, entity) if e.effect > 0)
            assert support <= bound + 1e-12
    support = sum(e.effect for e in collect_evidence(agrees, hamdi) if e.effect > 0)
    assert support == pytest.approx(most_support(agrees))


def test_the_best_pair_is_chosen_after_the_name_kind_factor() -> None:
    """An exact weak alias (x 0.8) does not hide a primary name that is nearly as alike."""
    listed = Entity(
        "test:hamdan",
        Schema.PERSON,
        [Name("Zakaria Hamdan", NameKind.PRIMARY), Name("Zakariya Hamdan", NameKind.WEAK_ALIAS)],
    )
    other = Entity("test:other", Schema.PERSON, [Name("John Smith")])
    query = _query("Zakariya Hamdan")
    screener = Screener(CandidateIndex.build([listed, other]))
    (hit,) = screener.screen(query)
    assert hit.result.name.candidate.text == "Zakaria Hamdan"
    assert hit.score > 0.8
    expected = score_entity(query, listed, screener.index.weights)
    assert expected is not None and hit.score == pytest.approx(expected.score)


def test_an_organisation_is_found_by_the_acronym_its_name_holds(screener: Screener) -> None:
    """UN: "AL-QAIDA IN THE ARABIAN PENINSULA (AQAP)"; the UK lists "AQAP" as an alias."""
    aqap = "un:QDe.129"

    def best(name: str) -> tuple[str, float, str]:
        hit = screener.screen(Query("q", [name], Schema.ORGANIZATION))[0]
        return hit.entity.id, hit.score, hit.result.name.candidate.text

    assert best("AQAP") == (aqap, pytest.approx(0.8), "AQAP")
    assert best("Al-Qaida in the Arabian Peninsula")[:2] == (aqap, pytest.approx(1.0))
    assert not screener.screen(Query("q", ["AQAB"], Schema.ORGANIZATION))


def test_a_weak_alias_with_a_rank_is_found_by_the_name_alone(screener: Screener) -> None:
    """UN CDi.024 has the weak alias "Colonel Omega"; the UK lists it as "OMEGA"."""
    hits = screener.screen(_query("OMEGA"))
    assert [hit.entity.id for hit in hits][:1] == ["un:CDi.024"]
    assert hits[0].result.name.candidate.text == "Colonel Omega"


def test_a_name_also_known_as_is_found_on_its_own() -> None:
    """Canada lists "Baltex Ltd. (also known as Baltech LLC)" as one name."""
    listed = Entity(
        "ca:test", Schema.ORGANIZATION, [Name("Baltex Ltd. (also known as Baltech LLC)")]
    )
    other = Entity("test:other", Schema.ORGANIZATION, [Name("Baltic Shipping Company")])
    screener = Screener(CandidateIndex.build([listed, other]))
    (hit,) = screener.screen(Query("q", ["Baltech LLC"], Schema.ORGANIZATION))
    assert (hit.entity.id, hit.score) == ("ca:test", pytest.approx(1.0))
    assert hit.result.name.candidate.text == "Baltech LLC"


@pytest.mark.parametrize(
    ("name", "schema", "listed"),
    [
        ("GREAT LAKES BUSINESS COMPANY", Schema.ORGANIZATION, "un:CDe.003"),
        ("Compagnie Aerienne des Grands Lacs", Schema.ORGANIZATION, "un:CDe.003"),
        ("El Para", Schema.PERSON, "un:QDi.152"),
    ],
)
def test_each_name_a_listed_name_holds_is_found_on_its_own(
    screener: Screener, name: str, schema: Schema, listed: str
) -> None:
    """The UN writes two names of un:CDe.003 in one, "COMPAGNIE AERIENNE DES GRANDS LACS
    (CAGL) ; GREAT LAKES BUSINESS COMPANY (GLBC)", and a note in one of un:QDi.152's, "EL
    PARA (COMBAT NAME)" (a weak alias: the hit scores less than its name)."""
    hit = screener.screen(Query("q", [name], schema))[0]
    assert (hit.entity.id, hit.result.name.score) == (listed, pytest.approx(1.0))
    assert hit.result.name.candidate.text.casefold() == name.casefold()


@pytest.mark.parametrize(
    ("name", "listed"),
    [
        ("Akhter Mohmad", "un:TAi.034"),
        ("Abdel Ilah Sabri", "un:QDi.057"),
        ("Safia Farkash Mohammed Al-Hadad", "un:LYi.019"),
    ],
)
def test_a_persons_name_is_found_without_the_note_the_list_adds(
    screener: Screener, name: str, listed: str
) -> None:
    """The UN writes "Akhter Mohmad son of Noor Mohmad", "Abdel Ilah Sabri (false identity
    related to ...)", "Safia Farkash Mohammed Al-Hadad, born 1 Jan. 1953 (...)"."""
    hit = screener.screen(_query(name))[0]
    assert (hit.entity.id, hit.score) == (listed, pytest.approx(1.0))
    assert hit.result.name.candidate.text == name
