"""Country names and codes as watchlists write them, resolved to ISO 3166-1 alpha-2.

Lists spell countries every way there is: ``Iran (Islamic Republic of)``, ``Korea, North``,
``Burma``, ``Congo, Democratic Republic of the``, ``Syrian Arab Republic``, ``IRQ``, ``iq``,
adjectives such as ``Iraqi``.  :func:`country_code` maps all of them to one lower-case code.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import pycountry

# Spellings used by sanctions lists and payment/passenger messages that ISO 3166 does not
# carry, and codes outside ISO 3166-1 that the lists use.  Keys are normalised (see _key).
_EXTRA_NAMES: dict[str, str] = {
    "burma": "mm",
    "north korea": "kp",
    "korea north": "kp",
    "dprk": "kp",
    "democratic peoples republic of korea": "kp",
    "south korea": "kr",
    "korea south": "kr",
    "republic of korea": "kr",
    "russia": "ru",
    "iran": "ir",
    "syria": "sy",
    "laos": "la",
    "vietnam": "vn",
    "moldova": "md",
    "tanzania": "tz",
    "venezuela": "ve",
    "bolivia": "bo",
    "taiwan": "tw",
    "palestine": "ps",
    "palestinian territories": "ps",
    "occupied palestinian territory": "ps",
    "west bank": "ps",
    "gaza": "ps",
    "gaza strip": "ps",
    "democratic republic of the congo": "cd",
    "congo democratic republic of the": "cd",
    "congo democratic republic": "cd",
    "congo kinshasa": "cd",
    "drc": "cd",
    "zaire": "cd",
    "republic of the congo": "cg",
    "congo republic of the": "cg",
    "congo brazzaville": "cg",
    "ivory coast": "ci",
    "cote divoire": "ci",
    "cote d ivoire": "ci",
    "north macedonia the republic of": "mk",
    "st kitts nevis": "kn",
    "cape verde": "cv",
    "czech republic": "cz",
    "turkey": "tr",
    "swaziland": "sz",
    "macedonia": "mk",
    "the former yugoslav republic of macedonia": "mk",
    "holy see": "va",
    "vatican": "va",
    "brunei": "bn",
    "micronesia": "fm",
    "united states": "us",
    "usa": "us",
    "us": "us",
    "united states of america": "us",
    "uk": "gb",
    "great britain": "gb",
    "united kingdom": "gb",
    "england": "gb",
    "scotland": "gb",
    "wales": "gb",
    "northern ireland": "gb",
    "kosovo": "xk",
    "netherlands antilles": "an",
    "serbia and montenegro": "cs",
    "yugoslavia": "yu",
    "federal republic of yugoslavia": "yu",
    "soviet union": "su",
    "ussr": "su",
    "east timor": "tl",
    "the gambia": "gm",
    "gambia the": "gm",
    "the bahamas": "bs",
    "bahamas the": "bs",
    "the netherlands": "nl",
    "sudan south": "ss",
    "st kitts and nevis": "kn",
    "st lucia": "lc",
    "st vincent and the grenadines": "vc",
    "region crimea": "ua",
    "crimea": "ua",
    "sint maarten": "sx",
    "curacao": "cw",
    "hong kong": "hk",
    "macau": "mo",
    "macao": "mo",
}

# Nationality adjectives as the lists write them ("nationality Iraqi").
_DEMONYMS: dict[str, str] = {
    "afghan": "af",
    "algerian": "dz",
    "american": "us",
    "azerbaijani": "az",
    "bahraini": "bh",
    "bangladeshi": "bd",
    "belarusian": "by",
    "belgian": "be",
    "bosnian": "ba",
    "british": "gb",
    "burmese": "mm",
    "canadian": "ca",
    "chadian": "td",
    "chinese": "cn",
    "colombian": "co",
    "congolese": "cd",
    "cuban": "cu",
    "danish": "dk",
    "dutch": "nl",
    "egyptian": "eg",
    "emirati": "ae",
    "eritrean": "er",
    "ethiopian": "et",
    "french": "fr",
    "german": "de",
    "indian": "in",
    "indonesian": "id",
    "iranian": "ir",
    "iraqi": "iq",
    "israeli": "il",
    "italian": "it",
    "jordanian": "jo",
    "kazakh": "kz",
    "kenyan": "ke",
    "korean": "kp",
    "kuwaiti": "kw",
    "kyrgyz": "kg",
    "lebanese": "lb",
    "libyan": "ly",
    "malaysian": "my",
    "malian": "ml",
    "mauritanian": "mr",
    "mexican": "mx",
    "moroccan": "ma",
    "nigerian": "ng",
    "nigerien": "ne",
    "north korean": "kp",
    "omani": "om",
    "pakistani": "pk",
    "palestinian": "ps",
    "filipino": "ph",
    "qatari": "qa",
    "russian": "ru",
    "rwandan": "rw",
    "saudi": "sa",
    "saudi arabian": "sa",
    "somali": "so",
    "south sudanese": "ss",
    "spanish": "es",
    "sudanese": "sd",
    "swedish": "se",
    "swiss": "ch",
    "syrian": "sy",
    "tajik": "tj",
    "tunisian": "tn",
    "turkish": "tr",
    "turkmen": "tm",
    "ugandan": "ug",
    "ukrainian": "ua",
    "uzbek": "uz",
    "venezuelan": "ve",
    "yemeni": "ye",
    "zimbabwean": "zw",
}

_NON_ISO_CODES = {"xk", "an", "cs", "yu", "su"}


def _key(text: str) -> str:
    """Lower case, accents and punctuation removed, words single-spaced."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    ascii_text = re.sub(r"['’`.]", "", ascii_text.lower())
    return " ".join(re.sub(r"[^a-z0-9]+", " ", ascii_text).split())


@cache
def _name_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for country in pycountry.countries:
        code = country.alpha_2.lower()
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                table[_key(value)] = code
    for country in pycountry.historic_countries:
        table.setdefault(_key(country.name), country.alpha_2.lower())
    table.update(_EXTRA_NAMES)
    return table


@cache
def _alpha3_table() -> dict[str, str]:
    return {c.alpha_3.lower(): c.alpha_2.lower() for c in pycountry.countries}


@cache
def country_code(text: str | None) -> str | None:
    """The lower-case ISO 3166-1 alpha-2 code for a country name, code or adjective.

    Returns None when ``text`` does not name exactly one country.
    """
    if not text:
        return None
    key = _key(text)
    if not key:
        return None
    if len(key) == 2 and key.isalpha():
        return key if pycountry.countries.get(alpha_2=key) or key in _NON_ISO_CODES else None
    if len(key) == 3 and key.isalpha() and key in _alpha3_table():
        return _alpha3_table()[key]
    table = _name_table()
    for candidate in _spelling_variants(text):
        if candidate in table:
            return table[candidate]
        if candidate in _DEMONYMS:
            return _DEMONYMS[candidate]
    return None


def _spelling_variants(text: str) -> list[str]:
    """Normalised ``text`` plus the forms lists commonly rearrange it into."""
    key = _key(text)
    variants = [key]
    # "Iran, Islamic Republic of" -> "islamic republic of iran"
    words = key.split()
    if words and words[-1] in {"of", "the"}:
        variants.extend(" ".join(words[cut:] + words[:cut]) for cut in range(1, len(words)))
    # "Iran (Islamic Republic of)" -> "iran", "islamic republic of"
    if "(" in text:
        variants.append(_key(re.sub(r"\(.*?\)", " ", text)))
        variants.extend(_key(inner) for inner in re.findall(r"\((.*?)\)", text))
    if key.startswith("the "):
        variants.append(key[4:])
    return variants


def country_or_text(text: str | None) -> str | None:
    """The country code for ``text`` if it resolves, else the cleaned text itself."""
    if text is None:
        return None
    cleaned = " ".join(text.split())
    if not cleaned:
        return None
    return country_code(cleaned) or cleaned
