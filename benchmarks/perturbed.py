"""Perturbed list entries: how often a listed person or organisation is found when its name
is written with a typo, a word dropped or joined, its words turned around, a common given
name respelled, its legal form written another way, or cut short by a field of 35
characters.

    .venv/bin/python benchmarks/perturbed.py [--entities 2500] [--examples 5] [--db DIR]

The primary names of a sample of the listed persons and organisations of every list in
``../shared/data/lists`` (fixed seed) are each changed in one way and screened, with nothing
but the name and the schema, against all the lists together (the current version of each,
imported into a temporary store, or ``--db DIR`` kept and reused).  Printed: by change and
schema, the share whose entry is among the hits at the default threshold (the first 100),
and a few misses.
"""

from __future__ import annotations

import argparse
import random
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from candidate_recall import current_entities

from watchkeeper.model import Entity, Query, Schema
from watchkeeper.screening import Screener, open_index
from watchkeeper.store import Store

SEED = 3
FIELD_WIDTH = 35
"""Characters of a SWIFT MT or EDIFACT line, where systems cut longer names."""
HITS_LOOKED_AT = 100
"""Hits looked at for the entry: a name listed by several lists, or as an alias of several
entries, scores the same against each, so the default limit of 10 may leave it out."""
SCHEMAS = (Schema.PERSON, Schema.ORGANIZATION)
RESPELLINGS = (
    "mohammed muhammad mohamed mohammad muhammed mohamad mohd",
    "ahmed ahmad achmad",
    "abdullah abdulla abdallah abdalla abdollah",
    "hussein husain hussain husayn hossein",
    "hassan hasan",
    "yusuf yousef youssef yusef yousuf",
    "ibrahim ebrahim ibraheem",
    "mustafa mostafa moustafa mustapha",
    "khaled khalid",
    "omar umar omer",
    "osama usama usamah",
    "abdelrahman abdulrahman abdurrahman abderrahmane",
    "abdelaziz abdulaziz",
    "suleiman sulaiman sulayman suleyman",
    "mahmoud mahmud mahmood",
    "jamal gamal djamal",
    "faisal faysal feisal",
    "qasim kasim qassem",
    "nasser nasir naser",
    "rashid rasheed rachid",
    "walid waleed",
    "tariq tarek tarik",
    "haji hajji hadji",
    "sheikh shaykh shaikh cheikh",
)
"""Spellings of common given names and titles of the Arabic-speaking and Muslim world, as
other governments, banks and airlines write them."""
_RESPELT = {
    spelling: [other for other in group.split() if other != spelling]
    for group in RESPELLINGS
    for spelling in group.split()
}

LEGAL_FORM_SPELLINGS = (
    "LLC|LIMITED LIABILITY COMPANY|OOO|OBSHCHESTVO S OGRANICHENNOY OTVETSTVENNOSTYU",
    "LTD|LIMITED",
    "JSC|JOINT STOCK COMPANY|AO|AKTSIONERNOE OBSHCHESTVO",
    "OJSC|OPEN JOINT STOCK COMPANY|OAO|OTKRYTOE AKTSIONERNOE OBSHCHESTVO",
    "CJSC|CLOSED JOINT STOCK COMPANY|ZAO|ZAKRYTOE AKTSIONERNOE OBSHCHESTVO",
    "PJSC|PUBLIC JOINT STOCK COMPANY|PAO|PUBLICHNOE AKTSIONERNOE OBSHCHESTVO",
    "FGUP|FSUE|FEDERAL STATE UNITARY ENTERPRISE|FEDERALNOE GOSUDARSTVENNOE UNITARNOE PREDPRIYATIE",
    "GUP|STATE UNITARY ENTERPRISE|GOSUDARSTVENNOE UNITARNOE PREDPRIYATIE",
    "FGBU|FEDERAL STATE BUDGETARY INSTITUTION|FEDERALNOE GOSUDARSTVENNOE BYUDZHETNOE UCHREZHDENIE",
    "TOV|TOVARYSTVO Z OBMEZHENOYU VIDPOVIDALNISTYU",
    "GMBH|GESELLSCHAFT MIT BESCHRANKTER HAFTUNG",
    "SA|SOCIEDAD ANONIMA|SOCIETE ANONYME",
    "SRL|SOCIETA A RESPONSABILITA LIMITATA",
    "SARL|SOCIETE A RESPONSABILITE LIMITEE",
    "SP Z OO|SPOLKA Z OGRANICZONA ODPOWIEDZIALNOSCIA",
    "DOO|DRUSTVO S OGRANICENOM ODGOVORNOSCU",
    "LTD STI|LIMITED SIRKETI",
    "SDN BHD|SENDIRIAN BERHAD",
    "FZE|FREE ZONE ESTABLISHMENT",
    "FZCO|FREE ZONE COMPANY",
    "PJS|PRIVATE JOINT STOCK COMPANY|SAHAMI KHAS",
    "CO|COMPANY",
    "CORP|CORPORATION",
    "STATE CORPORATION|GOSKORPORATSIYA|GOSUDARSTVENNAYA KORPORATSIYA",
    "INC|INCORPORATED",
)
"""Spellings of one legal form each: abbreviated, written out in English, and romanised
from the language of the country whose companies bear it."""
_LEGAL_FORMS = [
    (tuple(spelling.split()), group.split("|")[0], [o for o in group.split("|") if o != spelling])
    for group in LEGAL_FORM_SPELLINGS
    for spelling in group.split("|")
]
"""Each spelling as words, the form it spells (its group's first spelling), and the other
spellings of that form."""

Change = Callable[[list[str], random.Random], list[str] | None]


def _typo(word: str, rng: random.Random) -> str:
    """One letter deleted, inserted, replaced, or swapped with the next (not the first)."""
    at = rng.randrange(1, len(word) - 1)
    letter = rng.choice("aeioulnrst")
    return rng.choice(
        (
            word[:at] + word[at + 1 :],
            word[:at] + letter + word[at:],
            word[:at] + letter + word[at + 1 :],
            word[:at] + word[at + 1] + word[at] + word[at + 2 :],
        )
    )


def typo(words: list[str], rng: random.Random) -> list[str] | None:
    """A typo in one word of five letters or more."""
    return _typos(words, rng, 1)


def two_typos(words: list[str], rng: random.Random) -> list[str] | None:
    """A typo in each of two words of five letters or more."""
    return _typos(words, rng, 2)


def _typos(words: list[str], rng: random.Random, count: int) -> list[str] | None:
    """A typo in each of ``count`` words of five letters or more (None: too few)."""
    long = [position for position, word in enumerate(words) if len(word) >= 5]
    if len(long) < count:
        return None
    changed = list(words)
    for position in rng.sample(long, count):
        changed[position] = _typo(changed[position], rng)
    return changed


def dropped(words: list[str], rng: random.Random) -> list[str] | None:
    """A word other than the first and last left out (names of three words or more)."""
    if len(words) < 3:
        return None
    position = rng.randrange(1, len(words) - 1)
    return words[:position] + words[position + 1 :]


def joined(words: list[str], rng: random.Random) -> list[str] | None:
    """Two adjacent words written as one."""
    if len(words) < 2:
        return None
    position = rng.randrange(len(words) - 1)
    return [*words[:position], words[position] + words[position + 1], *words[position + 2 :]]


def turned(words: list[str], rng: random.Random) -> list[str] | None:
    """The words in the opposite order, without the comma of "SURNAME, Given"."""
    bare = [word.strip(",") for word in words]
    return bare[::-1] if len(bare) > 1 else None


def cut_short(words: list[str], rng: random.Random) -> list[str] | None:
    """The name cut after :data:`FIELD_WIDTH` characters, as a message field cuts a longer
    one (names longer than that)."""
    text = " ".join(words)
    return text[:FIELD_WIDTH].split() if len(text) > FIELD_WIDTH else None


def respelled(words: list[str], rng: random.Random) -> list[str] | None:
    """One common given name or title respelled (:data:`RESPELLINGS`)."""
    known = [position for position, word in enumerate(words) if word.lower().strip(",") in _RESPELT]
    if not known:
        return None
    position = rng.choice(known)
    word = words[position]
    other = rng.choice(_RESPELT[word.lower().strip(",")])
    other = other.upper() if word.isupper() else other.capitalize()
    return [*words[:position], other + ("," if word.endswith(",") else ""), *words[position + 1 :]]


def legal_form_otherwise(words: list[str]) -> tuple[str, list[str]] | None:
    """The first legal form of :data:`LEGAL_FORM_SPELLINGS` the name holds (its longest
    spelling there), and the name with it written another way of them, drawn by the name
    itself."""
    bare = [word.replace(".", "").strip(",").upper() for word in words]
    for start in range(len(words)):
        found = [
            (spelling, form, others)
            for spelling, form, others in _LEGAL_FORMS
            if tuple(bare[start : start + len(spelling)]) == spelling
        ]
        if found:
            spelling, form, others = max(found, key=lambda item: len(item[0]))
            end = start + len(spelling)
            comma = "," if words[end - 1].endswith(",") else ""
            other = random.Random(" ".join(words)).choice(others) + comma
            return form, [*words[:start], *other.split(), *words[end:]]
    return None


def legal_form(words: list[str], rng: random.Random) -> list[str] | None:
    """:func:`legal_form_otherwise` (``rng`` is left as it is, so that the other changes
    draw what they drew before this one was added)."""
    found = legal_form_otherwise(words)
    return found[1] if found else None


CHANGES: dict[str, Change] = {
    "typo": typo,
    "two typos": two_typos,
    "word dropped": dropped,
    "words joined": joined,
    "order turned": turned,
    "respelled": respelled,
    "legal form": legal_form,
    "cut short": cut_short,
}


class Case(NamedTuple):
    """A listed name changed: what it is counted under, the entry, the name, and the query
    with its schema."""

    key: tuple[str, ...]
    entity_id: str
    listed: str
    text: str
    schema: Schema


class Found(NamedTuple):
    """By key: the changed names whose entry is among the hits, and all of them; and the
    cases missed, in order."""

    found: Counter[tuple[str, ...]]
    total: Counter[tuple[str, ...]]
    misses: list[Case]


@contextmanager
def listed_screener(db: Path | None) -> Iterator[tuple[list[Entity], Screener]]:
    """Every listed entity of the current lists and a screener on them: of the store at
    ``db`` (importing the lists into it if it has none), else of a temporary store."""
    with tempfile.TemporaryDirectory() as scratch:
        home = db or Path(scratch) / "home"
        entities, _ = current_entities(home)
        yield entities, Screener(open_index(Store(home)))


def screen_cases(screener: Screener, cases: Sequence[Case]) -> Found:
    """Screen each case's query and count, by key, those whose entry is among the first
    :data:`HITS_LOOKED_AT` hits."""
    queries = [Query(f"q{n}", [case.text], case.schema) for n, case in enumerate(cases)]
    results = screener.screen_many(queries, limit=HITS_LOOKED_AT)
    outcome = Found(Counter(), Counter(), [])
    for case, hits in zip(cases, results, strict=True):
        outcome.total[case.key] += 1
        if any(hit.entity.id == case.entity_id for hit in hits):
            outcome.found[case.key] += 1
        else:
            outcome.misses.append(case)
    return outcome


def print_misses(misses: Sequence[Case], examples: int) -> None:
    for case in misses[:examples]:
        print(f"      miss {case.text!r} ~ {case.listed!r}")


def report(entities: list[Entity], screener: Screener, size: int, examples: int) -> None:
    """Screen the changed names of a sample of ``size`` entities; print what was found."""
    rng = random.Random(SEED)
    listed = [entity for entity in entities if entity.schema in SCHEMAS]
    sample = rng.sample(listed, min(size, len(listed)))
    cases: list[Case] = []
    for entity in sample:
        words = entity.names[0].full.split()
        for name, change in CHANGES.items():
            changed = change(words, rng)
            if changed is not None:
                key = (name, entity.schema.value)
                text = " ".join(changed)
                cases.append(Case(key, entity.id, entity.names[0].full, text, entity.schema))
    found, total, misses = screen_cases(screener, cases)
    print(f"{len(sample)} listed entities sampled, {len(cases)} changed names screened")
    for name in CHANGES:
        shares = []
        for schema in SCHEMAS:
            key = (name, schema.value)
            if total[key]:
                share = found[key] / total[key]
                shares.append(f"{schema.value} {share:.1%} ({found[key]} of {total[key]})")
        print(f"  {name:13s} " + "; ".join(shares))
        print_misses([case for case in misses if case.key[0] == name], examples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entities", type=int, default=2500, help="listed entities sampled")
    parser.add_argument("--examples", type=int, default=5, help="misses to print per change")
    parser.add_argument("--db", type=Path, help="store to use (and keep)")
    args = parser.parse_args()
    with listed_screener(args.db) as (entities, screener):
        report(entities, screener, args.entities, args.examples)


if __name__ == "__main__":
    main()
