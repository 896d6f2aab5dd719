"""Name similarity: each case named in the matching issue, as orderings and decisions."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from watchkeeper.match.names import (
    DEFAULT_THRESHOLD,
    NameComparison,
    compare_names,
    prepare_name,
    prepare_query_name,
)
from watchkeeper.match.tokensim import How, SimilarityParams, token_similarity
from watchkeeper.match.truncation import may_start
from watchkeeper.match.weights import TokenWeights
from watchkeeper.text.tokens import tokenize_name


@pytest.fixture
def compare(listed_weights: TokenWeights):  # type: ignore[no-untyped-def]
    def run(query: str, candidate: str, schema: str = "Person") -> NameComparison:
        return compare_names(
            prepare_name(query, schema, listed_weights),
            prepare_name(candidate, schema, listed_weights),
        )

    return run


def score(compare, query: str, candidate: str, schema: str = "Person") -> float:  # type: ignore[no-untyped-def]
    return float(compare(query, candidate, schema).score)


def assert_variant(compare, variant: str, listed: str, other: str, schema: str = "Person") -> None:  # type: ignore[no-untyped-def]
    """``variant`` matches ``listed`` and scores above the other person ``other``."""
    true_score = score(compare, variant, listed, schema)
    assert true_score >= DEFAULT_THRESHOLD, (variant, listed, true_score)
    assert true_score > score(compare, variant, other, schema), (variant, other)


# --- particles -------------------------------------------------------------------------


def test_particle_variants_match(compare) -> None:  # type: ignore[no-untyped-def]
    assert_variant(compare, "Abou Bakr el-Baghdadi", "Abu Bakr al-Baghdadi", "Abu Bakr al-Masri")
    assert_variant(compare, "Osama bin Laden", "Usama ibn Laden", "Osama Hamdan")


def test_particles_are_weighed_not_deleted(compare) -> None:  # type: ignore[no-untyped-def]
    with_particle = score(compare, "Usama bin Laden", "Usama bin Laden")
    without = score(compare, "Usama bin Laden", "Usama Laden")
    assert without < with_particle
    assert without >= DEFAULT_THRESHOLD
    assert "bin" in compare("Usama bin Laden", "Usama Laden").unmatched_query


def test_shared_particle_and_surname_do_not_make_a_match(compare) -> None:  # type: ignore[no-untyped-def]
    assert score(compare, "Bashar al-Assad", "Hafez al-Assad") < DEFAULT_THRESHOLD


def test_attached_particles_match_spaced_ones(compare) -> None:  # type: ignore[no-untyped-def]
    assert score(compare, "Jabhat Al-Nusrah", "Jabhat al Nusrah", "Organization") == 1.0
    assert_variant(compare, "AbdulRahman Qasim", "Abd al-Rahman Qasim", "Abdul Karim Qasim")


# --- legal forms and common-token companies --------------------------------------------


def test_legal_form_spellings_match(compare) -> None:  # type: ignore[no-untyped-def]
    assert_variant(
        compare, "Siemens Aktiengesellschaft", "Siemens AG", "Siemens Energy AG", "Company"
    )
    assert_variant(
        compare,
        "Oboronnye Initsiativy LLC",
        "OOO Oboronnye Initsiativy",
        "OOO Oboronnye Sistemy",
        "Company",
    )
    assert_variant(
        compare,
        "JSC Tactical Missiles Corp.",
        "Tactical Missiles Corporation Joint Stock Company",
        "JSC Tactical Kittens Corp.",
        "Company",
    )
    assert_variant(
        compare,
        "Publc Joint Stock Compnay Transneft",
        "Public Joint Stock Company Transneft",
        "Public Joint Stock Company Gazprom Neft",
        "Company",
    )
    assert_variant(
        compare,
        "Joint Company Sovcombank",
        "Sovcombank Open Joint Stock Company",
        "Open Joint Stock Company Sovcomflot",
        "Company",
    )

    assert_variant(
        compare,
        "Morexpress, de C.V.",
        "Morexpress, S.A. de C.V.",
        "Morelos Express, S.A. de C.V.",
        "Company",
    )


def test_legal_forms_weigh_low(compare) -> None:  # type: ignore[no-untyped-def]
    assert score(compare, "Volkswagen AG", "Siemens AG", "Company") < DEFAULT_THRESHOLD
    assert score(compare, "Crystalord", "Crystalord Ltd", "Company") >= DEFAULT_THRESHOLD
    assert score(compare, "Deutsche Bank AG", "Deutsche Bank GmbH", "Company") < score(
        compare, "Deutsche Bank AG", "Deutsche Bank AG", "Company"
    )


@pytest.mark.parametrize(
    "longer",
    ["PETROCHEM GENERAL TRADING LLC", "ALPHA GENERAL TRADING CORP", "General Trading Rosneft Ltd"],
)
def test_company_of_common_words_does_not_hit_every_company(compare, longer: str) -> None:  # type: ignore[no-untyped-def]
    common = "GENERAL TRADING CORP"
    assert score(compare, common, longer, "Company") < DEFAULT_THRESHOLD
    assert score(compare, common, "General Trading Corporation", "Company") >= DEFAULT_THRESHOLD


def test_common_words_beside_a_distinctive_one_still_match(compare) -> None:  # type: ignore[no-untyped-def]
    assert_variant(
        compare,
        "Zhongxing Trading Co",
        "Zhongxing Trading Company Limited",
        "General Trading Company Limited",
        "Company",
    )
    assert_variant(compare, "Rosneft Trading", "Rosneft Trading SA", "Lukoil Trading SA", "Company")


def test_extra_words_cost_more_in_organisation_names(compare) -> None:  # type: ignore[no-untyped-def]
    as_person = score(compare, "Zargham Khalil", "Zargham Rostami Khalil", "Person")
    as_company = score(compare, "Zargham Khalil", "Zargham Rostami Khalil", "Company")
    assert as_company < as_person


def test_rare_words_count_more_than_common_ones(compare) -> None:  # type: ignore[no-untyped-def]
    shared_rare = score(compare, "Mohammed Khamenei", "Ali Khamenei")
    shared_common = score(compare, "Mohammed Khamenei", "Mohammed Rouhani")
    assert shared_rare > shared_common
    assert score(compare, "Mohammed Hassan", "Mohammed Ali") < DEFAULT_THRESHOLD


# --- word order, initials, typos, split / merge -----------------------------------------


@pytest.mark.parametrize(
    "variant",
    ["Putin, Vladimir", "PUTIN Vladimir", "Vladimir PUTIN", "Vladimir Vladimirovich Putin"],
)
def test_word_order_and_surname_first(compare, variant: str) -> None:  # type: ignore[no-untyped-def]
    assert_variant(compare, variant, "Vladimir Putin", "Vladimir Pavlov")


def test_reordered_arabic_name(compare) -> None:  # type: ignore[no-untyped-def]
    assert_variant(compare, "bin Salman Mohammed", "Mohammed bin Salman", "Mohammed bin Rashid")


def test_initials(compare) -> None:  # type: ignore[no-untyped-def]
    assert_variant(compare, "J. Smith", "John Smith", "Peter Smith")
    assert score(compare, "Hans J Friedrich", "Hans Joachim Friedrich") > score(
        compare, "Hans O Friedrich", "Hans Joachim Friedrich"
    )
    assert score(compare, "Hans O Friedrich", "Hans Joachim Friedrich") < DEFAULT_THRESHOLD
    assert compare("J. Smith", "John Smith").pairs[-1].how is How.INITIAL


@pytest.mark.parametrize(
    ("query", "listed", "schema"),
    [
        # "m" is listed as itself before it is the initial of "marine"
        ("M. MuARINE S.A.L. OtFFSHORE", "M. MARINE S.A.L. OFFSHORE", "Organization"),
        # "sti" is listed as itself before it is a legal form of the class of "limited"
        ("SMART TRADNIG LMITED STI", "SMART TRADING LIMITED STI", "Organization"),
        ("J. Jon Smith", "J. John Smith", "Person"),
    ],
)
def test_a_word_listed_as_it_is_pairs_with_itself_first(  # type: ignore[no-untyped-def]
    compare, query: str, listed: str, schema: str
) -> None:
    comparison = compare(query, listed, schema)
    assert comparison.score >= DEFAULT_THRESHOLD
    for pair in comparison.pairs:
        if set(pair.query) & set(pair.candidate):
            assert pair.query == pair.candidate, pair


def test_initials_alone_do_not_match(compare) -> None:  # type: ignore[no-untyped-def]
    assert score(compare, "N.N.", "Nursultan Nazarbayev") < DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("typo", "listed", "other"),
    [
        ("Olaf Scholze", "Olaf Scholz", "Olaf Schmidt"),
        ("Vladmir Putin", "Vladimir Putin", "Vladimir Potanin"),
        ("Kim Jong-uun", "Kim Jong-un", "Kim Yong-nam"),
        ("Friedrich Lindenburg", "Friedrich Lindenberg", "Friedrich Lindemann"),
        ("Donlad Trump", "Donald Trump", "Donald Tusk"),
        ("Walid AlM-oallem", "Walid Al-Moallem", "Walid Al-Muhajir"),
        ("A-ASSAD, Asma", "AL-ASSAD, Asma", "AL-AKHRAS, Asma"),
    ],
)
def test_one_letter_typos_and_doubled_letters(compare, typo: str, listed: str, other: str) -> None:  # type: ignore[no-untyped-def]
    assert_variant(compare, typo, listed, other)


def test_a_shared_surname_alone_does_not_match(compare) -> None:  # type: ignore[no-untyped-def]
    assert score(compare, "Boris Abramovich", "Roman Abramovich") < DEFAULT_THRESHOLD
    assert score(compare, "Snow", "Snoe", "Vessel") < score(compare, "Snow", "SNOW", "Vessel")


@pytest.mark.parametrize(
    ("joined", "spaced"),
    [
        ("ALISHERUSMANOV", "Alisher Usmanov"),
        ("Ramimakhlouf", "Rami Makhlouf"),
        ("PRICEWATERHOUSECOOPERS", "Pricewaterhouse Coopers"),
        ("vanderbilt corp", "van der bilt corp"),
        # a compound whose first consonant a typo took meets the compound split in two
        ("HIMICH, Adelilah", "HIMICH, Abdelilah"),
        ("Adulqader Yusef Dibri", "Abdulqader Yusef Dibri"),
        # a particle met several times: each "ben" pairs with the one where it stands
        ("Mounir Ben Dhaou Benbrahim Ben Helal", "Mounir Ben Dhaou Ben Brahim Ben Helal"),
        (
            "SALEHAL-SAADI, Nassim Ben Mohamed Al-Cherif ben Mohamed",
            "SALEH AL-SAADI, Nassim Ben Mohamed Al-Cherif ben Mohamed",
        ),
    ],
)
def test_split_and_merged_words(compare, joined: str, spaced: str) -> None:  # type: ignore[no-untyped-def]
    assert score(compare, joined, spaced) >= DEFAULT_THRESHOLD
    assert any(pair.how is How.MERGED for pair in compare(joined, spaced).pairs)


@pytest.mark.parametrize(
    ("spaced", "joined"),
    [("Abdel Rahman Yasin", "Abdulrahman Yasin"), ("Nur Eddin Hakim", "Nuruddin Hakim")],
)
def test_joined_words_may_be_spelled_a_little_otherwise(compare, spaced: str, joined: str) -> None:  # type: ignore[no-untyped-def]
    assert score(compare, spaced, joined) >= DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("query", "listed"),
    [("Miu Hagee", "Meraki"), ("Garko Yugo", "Courage"), ("Schirrmann Sauer", "Sawa Air")],
)
def test_words_that_only_sound_like_one_word_when_joined_do_not_match(
    compare, query: str, listed: str
) -> None:  # type: ignore[no-untyped-def]
    assert score(compare, query, listed) < DEFAULT_THRESHOLD
    assert score(compare, query, listed) < score(compare, listed, listed) - 0.3


# --- romanisation variants and scripts ----------------------------------------------------


@pytest.mark.parametrize(
    ("variant", "listed", "other"),
    [
        ("Muhammad Yusuf", "Mohammed Yousef", "Mohammed Yunus"),
        ("Moammar Qaddafi", "Muammar Gaddafi", "Muammar Ghazali"),
        ("Usama bin Ladin", "Osama bin Laden", "Osama bin Hamdan"),
        ("Saddam Husayn", "Saddam Hussein", "Saddam Haddad"),
        ("Wolodymyr Selenskyj", "Volodymyr Zelenskyy", "Volodymyr Groysman"),
        ("Mahmood Ahmadinezhad", "Mahmoud Ahmadinejad", "Mahmoud Abbas"),
        ("Abdalla Mohamed Hamid", "Abdallah Mohammed Hamid", "Abdel Aziz Mohammed Hamid"),
        ("Md. Abdul Karim Hasan", "Mohammad Abdul Karim Hasan", "Ali Abdul Karim Hasan"),
        ("JABER, Mohd", "JABER, Mohammad", "JABER, Ahmad"),
        ("NOORULLAH, Hajji", "Haji Noorullah", "Haji Noori"),
        ("Shaykh Abukar", "Sheikh Abukar", "Sheikh Abubakar"),
    ],
)
def test_romanisation_variants(compare, variant: str, listed: str, other: str) -> None:  # type: ignore[no-untyped-def]
    assert_variant(compare, variant, listed, other)


@pytest.mark.parametrize(
    ("written", "latin", "other"),
    [
        ("Владимир Путин", "Vladimir Putin", "Vladimir Zhirinovsky"),
        ("محمد بن سلمان", "Mohammed bin Salman", "Mohammed bin Rashid"),
        ("عبد الفتاح السيسي", "Abdel Fattah el-Sisi", "Abdel Fattah Younis"),
        ("مسعود پزشکیان", "Masoud Pezeshkian", "Masoud Barzani"),
        ("Κυριάκος Μητσοτάκης", "Kyriakos Mitsotakis", "Kyriakos Pierrakakis"),
        ("习近平", "Xi Jinping", "Li Qiang"),
        ("김정은", "Kim Jong Un", "Kim Yo Jong"),
        ("バラク・オバマ", "Barack Obama", "Michelle Obama"),
        ("Генрих Гиммлер", "Heinrich Himmler", "Heinrich Müller"),
        ("Гельмут Коль", "Helmut Kohl", "Helmut Schmidt"),
        ("Войцех Ярузельский", "Wojciech Jaruzelski", "Wojciech Kilar"),
        ("Хорхе Рохас", "Jorge Rojas", "Jorge Ortega"),
        ("شادي حشاني", "Chadi Hachani", "Chadi Hamdani"),
    ],
)
def test_scripts_meet_their_latin_spelling(compare, written: str, latin: str, other: str) -> None:  # type: ignore[no-untyped-def]
    assert_variant(compare, written, latin, other)


@pytest.mark.parametrize(
    ("query", "listed"),
    [("Kaila Marsel", "Khalid Mishaal"), ("Segujja Elias", "Shauki Edey")],
)
def test_other_languages_readings_do_not_join_two_latin_spellings(  # type: ignore[no-untyped-def]
    compare, query: str, listed: str
) -> None:
    """Read by the rules of some language, these words sound alike; as two Latin spellings
    they are compared by their own keys and are different names."""
    assert not any(pair.how is How.READING for pair in compare(query, listed).pairs)
    assert score(compare, query, listed) < DEFAULT_THRESHOLD


def test_a_word_near_its_transliteration_only_under_a_reading_is_weak(compare) -> None:  # type: ignore[no-untyped-def]
    """ "Малоча" comes near "Alejos" only when read the French way and one edit is allowed:
    that supports the other word of the name but does not make a match with it, where a
    word that meets exactly under a reading does ("Шадрин" / French "Chadrine")."""
    near = compare("Малоча Филипе", "Alejos Felipe")
    [weak] = [pair for pair in near.pairs if pair.how is How.READING]
    [strong] = compare("Шадрин", "Chadrine").pairs
    assert strong.how is How.READING
    assert weak.similarity < strong.similarity
    assert near.score < DEFAULT_THRESHOLD <= score(compare, "Шадрин Филипе", "Chadrine Felipe")


def test_a_latin_initial_vowel_needs_one_in_arabic_script(compare) -> None:  # type: ignore[no-untyped-def]
    """Arabic script leaves short vowels out but writes a word's first vowel."""
    assert score(compare, "Salih", "صالح") >= DEFAULT_THRESHOLD
    assert score(compare, "Azali", "صالح") < DEFAULT_THRESHOLD
    assert score(compare, "Asaad Azali", "زيد صالح") < DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("arabic", "latin", "other"),
    [
        ("هوزي", "Huzi", "Hiz"),  # the final ya is a long vowel
        ("شناك غوان", "Shanak Ghuan", "Saeng Khun"),  # so is the alef between n and k
        ("يونكا", "Yunka", "Young"),
    ],
)
def test_arabic_long_vowels_need_a_vowel_in_latin(  # type: ignore[no-untyped-def]
    compare, arabic: str, latin: str, other: str
) -> None:
    """Arabic script writes long vowels: a Latin spelling with the same consonants but no
    vowel where one is written is another name, even one met under a reading."""
    assert score(compare, arabic, other) < DEFAULT_THRESHOLD <= score(compare, arabic, latin)


def test_arabic_script_names_without_long_vowels_meet_any_vowels(compare) -> None:  # type: ignore[no-untyped-def]
    """Where Arabic script writes no vowel, a Latin spelling may have any."""
    assert score(compare, "محمد عبد الرحمن", "Mohammed Abdelrahman") >= DEFAULT_THRESHOLD
    assert score(compare, "أسامة بن لادن", "Usama bin Laden") >= DEFAULT_THRESHOLD


def test_arabic_script_frames_count_by_their_consonants() -> None:
    """Written without short vowels, a word meets a Latin spelling by its consonants alone;
    the fewer they are, the more names share them, and the less the meeting counts."""

    def similarity(written: str, latin: str) -> float:
        pair = token_similarity(
            tokenize_name(written)[0], tokenize_name(latin)[0], SimilarityParams()
        )
        assert pair[1] is How.SKELETON
        return pair[0]

    assert similarity("حسن", "Hasan") > similarity("عمر", "Umar") > similarity("علي", "Aly")


@pytest.mark.parametrize(
    ("written", "latin", "other"),
    [
        ("عبدالرحمن ياسين", "Abdul Rahman Yasin", "Abdul Karim Yasin"),
        ("نورالدين محمد", "Nur al-Din Mohammed", "Nur Mohammed"),
    ],
)
def test_compounds_written_as_one_arabic_word_meet_their_parts(  # type: ignore[no-untyped-def]
    compare, written: str, latin: str, other: str
) -> None:
    """Each part of "عبدالرحمن" is compared by its own letters, and the article of
    "نورالدين" is the particle "al"."""
    assert_variant(compare, written, latin, other)


def test_a_compound_a_typo_away_meets_it_as_written(compare) -> None:  # type: ignore[no-untyped-def]
    """ "Zeyneddin" is cut into "zeyn al din"; "Zeyneddni" (a typo) is not cut, and meets it
    as written, one letter away."""
    assert_variant(compare, "Geleri Zeyneddni", "Zeyneddin Geleri", "Zeynab Geleri")


def test_same_script_names_compare_in_their_own_script(compare) -> None:  # type: ignore[no-untyped-def]
    assert score(compare, "习近朋", "习近平") < DEFAULT_THRESHOLD
    assert score(compare, "Владимир Пулин", "Владимир Путин") >= DEFAULT_THRESHOLD


# --- compound given names ------------------------------------------------------------------


def test_a_compound_given_name_counts_as_one_name(compare) -> None:  # type: ignore[no-untyped-def]
    """ "abdul", met beside "rauf", adds little: a query of one more name meets "Abdul Rauf"
    about as "Rauf Sora" meets "Rauf", not as a name of two names ("Hamid Rauf")."""
    compound = score(compare, "Abdurrauf Sora", "Abdul Rauf")
    one_name = score(compare, "Rauf Sora", "Rauf")
    two_names = score(compare, "Hamid Rauf Sora", "Hamid Rauf")
    assert abs(compound - one_name) < abs(two_names - compound)


@pytest.mark.parametrize(
    ("compounds", "without", "with_a_name"),
    [
        (
            ("Abdul Hasib Turk", "Abdul Ahmad Turk"),
            ("Hasib Turk", "Ahmad Turk"),
            ("Karim Hasib Turk", "Karim Ahmad Turk"),
        ),
        (
            ("Nasruddin Hakimi", "Sadruddin Hakimi"),
            ("Nasr Hakimi", "Sadr Hakimi"),
            ("Nasr Karim Hakimi", "Sadr Karim Hakimi"),
        ),
    ],
)
def test_compounds_that_share_only_abdul_or_din_share_little(  # type: ignore[no-untyped-def]
    compare,
    compounds: tuple[str, str],
    without: tuple[str, str],
    with_a_name: tuple[str, str],
) -> None:
    """Two compounds that differ but in "abdul" (or "al-din") score about as the names
    without it, not as names that share a given name."""
    shared = score(compare, *compounds)
    assert abs(shared - score(compare, *without)) < abs(score(compare, *with_a_name) - shared)


def test_a_part_of_a_compound_is_not_a_whole_name_of_the_other(compare) -> None:  # type: ignore[no-untyped-def]
    """ "din" of "Tamizuddin" sounds like the listed "Don", but "Don" is a whole name: met by
    a fraction of one, most of it is left over.  Compounds written apart still meet."""
    assert score(compare, "Tamizuddin Righini", "DON TOMAS") < DEFAULT_THRESHOLD
    assert score(compare, "Tamizuddin Righini", "DON TOMAS") < score(
        compare, "Tamiz Righini", "TOMAS"
    )
    assert score(compare, "Saifuddin Ahmed", "Saif al-Din Ahmed") >= DEFAULT_THRESHOLD
    assert score(compare, "Nooruddin Hakimi", "NOOR UD DIN Hakimi") >= DEFAULT_THRESHOLD


def test_a_compound_may_be_written_without_its_abdul(compare) -> None:  # type: ignore[no-untyped-def]
    assert_variant(compare, "Din Mohammad Abdul Hanif", "Din Mohammad Hanif", "Din Mohammad Karim")
    # the query's "aziz" meets the head of the listed compound, not the other "Aziz"
    assert_variant(
        compare, "NURISTANI, Abdul Aziz", "ABDUL AZIZ Aziz Nooristani", "Abdul Karim Nooristani"
    )


@pytest.mark.parametrize(
    ("variant", "listed", "other"),
    [
        # the UK list's surname field holds "'ABD" / "ABDUL", its given names the rest
        (
            "al-Rahman Muhammad Mustafa Shaykhlari 'ABD",
            "'Abd al-Rahman Muhammad Mustafa Shaykhlari",
            "'Abd al-Karim Muhammad Mustafa Shaykhlari",
        ),
        (
            "Rahman Muhammad al-Bayati ABDUL",
            "Abdul Rahman Muhammad al-Bayati",
            "Abdul Karim Muhammad al-Bayati",
        ),
        # the words turned round: "rahman abdul" is still the compound
        ("HOTTAK AHMAD RAHMAN ABDUL", "ABDUL RAHMAN AHMAD HOTTAK", "ABDUL KARIM AHMAD HOTTAK"),
        # Abdullah written in two: "abd" meets the one word
        (
            "طھ إبراھیم عبد لله بكر ال خویت",
            "TAHA IBRAHIM ABDALLAH BAKR AL KHUWAYT",
            "TAHA IBRAHIM ABDALLAH BAKR AL HASHIMI",
        ),
    ],
)
def test_a_compound_that_a_list_wrote_otherwise_still_meets(  # type: ignore[no-untyped-def]
    compare, variant: str, listed: str, other: str
) -> None:
    assert_variant(compare, variant, listed, other)


def test_a_russian_family_name_of_a_compound_is_not_its_second_part(compare) -> None:  # type: ignore[no-untyped-def]
    assert_variant(compare, "Ruslan Abdurakhmanov", "Ruslan Abdurrakhmanov", "Ruslan Rakhmanov")
    assert score(compare, "Ruslan Abdurakhmanov", "Ruslan Rakhmanov") < DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("variant", "listed"),
    [
        ("Zia ur Rehman Khan", "Ziaurrehman Khan"),
        ("Salah Eddine Ahmed", "Salahuddin Ahmed"),
        ("Habib ur Rahman", "Habibur Rahman"),  # "ur" joined to the word before it
        ("ANSAR EDDINE", "ANSAR AL-DINE"),
    ],
)
def test_a_compound_written_apart_meets_it_written_joined(  # type: ignore[no-untyped-def]
    compare, variant: str, listed: str
) -> None:
    assert score(compare, variant, listed) >= 0.9


def test_an_abdul_left_over_disagrees_with_another_name(compare) -> None:  # type: ignore[no-untyped-def]
    """Met, "abdul" weighs little; left over opposite "Mohammad", it is a name that differs."""
    assert score(compare, "Abdul Kabir Abdul Jan", "Abdul Kabir Mohammad Jan") < DEFAULT_THRESHOLD


# --- explanation -----------------------------------------------------------------------------


def test_explanation_lists_pairs_and_unmatched_tokens(compare) -> None:  # type: ignore[no-untyped-def]
    explained = compare("Sergey Viktorovich Lavrov", "Sergey Lavrov").to_dict()
    assert {(pair["query"], pair["candidate"]) for pair in explained["pairs"]} == {
        ("sergey", "sergey"),
        ("lavrov", "lavrov"),
    }
    assert explained["unmatched_query"] == ["viktorovich"]
    assert explained["unmatched_candidate"] == []


# --- properties ----------------------------------------------------------------------------

_WORDS = st.sampled_from(
    ["al", "bin", "mohammed", "muhammad", "ali", "hassan", "ltd", "llc", "trading", "j", "44",
     "abdul", "rahman", "abdulrahman", "smith", "smyth", "de", "van", "general"]
)  # fmt: skip
_NAMES = st.lists(
    _WORDS | st.text(alphabet="abdeiklmnorsu", min_size=1, max_size=7), max_size=5
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(_NAMES, _NAMES, st.sampled_from(["Person", "Company", None]))
def test_score_is_symmetric_and_bounded(one: str, other: str, schema: str | None) -> None:
    forward = compare_names(prepare_name(one, schema), prepare_name(other, schema)).score
    backward = compare_names(prepare_name(other, schema), prepare_name(one, schema)).score
    assert 0.0 <= forward <= 1.0
    assert forward == pytest.approx(backward)


@settings(max_examples=200, deadline=None)
@given(_NAMES.filter(str.strip), st.sampled_from(["Person", "Company", None]))
def test_identical_names_score_one(name: str, schema: str | None) -> None:
    prepared = prepare_name(name, schema)
    if prepared.tokens:
        assert compare_names(prepared, prepare_name(name, schema)).score == pytest.approx(1.0)


def test_acronyms_of_organisations_and_of_some_of_a_persons_names(compare) -> None:  # type: ignore[no-untyped-def]
    acronym = compare("PLA", "People's Liberation Army", "Organization")
    assert any(pair[-1] is How.ACRONYM for pair in acronym.alignment)
    assert acronym.score > score(compare, "PLA", "Popular Resistance Committees", "Organization")
    # a person's initials run together stand for some of the names, never all of them
    initials = compare("JC Juncker", "Jean-Claude Juncker", "Person")
    assert initials.score >= DEFAULT_THRESHOLD
    person = compare("Corporation Aa", "Abdul Abdillah", "Person")
    assert person.score < DEFAULT_THRESHOLD
    assert all(pair[-1] is not How.ACRONYM for pair in person.alignment)


def test_short_words_that_only_sound_alike_never_make_a_match_alone(compare) -> None:  # type: ignore[no-untyped-def]
    # one phonetic key, two letters or more apart, two consonants: chance, not a variant
    chance = compare("Hiki Risi", "Reza Khaki")
    assert {pair[-1] for pair in chance.alignment} == {How.SOUND_ALIKE}
    assert chance.score < DEFAULT_THRESHOLD
    assert compare("Vye Toyen", "Tan Wei").score < DEFAULT_THRESHOLD
    # one letter apart they are variants; backed by another word, a sound-alike still counts
    assert compare("Omar Ali", "Umar Aly").score >= DEFAULT_THRESHOLD
    backed = compare("Shi Jinping", "Xi Jinping")
    assert How.SOUND_ALIKE in {pair[-1] for pair in backed.alignment}
    assert backed.score >= DEFAULT_THRESHOLD
    # across scripts the key is all there is: "Жора" is read "zhora", and "Jora" is it
    (jora,) = tokenize_name("Jora")
    (zhora,) = tokenize_name("Zhora")
    (cyrillic,) = tokenize_name("Жора")
    assert token_similarity(jora, zhora, SimilarityParams())[1] is How.SOUND_ALIKE
    assert token_similarity(jora, cyrillic, SimilarityParams())[1] is How.PHONETIC
    # three letters apart, a romanised word and a Latin one only sound alike, even when
    # they meet under a reading ("ивас" read against the German "Uways")
    (ivas,) = tokenize_name("Ивас")
    (uways,) = tokenize_name("Uways")
    assert token_similarity(ivas, uways, SimilarityParams())[1] is How.SOUND_ALIKE
    assert compare("Мида Ивас", "Mahdi Uways").score < DEFAULT_THRESHOLD
    # nor does an initial back a sound-alike, where a word does
    assert compare("Мирослав Уцу", "M. Aziz").score < DEFAULT_THRESHOLD
    assert compare("Мирослав Уцу", "Miroslav Aziz").score >= DEFAULT_THRESHOLD


def test_romanisations_far_apart_in_letters_and_key_only_sound_alike(compare) -> None:  # type: ignore[no-untyped-def]
    # a key an edit apart across scripts, letters three apart: a chance resemblance
    (kamayuki,) = tokenize_name("Камаюки")
    (kamali,) = tokenize_name("Kamali")
    assert token_similarity(kamayuki, kamali, SimilarityParams())[1] is How.SOUND_ALIKE
    assert compare("Камаюки Литсин", "Kamali Husayn").score < DEFAULT_THRESHOLD
    # a short word two letters apart of three is far apart too ("тиг" / "Tos")
    assert compare("Тиг Келлауэй", "Khaled Abu Tos").score < DEFAULT_THRESHOLD
    # backed by a word that is a variant, such a pair still counts
    assert compare("Камаюки Юсуф", "Kamali Yusuf").score >= DEFAULT_THRESHOLD
    # and a romanisation near in letters is a variant, its key an edit apart or not
    assert compare("Максим Кутсумпас", "Maxim Koutsoumpas").score >= DEFAULT_THRESHOLD
    assert compare("Сергей Шойгу", "Sergei Shoigu").score >= DEFAULT_THRESHOLD


def test_latin_words_that_differ_in_sound_and_spelling_are_merely_alike(compare) -> None:  # type: ignore[no-untyped-def]
    assert compare("Siegler Guerri", "Zakir Qari").score < DEFAULT_THRESHOLD
    assert compare("Ugo Rieding", "IKCO Trading GmbH", "Organization").score < DEFAULT_THRESHOLD
    # one phonetic key, or nearly one with nearly one spelling: still variants
    assert_variant(compare, "Aleksandr Bortnikov", "Alexander Bortnikov", "Alexander Borodin")
    assert compare("Mohamad Khaled", "Muhammad Khalid").score >= DEFAULT_THRESHOLD


# --- names cut short by a message field ------------------------------------------------


def test_the_cut_last_word_of_a_name_as_long_as_a_field_meets_the_word_it_starts(
    listed_weights: TokenWeights,
) -> None:
    query = prepare_query_name("ABUBAKAR MUHAMMAD AL-BAGHDADI AL-QU", "Person", listed_weights)
    listed = prepare_name("ABUBAKAR MUHAMMAD AL-BAGHDADI AL-QURASHI", "Person", listed_weights)
    assert len(query.text) == 35
    comparison = compare_names(query, listed)
    assert ("qu", "qurashi", How.TRUNCATED) in [
        (pair.query[0], pair.candidate[0], pair.how) for pair in comparison.pairs
    ]
    assert comparison.score >= DEFAULT_THRESHOLD
    unread = prepare_name(query.text, "Person", listed_weights)
    assert comparison.score > compare_names(unread, listed).score


def test_listed_words_after_a_cut_weigh_little_only_after_it(
    listed_weights: TokenWeights,
) -> None:
    """The words a cut may have lost are those after the last one the name met; a listed
    word missing before it still counts in full."""
    query = prepare_query_name("JOINT STOCK COMPANY SVETLOVSKY ENTE", "Company", listed_weights)
    tail = prepare_name("JOINT STOCK COMPANY SVETLOVSKY ENTERPRISE ERA", "Company", listed_weights)
    inside = prepare_name(
        "JOINT STOCK COMPANY ERA SVETLOVSKY ENTERPRISE", "Company", listed_weights
    )
    assert compare_names(query, tail).score >= DEFAULT_THRESHOLD
    assert compare_names(query, inside).score < compare_names(query, tail).score


def test_a_cut_may_lose_the_given_names_written_after_the_surname(
    listed_weights: TokenWeights,
) -> None:
    """In "SURNAME, Given" the cut falls in the given names, which come before the surname
    once the name is turned round: the listed words after the last given name the query
    met weigh little, as they would at the end."""
    written = "AMEEN AL-PESHAWARI, Fazeel-A-Tul Shaykh Abu Mohammed"
    query = prepare_query_name(written[:35], "Person", listed_weights)
    listed = prepare_name(written, "Person", listed_weights)
    assert query.cut is not None
    assert compare_names(query, listed).score >= DEFAULT_THRESHOLD
    unread = prepare_name(query.text, "Person", listed_weights)
    assert compare_names(unread, listed).score < DEFAULT_THRESHOLD
    # a listed given name the query lacks before the cut still counts in full
    inside = prepare_name(
        "AMEEN AL-PESHAWARI, Fazeel Yusuf-A-Tul Shaykh Abu Mohammed", "Person", listed_weights
    )
    assert compare_names(query, inside).score < compare_names(query, listed).score


def test_a_last_word_that_starts_no_word_the_cut_may_have_lost_is_a_word_of_its_own(
    listed_weights: TokenWeights,
) -> None:
    """A name as long as a field may have lost the listed words after its last word only if
    that word met one or may be the start of one: "Kvant" starts "Kvantovoy", not "Istok",
    so it disagrees with that listed name in full."""
    query = prepare_query_name("Scientific Research Institute Kvant", "Company", listed_weights)
    assert query.cut is not None
    other = prepare_name("Scientific Research Institute Istok", "Company", listed_weights)
    started = prepare_name(
        "Scientific Research Institute Kvantovoy Elektroniki", "Company", listed_weights
    )
    assert compare_names(query, other).score < DEFAULT_THRESHOLD
    assert compare_names(query, started).score >= DEFAULT_THRESHOLD
    # as a name of any other length, it would not meet the other institute either
    unread = prepare_name(query.text, "Company", listed_weights)
    assert compare_names(unread, other).score < DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("fragment", "word", "starts"),
    [
        ("qu", "qurashi", True),  # the same letters
        ("qurays", "qurashi", True),  # the same sounds: another romanisation
        ("кураш", "qurashi", True),  # another script, read to the same sounds
        ("compa", "Limited Liability Company", True),  # a word of a legal form
        ("kvant", "istok", False),
        ("izmeritel", "istok", False),
        ("ist", "kvantovoy", False),
    ],
)
def test_a_cut_word_may_start_a_word_by_its_letters_or_its_sounds(
    fragment: str, word: str, starts: bool
) -> None:
    (cut,) = tokenize_name(fragment)
    (listed,) = tokenize_name(word)
    assert may_start(cut, listed) is starts
