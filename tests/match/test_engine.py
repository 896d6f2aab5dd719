"""Name matching against a candidate index of the real UN consolidated list."""

from __future__ import annotations

import pytest

from watchkeeper.match.engine import Matcher
from watchkeeper.match.index import CandidateIndex
from watchkeeper.match.names import DEFAULT_THRESHOLD, compare_names
from watchkeeper.match.score import kind_adjusted_score
from watchkeeper.model import Entity, Name, NameKind, Schema


@pytest.fixture(scope="module")
def matcher(un_entities: dict[str, Entity]) -> Matcher:
    return Matcher(CandidateIndex.build(list(un_entities.values())))


def hit_ids(matcher: Matcher, *names: str, limit: int = 10) -> list[str]:
    hits = matcher.match_names(list(names), Schema.PERSON, DEFAULT_THRESHOLD, limit)
    return [matcher.index.entity(hit.entity).id for hit in hits]


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Jamal Mustafa Abdalah Sultan al-Tikriti", "un:IQi.022"),  # typo
        ("al-Tikriti Jamal Sultan Mustafa Abdallah", "un:IQi.022"),  # words reordered
        ("Yahya Abd Allah al-Ubaydi", "un:IQi.044"),  # transliterated from يحيى عبد الله العبيدي
        ("يحيى عبد الله العبيدي", "un:IQi.044"),  # the Arabic original itself
        ("AbdulRahman Yasin", "un:QDi.037"),  # split words joined
        ("Hamza Usama Muhammad Binladen", "un:QDi.421"),
    ],
)
def test_listed_person_is_the_best_hit(matcher: Matcher, query: str, listed: str) -> None:
    assert hit_ids(matcher, query)[0] == listed


def test_an_unlisted_name_gets_no_hit(matcher: Matcher) -> None:
    assert hit_ids(matcher, "Maria Fernanda Lopez Gutierrez") == []
    assert hit_ids(matcher, "Nordic Timber Supplies AB") == []


def test_a_hit_says_which_names_met(matcher: Matcher) -> None:
    hit = matcher.match_names(["Abid Hamid Mahmud al Tikriti"], Schema.PERSON)[0]
    entity = matcher.index.entity(hit.entity)
    assert entity.id == "un:IQi.004"
    assert hit.query_name == "Abid Hamid Mahmud al Tikriti"
    assert entity.names[hit.listed.name].full == "ABID HAMID MAHMUD AL-TIKRITI"
    assert hit.listed.kind is NameKind.PRIMARY
    assert hit.score == hit.comparison.score >= DEFAULT_THRESHOLD
    assert hit.comparison.candidate.text == "ABID HAMID MAHMUD AL-TIKRITI"


def test_the_best_of_several_query_names_counts(matcher: Matcher) -> None:
    hits = matcher.match_names(["Maria Lopez", "Yahya Abd Allah al-Ubaydi"])
    assert [matcher.index.entity(hit.entity).id for hit in hits][:1] == ["un:IQi.044"]
    assert hits[0].query_name == "Yahya Abd Allah al-Ubaydi"


def test_hits_come_best_first_within_the_limit(matcher: Matcher) -> None:
    hits = matcher.match_names(["Abdul Rahman"], Schema.PERSON, limit=5)
    assert 0 < len(hits) <= 5
    scores = [hit.ranked for hit in hits]
    assert scores == sorted(scores, reverse=True)
    everything = matcher.match_names(["Abdul Rahman"], Schema.PERSON, limit=1000)
    assert [hit.ranked for hit in everything[:5]] == scores
    assert all(hit.score >= hit.ranked >= DEFAULT_THRESHOLD for hit in everything)
    assert any(hit.score > hit.ranked for hit in everything)  # one-word and weak names


def test_hits_are_what_comparing_every_name_finds(matcher: Matcher) -> None:
    """Above the threshold (after the factor for the listed name's kind), the matcher finds
    what comparing every listed name finds."""
    index = matcher.index
    query = index.prepare_query("Ibrahim Awad al Samarai", Schema.PERSON)
    best: dict[int, float] = {}
    for name_id in range(index.name_count):
        listed = index.listed(name_id)
        score = kind_adjusted_score(compare_names(query, index.prepared(name_id)), listed.kind)
        if score >= DEFAULT_THRESHOLD:
            best[listed.entity] = max(score, best.get(listed.entity, 0.0))
    hits = matcher.match_names([query.text], Schema.PERSON, limit=len(index))
    assert {hit.entity: hit.ranked for hit in hits} == best


def test_a_lower_threshold_finds_more(matcher: Matcher) -> None:
    strict = hit_ids(matcher, "Ahmad Hassan", limit=1000)
    lenient = matcher.match_names(["Ahmad Hassan"], Schema.PERSON, threshold=0.43, limit=1000)
    assert set(strict) < {matcher.index.entity(hit.entity).id for hit in lenient}


def test_names_looked_up_together_get_the_hits_they_get_alone(
    matcher: Matcher, un_entities: dict[str, Entity]
) -> None:
    """A batch's names prefetched together (on an index that has seen none of them) score
    as each does on its own."""
    queries = [
        "Abu Bakr al-Baghdadi",
        "Aboubakr el Baghdadi",
        "Ibrahim Awad al Samarai",
        "Abdul Rahman",
        "Hizbullah",
        "Maria Schneider",
        "Al-Qaida in the Islamic Maghreb",
        "عبد الرحمن",
        "Усама бен Ладен",
    ]
    batch = Matcher(CandidateIndex.build(list(un_entities.values())))
    prepared = [batch.prepare([query], Schema.PERSON) for query in queries]
    batch.index.prefetch(name for names in prepared for name in names)
    together = [batch.match_prepared(names, limit=1000) for names in prepared]
    alone = [matcher.match_names([query], Schema.PERSON, limit=1000) for query in queries]
    assert [[(h.entity, h.score) for h in hits] for hits in together] == [
        [(h.entity, h.score) for h in hits] for hits in alone
    ]
    assert sum(map(len, alone)) > len(queries)


def test_a_word_that_shares_a_key_with_a_legal_form_is_not_its_match() -> None:
    """ "Hauwei" and "Co" share a phonetic key once each loses a letter ("HA", "KA"), but
    :func:`compare_names` compares a word with a legal form by their whole keys; other
    companies of the same legal forms are no candidates for the query."""
    names = [
        "Huawei Technologies Co., Ltd.",
        "Yutron Technology Co. Ltd.",
        "Cloudminds Technologies Co., Ltd.",
        "Baltic Shipping Company",
    ]
    index = CandidateIndex.build(
        [Entity(f"test:{n}", Schema.ORGANIZATION, [Name(text)]) for n, text in enumerate(names)]
    )
    query = index.prepare_query("Hauwei Technologies Co., Ltd. (Huawei)")
    found = [index.entity(candidate.entity).id for candidate in index.candidates([query])]
    assert found == ["test:0"]
    (hit,) = Matcher(index).match_names([query.text])
    assert index.entity(hit.entity).id == "test:0"


def test_a_number_written_as_a_word_is_found_misspelt() -> None:
    """ "First" and "Eighth" are numbers of their names; misspelt, they are words that the
    search still finds them by, and a different number is still a different name."""
    names = ["First Oil JV Co Ltd", "Eighth Ocean GmbH & Co. KG", "Oil JV Co Ltd"]
    index = CandidateIndex.build(
        [Entity(f"test:{n}", Schema.ORGANIZATION, [Name(text)]) for n, text in enumerate(names)]
    )
    matcher = Matcher(index)

    def found(query: str) -> list[str]:
        hits = matcher.match_names([query], Schema.ORGANIZATION)
        return [index.entity(hit.entity).id for hit in hits]

    assert found("Frist Oil JV Co Ltd")[:1] == ["test:0"]
    assert found("Eigth Ocean GmbH & Co. KG") == ["test:1"]
    assert "test:0" not in found("Second Oil JV Co Ltd")


# --- names cut short by a message field ------------------------------------------------


@pytest.mark.parametrize(
    ("cut", "listed"),
    [
        ("ALFA COMPANY LIMITED FOR INTERNATIO", "un:IQe.206"),
        ("TECHNOLOGY AND DEVELOPMENT GROUP LI", "un:IQe.207"),
        ("IBRAHIM AHMAD ABD AL-SATTAR MUHAMME", "un:IQi.013"),
    ],
)
def test_a_listed_name_cut_at_35_characters_finds_its_entry(
    matcher: Matcher, cut: str, listed: str
) -> None:
    """As a SWIFT MT or EDIFACT line cuts "ALFA COMPANY LIMITED FOR INTERNATIONAL TRADING AND
    MARKETING"."""
    assert len(cut) == 35
    hits = matcher.match_names([cut], None, DEFAULT_THRESHOLD)
    assert [matcher.index.entity(hit.entity).id for hit in hits][:1] == [listed]


def test_a_cut_name_that_meets_only_by_its_last_word_is_no_hit(matcher: Matcher) -> None:
    assert len("MARIA FERNANDA LOPEZ GUTIERREZ ABDU") == 35
    assert hit_ids(matcher, "MARIA FERNANDA LOPEZ GUTIERREZ ABDU") == []


def test_a_name_shorter_than_a_field_is_not_read_as_cut(matcher: Matcher) -> None:
    """Only a name as long as a field (or one less) may have been cut by it."""
    shorter = "ALFA COMPANY LIMITED FOR INTERNAT"
    assert matcher.index.prepare_query(shorter, Schema.ORGANIZATION).cut is None
    assert matcher.index.prepare_query(shorter + "IO", Schema.ORGANIZATION).cut is not None


def test_of_names_that_score_alike_the_one_listed_first_is_named() -> None:
    """The UK list's Bah Ag Moussa (13790) also goes by "Ba Ag": against "MOUSSA, Ag" both
    names score alike, and the hit names the primary name, whatever the search bounds."""
    entity = Entity(
        "test:moussa",
        Schema.PERSON,
        [Name("MOUSSA, Bah Ag"), Name("MOUSSA, Ba Ag", kind=NameKind.ALIAS)],
    )
    matcher = Matcher(CandidateIndex.build([entity]))
    primary, alias = (
        compare_names(matcher.index.prepare_query("MOUSSA, Ag"), prepared, matcher.index.params)
        for prepared in (matcher.index.prepared(0), matcher.index.prepared(1))
    )
    assert primary.score == alias.score
    hit = matcher.match_names(["MOUSSA, Ag"], Schema.PERSON)[0]
    assert hit.listed.kind is NameKind.PRIMARY


def test_a_name_cut_short_in_its_last_word_finds_the_listed_name(
    un_entities: dict[str, Entity],
) -> None:
    """An OFAC alias of JSC NIIME as a 35-character field holds it: its last word starts a
    long listed word, and the two share no key ("nauchnoisl" / "nauchnoisledovatelskiy")."""
    full = "AKTSIONERNOE OBSHCHESTVO NAUCHNOISLEDOVATELSKIY INSTITUT MOLEKULYARNOY ELEKTRONIKI"
    listed = Entity("test:niime", Schema.ORGANIZATION, [Name(full)])
    matcher = Matcher(CandidateIndex.build([*un_entities.values(), listed]))
    cut = full[:35]
    assert cut.endswith(" NAUCHNOISL")
    hits = matcher.match_names([cut], Schema.ORGANIZATION)
    assert [matcher.index.entity(hit.entity).id for hit in hits][:1] == ["test:niime"]
