"""Words that carry little identity of their own: particles, titles, fillers, legal forms.

Each maps a romanised word (or, for legal forms, a phrase) to a canonical class so that
spelling variants meet: "bin" / "ben" / "ibn" are one particle, "OOO" / "LLC" / "GmbH" /
"Limited Liability Company" one legal form.  The matcher weighs these words low; it never
drops them.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

PARTICLES: dict[str, str] = {
    # Arabic article (assimilated forms such as "ar-", "ud-" are rewritten to "al" earlier)
    "al": "al",
    "el": "al",
    "ul": "al",
    "il": "al",
    # son / daughter / father / mother of
    "bin": "bin",
    "ben": "bin",
    "ibn": "bin",
    "ebn": "bin",
    "bn": "bin",
    "abn": "bin",
    "ould": "bin",
    "bint": "bint",
    "binti": "bint",
    "bnt": "bint",
    "abu": "abu",
    "abou": "abu",
    "abo": "abu",
    "aboo": "abu",
    "abw": "abu",
    "umm": "umm",
    "oum": "umm",
    # European
    "van": "van",
    "von": "van",
    "vom": "van",
    "de": "de",
    "di": "de",
    "da": "de",
    "du": "de",
    "do": "de",
    "dos": "de",
    "das": "de",
    "des": "de",
    "del": "de",
    "della": "de",
    "dela": "de",
    "der": "der",
    "den": "der",
    "ter": "der",
    "ten": "der",
    "la": "la",
    "le": "la",
    "zu": "zu",
}

ARABIC_SCRIPT_PARTICLES: dict[str, str] = {
    "ال": "al",
    "آل": "al",
    "بن": "bin",
    "ابن": "bin",
    "بنت": "bint",
    "أبو": "abu",
    "ابو": "abu",
    "أم": "umm",
    "ام": "umm",
}
"""Particles in Arabic script, by their written form (romanised, "بين" would read "bin")."""

_TITLE_VARIANTS: dict[str, tuple[str, ...]] = {
    "sheikh": ("sheikh", "shaikh", "shaykh", "sheik", "cheikh", "shykh", "shikh", "sheykh"),
    "haji": ("haji", "hajji", "hadji", "alhaji"),
    "mullah": ("mullah", "mulla", "molla"),
    "maulvi": ("maulvi", "mawlawi", "maulavi", "moulavi", "mawlavi"),
}
"""Titles spelled many ways, by the spelling taken as the title's."""

TITLES: frozenset[str] = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "miss",
        "mme",
        "mlle",
        "dr",
        "prof",
        "professor",
        "sir",
        "dame",
        "lord",
        "lady",
        "hon",
        "rev",
        "president",
        "praesident",
        "prasident",
        "monsieur",
        "madame",
        "herr",
        "frau",
        "senor",
        "senora",
        "maulana",
        "mv",
        "mt",
        *(variant for variants in _TITLE_VARIANTS.values() for variant in variants),
    }
)

TITLE_CLASSES: dict[str, str] = {
    variant: title for title, variants in _TITLE_VARIANTS.items() for variant in variants
}
"""Spellings of one title to the title: "Hajji Noorullah" is "Haji Noorullah"."""

GIVEN_NAME_ABBREVIATIONS: dict[str, str] = {
    "md": "muhammad",
    "mohd": "muhammad",
    "muhd": "muhammad",
    "mhd": "muhammad",
    "mohmd": "muhammad",
}
"""Abbreviations of given names in persons' names: "Md." (Bangladesh) and "Mohd."
(Malaysia, India, Singapore) write Muhammad."""

RANKS: frozenset[str] = frozenset(
    {
        "colonel",
        "lieutenant",
        "brigadier",
        "sergeant",
        "commander",
        "commandant",
        "comandante",
        "admiral",
        "captain",
        "chief",
    }
)
"""Military and other ranks that lists put before a person's name as titles ("Colonel
Omega", "Commander Putol", "Chief Kahwa"); in an organisation's name they are words
("Captain Shipping").  "General" and "Major" are not among them: they are surnames too."""

FILLERS: frozenset[str] = frozenset(
    {"the", "of", "and", "for", "in", "at", "on", "to", "by", "y", "et", "und"}
)

GENERIC_WORDS: frozenset[str] = frozenset(
    {
        "general",
        "trading",
        "trade",
        "traders",
        "international",
        "global",
        "national",
        "group",
        "holding",
        "holdings",
        "enterprise",
        "enterprises",
        "industries",
        "industry",
        "industrial",
        "services",
        "service",
        "commercial",
        "commerce",
        "import",
        "export",
        "investment",
        "investments",
        "development",
        "management",
        "business",
        "establishment",
        "ticaret",
        "sanayi",
        "tejarat",
        "bazargani",
    }
)
"""Words that say what kind of organisation a name belongs to, not which one ("General
Trading", "International Holding"): weighed low however rare a list makes them, so that a
name made of them alone does not meet every organisation whose name holds them."""

ABBREVIATIONS: dict[str, str] = {
    "intl": "international",
    "natl": "national",
    "mfg": "manufacturing",
    "svcs": "services",
    "bros": "brothers",
    "assn": "association",
    "dept": "department",
    "govt": "government",
    "univ": "university",
    "inst": "institute",
    "ent": "enterprises",
    "mgmt": "management",
    "tech": "technology",
    "hldgs": "holdings",
}
"""Abbreviated words of organisation names, written out."""

LLC = "llc"
JSC = "jsc"
CORP = "corp"
PARTNERSHIP = "lp"
NONPROFIT = "nonprofit"
STATE_ENTERPRISE = "sue"
"""A state or municipal enterprise of Russia or Belarus (unitary or treasury: ФГУП, ГУП,
МУП, ФКП, РУП).  Not "state enterprise" alone: it is a part of the names of the Iraqi
state's companies ("State Enterprise for Rubber Industries") more than a legal form."""
STATE_INSTITUTION = "fsi"
"""A Russian state institution (budgetary, treasury or autonomous: ФГБУ, ФГКУ, ФГАУ, ФКУ)."""

_LEGAL_FORM_TEXTS: dict[str, tuple[str, ...]] = {
    LLC: (
        "llc",
        "ltd",
        "limited",
        "gmbh",
        "ooo",
        "sarl",
        "srl",
        "doo",
        "sro",
        "kft",
        "bv",
        "bvba",
        "tov",
        "too",
        "taa",
        "odo",
        "ltda",
        "pty",
        "pvt",
        "pte",
        "pt",
        "bhd",
        "eood",
        "ood",
        "sti",
        "wll",
        "fze",
        "fzc",
        "fzco",
        "fz llc",
        "free zone establishment",
        "free zone company",
        "sp z oo",
        "s de rl",
        "sdn bhd",
        "berhad",
        "sendirian berhad",
        "limited sirketi",
        "ltd sti",
        "perseroan terbatas",
        "limited liability company",
        "private limited company",
        "private limited",
        "gesellschaft mit beschrankter haftung",
        "obshchestvo s ogranichennoy otvetstvennostyu",
        "tovarystvo z obmezhenoyu vidpovidalnistyu",
        "tavarystva z abmezhavanay adkaznastsyu",
        "tavarystva z dadatkovay adkaznastsyu",
        "societatea cu raspundere limitata",
        "societe a responsabilite limitee",
        "sociedad de responsabilidad limitada",
        "besloten vennootschap",
        "societa a responsabilita limitata",
        "spolka z ograniczona odpowiedzialnoscia",
        "drustvo s ogranicenom odgovornoscu",
        "drustvo sa ogranicenom odgovornoscu",
    ),
    JSC: (
        "jsc",
        "ojsc",
        "cjsc",
        "pjsc",
        "zao",
        "oao",
        "pao",
        "ao",
        "ag",
        "aktiengesellschaft",
        "sa",
        "spa",
        "sas",
        "sasu",
        "sac",
        "saa",
        "nv",
        "plc",
        "as",
        "asa",
        "ab",
        "oy",
        "oyj",
        "kk",
        "tbk",
        "sae",
        "sal",
        "ca",
        "ad",
        "ead",
        "pjs",
        "pat",
        "prat",
        "aat",
        "zat",
        "joint stock company",
        "open joint stock company",
        "closed joint stock company",
        "public joint stock company",
        "private joint stock company",
        "aktsionernoe obshchestvo",
        "otkrytoe aktsionernoe obshchestvo",
        "zakrytoe aktsionernoe obshchestvo",
        "publichnoe aktsionernoe obshchestvo",
        "aktsionerne tovarystvo",
        "publichne aktsionerne tovarystvo",
        "pryvatne aktsionerne tovarystvo",
        "aktsyyanernaye tavarystva",
        "adkrytaye aktsyyanernaye tavarystva",
        "zakrytaye aktsyyanernaye tavarystva",
        "public limited company",
        "societe anonyme",
        "sociedad anonima",
        "naamloze vennootschap",
        "kabushiki kaisha",
        "societa per azioni",
        "spolka akcyjna",
        "sa de cv",
        "sab de cv",
        "anonim sirketi",
        "sahami khas",
        "sahami khass",
        "sahami aam",
    ),
    CORP: (
        "inc",
        "incorporated",
        "corp",
        "corporation",
        "korporatsiya",
        "state corporation",
        "gosudarstvennaya korporatsiya",
        "goskorporatsiya",
        "co",
        "company",
        "cie",
        "compania",
        "companhia",
    ),
    PARTNERSHIP: (
        "lp",
        "llp",
        "partnership",
        "limited partnership",
        "limited liability partnership",
        "kg",
        "ohg",
        "snc",
        "scs",
    ),
    NONPROFIT: ("ano", "nko", "ngo", "ev", "asbl", "vzw"),
    STATE_ENTERPRISE: (
        "fgup",
        "gup",
        "mup",
        "fkp",
        "rup",
        "fsue",
        "sue",
        "federal state enterprise",
        "state unitary enterprise",
        "federal state unitary enterprise",
        "federal state owned unitary enterprise",
        "municipal unitary enterprise",
        "republican unitary enterprise",
        "federal treasury enterprise",
        "gosudarstvennoe predpriyatie",
        "gosudarstvennoe unitarnoe predpriyatie",
        "federalnoe gosudarstvennoe unitarnoe predpriyatie",
        "munitsipalnoe unitarnoe predpriyatie",
        "respublikanskoe unitarnoe predpriyatie",
        "federalnoe kazennoe predpriyatie",
        "derzhavne pidpryiemstvo",
    ),
    STATE_INSTITUTION: (
        "fgbu",
        "fgku",
        "fgau",
        "fgbou",
        "fgbnu",
        "fku",
        "federal state institution",
        "federal state budgetary institution",
        "federal state budgetary establishment",
        "federal state budgetary educational institution",
        "federal state budgetary scientific institution",
        "federal state treasury institution",
        "federal state autonomous institution",
        "federalnoe gosudarstvennoe byudzhetnoe uchrezhdenie",
        "federalnoe gosudarstvennoe byudzhetnoe obrazovatelnoe uchrezhdenie",
        "federalnoe gosudarstvennoe byudzhetnoe nauchnoe uchrezhdenie",
        "federalnoe gosudarstvennoe kazennoe uchrezhdenie",
        "federalnoe gosudarstvennoe avtonomnoe uchrezhdenie",
        "federalnoe kazennoe uchrezhdenie",
    ),
}

_LISTED_LEGAL_FORMS: dict[tuple[str, ...], str] = {
    tuple(text.split()): form for form, texts in _LEGAL_FORM_TEXTS.items() for text in texts
}


def _joined_spellings(words: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    """The words of a legal form written each way some adjacent ones may be run together
    ("jointstock company", "limited liabilitycompany"), as they are among them."""
    for joins in itertools.product((False, True), repeat=len(words) - 1):
        spelled = [words[0]]
        for joined, word in zip(joins, words[1:], strict=True):
            if joined:
                spelled[-1] += word
            else:
                spelled.append(word)
        yield tuple(spelled)


def _spellings(forms: dict[tuple[str, ...], str]) -> dict[tuple[str, ...], str]:
    """``forms``, each also with adjacent words run together."""
    return {spelled: form for words, form in forms.items() for spelled in _joined_spellings(words)}


WORDS_INSIDE_WORDS = frozenset(
    {
        "state",
        "federal",
        "municipal",
        "republican",
        "owned",
        "treasury",
        "enterprise",
        "institution",
        "establishment",
        "educational",
        "scientific",
        "autonomous",
    }
)
"""English words of legal forms that name organisations as often and that many other words
end or start with ("estate", "interstate", "co-owned"): not cut from a word they are run
into ("Interstate Corporation" is not "inter" + "state corporation")."""

_ORDINARY_PHRASE_WORDS = WORDS_INSIDE_WORDS | frozenset(
    {
        "closed",
        "open",
        "public",
        "private",
        "free",
        "zone",
        "federalnoe",
        "gosudarstvennoe",
        "gosudarstvennaya",
        "munitsipalnoe",
        "respublikanskoe",
        "kazennoe",
        "avtonomnoe",
        "nauchnoe",
        "obrazovatelnoe",
        "predpriyatie",
        "uchrezhdenie",
        "derzhavne",
        "pidpryiemstvo",
    }
)
"""Words of legal forms of several words that name organisations as often ("Public Security
Bureau", "Private Equity", "Open Systems", "Islamic State", "Federal Security Service",
"Financial Institution", "Free Zone Authority")."""

_LINKING_WORDS = frozenset({"a", "cu", "de", "mit", "per", "s", "z"})
"""Words that join the words of a legal form ("sociedad de", "gesellschaft mit")."""


def _telling_word(word: str, forms: dict[tuple[str, ...], str]) -> bool:
    """Whether a word of a legal form is neither an ordinary word nor a form on its own."""
    return word not in _ORDINARY_PHRASE_WORDS and (word,) not in forms


def _legal_form_parts(forms: dict[tuple[str, ...], str]) -> dict[tuple[str, ...], str]:
    """The words of each legal form of three or more with some left out ("de cv" of "sa de
    cv", "s rl" of "s de rl", "publichnoe obshchestvo"), to the class of the forms they are
    part of; not those parts of forms of several classes ("limited company"), nor those that
    end with a linking word ("sociedad de" goes on with a name as often) or are made only of
    ordinary words and one-word forms ("open company")."""
    classes: dict[tuple[str, ...], set[str]] = {}
    for phrase, form in forms.items():
        for size in range(2, len(phrase)):
            for kept in itertools.combinations(phrase, size):
                if (
                    kept not in forms
                    and kept[-1] not in _LINKING_WORDS
                    and any(_telling_word(word, forms) for word in kept)
                ):
                    classes.setdefault(kept, set()).add(form)
    return {kept: forms_of.pop() for kept, forms_of in classes.items() if len(forms_of) == 1}


PhrasePositions = dict[str, tuple[tuple[tuple[str, ...], int], ...]]
"""Each word of some legal forms of several words: the forms it is in, with its position."""


def _phrase_positions(forms: dict[tuple[str, ...], str]) -> PhrasePositions:
    """Each word of the forms of several words: the forms it is in, with its position."""
    positions: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for phrase in forms:
        if len(phrase) > 1:
            for word in dict.fromkeys(phrase):
                positions.setdefault(word, []).append((phrase, phrase.index(word)))
    return {word: tuple(found) for word, found in positions.items()}


LEGAL_FORMS = _spellings(_LISTED_LEGAL_FORMS)
"""Legal-form phrases (as word tuples) to their class, each also with adjacent words run
together."""

ORGANIZATION_LEGAL_FORMS = _spellings(_legal_form_parts(_LISTED_LEGAL_FORMS)) | LEGAL_FORMS
"""The legal forms of an organisation's name: :data:`LEGAL_FORMS`, and those of three words
or more written with some left out ("Dispersora Gael, de C.V."), which in a person's name
would be words of it ("Francisco de Sa de Miranda")."""

LONGEST_LEGAL_FORM = max(map(len, LEGAL_FORMS))

LEGAL_FORM_PHRASES = _phrase_positions(LEGAL_FORMS)
"""Each word of a legal form of several words: the phrases it is in, with its position."""

ORGANIZATION_LEGAL_FORM_PHRASES = _phrase_positions(ORGANIZATION_LEGAL_FORMS)
"""The same of :data:`ORGANIZATION_LEGAL_FORMS`."""


def _made_of_ordinary_words(word: str) -> bool:
    """Whether a word is one of :data:`_ORDINARY_PHRASE_WORDS`, or several of them run
    together ("stateowned")."""
    return word in _ORDINARY_PHRASE_WORDS or any(
        word.startswith(first) and _made_of_ordinary_words(word[len(first) :])
        for first in _ORDINARY_PHRASE_WORDS
        if len(first) < len(word)
    )


LEGAL_FORM_WORDS: dict[str, str] = {
    word: classes.pop() if len(classes) == 1 else word
    for word, classes in (
        (word, {LEGAL_FORMS[phrase] for phrase, _ in phrases})
        for word, phrases in LEGAL_FORM_PHRASES.items()
    )
    if len(word) >= 5 and (word,) not in LEGAL_FORMS and not _made_of_ordinary_words(word)
}
"""Words of legal forms of several words that say what an organisation is wherever they
stand ("joint", "obshchestvo", "otvetstvennostyu"), to the class of the forms they are in
(the word itself if more than one): an organisation's name that writes its legal form with
a word left out, or in another order, still has them as legal forms, weighed low."""

NAME_SYLLABLE_FORMS = frozenset(
    {
        "ano",
        "asa",
        "cie",
        "doo",
        "odo",
        "pao",
        "pat",
        "saa",
        "sac",
        "sae",
        "sal",
        "sas",
        "sue",
        "too",
        "tov",
    }
)
"""One-word legal forms that are also given names, surnames or syllables of persons' names
("Asa", "PAO Yu Liang", "Sae Chang", "Lee Doo Hwan", "Pat Smith"): in a person's name they
are words."""

LONG_LEGAL_FORMS: dict[str, str] = {
    phrase[0]: form
    for phrase, form in _LISTED_LEGAL_FORMS.items()
    if len(phrase) == 1 and len(phrase[0]) > 6
}
"""One-word legal forms long enough to be recognised with a typo ("Aktiengeselschaft")."""
