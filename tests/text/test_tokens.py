"""Tokens: kinds, particles, legal forms, compounds, numbers."""

from __future__ import annotations

import pytest

from watchkeeper.text.compounds import compound_spans
from watchkeeper.text.tokens import NameStyle, Token, TokenKind, tokenize_name


def _texts(tokens: list[Token]) -> list[str]:
    return [token.text for token in tokens]


def _kinds(tokens: list[Token]) -> list[TokenKind]:
    return [token.kind for token in tokens]


def test_particles_are_kept_and_marked() -> None:
    tokens = tokenize_name("Usama bin Laden", NameStyle.PERSON)
    assert _texts(tokens) == ["usama", "bin", "laden"]
    assert _kinds(tokens) == [TokenKind.WORD, TokenKind.PARTICLE, TokenKind.WORD]


def test_particle_variants_share_a_class() -> None:
    bin_forms = [tokenize_name(f"X {form} Y")[1] for form in ("bin", "ibn", "ben")]
    assert {token.canon for token in bin_forms} == {"bin"}


def test_attached_article_is_its_own_token() -> None:
    assert _texts(tokenize_name("Al-Nusrah Front")) == ["al", "nusrah", "front"]


def test_abd_compounds_are_spelled_alike() -> None:
    expected = ["abdul", "rahman"]
    for spelling in ("AbdulRahman", "Abdul Rahman", "Abdurrahman", "Abd al-Rahman", "Abdelrahman"):
        assert _texts(tokenize_name(spelling, NameStyle.PERSON)) == expected, spelling
    assert _texts(tokenize_name("Abdullah", NameStyle.PERSON)) == ["abdullah"]


@pytest.mark.parametrize(
    ("written", "words"),
    [
        ("Nasreddin", ["nasr", "al", "din"]),
        ("Shamsulhaq", ["shams", "al", "haq"]),
        ("Girardin", ["girardin"]),  # "r" is no article before "din"
        ("Borozdin", ["borozdin"]),
    ],
)
def test_a_linked_compound_has_its_article(written: str, words: list[str]) -> None:
    assert _texts(tokenize_name(written, NameStyle.PERSON)) == words


@pytest.mark.parametrize(
    "written",
    ["Salahuddin", "Salah Eddine", "Salaheddine", "Salah ad Din", "Salah al-Deen", "Salah-ud-Dine"],
)
def test_a_compound_written_apart_reads_as_written_joined(written: str) -> None:
    """The French "Eddine", the article said as "ad" and apart, "Deen" and "Dine": one
    compound."""
    tokens = tokenize_name(written, NameStyle.PERSON)
    assert [token.canon for token in tokens] == ["salah", "al", "din"]


def test_an_article_said_apart_is_one_only_before_a_second_element() -> None:
    assert [t.canon for t in tokenize_name("Zia ur Rehman", NameStyle.PERSON)] == [
        "zia",
        "al",
        "rehman",
    ]
    assert _texts(tokenize_name("Ed Rahman", NameStyle.PERSON)) == ["ed", "rahman"]
    assert _texts(tokenize_name("Ali Ur Smith", NameStyle.PERSON)) == ["ali", "ur", "smith"]


@pytest.mark.parametrize("written", ["Abdurakhmanov", "Abdullaeva", "Abdulkhamidovich"])
def test_a_family_name_with_a_russian_ending_is_no_compound(written: str) -> None:
    assert _texts(tokenize_name(written, NameStyle.PERSON)) == [written.lower()]


@pytest.mark.parametrize(
    ("words", "spans"),
    [
        (["abdul", "rahman", "yasin"], [(0, 2, 1)]),  # the head is the word after "abdul"
        (["rauf", "abdul"], [(0, 2, 0)]),  # "RAUF, Abdul": a list cut one compound in two
        (["sadr", "al", "din", "khan"], [(0, 3, 0)]),
        (["mohammed", "abdul"], [(0, 2, 0)]),
        (["ali", "mohammed", "abdul"], []),  # "abdul" last in a longer name: no compound
        (["ahmad", "al", "masri"], []),  # a nisba, not a second element
        (["abdul", "al", "aziz"], []),
        (["abdul", "allah"], []),  # Abdullah written in two
        (["abdul", "ilah"], [(0, 2, 1)]),  # Abd al-Ilah is not Abdullah
    ],
)
def test_compound_spans_and_their_heads(
    words: list[str], spans: list[tuple[int, int, int]]
) -> None:
    assert [tuple(span) for span in compound_spans(words)] == spans


@pytest.mark.parametrize(
    ("once", "twice"),
    [("Abdurahman", "Abdurrahman"), ("Abdeslam", "Abdesslam"), ("Abdusamad", "Abdussamad")],
)
def test_an_article_assimilated_to_a_sun_letter_keeps_the_letter(once: str, twice: str) -> None:
    """The article before a sun letter is written as that letter ("Abd ur-Rahman"), which a
    spelling may write once: the word after it still starts with it ("Abdeslam" is not
    "Abdul Lam")."""
    assert _texts(tokenize_name(once, NameStyle.PERSON)) == _texts(
        tokenize_name(twice, NameStyle.PERSON)
    )


@pytest.mark.parametrize(
    "spelling",
    ["Abdulla", "Abdalla", "Abdallah", "Abdollah", "Abdilla", "Abdulahi", "Abdoulaye", "Abdullo"],
)
def test_abdullah_is_one_word_however_spelled(spelling: str) -> None:
    """ "Abdulla" is "Abdullah" without its h, not "Abdul" and a word "lla"."""
    assert len(tokenize_name(spelling, NameStyle.PERSON)) == 1


def test_spellings_of_a_title_are_one_title() -> None:
    spellings = ("Haji", "Hajji", "Hadji", "Alhaji")
    tokens = [tokenize_name(f"{title} Noorullah", NameStyle.PERSON)[0] for title in spellings]
    assert {token.kind for token in tokens} == {TokenKind.TITLE}
    assert len({token.canon for token in tokens}) == 1


def test_muhammad_abbreviated_in_a_persons_name_only() -> None:
    """ "Md." and "Mohd." write Muhammad in persons' names; "MD Holdings" is no Muhammad."""
    for written in ("Md. Abdul Karim", "Mohd Aman"):
        assert _texts(tokenize_name(written, NameStyle.PERSON))[0] == "muhammad"
    assert _texts(tokenize_name("MD Holdings", NameStyle.ORGANIZATION))[0] == "md"


def test_din_compounds_are_spelled_alike() -> None:
    expected = ["saif", "al", "din"]
    for spelling in ("Saifuddin", "Saif-ud-Din", "Saif al-Din"):
        assert _texts(tokenize_name(spelling, NameStyle.PERSON)) == expected, spelling


def test_multi_word_legal_forms_become_one_token() -> None:
    tokens = tokenize_name("Limited Liability Company Iskusstvo Krasoty", NameStyle.ORGANIZATION)
    assert tokens[0].kind is TokenKind.LEGAL_FORM
    assert tokens[0].canon == tokenize_name("OOO X", NameStyle.ORGANIZATION)[0].canon


@pytest.mark.parametrize(
    ("company", "form"),
    [
        ("Teleserve Plus SAL", "JSC"),  # Lebanon: société anonyme libanaise
        ("Stealth Telecom FZC", "LLC"),  # UAE free zone company
        ("Pegasus General Trading FZCO", "LLC"),
        ("Sky Blue Bird FZ-LLC", "LLC"),
        ("Caritex Lucky AD", "JSC"),  # Bulgaria
        ("Karimex EOOD", "LLC"),
        ("Hilal Travel C.A.", "JSC"),  # Venezuela: compañía anónima
        ("Redin Dis Ticaret Ltd. Sti.", "LLC"),  # Turkey: limited şirketi
        ("Al-Aqsa e.V.", "ANO"),  # a German registered association
        ("Mahan Travel and Tourism Sdn. Bhd.", "LLC"),  # Malaysia: sendirian berhad
        ("Mahan Travel and Tourism Sendirian Berhad", "LLC"),
        ("Trigron Lojistik Kargo Limited Sirketi", "LLC"),  # Turkey: Ltd. Şti.
        ("Ramor Dis Ticaret ve Insaat Yatirim Anonim Sirketi", "JSC"),  # Turkey: A.Ş.
        ("Petropars International Free Zone Establishment", "LLC"),  # UAE: FZE
        ("AA Energy Free Zone Company", "LLC"),  # UAE: FZCO
        ("Basargani Petrochemie Sahami Khass", "JSC"),  # Iran: private joint stock
        ("Sherkat Naft Pars Sahami Aam", "JSC"),  # Iran: public joint stock
        ("Cilinder Sistem Drustvo s Ogranicenom Odgovornoscu", "LLC"),  # Serbia: d.o.o.
        ("Markom Metal Commerce Drustvo sa Ogranicenom Odgovornoscu", "LLC"),
        ("Polimex Spolka z Ograniczona Odpowiedzialnoscia", "LLC"),  # Poland: sp. z o.o.
        ("Italtech Societa a Responsabilita Limitata", "LLC"),  # Italy: S.r.l.
        ("Mitra Perseroan Terbatas", "LLC"),  # Indonesia: PT
    ],
)
def test_legal_forms_of_the_countries_listed_companies_come_from(company: str, form: str) -> None:
    """Each is of the class of the form named beside it; none is left a word of the name."""
    tokens = tokenize_name(company, NameStyle.ORGANIZATION)
    expected = tokenize_name(f"{form} X", NameStyle.ORGANIZATION)[0]
    assert tokens[-1].kind is TokenKind.LEGAL_FORM
    assert tokens[-1].canon == expected.canon


@pytest.mark.parametrize(
    ("company", "form"),
    [
        ("Tovarystvo z Obmezhenoyu Vidpovidalnistyu Dart", "LLC"),  # Ukraine: TOV
        ("Publichne Aktsionerne Tovarystvo VTB Bank", "JSC"),  # Ukraine: PAT
        ("PAT VTB Bank", "JSC"),
        ('Товариство з обмеженою відповідальністю "Компанія Інтервесп"', "LLC"),
        ("Tavarystva z Abmezhavanay Adkaznastsyu Belkaztrans", "LLC"),  # Belarus: TAA
        ("TAA Belkaztrans", "LLC"),
        ("ODO Belneftegaz", "LLC"),
        ("ZAT Absalyutbank", "JSC"),
        ('Адкрытае акцыянернае таварыства "Беларуськалiй"', "JSC"),  # Belarus: AAT
    ],
)
def test_legal_forms_of_ukraine_and_belarus_open_the_name(company: str, form: str) -> None:
    tokens = tokenize_name(company, NameStyle.ORGANIZATION)
    expected = tokenize_name(f"{form} X", NameStyle.ORGANIZATION)[0]
    assert tokens[0].kind is TokenKind.LEGAL_FORM
    assert tokens[0].canon == expected.canon
    assert TokenKind.LEGAL_FORM not in _kinds(tokens[1:])


@pytest.mark.parametrize(
    ("company", "same_class_as"),
    [
        ("FSUE Rosmorport", "FGUP X"),
        ("Federal State Unitary Enterprise Rosmorport", "FGUP X"),
        ("Федеральное государственное унитарное предприятие Росморпорт", "FGUP X"),
        ("Federalnoye Gosudarstvennoye Unitarnoye Predpriyatiye Kvant", "FGUP X"),
        ("Federalnoe Kazennoe Predpriiatie Kombinat Kamenski", "FGUP X"),
        ("Respublikanskoe Unitarnoe Predpriyatie Belshina", "RUP X"),
        ("Federal State Budgetary Institution Raran", "FGBU X"),
        ("Federalnoe Gosudarstvennoe Byudzhetnoe Uchrezhdenie Nauki Institut", "FGBU X"),
        ("State Corporation Rostec", "Corporation X"),
        ("Goskorporatsiya Rosatom", "Corporation X"),
        ("Государственная корпорация «Ростех»", "Corporation X"),
    ],
)
def test_state_enterprises_institutions_and_corporations_have_their_legal_form(
    company: str, same_class_as: str
) -> None:
    tokens = tokenize_name(company, NameStyle.ORGANIZATION)
    expected = tokenize_name(same_class_as, NameStyle.ORGANIZATION)[0]
    assert tokens[0].kind is expected.kind is TokenKind.LEGAL_FORM
    assert tokens[0].canon == expected.canon
    assert TokenKind.LEGAL_FORM not in _kinds(tokens[1:])


def test_state_enterprises_and_institutions_are_of_two_classes() -> None:
    enterprise = tokenize_name("FGUP X", NameStyle.ORGANIZATION)[0]
    institution = tokenize_name("FGBU X", NameStyle.ORGANIZATION)[0]
    assert enterprise.canon != institution.canon


@pytest.mark.parametrize(
    "name",
    [
        "Islamic State",
        "Federal Security Service",
        "Financial Institution Trust",
        "Auto Stateenterprise",
        "Jebel Ali Free Zone Authority",
    ],
)
def test_ordinary_words_of_legal_forms_alone_are_words(name: str) -> None:
    assert TokenKind.LEGAL_FORM not in _kinds(tokenize_name(name, NameStyle.ORGANIZATION))


def test_cyrillic_legal_form_is_recognised() -> None:
    tokens = tokenize_name('ООО "Байкал"', NameStyle.ORGANIZATION)
    assert _kinds(tokens) == [TokenKind.LEGAL_FORM, TokenKind.WORD]


def test_misspelt_long_legal_form_is_recognised() -> None:
    assert tokenize_name("Siemens Aktiengeselschaft")[1].kind is TokenKind.LEGAL_FORM


@pytest.mark.parametrize(
    ("written", "listed"),
    [
        ("Publc Joint Stock Compnay Transneft", "Public Joint Stock Company Transneft"),
        ("Limited Liabilty Company Dm", "Limited Liability Company Dm"),
        ("Jont Stock Company Avangard", "Joint Stock Company Avangard"),
        (
            "Obshchestvo s Ogranichennoi Otvetstvennostiu Romashka",
            "Obshchestvo s Ogranichennoy Otvetstvennostyu Romashka",
        ),
    ],
)
def test_legal_forms_of_several_words_are_recognised_with_typos(written: str, listed: str) -> None:
    """A typo (or a transliteration a letter apart) in the longer words of a legal form of
    several words: the form is still one token, of the listed form's class."""
    tokens = tokenize_name(written, NameStyle.ORGANIZATION)
    expected = tokenize_name(listed, NameStyle.ORGANIZATION)
    assert _kinds(tokens) == [TokenKind.LEGAL_FORM, TokenKind.WORD]
    assert [token.canon for token in tokens] == [token.canon for token in expected]


@pytest.mark.parametrize(
    ("written", "listed"),
    [
        ("Akcionernoe Obshestvo Romashka", "Aktsionernoe Obshchestvo Romashka"),
        (
            "Otkritoe Aktsionernoye Obschestvo Romashka",
            "Otkrytoe Aktsionernoe Obshchestvo Romashka",
        ),
        (
            "Obshestvo s Ogranichenoy Otvetstvenostyu Romashka",
            "Obshchestvo s Ogranichennoy Otvetstvennostyu Romashka",
        ),
        ("Aktsionuernoe Obshhestvo Genbank", "Aktsionernoe Obshchestvo Genbank"),
    ],
)
def test_legal_forms_of_several_words_romanised_otherwise_are_recognised(
    written: str, listed: str
) -> None:
    """Every longer word of a legal form of several words spelled otherwise, each with the
    phonetic key of the listed word (shch / sh, ts / c, y / i, doubled letters): the form is
    still one token, of the listed form's class."""
    tokens = tokenize_name(written, NameStyle.ORGANIZATION)
    expected = tokenize_name(listed, NameStyle.ORGANIZATION)
    assert _kinds(tokens) == [TokenKind.LEGAL_FORM, TokenKind.WORD]
    assert [token.canon for token in tokens] == [token.canon for token in expected]


@pytest.mark.parametrize("written", ["Otkritie Bank", "Stack Industries", "Kassa Romashka"])
def test_names_words_that_sound_like_a_word_of_a_legal_form_stay_words(written: str) -> None:
    """Alone, a word that only sounds like a word of a legal form of several words ("open",
    "stock", "kaisha") is the name's own word."""
    assert _kinds(tokenize_name(written, NameStyle.ORGANIZATION)) == [TokenKind.WORD] * 2


@pytest.mark.parametrize(
    "written",
    [
        "Jointstock Company Avangard",
        "Limited Liabilitycompany Avangard",
        "Kabushikikaisha Avangard",
    ],
)
def test_legal_forms_with_words_run_together_are_recognised(written: str) -> None:
    assert _kinds(tokenize_name(written, NameStyle.ORGANIZATION)) == [
        TokenKind.LEGAL_FORM,
        TokenKind.WORD,
    ]


@pytest.mark.parametrize(
    ("written", "listed"),
    [
        ("Joint Stock CompanyAvangard", "Joint Stock Company Avangard"),
        ("AuctionLimited Liability Company", "Auction Limited Liability Company"),
        ("Rustclosed Joint-Stock Company", "Rust Closed Joint-Stock Company"),
        ("Inussia Impexprivate Limited", "Inussia Impex Private Limited"),
        ("Aktsionernoe ObshchestvoNovovyatski Zavod", "Aktsionernoe Obshchestvo Novovyatski Zavod"),
    ],
)
@pytest.mark.parametrize("style", [NameStyle.ORGANIZATION, NameStyle.ANY])
def test_a_legal_form_word_glued_to_a_name_word_is_split_off(
    written: str, listed: str, style: NameStyle
) -> None:
    tokens = tokenize_name(written, style)
    assert _texts(tokens) == _texts(tokenize_name(listed, style))
    assert TokenKind.LEGAL_FORM in _kinds(tokens)


@pytest.mark.parametrize(
    ("written", "word"),
    [
        ("Nordic Joint Stockholm", "stockholm"),  # "joint stock" is only a part of a legal form
        ("Enclosed Joint Stock Company", "enclosed"),  # "en" is too short for a name's word
        ("Vympel Interstate Corporation", "interstate"),  # many words hold "state"
    ],
)
def test_words_that_only_hold_a_legal_form_word_stay_whole(written: str, word: str) -> None:
    assert word in _texts(tokenize_name(written, NameStyle.ORGANIZATION))


@pytest.mark.parametrize("written", ["Open Joint Stock Compass", "Opex Joint Stock Company"])
def test_words_two_typos_from_a_legal_form_stay_words(written: str) -> None:
    """Two edits in a word, or one in a word of a legal form of four letters or fewer, is
    another word."""
    tokens = tokenize_name(written, NameStyle.ORGANIZATION)
    assert TokenKind.WORD in _kinds(tokens)
    assert len(tokens) > 1


def test_words_of_a_legal_form_in_an_organisations_name_are_legal_forms() -> None:
    """A legal form written with a word left out ("Joint Company") or turned around is still
    made of legal forms; "Stock" in a person's name is a surname."""
    kinds = _kinds(tokenize_name("Sovcombank Company Stock Joint", NameStyle.ORGANIZATION))
    assert kinds == [TokenKind.WORD] + [TokenKind.LEGAL_FORM] * 3
    assert _kinds(tokenize_name("Jonathan Stock", NameStyle.PERSON)) == [TokenKind.WORD] * 2


@pytest.mark.parametrize(
    ("written", "listed"),
    [
        ("Dispersora Gael, de C.V.", "Dispersora Gael, S.A. de C.V."),
        ("Corporacion Handal S. R.L.", "Corporacion Handal S. de R.L."),
        ("Publichnoe Obshchestvo Sollers", "Publichnoe Aktsionernoe Obshchestvo Sollers"),
    ],
)
def test_a_legal_form_with_words_left_out_is_a_legal_form_of_its_class(
    written: str, listed: str
) -> None:
    tokens = tokenize_name(written, NameStyle.ORGANIZATION)
    expected = tokenize_name(listed, NameStyle.ORGANIZATION)
    assert _kinds(tokens) == _kinds(expected)
    assert [token.canon for token in tokens] == [token.canon for token in expected]


def test_parts_of_legal_forms_stay_words_where_they_are_words() -> None:
    """ "Sa de" in a person's name, a part that ends with a linking word, a part made of an
    ordinary word and a one-word form."""
    person = tokenize_name("Francisco de Sa de Miranda", NameStyle.PERSON)
    assert TokenKind.LEGAL_FORM not in _kinds(person)
    for company in ("Sociedad de Fomento Fabril", "Open Company Systems"):
        words = _texts(tokenize_name(company, NameStyle.ORGANIZATION))
        assert len(words) == len(company.split()), company


def test_short_legal_forms_are_not_read_into_person_names() -> None:
    assert tokenize_name("Ao Chen", NameStyle.PERSON)[0].kind is TokenKind.WORD


def test_legal_forms_that_persons_bear_as_names_are_words_in_their_names() -> None:
    # OFAC lists "PAO, Yu Liang" and "BUNTHAWEE, Sae Jang"; Russian ПАО and Serbian d.o.o.
    for name in (
        "PAO Yu Liang",
        "Sae Jang Bunthawee",
        "Lee Doo Hwan",
        "Sal Marino",
        "Pat Smith",
        "Sue Carter",
    ):
        person = tokenize_name(name, NameStyle.PERSON)
        assert TokenKind.LEGAL_FORM not in _kinds(person), name
    for company in (
        "PAO Rosneft",
        "Energoprojekt DOO",
        "Fast Link S.A.L.",
        "PAT VTB Bank",
        "Federal SUE Shipyard Morye",
    ):
        kinds = _kinds(tokenize_name(company, NameStyle.ORGANIZATION))
        assert TokenKind.LEGAL_FORM in kinds, company


def test_numbers_in_words_and_digits_meet() -> None:
    words = tokenize_name("Brigade Forty-Four", NameStyle.ORGANIZATION)[1]
    digits = tokenize_name("Brigade 44", NameStyle.ORGANIZATION)[1]
    assert words.kind is digits.kind is TokenKind.NUMBER
    assert words.canon == digits.canon == "44"


def test_roman_numerals_only_outside_person_names() -> None:
    assert tokenize_name("Fund IX", NameStyle.ORGANIZATION)[1].canon == "9"
    assert tokenize_name("Xi Jinping", NameStyle.PERSON)[0].kind is TokenKind.WORD


def test_titles_initials_and_fillers() -> None:
    tokens = tokenize_name("Mr. J. Smith of the Hague", NameStyle.PERSON)
    assert _kinds(tokens)[:3] == [TokenKind.TITLE, TokenKind.INITIAL, TokenKind.WORD]
    assert tokens[3].kind is TokenKind.FILLER


def test_digits_in_person_names_are_read_as_letters() -> None:
    assert _texts(tokenize_name("Ig0r Sech1n", NameStyle.PERSON)) == ["igor", "sechin"]


def test_arabic_tokens_are_vowelless_and_keep_their_script() -> None:
    token = tokenize_name("محمد")[0]
    assert token.vowelless
    assert token.original == "محمد"


def test_words_of_other_scripts_are_not_english_numbers_or_fillers() -> None:
    assert _kinds(tokenize_name("оне фор")) == [TokenKind.WORD, TokenKind.WORD]  # "one", "for"
    assert _kinds(tokenize_name("One for")) == [TokenKind.NUMBER, TokenKind.FILLER]
    assert _kinds(tokenize_name("٤٤")) == [TokenKind.NUMBER]


def test_short_words_of_other_scripts_are_not_read_as_latin_titles() -> None:
    assert _kinds(tokenize_name("المر")) == [TokenKind.PARTICLE, TokenKind.WORD]  # "mr"
    assert _kinds(tokenize_name("Mr")) == [TokenKind.TITLE]
    assert tokenize_name("الشيخ أحمد")[1].kind is TokenKind.TITLE
    assert tokenize_name("шейх Ахмед")[0].kind is TokenKind.TITLE


def test_a_rank_is_a_title_in_a_persons_name_and_a_word_in_an_organisations() -> None:
    assert _kinds(tokenize_name("Colonel Omega", NameStyle.PERSON)) == [
        TokenKind.TITLE,
        TokenKind.WORD,
    ]
    assert tokenize_name("Commander Putol")[0].kind is TokenKind.TITLE
    captain = tokenize_name("Captain Shipping", NameStyle.ORGANIZATION)
    assert _kinds(captain) == [TokenKind.WORD, TokenKind.WORD]
    assert tokenize_name("Major Tom", NameStyle.PERSON)[0].kind is TokenKind.WORD
