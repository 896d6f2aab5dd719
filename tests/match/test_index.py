"""Candidate index over the real UN consolidated list: what it finds, what it keeps, its file."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from watchkeeper.match import search
from watchkeeper.match.bounds import Met, bound, profile
from watchkeeper.match.index import (
    CandidateIndex,
    content_key,
    versions_key,
)
from watchkeeper.match.indexfile import IndexFormatError
from watchkeeper.match.indexing import token_fields
from watchkeeper.match.names import (
    DEFAULT_THRESHOLD,
    NameComparison,
    NameParams,
    compare_names,
    matched_share,
)
from watchkeeper.match.tokensim import How
from watchkeeper.model import Entity, Name, NameKind, Schema
from watchkeeper.store.sqlite import Version
from watchkeeper.text.tokens import TokenKind


@pytest.fixture(scope="module")
def index(un_entities: dict[str, Entity]) -> CandidateIndex:
    return CandidateIndex.build(list(un_entities.values()))


@pytest.fixture(scope="module")
def latin_index(un_entities: dict[str, Entity]) -> CandidateIndex:
    """The UN list without the names written in their own script."""
    latin = [
        dataclasses.replace(
            entity, names=[n for n in entity.names if n.kind is not NameKind.ORIGINAL_SCRIPT]
        )
        for entity in un_entities.values()
    ]
    return CandidateIndex.build(latin)


@pytest.fixture(scope="module")
def original_script_index(un_entities: dict[str, Entity]) -> CandidateIndex:
    """The UN list with only the names written in their own script."""
    originals = [
        dataclasses.replace(
            entity, names=[n for n in entity.names if n.kind is NameKind.ORIGINAL_SCRIPT]
        )
        for entity in un_entities.values()
    ]
    return CandidateIndex.build([entity for entity in originals if entity.names])


def candidate_ids(index: CandidateIndex, query: str, schema: Schema | None = None) -> set[str]:
    names = [index.prepare_query(query, schema)]
    return {index.entity(candidate.entity).id for candidate in index.candidates(names)}


def exhaustive_names(index: CandidateIndex, query: str) -> set[int]:
    """The listed names scoring at least the threshold, comparing every one."""
    prepared = index.prepare_query(query)
    return {
        name_id
        for name_id in range(index.name_count)
        if compare_names(prepared, index.prepared(name_id)).score >= DEFAULT_THRESHOLD
    }


def exhaustive_ids(index: CandidateIndex, query: str) -> set[str]:
    """Entities with a name scoring at least the threshold, comparing every listed name."""
    names = exhaustive_names(index, query)
    return {index.entity(index.listed(name_id).entity).id for name_id in names}


def candidate_names(index: CandidateIndex, query: str) -> set[int]:
    """The listed names the candidates say to compare."""
    names = [index.prepare_query(query)]
    return {name_id for c in index.candidates(names) for _, name_id in c.pairs}


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Jamal Mustafa Abdalah Sultan al-Tikriti", "un:IQi.022"),  # typo
        ("SULTAN, Jamal Mustafa", "un:IQi.022"),  # surname first, middle names dropped
        ("al-Tikriti Jamal Sultan Mustafa Abdallah", "un:IQi.022"),  # words reordered
        ("Yahya Abd Allah al-Ubaydi", "un:IQi.044"),  # another romanisation
        ("AbdulRahman Yasin", "un:QDi.037"),  # split words joined
        ("Hamza Usama Muhammad Binladen", "un:QDi.421"),  # particle joined to the name
        ("Abou Bakr al Baghdadi", "un:QDi.299"),  # French spelling of a weak alias
    ],
)
def test_variants_of_a_listed_name_are_candidates(
    index: CandidateIndex, query: str, listed: str
) -> None:
    assert listed in candidate_ids(index, query)


def test_arabic_script_finds_the_latin_spelling(latin_index: CandidateIndex) -> None:
    """Without the Arabic original in the index, the Arabic spelling still finds it."""
    assert "un:IQi.044" in candidate_ids(latin_index, "يحيى عبد الله العبيدي")
    assert "un:IQi.022" in candidate_ids(latin_index, "جمال مصطفى عبد الله سلطان التكريتي")


@pytest.mark.parametrize(
    "query",
    [
        "Jamal Mustafa Abdalah Sultan al-Tikriti",
        "Mohammed Ali Hassan",
        "Abdul Rahman",
        "Ibrahim Awad al Samarai",
        "AL QAIDA IN THE ARABIAN PENISULA",
        "Maria Fernanda Lopez Gutierrez",
        "AQAP",  # an acronym
        "M. Omar",  # an initial
        "Taliban",  # one word
        "Hamza Usama Muhammad Binladen",  # a particle joined to a word
        "Pakistan Relief Fouation",  # two letters missing from a long word
        "Tarkhan Batrashili",  # two sounds missing
        "Шамиль Мгоедович Алиев",  # two letters missing, Cyrillic
        "عبالرحمن زاهد",  # two letters missing, Arabic
        "Ibrahim Madani Nasser al Otaibi",  # a particle in a joined listed run and alone
        "Mohammed Tuf Aili Akhtr",  # two query words joined are a letter longer than "Tufail"
        "Abu Rus Dani Akhtr",  # ... than "Rusdan"
        "Yahya Abd Allah al-Ubaydi",  # "Abd Allah" joined is two letters longer than "Abdallah"
    ],
)
def test_candidates_keep_everything_exhaustive_scoring_finds(
    index: CandidateIndex, query: str
) -> None:
    """Every listed name that reaches the threshold, not only its entity."""
    assert exhaustive_names(index, query) <= candidate_names(index, query)


@pytest.mark.parametrize(
    "query",
    [
        "يحيى عبد الله العبيدي",
        "جمال مصطفى عبدالله سلطان التكريتي",
        "Шамиль Магомедович Алиев",
        "Абу Бакр аль-Багдади",
        "شادي حشاني",  # meets the French "Chadi" under its Arabic reading only
    ],
)
def test_other_scripts_keep_everything_exhaustive_scoring_finds_in_latin(
    latin_index: CandidateIndex, query: str
) -> None:
    """Words of other scripts met by Latin words are bounded as romanised words."""
    assert exhaustive_ids(latin_index, query) <= candidate_ids(latin_index, query)


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Chadi Hachani", "un:TAi.006"),  # French spelling of "شادي", met under a reading
        ("Oussama ben Laden", "un:QDi.421"),
        ("Aiman al Sawahiri", "un:QDi.006"),
    ],
)
def test_latin_spellings_find_names_written_in_arabic(
    original_script_index: CandidateIndex, query: str, listed: str
) -> None:
    """With only the Arabic originals in the index, Latin spellings (a French one met under
    its readings) get everything exhaustive scoring finds."""
    exhaustive = exhaustive_ids(original_script_index, query)
    assert listed in exhaustive
    assert exhaustive <= candidate_ids(original_script_index, query)


def _met_as_aligned(comparison: NameComparison, params: NameParams) -> Met:
    """What the search tallies of two names whose units met exactly where
    :func:`compare_names` aligned them (initials and minor tokens the bound counts
    itself)."""
    met = Met()
    spelled = (TokenKind.WORD, TokenKind.LEGAL_FORM)
    for query_mask, listed_mask, similarity, how in comparison.alignment:
        tokens = [t for i, t in enumerate(comparison.query.tokens) if query_mask >> i & 1]
        if how is How.ACRONYM:
            met.query_initials |= query_mask
            met.listed_initials |= listed_mask
        elif how is not How.INITIAL and any(token.kind in spelled for token in tokens):
            met.meet(query_mask, listed_mask, matched_share(similarity, params))
    return met


@pytest.mark.parametrize(
    "query",
    [
        "Jamal Mustafa Abdalah Sultan al-Tikriti",
        "Abdul Rahman Yasin",
        "M. Omar",
        "Groupe Islamique Arme GIA",
        "Daedong Credit Bank",
        "Revival of Islamic Heritage Society",
        "Korea Kwangson Banking Corporation KKBC",
        "National Aerospace Technology Administration",
        "Hamza Usama Muhammad Binladen",
    ],
)
def test_a_bound_is_never_below_the_score(index: CandidateIndex, query: str) -> None:
    """Against every listed name, the bound of the units met where the comparison aligned
    them (acronyms included) is at least the comparison's score (of the name read as whole:
    one as long as a field, as "Revival of Islamic Heritage Society" is, is compared without
    bounds as one that may be cut, see ``match.truncation``)."""
    prepared = dataclasses.replace(index.prepare_query(query), cut=None)
    params = index.params
    query_profile = profile(prepared.tokens, prepared.weights, prepared.style, params)
    for name_id in range(index.name_count):
        listed = index.prepared(name_id)
        comparison = compare_names(prepared, listed, params)
        if comparison.score:
            listed_profile = profile(listed.tokens, listed.weights, listed.style, params)
            met = _met_as_aligned(comparison, params)
            assert bound(query_profile, listed_profile, met, params) >= comparison.score - 1e-9


def test_an_unlisted_name_has_no_candidates(index: CandidateIndex) -> None:
    assert candidate_ids(index, "Maria Fernanda Lopez Gutierrez") == set()


def test_candidates_come_most_promising_first(index: CandidateIndex) -> None:
    names = [index.prepare_query("Jamal Mustafa Abdalah Sultan al-Tikriti", Schema.PERSON)]
    candidates = index.candidates(names)
    assert index.entity(candidates[0].entity).id == "un:IQi.022"
    bounds = [candidate.bound for candidate in candidates]
    assert bounds == sorted(bounds, reverse=True)
    assert len(index.candidates(names, limit=1)) == 1


def test_schema_keeps_the_entities_a_query_can_be(index: CandidateIndex) -> None:
    assert "un:QDe.004" in candidate_ids(index, "Al Qaida", Schema.ORGANIZATION)
    names = [index.prepare_query("Al Qaida")]
    people = index.candidates(names, schema=Schema.PERSON)
    assert all(index.entity(c.entity).schema is Schema.PERSON for c in people)


def test_candidates_name_the_listed_names_to_compare(index: CandidateIndex) -> None:
    names = [index.prepare_query("Abid Hamid Mahmud al Tikriti")]
    candidate = next(
        c for c in index.candidates(names) if index.entity(c.entity).id == "un:IQi.004"
    )
    listed = [index.listed(name_id) for _, name_id in candidate.pairs]
    entity = index.entity(candidate.entity)
    assert all(item.entity == candidate.entity for item in listed)
    assert {entity.names[item.name].full for item in listed} >= {"ABID HAMID MAHMUD AL-TIKRITI"}


def test_every_listed_name_at_once_reads_as_one_at_a_time(index: CandidateIndex) -> None:
    """The views of all listed names at once (for a pass over every one) give what
    ``name_tokens`` and ``listed`` give name by name."""
    starts, ids = index.name_token_ids()
    entities = index.name_entities()
    assert len(starts) == index.name_count + 1 == len(entities) + 1
    for name_id in range(index.name_count):
        saved = index.saved_tokens(ids[starts[name_id] : starts[name_id + 1]].tolist())
        assert saved == [token_fields(token) for token in index.name_tokens(name_id)]
        assert entities[name_id] == index.listed(name_id).entity


def test_candidates_do_not_depend_on_what_the_search_remembers(
    index: CandidateIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Queries that share words, the search starting afresh each time it meets a new one."""
    queries = ["Mustapha Sultaan", "Sultaan Jamaal", "Jamaal Mustapha Abdalla al-Tikrity"]

    def found(query: str) -> list[tuple[int, tuple[tuple[int, int], ...], float]]:
        names = [index.prepare_query(query)]
        return [(c.entity, c.pairs, c.bound) for c in index.candidates(names)]

    monkeypatch.setattr(search, "_REMEMBERED", 1)
    forgetful = [found(query) for query in queries]
    monkeypatch.undo()
    assert forgetful == [found(query) for query in queries]
    assert any(forgetful)


def test_names_looked_up_together_get_what_each_gets_alone(
    index: CandidateIndex, tmp_path: Path
) -> None:
    """:meth:`CandidateIndex.prefetch` looks up the units of many names in one pass; the
    candidates are those each name finds on an index that has met nothing yet."""
    queries = [
        "Jamal Mustafa Abdalah Sultan al-Tikriti",
        "Arcari Husan",
        "Pakistan Relief Fouation",
        "Tarkhan Batrashili",
        "Шамиль Мгоедович Алиев",
        "Mohammed Tuf Aili Akhtr",
        "Hamza Usama Muhammad Binladen",
        "AQAP",
        "M. Omar",
        *(
            f"{first} {last}"
            for first in ("Ahmad", "Yusuf", "Omar")
            for last in ("Haqani", "Nouri")
        ),
    ]
    path = tmp_path / "index.idx"
    index.save(path)

    def found(searched: CandidateIndex, query: str) -> list[tuple[int, float]]:
        return [(c.entity, c.bound) for c in searched.candidates([searched.prepare_query(query)])]

    alone = [found(CandidateIndex.load(path), query) for query in queries]
    together = CandidateIndex.load(path)
    together.prefetch(together.prepare_query(query) for query in queries)
    assert [found(together, query) for query in queries] == alone
    assert sum(map(bool, alone)) >= len(queries) // 2


def test_save_and_load_give_the_same_candidates(index: CandidateIndex, tmp_path: Path) -> None:
    path = tmp_path / "index" / f"{index.key}.idx"
    index.save(path)
    loaded = CandidateIndex.load(path)
    assert loaded.key == index.key
    assert (len(loaded), loaded.name_count) == (len(index), index.name_count)
    for query in ("Jamal Mustafa Abdalah Sultan al-Tikriti", "Abu Bakr", "يحيى عبد الله"):
        before = index.candidates([index.prepare_query(query)])
        after = loaded.candidates([loaded.prepare_query(query)])
        assert after == before
    assert loaded.entity(0) == index.entity(0)


def test_two_processes_build_the_same_index(un_entities: dict[str, Entity]) -> None:
    entities = list(un_entities.values())
    serial = CandidateIndex.build(entities, "key", workers=1)
    parallel = CandidateIndex.build(entities, "key", workers=2)
    assert parallel._payload == serial._payload


def test_a_damaged_or_foreign_file_is_refused(index: CandidateIndex, tmp_path: Path) -> None:
    path = tmp_path / "saved.idx"
    index.save(path)
    path.write_bytes(path.read_bytes()[:1000])
    with pytest.raises(IndexFormatError):
        CandidateIndex.load(path)
    path.write_bytes(b"something else\n")
    with pytest.raises(IndexFormatError):
        CandidateIndex.load(path)


def test_the_key_changes_with_the_entities(un_entities: dict[str, Entity]) -> None:
    entities = list(un_entities.values())
    assert content_key(entities) == content_key(list(entities))
    assert content_key(entities[1:]) != content_key(entities)
    alias = Name("Someone Else", NameKind.ALIAS)
    renamed = dataclasses.replace(entities[0], names=[*entities[0].names, alias])
    assert content_key([renamed, *entities[1:]]) != content_key(entities)
    assert CandidateIndex.build(entities[:50]).key == content_key(entities[:50])


def test_the_key_of_list_versions_follows_the_versions() -> None:
    def version(number: int, sha256: str) -> Version:
        return Version(number, "un", "un_xml", sha256, None, "2026-02-27", "un.xml", 1, ())

    first = versions_key([version(1, "aa"), version(2, "bb")])
    assert versions_key([version(2, "bb"), version(1, "aa")]) == first
    assert versions_key([version(1, "aa"), version(3, "cc")]) != first
